import pg from "pg";
import { sql } from "kysely";
import type { Database } from "./db.server";
import { dropAll, dropTag } from "./memo.server";

/**
 * Several instances, one PostgreSQL (decision 0033): a change drops the cached read models of its tag
 * in every instance. writeAudit announces the tag with pg_notify inside the changing transaction;
 * PostgreSQL delivers a NOTIFY only when that transaction commits (and never when it rolls back), so
 * each instance, LISTENing on its own connection, drops the tag after the change is visible. A lost
 * listening connection reconnects and drops everything (it may have missed announcements).
 */
const CHANNEL = "portal_memo";
const g = globalThis as { __portalCacheBus?: { client: pg.Client | null; stopped: boolean } };

export function cacheBusRunning() {
  return !!g.__portalCacheBus && !g.__portalCacheBus.stopped;
}

/** In the writer's transaction: every instance drops `tag` once it commits. */
export async function announce(db: Database, tag: string) {
  if (!cacheBusRunning()) return;
  await sql`SELECT pg_notify(${CHANNEL}, ${tag.slice(0, 200)})`.execute(db);
}

/** LISTENs for announcements (real PostgreSQL only; one process on the embedded database needs none). */
export async function startCacheBus(databaseUrl: string, log: (m: string) => void = console.log) {
  if (g.__portalCacheBus) return;
  const state: { client: pg.Client | null; stopped: boolean } = { client: null, stopped: false };
  g.__portalCacheBus = state;
  const connectOnce = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on("notification", (n) => {
      if (n.channel === CHANNEL && n.payload) dropTag(n.payload, { committed: true });
    });
    client.on("error", () => {});
    client.on("end", () => {
      if (state.stopped) return;
      state.client = null;
      setTimeout(() => void reconnect(), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    state.client = client;
  };
  const reconnect = async () => {
    if (state.stopped) return;
    try {
      await connectOnce();
      dropAll();
      log("cache bus: listening again");
    } catch {
      setTimeout(() => void reconnect(), 2000).unref();
    }
  };
  await connectOnce();
}

export async function stopCacheBus() {
  const state = g.__portalCacheBus;
  if (!state) return;
  state.stopped = true;
  g.__portalCacheBus = undefined;
  await state.client?.end().catch(() => {});
}
