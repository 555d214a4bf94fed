import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { currentJalaliYear, jalaliYearRange } from "~/i18n/format";
import { actorFor } from "../factories";
import { chairPage, chairsHome, publicChairs } from "~/modules/chairs/service.server";
import { DEMO_CHAIR_TITLE, seedDemo } from "../../db/seeds/demo";

async function counts() {
  const db = await getDb();
  const n = (t: "chairs" | "chair_plans" | "chair_activities") => db.selectFrom(t).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow().then((r) => r.n);
  return { chairs: await n("chairs"), plans: await n("chair_plans"), activities: await n("chair_activities") };
}

describe("demo chair", () => {
  it("gives the demo chair manager one active chair with this year's plan and three activities; seeding again adds nothing", async () => {
    const db = await getDb();
    await seedDemo(db);
    const first = await counts();
    await seedDemo(db);
    expect(await counts()).toEqual(first);

    const user = await db.selectFrom("users").select("id").where("email", "=", "chair@demo.karafarini.ir").executeTakeFirstOrThrow();
    const manager = await actorFor(user.id);
    const home = await chairsHome(manager);
    const year = currentJalaliYear();
    expect(home?.chairs).toHaveLength(1);
    expect(home!.chairs[0]).toMatchObject({ title: DEMO_CHAIR_TITLE, status: "active", activities: 3, participants: 103, goal_activities: 12, goal_participants: 300 });

    const page = await chairPage(manager, home!.chairs[0].id, year);
    expect(page.canManage).toBe(true);
    expect(page.plan).not.toBeNull();
    const { start, end } = jalaliYearRange(year);
    expect(page.activities).toHaveLength(3);
    for (const a of page.activities) {
      expect(a.title).toContain("(نمایشی)");
      expect(String(a.held_on) >= start && String(a.held_on) <= end).toBe(true);
    }
    const pub = (await publicChairs()).flatMap((u) => u.chairs).find((c) => c.title === DEMO_CHAIR_TITLE);
    expect(pub).toBeDefined();
  });
});
