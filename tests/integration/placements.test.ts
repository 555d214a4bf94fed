import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import { recordCheck } from "~/modules/seekers/placements.server";
import { decideReferral, referSeeker } from "~/modules/seekers/referrals.server";
import { vacancySchema } from "~/modules/seekers/schema";
import { confirmGroup, seekerProfile } from "~/modules/seekers/seekers.server";
import { createVacancy } from "~/modules/seekers/vacancies.server";
import { actorFor, createUser, fails } from "../factories";
import { makeSeeker } from "../factories/seekers";
import { makeEmployer, makeVacancy } from "../factories/vacancies";

describe("vacancies, referrals and placements", () => {
  it("refuses a reversed wage range and a closing date in the past, with field errors", async () => {
    const { user } = await makeEmployer();
    const f = new FormData();
    for (const [k, v] of Object.entries({ title: "x", occupation: "2", educationLevel: "diploma", county: "tabriz", posts: "1", contractType: "full_time", wageMin: "20000", wageMax: "10000", closesOn: "1400/01/01" })) f.set(k, v);
    const p = parseForm(vacancySchema, f);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const r = await fails(createVacancy(await actorFor(user.id), p.data));
    expect(r.status).toBe(400);
    expect(r.fields).toMatchObject({ wageMax: "error.seekers.wageReversed", closesOn: "error.seekers.closesInPast" });
  });

  it("a referral lets the employer see the work profile only; a hire is one placement reported to the ledger with the groups", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const emp = await makeEmployer();
    const s = await makeSeeker(counsellor.id, { gender: "female", groups: ["unemployed-graduates"] });
    await confirmGroup(await actorFor(counsellor.id), s.id, { group: "unemployed-graduates", note: "مدرک", confirm: true });
    const v = await makeVacancy(emp.user.id, { posts: "1", priorityOptIn: "on" });
    const employer = await actorFor(emp.user.id);
    expect((await fails(seekerProfile(employer, s.id))).status).toBe(403);
    const refId = await referSeeker(await actorFor(counsellor.id), v, s.id);
    expect((await fails(referSeeker(await actorFor(counsellor.id), v, s.id))).status).toBe(409);
    const seen = await seekerProfile(employer, s.id);
    expect(seen.relation).toBe("employer");
    expect(seen.profile.national_id).toBeNull();
    expect(seen.profile.mobile).toBeNull();
    expect(seen.groups).toEqual([]);
    const db = await getDb();
    expect((await db.selectFrom("audit_log").select("id").where("actor_id", "=", emp.user.id).where("action", "=", "seeker.read").execute()).length).toBe(1);

    await decideReferral(employer, { referralId: refId, decision: "hired", version: 1 });
    // The same click again (stale version, or already hired): refused, still one placement and one report.
    expect((await fails(decideReferral(employer, { referralId: refId, decision: "hired", version: 1 }))).status).toBe(409);
    expect((await fails(decideReferral(employer, { referralId: refId, decision: "hired", version: 2 }))).status).toBe(409);
    const placements = await db.selectFrom("placements").selectAll().where("seeker_id", "=", s.id).execute();
    expect(placements).toHaveLength(1);
    expect(placements[0].priority_groups).toEqual(["unemployed-graduates"]);
    const reports = await db.selectFrom("employment_reports").selectAll().where("source_module", "=", "placements").where("source_id", "=", String(placements[0].id)).execute();
    expect(reports).toHaveLength(1);
    expect(reports[0].enterprise_id).toBe(emp.enterpriseId);
    expect(reports[0].priority_groups).toEqual(["unemployed-graduates"]);
    expect(Number(reports[0].women)).toBe(1);
    expect(reports[0].programme).toBe("placements");
    const vac = await db.selectFrom("vacancies").select(["status", "hired_count"]).where("id", "=", v).executeTakeFirstOrThrow();
    expect(vac).toEqual({ status: "filled", hired_count: 1 });
    const checks = await db.selectFrom("retention_checks").select(["months", "due_on"]).where("placement_id", "=", placements[0].id).orderBy("months").execute();
    expect(checks.map((c) => c.months)).toEqual([3, 6]);
  });

  it("refuses hires beyond the posts; two hires of two people on a two-post vacancy count 2 jobs (a part-time counts one half each)", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const emp = await makeEmployer();
    const v = await makeVacancy(emp.user.id, { posts: "2", contractType: "part_time" });
    const employer = await actorFor(emp.user.id);
    const refs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await makeSeeker(counsellor.id, { gender: "male" });
      refs.push(await referSeeker(await actorFor(counsellor.id), v, s.id));
    }
    await decideReferral(employer, { referralId: refs[0], decision: "hired", version: 1 });
    await decideReferral(employer, { referralId: refs[1], decision: "interview", version: 1 });
    await decideReferral(employer, { referralId: refs[1], decision: "hired", version: 2 });
    const third = await fails(decideReferral(employer, { referralId: refs[2], decision: "hired", version: 1 }));
    expect(third.status).toBe(409);
    const db = await getDb();
    expect((await db.selectFrom("placements").select("id").where("vacancy_id", "=", v).execute()).length).toBe(2);
    const last = await db.selectFrom("employment_reports").select(["jobs_created"]).where("enterprise_id", "=", emp.enterpriseId).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(Number(last.jobs_created)).toBe(1); // two part-time hires = 1.00 FTE, cumulative for the year
    const reject = await fails(decideReferral(employer, { referralId: refs[2], decision: "rejected", version: 1 }));
    expect(reject.fields.reason).toBe("error.seekers.reasonRequired");
  });

  it("the 3-month check is due on the counsellor's home and recorded once; the 6-month yes marks the placement retained", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const emp = await makeEmployer();
    const s = await makeSeeker(counsellor.id);
    const v = await makeVacancy(emp.user.id);
    const ref = await referSeeker(await actorFor(counsellor.id), v, s.id);
    await decideReferral(await actorFor(emp.user.id), { referralId: ref, decision: "hired", version: 1 });
    const db = await getDb();
    const p = await db.selectFrom("placements").select(["id", "started_on"]).where("referral_id", "=", ref).executeTakeFirstOrThrow();
    const checks = await db.selectFrom("retention_checks").select(["id", "months", "due_on"]).where("placement_id", "=", p.id).orderBy("months").execute();
    const c = await actorFor(counsellor.id);
    expect((await fails(recordCheck(c, { checkId: checks[0].id, result: "yes", method: "phone" }))).status).toBe(409); // not due yet
    setClock(`${String(checks[1].due_on)}T08:00:00Z`);
    try {
      const { counsellorHome } = await import("~/modules/seekers/counselling.server");
      const home = await counsellorHome(await actorFor(counsellor.id));
      expect(home?.checks.map((x) => x.id)).toContain(checks[0].id);
      await recordCheck(c, { checkId: checks[0].id, result: "yes", method: "phone" });
      expect((await fails(recordCheck(c, { checkId: checks[0].id, result: "no", method: "phone" }))).status).toBe(409);
      await recordCheck(c, { checkId: checks[1].id, result: "yes", method: "employer" });
    } finally {
      setClock(null);
    }
    expect((await db.selectFrom("placements").select("retained").where("id", "=", p.id).executeTakeFirstOrThrow()).retained).toBe(true);
    const other = await createUser({ role: "counsellor", unit: "consult-tabriz-2" });
    expect((await fails(recordCheck(await actorFor(other.id), { checkId: checks[0].id, result: "no", method: "phone" }))).status).toBe(403);
  });
});
