import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { setClock } from "~/i18n/clock";
import { explain } from "~/modules/seekers/match";
import { employerHome, seekerHome } from "~/modules/seekers/homes.server";
import { seekerMatches } from "~/modules/seekers/matches.server";
import { applyToVacancy, decideReferral } from "~/modules/seekers/referrals.server";
import { actorFor, createUser } from "../factories";
import { makeSeeker } from "../factories/seekers";
import { makeEmployer, makeVacancy } from "../factories/vacancies";

describe("the seeker's and the employer's homes", () => {
  it("the seeker's home ranks open vacancies with the match page's reasons and lists their applications with status; the employer's home lists its vacancies, waiting referrals, hires and checks due", async () => {
    const person = await createUser({ role: "entrepreneur" });
    const s = await makeSeeker(person.id, { occupations: ["2"], skills: ["computer-basics", "sales"], county: "tabriz" });
    const emp = await makeEmployer();
    const other = await makeEmployer();
    const v = await makeVacancy(emp.user.id, { title: "کارشناس فروش خانه" });
    const draft = await makeVacancy(emp.user.id, { title: "پیش‌نویس خانه" }, { draft: true });
    await makeVacancy(other.user.id, { title: "فرصت دیگری", occupation: "9", skills: [], county: "maragheh" });
    const me = await actorFor(person.id);

    const before = await seekerHome(me);
    expect(before?.id).toBe(s.id);
    const top = before!.matches[0];
    expect(top.id).toBe(v);
    const page = await seekerMatches(me, s.id);
    expect(top.facts).toEqual(page.rows.find((r) => r.id === v)!.facts);
    expect(explain(top.facts, before!.weights!).parts.map((p) => p.part)).toEqual(["occupation", "skills", "education", "county", "experience", "availability"]);
    expect(before!.matches.map((m) => m.id)).not.toContain(draft);
    expect(before!.referrals).toEqual([]);

    const ref = await applyToVacancy(me, v);
    const after = await seekerHome(me);
    expect(after!.referrals).toMatchObject([{ id: ref, vacancy_id: v, status: "pending", kind: "application" }]);

    const employer = await actorFor(emp.user.id);
    const home = await employerHome(employer);
    expect(home!.vacancies.map((x) => x.id).sort()).toEqual([v, draft].sort());
    expect(home!.vacancies.find((x) => x.id === v)!.waiting).toBe(1);
    expect(home!.waiting).toMatchObject([{ id: ref, vacancy_id: v, status: "pending" }]);
    expect(home!.hires).toEqual([]);
    const otherHome = await employerHome(await actorFor(other.user.id));
    expect(otherHome!.vacancies.map((x) => x.id)).not.toContain(v);
    expect(otherHome!.waiting).toEqual([]);

    await decideReferral(employer, { referralId: ref, decision: "hired", version: 1 });
    expect((await seekerHome(me))!.referrals[0].status).toBe("hired");
    const db = await getDb();
    const check = await db.selectFrom("retention_checks as c").innerJoin("placements as p", "p.id", "c.placement_id").select(["c.id", "c.due_on"])
      .where("p.referral_id", "=", ref).where("c.months", "=", 3).executeTakeFirstOrThrow();
    const hired = await employerHome(employer);
    expect(hired!.waiting).toEqual([]);
    expect(hired!.hires).toHaveLength(1);
    expect(hired!.checks).toEqual([]);
    setClock(`${String(check.due_on)}T08:00:00Z`);
    try {
      expect((await employerHome(employer))!.checks.map((c) => c.id)).toEqual([check.id]);
      expect((await employerHome(await actorFor(other.user.id)))!.checks).toEqual([]);
    } finally {
      setClock(null);
    }
  });

  it("no seeker or employer section for other roles; a job seeker without a profile is invited to register", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const c = await actorFor(counsellor.id);
    expect(await seekerHome(c)).toBeNull();
    expect(await employerHome(c)).toBeNull();
    const bare = await createUser({ role: "job_seeker" });
    expect(await seekerHome(await actorFor(bare.id))).toMatchObject({ id: null, matches: [], referrals: [] });
  });
});
