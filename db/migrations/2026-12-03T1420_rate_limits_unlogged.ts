import { sql, type Kysely } from "kysely";

// Rate-limit buckets (app/lib/rate-limit.server.ts) are written on every login, signup, search and
// export. As a logged table each take wrote WAL and its commit waited for the WAL flush while holding
// the bucket's row lock, so ten searches by one user queued behind each other's disk flushes (0.9 ms of
// lock wait per search on the benchmark, 0.17 ms unlogged). The buckets are ephemeral: after a crash
// PostgreSQL empties an unlogged table, which only refills every bucket early. Decision 0061.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE rate_limits SET UNLOGGED`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE rate_limits SET LOGGED`.execute(db);
}
