import { sql } from "kysely";
import type { Database } from "./db.server";

export const WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts hits in PostgreSQL so every app process shares the limit. `limit` hits are allowed in
 * the window; the next is refused. Returns true when the caller is over the limit.
 */
export async function isLimited(db: Database, bucket: string, keys: string[], limit: number): Promise<boolean> {
  if (keys.length === 0) return false;
  const rows = await db
    .selectFrom("rate_limit_hits")
    .select(["key", sql<number>`count(*)::int`.as("n")])
    .where("bucket", "=", bucket)
    .where("key", "in", keys)
    .where("at", ">", sql<Date>`now() - make_interval(secs => ${WINDOW_MS / 1000})`)
    .groupBy("key")
    .execute();
  return rows.some((r) => r.n >= limit);
}

export async function recordHit(db: Database, bucket: string, keys: string[]) {
  if (keys.length === 0) return;
  await db.insertInto("rate_limit_hits").values(keys.map((key) => ({ bucket, key }))).execute();
  // Opportunistic clean-up keeps the table small without a scheduler.
  if (Math.random() < 0.01) {
    await db.deleteFrom("rate_limit_hits").where("at", "<", sql<Date>`now() - interval '1 day'`).execute();
  }
}

export async function clearHits(db: Database, bucket: string, key: string) {
  await db.deleteFrom("rate_limit_hits").where("bucket", "=", bucket).where("key", "=", key).execute();
}
