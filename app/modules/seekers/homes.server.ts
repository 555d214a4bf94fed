import { getDb } from "~/lib/db.server";
import type { UserActor } from "~/modules/accounts/actor.server";
import { hasRole } from "~/modules/accounts/roles";
import { todayTehran } from "~/i18n/clock";
import { unitsOf } from "./access.server";
import { factsOf } from "./match.server";
import { rankedVacancies } from "./ranked.server";
import { seekerWeights } from "./weights.server";
import { completeness } from "./rules";

// The homes of this module's roles (the counsellor's is in counselling.server.ts).
//  - job seeker: profile completeness, the open vacancies ranked for them with each part's reason (as the
//    match page shows them), and their referrals and applications with their status.
//  - employer: the unit's vacancies, the referrals waiting for an answer, the hires and the retention checks
//    due on them (the counsellors record the checks; the employer sees that they are due).

const HOME_ROWS = 5;
const MATCHED = 3;

/** The home of a job seeker (or of anyone who may register as one but has not): null for others. */
export async function seekerHome(actor: UserActor) {
  if (!hasRole(actor.user, "job_seeker")) return null;
  const db = await getDb();
  const s = await db.selectFrom("job_seekers")
    .select(["id", "occupations", "skills", "education_field", "education_level", "county_code", "desired_work", "desired_counties", "experience_years", "availability", "confirmed_groups", "cv_file_id", "hidden"])
    .where("user_id", "=", actor.user.id).executeTakeFirst();
  if (!s) return { id: null, completeness: 0, hidden: false, matches: [], referrals: [] };
  const weights = await seekerWeights();
  const [matches, referrals] = await Promise.all([
    rankedVacancies(s, todayTehran(), { limit: MATCHED, offset: 0, weights }),
    db.selectFrom("referrals as r").innerJoin("vacancies as v", "v.id", "r.vacancy_id").innerJoin("org_units as u", "u.id", "v.employer_id")
      .select(["r.id", "r.status", "r.kind", "v.id as vacancy_id", "v.title", "u.name_fa as employer_fa", "u.name_en as employer_en"])
      .where("r.seeker_id", "=", s.id).orderBy("r.id", "desc").limit(HOME_ROWS).execute(),
  ]);
  return {
    id: s.id,
    completeness: completeness(s),
    hidden: s.hidden,
    weights,
    matches: matches.map((r) => ({ id: r.id, title: r.title, employer_fa: r.employer_fa, employer_en: r.employer_en, score: r.score, facts: factsOf(r) })),
    referrals,
  };
}
export type SeekerHomeData = Awaited<ReturnType<typeof seekerHome>>;

/** The home of an employer: its vacancies, referrals waiting, hires and checks due (null for others). */
export async function employerHome(actor: UserActor) {
  const units = unitsOf(actor, "employer");
  if (!units.length) return null;
  const db = await getDb();
  const today = todayTehran();
  const [vacancies, waiting, hires, checks] = await Promise.all([
    db.selectFrom("vacancies as v")
      .select((eb) => ["v.id", "v.title", "v.status", "v.posts", "v.hired_count", "v.closes_on",
        eb.selectFrom("referrals as r").select((e2) => e2.fn.countAll<number>().as("n")).whereRef("r.vacancy_id", "=", "v.id").where("r.status", "in", ["pending", "interview"]).as("waiting")])
      .where("v.employer_id", "in", units).where("v.status", "in", ["draft", "open"]).orderBy("v.id", "desc").limit(HOME_ROWS).execute(),
    db.selectFrom("referrals as r").innerJoin("vacancies as v", "v.id", "r.vacancy_id").innerJoin("job_seekers as s", "s.id", "r.seeker_id")
      .select(["r.id", "r.status", "r.kind", "v.id as vacancy_id", "v.title", "s.full_name"])
      .where("v.employer_id", "in", units).where("r.status", "in", ["pending", "interview"]).orderBy("r.id").limit(HOME_ROWS).execute(),
    db.selectFrom("placements as p").innerJoin("vacancies as v", "v.id", "p.vacancy_id").innerJoin("job_seekers as s", "s.id", "p.seeker_id")
      .select(["p.id", "p.started_on", "v.id as vacancy_id", "v.title", "s.full_name"])
      .where("p.employer_id", "in", units).orderBy("p.id", "desc").limit(HOME_ROWS).execute(),
    db.selectFrom("retention_checks as c").innerJoin("placements as p", "p.id", "c.placement_id").innerJoin("job_seekers as s", "s.id", "p.seeker_id")
      .select(["c.id", "c.months", "c.due_on", "s.full_name"])
      .where("p.employer_id", "in", units).where("c.result", "is", null).where("c.due_on", "<=", today).orderBy("c.due_on").limit(HOME_ROWS).execute(),
  ]);
  return { vacancies: vacancies.map((v) => ({ ...v, waiting: Number(v.waiting ?? 0) })), waiting, hires, checks };
}
export type EmployerHomeData = Awaited<ReturnType<typeof employerHome>>;
