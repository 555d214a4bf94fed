import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { actorFor } from "../factories";
import { seedDemo } from "../../db/seeds/demo";
import { companyHome, industryHome, showcase } from "~/modules/partnerships/overview.server";
import { challengeMatches, fittingChallenges } from "~/modules/partnerships/challenges.server";
import { explainCompact } from "~/modules/partnerships/match";
import { companyPage } from "~/modules/partnerships/profiles.server";

const TABLES = ["partner_companies", "partner_industries", "partner_challenges", "partner_proposals", "partnerships", "partnership_milestones", "partnership_results", "partner_events", "employment_reports", "enterprises", "org_units"] as const;
async function counts() {
  const db = await getDb();
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await db.selectFrom(t).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
  return out;
}
const userId = async (email: string) => (await (await getDb()).selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

describe("demo partnerships", () => {
  it("give the demo company and industry representatives a living module; seeding again adds nothing", async () => {
    const db = await getDb();
    await seedDemo(db);
    const first = await counts();
    await seedDemo(db);
    expect(await counts()).toEqual(first);

    const company = await actorFor(await userId("company@demo.karafarini.ir"));
    const industry = await actorFor(await userId("industry@demo.karafarini.ir"));
    const ch = await companyHome(company);
    expect(ch?.company).toMatchObject({ hasProfile: true, certificate: "verified" });
    expect(ch!.fitting.length).toBeGreaterThan(0);
    expect(ch!.partnerships.map((p) => p.status)).toEqual(["in_progress"]);
    expect(ch!.due.map((m) => m.title)).toEqual(["مدل علت‌یابی توقفات (نمایشی)"]);
    const page = await companyPage(company, ch!.company.id);
    expect(page.company.registration_no).toBe("10320841001");
    expect(page.company.results_count).toBe(2);

    const ih = await industryHome(industry);
    expect(ih!.challenges.map((c) => [c.status, c.waiting])).toEqual(expect.arrayContaining([["open", 2], ["draft", 0]]));
    expect(ih!.toAccept.map((m) => m.title)).toEqual(["داشبورد OEE (نمایشی)"]);
    const open = ih!.challenges.find((c) => c.status === "open")!;
    const matches = await challengeMatches(industry, open.id);
    expect(matches.rows.length).toBeGreaterThanOrEqual(5);
    expect(matches.rows.every((r) => explainCompact(r, matches.weights).parts.length === 6)).toBe(true);
    // The demo company sees that challenge among those that fit it.
    expect((await fittingChallenges(company)).rows.map((r) => r.id)).toContain(open.id);

    const pub = await showcase();
    expect(pub.rows.map((r) => r.title)).toEqual(expect.arrayContaining(["کاهش ضایعات رنگ‌کاری قطعات (نمایشی)", "کاهش مصرف انرژی خط تولید کنسرو (نمایشی)"]));
    expect(pub.totals.map((t) => t.category).sort()).toEqual(["energy", "quality"]);
    const reports = await db.selectFrom("employment_reports").select(["source_module", "status"]).where("source_module", "=", "partnerships").execute();
    expect(reports).toHaveLength(2);
  });
});
