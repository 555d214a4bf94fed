import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { counsellorHome } from "~/modules/seekers/counselling.server";
import { placementsDashboard } from "~/modules/seekers/dashboard.server";
import { seedDemo } from "../../db/seeds/demo";
import { placementsDemo } from "../../db/seeds/demo/seekers";
import { demoContext } from "../../db/seeds/demo/kit";
import { actorFor } from "../factories";

// The demo of module 7 has retention work (issue 15): placements at four ages, so a 3-month check is
// due on the demo counsellor's home, one placement is retained, and the ledger holds their report.

describe("job seekers demo", () => {
  it("has placements with a due 3-month check, a retained placement and a ledger report; placing again adds nothing", async () => {
    const db = await getDb();
    await seedDemo(db);
    const counsellor = await db.selectFrom("users").select("id").where("email", "=", "counsellor@demo.karafarini.ir").executeTakeFirstOrThrow();
    const home = await counsellorHome(await actorFor(counsellor.id));
    expect(home?.checks.some((c) => c.months === 3 && c.title.includes("(نمایشی)"))).toBe(true);
    expect(home?.checks.some((c) => c.months === 6)).toBe(true);
    const placements = await db.selectFrom("placements").select(["id", "retained", "report_id", "started_on"]).where("is_demo", "=", true).orderBy("started_on").execute();
    expect(placements).toHaveLength(4);
    expect(placements.filter((p) => p.retained === true)).toHaveLength(1);
    expect(placements.every((p) => p.report_id != null)).toBe(true);
    const report = await db.selectFrom("employment_reports").select(["source_module", "programme", "status"]).where("id", "=", placements[3].report_id!).executeTakeFirstOrThrow();
    expect(report).toEqual({ source_module: "placements", programme: "placements", status: "reported" });
    const staff = await db.selectFrom("users").select("id").where("email", "=", "staff@demo.karafarini.ir").executeTakeFirstOrThrow();
    const dash = await placementsDashboard(await actorFor(staff.id));
    expect(dash.total?.placements ?? 0).toBeGreaterThanOrEqual(1);
    await placementsDemo(demoContext(db));
    expect(await db.selectFrom("placements").select("id").where("is_demo", "=", true).execute()).toHaveLength(4);
  });
});
