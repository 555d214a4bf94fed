import { sql } from "kysely";
import type { Database } from "./db.server";

// Rate limits live in PostgreSQL (table rate_limits), so every app process shares them. Each limit
// is a token bucket: `capacity` tokens, refilled at `perSecond`; an attempt takes one token or is
// refused. Taking is ONE statement (INSERT ... ON CONFLICT DO UPDATE): the row lock serialises
// concurrent takes, so however many requests arrive at once no more than the tokens left are
// granted (decision 0002). What the attempt turned out to be decides whether the token is given
// back (a successful login gives its tokens back; a failed one keeps them spent).

export interface Limit {
  /** Attempts allowed at once (the burst). */
  capacity: number;
  /** Tokens refilled per second. */
  perSecond: number;
}

/** `capacity` attempts, refilled in full over `windowMs` (e.g. 10 per 15 minutes). */
export const perWindow = (capacity: number, windowMs: number): Limit => ({ capacity, perSecond: capacity / (windowMs / 1000) });

export type Take = { granted: true } | { granted: false; retryAfter: number };

/** Takes one token from `bucket`/`key`, atomically. Refused: how many seconds until one is back. */
export async function takeToken(db: Database, bucket: string, key: string, limit: Limit): Promise<Take> {
  // Refilled tokens at this moment; `greatest(0, ...)` because a statement that started earlier can
  // get the row lock after one that started later (now() is the statement's start).
  const refilled = sql<number>`least(${limit.capacity}::float8, rate_limits.tokens + greatest(0, extract(epoch from (now() - rate_limits.at))) * ${limit.perSecond}::float8)`;
  const row = await db
    .insertInto("rate_limits")
    .values({ bucket, key: key.slice(0, 300), tokens: limit.capacity - 1, granted: true })
    .onConflict((oc) =>
      oc.columns(["bucket", "key"]).doUpdateSet({
        tokens: sql`case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end`,
        at: sql`greatest(rate_limits.at, now())`,
        granted: sql`${refilled} >= 1`,
      }),
    )
    .returning(["granted", "tokens"])
    .executeTakeFirstOrThrow();
  if (Math.random() < 0.01) await sweep(db);
  if (row.granted) return { granted: true };
  return { granted: false, retryAfter: Math.max(1, Math.ceil((1 - row.tokens) / limit.perSecond)) };
}

/** Gives a token back (the attempt it paid for did not count: a successful login). */
export async function giveBack(db: Database, bucket: string, key: string, limit: Limit) {
  await db
    .updateTable("rate_limits")
    .set({ tokens: sql`least(${limit.capacity}::float8, tokens + 1)` })
    .where("bucket", "=", bucket)
    .where("key", "=", key.slice(0, 300))
    .execute();
}

/** Takes a token from each bucket in order; when one refuses, the tokens already taken go back. */
export async function takeAll(db: Database, takes: readonly { bucket: string; key: string; limit: Limit }[]): Promise<Take> {
  for (let i = 0; i < takes.length; i++) {
    const t = takes[i];
    const got = await takeToken(db, t.bucket, t.key, t.limit);
    if (!got.granted) {
      for (const back of takes.slice(0, i)) await giveBack(db, back.bucket, back.key, back.limit);
      return got;
    }
  }
  return { granted: true };
}

// Rows whose bucket has been full for a day are noise; opportunistic clean-up, no scheduler needed.
async function sweep(db: Database) {
  await db.deleteFrom("rate_limits").where("at", "<", sql<Date>`now() - interval '1 day'`).execute();
}
