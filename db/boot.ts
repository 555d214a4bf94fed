import { sql, type Kysely } from "kysely";
import { migrateToLatest } from "./migrate";
import { seedReference } from "./seeds/reference";
import { seedDemo } from "./seeds/demo";
import { installJobSchema } from "./jobs-schema";

/**
 * Runs at every start: migrations, then reference data. In the embedded evaluation mode
 * (no DATABASE_URL) the demo province is loaded too, once (the `demo_seeded` setting), so a fresh
 * clone has logins and a living dashboard; `demo: false` (DEMO_DATA=off) starts without it.
 */
export async function boot(pool: Kysely<any>, opts: { embedded: boolean; demo?: boolean; log?: (m: string) => void }) {
  // Several instances starting together on one database take turns: migrations, reference and demo
  // seeds and pg-boss's schema run under one PostgreSQL advisory lock held on one connection, so the
  // second instance finds everything done (every seed is idempotent by a unique key besides).
  await pool.connection().execute(async (db) => {
    await sql`SELECT pg_advisory_lock(${BOOT_LOCK})`.execute(db);
    try {
      await bootLocked(db, opts);
    } finally {
      await sql`SELECT pg_advisory_unlock(${BOOT_LOCK})`.execute(db);
    }
  });
}

/** The advisory lock key of boot (any constant unique to this application). */
export const BOOT_LOCK = 7_240_118;

async function bootLocked(db: Kysely<any>, opts: { embedded: boolean; demo?: boolean; log?: (m: string) => void }) {
  const results = await migrateToLatest(db);
  for (const r of results) opts.log?.(`migration ${r.migrationName}: ${r.status}`);
  await seedReference(db);
  if (opts.embedded && opts.demo !== false) {
    const done = await db.selectFrom("settings").select("key").where("key", "=", "demo_seeded").executeTakeFirst();
    if (!done) {
      const t0 = performance.now();
      await seedDemo(db, { log: opts.log });
      await db.insertInto("settings").values({ key: "demo_seeded", value: sql`'true'::jsonb` }).execute();
      opts.log?.(`demo data loaded in ${Math.round(performance.now() - t0)} ms (embedded evaluation mode; DEMO_DATA=off starts without it)`);
    }
  }
  await installJobSchema(db);
}
