// The seeker module's read models are cached (decision 0045): the ranked vacancies of a seeker (their home
// and match page), the ranked candidates of a vacancy and the placements dashboard are kept a minute, so a
// change made behind the services' back is not seen; every audited change of what they read is seen on
// the next request: a vacancy opened, renamed or closed, a profile hidden, a hire.
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { seekerHome } from "~/modules/seekers/homes.server";
import { vacancyMatches } from "~/modules/seekers/matches.server";
import { placementsDashboard } from "~/modules/seekers/dashboard.server";
import { applyToVacancy, decideReferral } from "~/modules/seekers/referrals.server";
import { setHidden } from "~/modules/seekers/seekers.server";
import { moveVacancy, updateVacancy } from "~/modules/seekers/vacancies.server";
import { vacancySchema } from "~/modules/seekers/schema";
import { parseForm } from "~/lib/forms";
import { actorFor, createUser } from "../factories";
import { makeSeeker } from "../factories/seekers";
import { makeEmployer, makeVacancy } from "../factories/vacancies";

/** Values computed within a second of a drop are recomputed once it has passed (memo's settling period). */
const settle = () => new Promise((r) => setTimeout(r, 1100));

describe("cached rankings and dashboard", () => {
  it("the seeker's home keeps its ranking between requests and follows every audited change of vacancies and profiles at once", async () => {
    const person = await createUser({ role: "entrepreneur" });
    const s = await makeSeeker(person.id, { occupations: ["2"], skills: ["computer-basics", "sales"], county: "tabriz" });
    const me = await actorFor(person.id);
    const emp = await makeEmployer();
    const employer = await actorFor(emp.user.id);
    const first = await makeVacancy(emp.user.id, { title: "کارشناس فروش کش" });
    await settle();
    const titles = async () => (await seekerHome(me))!.matches.map((m) => m.title);
    expect(await titles()).toEqual(["کارشناس فروش کش"]);

    // Behind the services' back (no audit row): the cached ranking does not see it.
    const db = await getDb();
    await db.updateTable("vacancies").set({ title: "تغییر بی‌ممیزی" }).where("id", "=", first).execute();
    expect(await titles()).toEqual(["کارشناس فروش کش"]);

    // A vacancy opened through the service: on the next request, with the other's stored title.
    const second = await makeVacancy(emp.user.id, { title: "فروشنده دوم", county: "maragheh" });
    expect((await titles()).sort()).toEqual(["تغییر بی‌ممیزی", "فروشنده دوم"].sort());

    // Renamed through the service, then withdrawn: each seen at once.
    const f = new FormData();
    for (const [k, v] of Object.entries({ title: "فروشنده ویرایش‌شده", occupation: "2", educationLevel: "diploma", county: "maragheh", posts: "1", contractType: "full_time", wageMin: "10000", wageMax: "15000", closesOn: "1499/12/01" })) f.append(k, v);
    f.append("skills", "sales");
    const p = parseForm(vacancySchema, f);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    await updateVacancy(employer, second, p.data);
    expect(await titles()).toContain("فروشنده ویرایش‌شده");
    const v = await db.selectFrom("vacancies").select("version").where("id", "=", second).executeTakeFirstOrThrow();
    await moveVacancy(employer, second, "withdrawn", v.version);
    expect(await titles()).toEqual(["تغییر بی‌ممیزی"]);

    // The employer's ranked candidates: a profile hidden by its owner leaves the list on the next request.
    await settle();
    const candidates = async () => (await vacancyMatches(employer, first)).rows.map((r) => r.id);
    expect(await candidates()).toContain(s.id);
    expect(await candidates()).toContain(s.id);
    await setHidden(me, s.id, true);
    expect(await candidates()).not.toContain(s.id);
  });

  it("the placements dashboard keeps its figures between requests and counts a hire at once", async () => {
    const staff = await actorFor((await createUser({ role: "staff" })).id);
    const emp = await makeEmployer();
    const employer = await actorFor(emp.user.id);
    const v = await makeVacancy(emp.user.id, { title: "فرصت داشبورد", posts: "2", contractType: "full_time" });
    const hire = async () => {
      const person = await createUser({ role: "entrepreneur" });
      await makeSeeker(person.id, { occupations: ["2"], skills: ["sales"] });
      const ref = await applyToVacancy(await actorFor(person.id), v);
      await decideReferral(employer, { referralId: ref, decision: "hired", version: 1 });
    };
    const total = async () => (await placementsDashboard(staff)).total;
    expect(await total()).toBeNull();

    await hire();
    expect(await total()).toMatchObject({ placements: 1, fte: 1 });
    await settle();
    expect(await total()).toMatchObject({ placements: 1, fte: 1 });
    // Behind the services' back (no audit row): the cached figures do not see it.
    await (await getDb()).updateTable("placements").set({ fte: 0.5 }).where("vacancy_id", "=", v).execute();
    expect(await total()).toMatchObject({ placements: 1, fte: 1 });

    // A hire through the service: counted on the next request (with the row changed above).
    await hire();
    expect(await total()).toMatchObject({ placements: 2, fte: 1.5 });
  });
});
