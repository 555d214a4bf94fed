import type PgBoss from "pg-boss";
import { sql } from "kysely";
import { connection, type Database } from "./db.server";
import { bossDb, JOB_SCHEMA, newBoss } from "../../db/jobs-schema";

/**
 * Background jobs (decision 0032): pg-boss on PostgreSQL, the same library over the embedded PGlite
 * (it runs there through our one connection), behind this small interface.
 *
 *   registerJob("email.send", async (data) => { ... }, "* * * * *");   // module top level
 *   await enqueue(trx, "email.send", { id });                          // inside the caller's transaction
 *
 * - `enqueue` writes the job in the caller's transaction: it exists exactly when the change commits.
 * - A schedule (cron, Tehran time) makes pg-boss send the job once per slot across all instances.
 * - `startJobs()` (server.mjs, after boot) starts workers for every registered job unless JOBS=off
 *   (a web-only instance when a separate worker process runs them); `stopJobs()` finishes the jobs in
 *   flight. Tests call handlers with `runJobNow`.
 */
export type JobHandler = (data: Record<string, unknown>) => Promise<unknown>;
interface JobDef {
  name: string;
  handler: JobHandler;
  schedule?: string;
  /** Also send the job once this many seconds after the workers start (work a restart left behind). */
  afterStartSeconds?: number;
}

const registry = new Map<string, JobDef>();
const QUEUE_LOCK = 7_240_119;
const g = globalThis as { __portalBoss?: PgBoss; __portalQueues?: Set<string>; __portalJobsStopping?: boolean };
const queues = (g.__portalQueues ??= new Set());

/** Registers a job handler (and optionally a cron schedule) under a name like "cases.followups". */
export function registerJob(name: string, handler: JobHandler, schedule?: string, opts: { afterStartSeconds?: number } = {}) {
  registry.set(name, { name, handler, schedule, ...opts });
}

/**
 * True once this process is shutting down: a long job (one that works in steps, each its own
 * transaction) returns after its current step and leaves the rest to be resumed.
 */
export function jobsStopping() {
  return g.__portalJobsStopping === true;
}

export function registeredJobs(): readonly JobDef[] {
  return [...registry.values()];
}

/**
 * Creates the job's queue if it is missing (pg-boss's own idempotent function), through `db`. A
 * queue created inside a transaction that rolls back is gone again, so the cache only learns of
 * queues a plain read found; enqueue checks that its job row was written either way.
 */
async function ensureQueue(db: Database, name: string) {
  if (queues.has(name)) return;
  const found = await sql`SELECT 1 FROM ${sql.raw(JOB_SCHEMA)}.queue WHERE name = ${name}`.execute(db);
  if (found.rows.length) {
    queues.add(name);
    return;
  }
  // Creating a queue creates and attaches a partition: two instances doing it at once deadlock, so
  // they take turns (a transaction-scoped advisory lock; callers pass a transaction).
  await sql`SELECT pg_advisory_xact_lock(${QUEUE_LOCK})`.execute(db);
  await sql`SELECT ${sql.raw(JOB_SCHEMA)}.create_queue(${name}, ${JSON.stringify({ policy: "standard", retryLimit: 3, retryDelay: 30, retryBackoff: true })}::json)`.execute(db);
}

/** Adds a job in the caller's transaction (it runs only if that transaction commits). */
export async function enqueue(trx: Database, name: string, data: Record<string, unknown> = {}, opts: { startAfterSeconds?: number } = {}) {
  if (!registry.has(name)) throw new Error(`enqueue: unknown job ${name}`);
  const send = () =>
    newBoss(trx).send(name, data, { db: bossDb(trx) as never, ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}) });
  await ensureQueue(trx, name);
  if (await send()) return;
  // The cached queue was not there after all (a test database, a dropped schema): create it, once more.
  queues.delete(name);
  await ensureQueue(trx, name);
  if (!(await send())) throw new Error(`enqueue: job ${name} was not written`);
}

/** Runs a registered job's handler now, in this process (tests, the admin's "send now"). */
export async function runJobNow(name: string, data: Record<string, unknown> = {}) {
  const def = registry.get(name);
  if (!def) throw new Error(`runJobNow: unknown job ${name}`);
  return def.handler(data);
}

export function jobsEnabled() {
  return process.env.JOBS !== "off";
}

/** Starts the workers and schedules of every registered job (unless JOBS=off). Idempotent. */
export async function startJobs(log: (m: string) => void = console.log, modules: string[] = []) {
  if (!jobsEnabled() || g.__portalBoss) return;
  g.__portalJobsStopping = false;
  const conn = await connection();
  const boss = newBoss(conn.db, { schedule: true, supervise: true });
  boss.on("error", (e: unknown) => log(`jobs: ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  g.__portalBoss = boss;
  const polling = Number(process.env.JOBS_POLL_SECONDS || (conn.kind === "pglite" ? 5 : 2));
  for (const def of registry.values()) {
    await conn.db.transaction().execute((trx) => ensureQueue(trx, def.name));
    if (def.schedule) await boss.schedule(def.name, def.schedule, {}, { tz: "Asia/Tehran" });
    else await boss.unschedule(def.name).catch(() => {});
    await boss.work(def.name, { pollingIntervalSeconds: polling, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await def.handler((job.data ?? {}) as Record<string, unknown>);
    });
  }
  for (const def of registry.values()) {
    if (def.afterStartSeconds == null) continue;
    await conn.db.transaction().execute((trx) => enqueue(trx, def.name, {}, { startAfterSeconds: def.afterStartSeconds }));
  }
  log(`jobs: ${registry.size} registered${modules.length ? ` from ${modules.length} modules` : ""}, workers running (${conn.kind})`);
}

/** Stops taking jobs and waits for the ones in flight (SIGTERM). */
export async function stopJobs() {
  const boss = g.__portalBoss;
  if (!boss) return;
  g.__portalBoss = undefined;
  g.__portalJobsStopping = true;
  await boss.stop({ graceful: true, wait: true, close: false, timeout: 20_000 });
}
