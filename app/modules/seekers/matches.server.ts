import { getDb } from "~/lib/db.server";
import { refuse, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { todayTehran } from "~/i18n/clock";
import { readableSeeker, unitsOf } from "./access.server";
import { factsOf } from "./match.server";
import { rankedSeekers, rankedVacancies } from "./ranked.server";
import { readableVacancy } from "./vacancies.server";
import { seekerWeights } from "./weights.server";

// The ranked lists with their reasons (decision 0021's approach; the weights staff tune, weights.server.ts).
//  - for a vacancy: its employer and staff see every active seeker who is not hidden (employers see a
//    name only once the person applied or was referred; never a priority-group label); counsellors see
//    their centre's seekers, hidden ones too, and may refer from the list.
//  - for a seeker: the seeker, their counsellors and staff see the open vacancies ranked.

export async function vacancyMatches(actor: UserActor, vacancyId: number, page = 0) {
  const db = await getDb();
  const v = await readableVacancy(db, actor, vacancyId);
  const employerSide = allows(actor.user, "manage:vacancy", { orgUnitIds: [v.employer_id] });
  const counsellor = !employerSide && allows(actor.user, "refer:seeker", { own: true });
  if (!employerSide && !counsellor) {
    await refuse(actor, "manage:vacancy", { entity: "vacancy", entityId: vacancyId });
  }
  const staff = allows(actor.user, "read:seeker", {});
  const centres = counsellor && !staff ? unitsOf(actor, "counsellor") : null;
  const weights = await seekerWeights();
  const rows = await rankedSeekers(v, { withHidden: !employerSide || staff, centres, limit: 10, offset: page * 10, weights });
  return {
    vacancy: { id: v.id, title: v.title, status: v.status, optIn: v.priority_opt_in },
    canRefer: counsellor || staff,
    weights,
    rows: rows.map((r) => {
      const named = !employerSide || staff || r.referral_status != null;
      return { id: r.id, name: named ? r.full_name : null, score: r.score, referral: r.referral_status, hidden: r.hidden, facts: factsOf(r) };
    }),
    page,
  };
}

export async function seekerMatches(actor: UserActor, seekerId: number, page = 0) {
  const db = await getDb();
  const { relation } = await readableSeeker(db, actor, seekerId);
  if (relation === "employer") {
    await refuse(actor, "update:seeker", { entity: "job_seeker", entityId: seekerId });
  }
  const s = await db.selectFrom("job_seekers").select(["full_name", "occupations", "skills", "education_level", "county_code", "desired_counties", "experience_years", "availability", "confirmed_groups"])
    .where("id", "=", seekerId).executeTakeFirstOrThrow();
  const weights = await seekerWeights();
  const rows = await rankedVacancies(s, todayTehran(), { limit: 10, offset: page * 10, weights });
  return {
    seeker: { id: seekerId, name: s.full_name },
    weights,
    rows: rows.map((r) => ({ id: r.id, title: r.title, employer_fa: r.employer_fa, employer_en: r.employer_en, score: r.score, facts: factsOf(r) })),
    page,
  };
}
