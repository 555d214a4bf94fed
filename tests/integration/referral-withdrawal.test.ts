import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { decideReferral, referSeeker, withdrawReferral } from "~/modules/seekers/referrals.server";
import { seekerProfile, setHidden } from "~/modules/seekers/seekers.server";
import { vacancyMatches } from "~/modules/seekers/matches.server";
import { actorFor, createUser, fails } from "../factories";
import { makeSeeker } from "../factories/seekers";
import { makeEmployer, makeVacancy } from "../factories/vacancies";

describe("referral withdrawal and showing a hidden profile again", () => {
  it("the seeker or their counsellor withdraws an undecided referral once; a decided one cannot be withdrawn; others are refused", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const c = await actorFor(counsellor.id);
    const person = await createUser({ role: "job_seeker" });
    const own = await makeSeeker(person.id);
    const centre = await makeSeeker(counsellor.id);
    const emp = await makeEmployer();
    const v = await makeVacancy(emp.user.id, { posts: "3" });
    const r1 = await referSeeker(c, v, centre.id);
    const db = await getDb();
    // A stranger (another seeker) and the employer are refused, nothing changes.
    const stranger = await createUser({ role: "job_seeker" });
    expect((await fails(withdrawReferral(await actorFor(stranger.id), centre.id, { referralId: r1, version: 1 }))).status).toBe(403);
    expect((await fails(withdrawReferral(await actorFor(emp.user.id), centre.id, { referralId: r1, version: 1 }))).status).toBe(403);
    await withdrawReferral(c, centre.id, { referralId: r1, version: 1 });
    expect((await fails(withdrawReferral(c, centre.id, { referralId: r1, version: 2 }))).status).toBe(409);
    expect((await fails(withdrawReferral(c, centre.id, { referralId: r1, version: 1 }))).status).toBe(409);
    const row = await db.selectFrom("referrals").select(["status", "decided_by"]).where("id", "=", r1).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "withdrawn", decided_by: counsellor.id });
    expect((await db.selectFrom("audit_log").select("id").where("action", "=", "referral.withdrawn").where("entity_id", "=", String(r1)).execute()).length).toBe(1);
    // The employer can no longer hire it.
    expect((await fails(decideReferral(await actorFor(emp.user.id), { referralId: r1, decision: "hired", version: 2 }))).status).toBe(409);

    // A referral of the seeker's own profile, hired: not withdrawable; the seeker withdraws another one.
    const me = await actorFor(person.id);
    const staff = await createUser({ role: "staff" });
    const r2 = await referSeeker(await actorFor(staff.id), v, own.id);
    await decideReferral(await actorFor(emp.user.id), { referralId: r2, decision: "hired", version: 1 });
    expect((await fails(withdrawReferral(me, own.id, { referralId: r2, version: 2 }))).status).toBe(409);
    const v2 = await makeVacancy(emp.user.id);
    const r3 = await referSeeker(await actorFor(staff.id), v2, own.id);
    await withdrawReferral(me, own.id, { referralId: r3, version: 1 });
    // A referral id of another seeker under this seeker's page: not found.
    const r4 = await referSeeker(c, v2, centre.id);
    expect((await fails(withdrawReferral(me, own.id, { referralId: r4, version: 1 }))).status).toBe(404);
  });

  it("a hidden profile shown again reappears in the employer's ranked list", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const c = await actorFor(counsellor.id);
    const s = await makeSeeker(counsellor.id, { occupations: ["52"], hidden: "on" });
    const emp = await makeEmployer();
    const v = await makeVacancy(emp.user.id, { occupation: "52" });
    const employer = await actorFor(emp.user.id);
    const ids = async () => {
      const out: number[] = [];
      for (let page = 0; page < 20; page++) {
        const m = await vacancyMatches(employer, v, page);
        out.push(...m.rows.map((r) => r.id));
        if (m.rows.length < 10) break;
      }
      return out;
    };
    expect(await ids()).not.toContain(s.id);
    await setHidden(c, s.id, false);
    expect((await seekerProfile(c, s.id)).profile.hidden).toBe(false);
    expect(await ids()).toContain(s.id);
    const other = await createUser({ role: "job_seeker" });
    expect((await fails(setHidden(await actorFor(other.id), s.id, true))).status).toBe(403);
  });
});
