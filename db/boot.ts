import { sql, type Kysely } from "kysely";
import { migrateToLatest } from "./migrate";
import { seedReference } from "./seeds/reference";
import { seedDemo } from "./seeds/demo";

/**
 * Runs at every start: migrations, then reference data. In the embedded evaluation mode
 * (no DATABASE_URL) the demo province is loaded too, once (the `demo_seeded` setting), so a fresh
 * clone has logins and a living dashboard; `demo: false` (DEMO_DATA=off) starts without it.
 */
export async function boot(db: Kysely<any>, opts: { embedded: boolean; demo?: boolean; log?: (m: string) => void }) {
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
}
