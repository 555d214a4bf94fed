import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { confirmGroup } from "~/modules/seekers/seekers.server";
import { explain, SEEKER_WEIGHTS } from "~/modules/seekers/match";
import { seekerMatches, vacancyMatches } from "~/modules/seekers/matches.server";
import { saveSeekerWeights, SEEKER_WEIGHTS_KEY, seekerWeightsForEdit } from "~/modules/seekers/weights.server";
import { saveWeights, weightsForEdit } from "~/modules/partnerships/service.server";
import { DEFAULT_WEIGHTS } from "~/modules/partnerships/match";
import { actorFor, createUser, fails } from "../factories";
import { makeSeeker } from "../factories/seekers";
import { makeEmployer, makeVacancy } from "../factories/vacancies";

describe("staff-tuned seeker match weights", () => {
  it("staff change the weights (audited, version-checked); the ranked lists use them at once; partnerships' weights are a separate row", async () => {
    const staff = await actorFor((await createUser({ role: "staff" })).id);
    const counsellor = await createUser({ role: "counsellor" });
    const emp = await makeEmployer();
    // Two seekers: one lives in the vacancy's county with a confirmed group, the other has the occupation and skills.
    const near = await makeSeeker(counsellor.id, { county: "tabriz", occupations: ["9"], skills: [], groups: ["unemployed-graduates"] });
    await confirmGroup(await actorFor(counsellor.id), near.id, { group: "unemployed-graduates", note: "مدرک", confirm: true });
    const skilled = await makeSeeker(counsellor.id, { county: "maragheh", occupations: ["2"], skills: ["computer-basics", "sales"] });
    const v = await makeVacancy(emp.user.id, { county: "tabriz", priorityOptIn: "on" });
    const c = await actorFor(counsellor.id);

    const before = await vacancyMatches(c, v);
    expect(before.weights).toEqual(SEEKER_WEIGHTS);
    const rankOf = (d: Awaited<ReturnType<typeof vacancyMatches>>, id: number) => d.rows.findIndex((r) => r.id === id);
    expect(rankOf(before, skilled.id)).toBeLessThan(rankOf(before, near.id));

    const form = await seekerWeightsForEdit(staff);
    expect(form).toEqual({ weights: SEEKER_WEIGHTS, version: 0 });
    const countyFirst = { occupation: 0, skills: 0, education: 0, county: 50, experience: 0, availability: 0, priority: 50 };
    await saveSeekerWeights(staff, { ...countyFirst, version: 0 });
    const after = await vacancyMatches(c, v);
    expect(after.weights).toEqual(countyFirst);
    expect(rankOf(after, near.id)).toBe(0);
    expect(after.rows[0].score).toBe(1000);
    expect(explain(after.rows[0].facts, after.weights).parts.find((p) => p.part === "county")!.maxPoints).toBe(50);
    expect((await seekerMatches(c, skilled.id)).weights).toEqual(countyFirst);

    // A stale form (version 0 again): 409, nothing changed. All zero, a fraction, over 100: field/form errors.
    expect((await fails(saveSeekerWeights(staff, { ...SEEKER_WEIGHTS, version: 0 }))).status).toBe(409);
    expect(await fails(saveSeekerWeights(staff, { occupation: 0, skills: 0, education: 0, county: 0, experience: 0, availability: 0, priority: 0, version: 1 })))
      .toMatchObject({ status: 400, fields: { _form: "seekers.weights.error.allZero" } });
    expect(await fails(saveSeekerWeights(staff, { ...SEEKER_WEIGHTS, skills: 101, experience: 1.5, version: 1 })))
      .toMatchObject({ status: 400, fields: { skills: "error.numberTooLarge", experience: "error.invalidNumber" } });
    expect((await seekerWeightsForEdit(staff))).toEqual({ weights: countyFirst, version: 1 });

    const db = await getDb();
    const audit = await db.selectFrom("audit_log").select(["details"]).where("action", "=", "match.weights").where("entity_id", "=", SEEKER_WEIGHTS_KEY).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ from: SEEKER_WEIGHTS, to: countyFirst });

    // The partnerships row is untouched, and still works through the same helper.
    expect((await weightsForEdit(staff)).weights).toEqual(DEFAULT_WEIGHTS);
    await saveWeights(staff, { ...DEFAULT_WEIGHTS, county: 40, version: 0 });
    expect((await weightsForEdit(staff))).toEqual({ weights: { ...DEFAULT_WEIGHTS, county: 40 }, version: 1 });
    expect((await seekerWeightsForEdit(staff)).weights).toEqual(countyFirst);
  });

  it("only staff tune the weights (403 for counsellors, employers, seekers)", async () => {
    for (const role of ["counsellor", "employer", "job_seeker", "company_rep"] as const) {
      const actor = await actorFor((await createUser({ role })).id);
      expect((await fails(seekerWeightsForEdit(actor))).status).toBe(403);
      expect((await fails(saveSeekerWeights(actor, { ...SEEKER_WEIGHTS, version: 0 }))).status).toBe(403);
    }
  });
});
