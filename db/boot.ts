import { sql, type Kysely } from "kysely";
import { migrateToLatest } from "./migrate";
import { seedReference } from "./seeds/reference";
import { seedDemo } from "./seeds/demo";

/**
 * Runs at every start: migrations, then reference data. In the embedded evaluation mode
 * (no DATABASE_URL) the demo users are loaded too, once, so a fresh clone has logins.
 */
export async function boot(db: Kysely<any>, opts: { embedded: boolean; log?: (m: string) => void }) {
  const results = await migrateToLatest(db);
  for (const r of results) opts.log?.(`migration ${r.migrationName}: ${r.status}`);
  await seedReference(db);
  if (opts.embedded) {
    const done = await db.selectFrom("settings").select("key").where("key", "=", "demo_seeded").executeTakeFirst();
    if (!done) {
      await seedDemo(db);
      await db.insertInto("settings").values({ key: "demo_seeded", value: sql`'true'::jsonb` }).execute();
      opts.log?.("demo data loaded (embedded evaluation mode)");
    }
  }
}
