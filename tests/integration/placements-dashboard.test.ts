import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { setClock } from "~/i18n/clock";
import { placementsDashboard, retentionFigures } from "~/modules/seekers/dashboard.server";
import { recordCheck } from "~/modules/seekers/placements.server";
import { decideReferral, referSeeker } from "~/modules/seekers/referrals.server";
import { confirmGroup } from "~/modules/seekers/seekers.server";
import { dashboardYear } from "~/modules/seekers/schema";
import { actorFor, createOrgUnit, createUser, fails } from "../factories";
import { makeSeeker } from "../factories/seekers";
import { makeEmployer, makeVacancy } from "../factories/vacancies";

describe("placements dashboard", () => {
  it("retention figures: the rate among known answers, the unknown share beside it", () => {
    expect(retentionFigures(0, 0, 0)).toEqual({ due: 0, yes: 0, no: 0, unknown: 0, rate: null, unknownShare: null });
    expect(retentionFigures(4, 2, 1)).toEqual({ due: 4, yes: 2, no: 1, unknown: 1, rate: 2 / 3, unknownShare: 0.25 });
    expect(retentionFigures(2, 0, 0).rate).toBeNull();
  });

  it("a year out of range is this year", () => {
    expect(dashboardYear("1403", 1405)).toBe(1403);
    expect(dashboardYear("۱۴۰۴", 1405)).toBe(1404);
    expect(dashboardYear("1300", 1405)).toBe(1405);
    expect(dashboardYear("1406", 1405)).toBe(1405);
    expect(dashboardYear("x", 1405)).toBe(1405);
    expect(dashboardYear(null, 1405)).toBe(1405);
  });

  it("placements, retention at 3 months and time to placement by group, county, gender and centre; counsellors see their centre only", async () => {
    const centre = await createOrgUnit("centre");
    const counsellor = await createUser({ role: "counsellor", unit: centre });
    const c = await actorFor(counsellor.id);
    const emp = await makeEmployer();
    const v = await makeVacancy(emp.user.id, { posts: "3" });
    const woman = await makeSeeker(counsellor.id, { gender: "female", county: "marand", groups: ["marginal-areas"] });
    await confirmGroup(c, woman.id, { group: "marginal-areas", note: "گواهی سکونت", confirm: true });
    const man = await makeSeeker(counsellor.id, { gender: "male", county: "tabriz" });
    const employer = await actorFor(emp.user.id);
    for (const s of [woman, man]) {
      const ref = await referSeeker(c, v, s.id);
      await decideReferral(employer, { referralId: ref, decision: "hired", version: 1 });
    }
    const db = await getDb();
    const placements = await db.selectFrom("placements").select(["id", "seeker_id"]).where("vacancy_id", "=", v).execute();
    const before = await placementsDashboard(c);
    expect(before.total).toMatchObject({ placements: 2, fte: 2, women: 1, at3: { due: 0, rate: null } });
    expect(before.byDim.gender.map((r) => [r.key, r.placements]).sort()).toEqual([["female", 1], ["male", 1]]);
    expect(before.byDim.group.map((r) => [r.key, r.placements]).sort()).toEqual([["marginal-areas", 1], ["none", 1]]);
    expect(before.byDim.county.map((r) => r.key).sort()).toEqual(["marand", "tabriz"]);
    expect(before.byDim.centre).toHaveLength(1);
    expect(before.byDim.centre[0].key).toBe(String(centre));
    expect(before.total?.medianDays).toBe(0);

    // Three months and a bit later: the woman's check says yes, the man's is not recorded (unknown).
    const check = await db.selectFrom("retention_checks").select(["id", "due_on"]).where("months", "=", 3)
      .where("placement_id", "=", placements.find((p) => p.seeker_id === woman.id)!.id).executeTakeFirstOrThrow();
    setClock(`${String(check.due_on)}T08:00:00Z`);
    try {
      await recordCheck(c, { checkId: check.id, result: "yes", method: "phone" });
      const after = await placementsDashboard(c, before.year);
      expect(after.total?.at3).toEqual({ due: 2, yes: 1, no: 0, unknown: 1, rate: 1, unknownShare: 0.5 });
      expect(after.byDim.group.find((r) => r.key === "marginal-areas")?.at3).toMatchObject({ due: 1, yes: 1, rate: 1 });
      expect(after.total?.at6.due).toBe(0);
    } finally {
      setClock(null);
    }

    // Another centre's counsellor sees none of them; staff see them under this centre; others are refused.
    const other = await createUser({ role: "counsellor", unit: await createOrgUnit("centre") });
    expect((await placementsDashboard(await actorFor(other.id))).total).toBeNull();
    const staff = await createUser({ role: "staff" });
    const all = await placementsDashboard(await actorFor(staff.id));
    expect(all.byDim.centre.find((r) => r.key === String(centre))?.placements).toBe(2);
    expect((await fails(placementsDashboard(employer))).status).toBe(403);
  });
});
