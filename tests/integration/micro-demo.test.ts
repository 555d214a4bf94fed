import { sql } from "kysely";
import { expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { isValidNationalId } from "~/i18n/normalise";
import { businessPage } from "~/modules/microbusiness/service.server";
import { listRegistry, microHome, publicSummary } from "~/modules/microbusiness/registry.server";
import { seedDemo } from "../../db/seeds/demo";
import { actorFor } from "../factories";

async function counts() {
  const db = await getDb();
  const n = (t: "micro_businesses" | "micro_business_updates" | "micro_business_supports" | "employment_reports") =>
    db.selectFrom(t).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow().then((r) => r.n);
  return { businesses: await n("micro_businesses"), updates: await n("micro_business_updates"), supports: await n("micro_business_supports"), reports: await n("employment_reports") };
}

it("seeds demo home businesses with every permit status and their ledger reports; seeding again adds nothing", async () => {
  const db = await getDb();
  await seedDemo(db);
  const first = await counts();
  expect(first.businesses).toBeGreaterThanOrEqual(5);
  await seedDemo(db);
  expect(await counts()).toEqual(first);

  const rows = await db.selectFrom("micro_businesses").selectAll().execute();
  expect(rows.every((r) => r.is_demo && r.name.includes("(نمایشی)") && isValidNationalId(r.owner_national_id))).toBe(true);
  expect(new Set(rows.map((r) => r.permit_status))).toEqual(new Set(["none", "applied", "issued", "expired"]));

  const email = (e: string) => db.selectFrom("users").select("id").where("email", "=", e).executeTakeFirstOrThrow().then((u) => actorFor(u.id));
  const entrepreneur = await email("entrepreneur@demo.karafarini.ir");
  const staff = await email("staff@demo.karafarini.ir");
  const home = await microHome(entrepreneur);
  expect(home?.expiring).toHaveLength(1); // their own permit expires within 30 days
  const mine = await listRegistry(entrepreneur, {}, null, "fa");
  expect(mine.rows).toHaveLength(1);
  const page = await businessPage(entrepreneur, mine.rows[0].id, "fa");
  expect(page.updates[0].report_id).not.toBeNull();
  const staffHome = await microHome(staff);
  expect(staffHome).toMatchObject({ staff: true, expiringCount: 1 });
  expect(staffHome!.withoutUpdate).toBeGreaterThanOrEqual(1);
  expect((await listRegistry(staff, { permit: "expired" }, null, "fa")).rows).toHaveLength(1);
  const reports = await db.selectFrom("employment_reports").select(["source_module", "programme"]).where("source_module", "=", "micro_businesses").execute();
  expect(reports).toHaveLength(first.businesses);
  expect((await publicSummary()).totals.businesses).toBe(first.businesses);
});
