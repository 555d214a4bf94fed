import PgBoss from "pg-boss";
import { CompiledQuery, type Kysely } from "kysely";

// pg-boss (decision 0032) keeps its queue in its own schema. It runs over our own Kysely connection
// (real PostgreSQL or the embedded PGlite alike), so there is one pool and one code path; this adapter
// is the only thing pg-boss sees of the database.

export const JOB_SCHEMA = "pgboss";

/** pg-boss's `db` option: every statement through the given Kysely handle (a pool or a transaction). */
export function bossDb(db: Kysely<any>) {
  return {
    executeSql: async (text: string, values?: unknown[]) => db.executeQuery(CompiledQuery.raw(text, (values ?? []) as unknown[])),
  };
}

export function newBoss(db: Kysely<any>, opts: { schedule?: boolean; supervise?: boolean } = {}) {
  // How often an instance checks whether a cron slot is due (pg-boss: 1-45 s, default 30); the tests
  // that watch a scheduled job shorten it.
  const cron = Number(process.env.JOBS_CRON_MONITOR_SECONDS) || undefined;
  return new PgBoss({
    db: bossDb(db) as never,
    schema: JOB_SCHEMA,
    schedule: opts.schedule ?? false,
    supervise: opts.supervise ?? false,
    migrate: true,
    ...(cron ? { cronMonitorIntervalSeconds: cron, cronWorkerIntervalSeconds: cron } : {}),
  });
}

/**
 * Installs (or migrates) pg-boss's schema, once, under pg-boss's own advisory lock: at boot and in
 * the test template. Starting and stopping a boss without workers does exactly that.
 */
export async function installJobSchema(db: Kysely<any>) {
  const boss = newBoss(db);
  boss.on("error", (e) => console.error(`jobs: ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  await boss.stop({ graceful: false, wait: true, close: false });
}
