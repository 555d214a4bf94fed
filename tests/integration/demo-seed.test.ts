import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { boot } from "../../db/boot";
import { DEMO_SEEDS, DEMO_USERS, seedDemo } from "../../db/seeds/demo";

// The demo province (db/seeds/demo.ts and db/seeds/demo/<module>.ts), for every module that adds
// a seed: seeding twice adds nothing in any table, and DEMO_DATA=off starts without it.

/** Row counts of every table in the public schema. */
async function tableCounts() {
  const db = await getDb();
  const tables = await sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db);
  const counts: Record<string, number> = {};
  for (const { t } of tables.rows) {
    if (t === "kysely_migration" || t === "kysely_migration_lock") continue;
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(db);
    counts[t] = r.rows[0].n;
  }
  return counts;
}

describe("demo province", () => {
  it("an embedded start with DEMO_DATA=off loads reference data only: no demo users", async () => {
    const db = await getDb();
    await boot(db, { embedded: true, demo: false });
    const users = await db.selectFrom("users").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect(users.n).toBe(0);
    expect(await db.selectFrom("settings").select("key").where("key", "=", "demo_seeded").executeTakeFirst()).toBeUndefined();
  });

  it("an embedded first start loads every module's demo once; seeding again adds nothing anywhere", async () => {
    const db = await getDb();
    const logs: string[] = [];
    await boot(db, { embedded: true, log: (m) => logs.push(m) });
    for (const [module] of DEMO_SEEDS) expect(logs.some((l) => l.startsWith(`demo ${module}:`)), `demo ${module} ran`).toBe(true);
    const emails = (await db.selectFrom("users").select("email").execute()).map((u) => u.email);
    for (const u of DEMO_USERS) expect(emails).toContain(u.email);
    const first = await tableCounts();
    await boot(db, { embedded: true }); // a later start: the demo_seeded setting says it is done
    await seedDemo(db); // and the seed itself is idempotent (npm run db:seed twice)
    expect(await tableCounts()).toEqual(first);
    // The demo's cases carry the earliest due date of their open milestones (the case list's overdue filter).
    const drift = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases c
      WHERE c.open_due_on IS DISTINCT FROM (SELECT min(m.due_on) FROM case_milestones m WHERE m.case_id = c.id AND m.status = 'open')`.execute(db);
    expect(drift.rows[0].n).toBe(0);
    expect((await db.selectFrom("cases").select("id").where("open_due_on", "is not", null).execute()).length).toBeGreaterThan(0);
  });
});
