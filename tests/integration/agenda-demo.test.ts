import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import "~/modules/ideas/attachments.server";
import "~/modules/training/courses.server";
import "~/modules/partnerships/service.server";
import { actorFor } from "../factories";
import { publicOpportunities, targetShares } from "~/modules/agenda/advantages.server";
import { ADVANTAGE_STATUSES } from "~/modules/agenda/workflow";
import { currentJalaliYear } from "~/i18n/clock";
import { DEMO_MARK, seedDemo } from "../../db/seeds/demo";

// The agenda's demo (issue 14): sector advantages in every status, marked demo, the offered and activated
// ones linked to demo programmes; published ones on the public list; the working group's view has the
// demo target's agency shares beside them.
describe("agenda demo", () => {
  it("has advantages in every status, marked demo, linked when offered, published on the public list", async () => {
    const db = await getDb();
    await seedDemo(db);
    const rows = await db.selectFrom("advantages").select(["status", "is_demo", "description", "programme_id", "published", "drop_reason"]).execute();
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(ADVANTAGE_STATUSES));
    for (const r of rows) {
      expect(r.is_demo).toBe(true);
      expect(r.description).toContain(DEMO_MARK);
      if (r.status === "offered" || r.status === "activated") expect(r.programme_id).not.toBeNull();
      if (r.status === "dropped") expect(r.drop_reason).toBeTruthy();
    }
    const events = await db.selectFrom("advantage_events").select("action").execute();
    expect(events.filter((e) => e.action === "record")).toHaveLength(rows.length);
    const pub = await publicOpportunities("fa");
    expect(pub.rows.length).toBe(rows.filter((r) => r.published && r.status !== "dropped").length);
    const staff = await actorFor((await db.selectFrom("users").select("id").where("email", "=", "staff@demo.karafarini.ir").executeTakeFirstOrThrow()).id);
    const shares = await targetShares(staff, currentJalaliYear(), "fa");
    expect(shares.target).toBeGreaterThan(0);
    expect(shares.rows.find((r) => r.code === "agriculture")?.share).toBeGreaterThan(0);
    expect(shares.rows.find((r) => r.code === "agriculture")?.potential_total).toBeGreaterThan(0);
  });
});
