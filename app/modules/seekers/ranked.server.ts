import { getDb } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import type { SeekerWeights } from "./match";
import { rankSeekers, rankVacancies } from "./match.server";

// The two ranked lists as cached read models (decision 0045, as partnerships' rankings: decision 0021's
// addendum). Ranking every active seeker for a vacancy, or every open vacancy for a seeker, is one SQL
// statement over tens of thousands of rows; the page of ranked rows is kept a minute per input (the
// vacancy's or the seeker's matching facts, the weights in force, the day, the page) and dropped by
// every audited change of what the score or the row reads: seekers (profile, hiding, groups),
// vacancies (facts, status), referrals (hires fill posts; the candidate's referral status), the
// weights setting and org units (the employer's name); other instances drop them through the cache bus.
// Rules (referring, applying, hiring) still read the database. A seeker's profile reads are audited
// under their own entity (job_seeker_profile), so reading does not drop the rankings.

export const SEEKER_RANK_TAGS = ["job_seeker", "vacancy", "referral", "setting", "org_unit"];
const TTL_MS = 60_000;

type VacancyFacts = Parameters<typeof rankSeekers>[1];
type SeekerFacts = Parameters<typeof rankVacancies>[1];
type RankOpts = { limit: number; offset: number; weights: SeekerWeights };

const seekersFor = memo<{ v: VacancyFacts; withHidden: boolean; centres: number[] | null } & RankOpts, Awaited<ReturnType<typeof rankSeekers>>>(
  SEEKER_RANK_TAGS, TTL_MS, async (k) => rankSeekers(await getDb(), k.v, k), (k) => JSON.stringify(k),
);
const vacanciesFor = memo<{ s: SeekerFacts; today: string } & RankOpts, Awaited<ReturnType<typeof rankVacancies>>>(
  SEEKER_RANK_TAGS, TTL_MS, async (k) => rankVacancies(await getDb(), k.s, k.today, k), (k) => JSON.stringify(k),
);

/** Active seekers ranked for a vacancy (cached; hidden ones only when `withHidden`, a counsellor's centres when given). */
export function rankedSeekers(v: VacancyFacts, opts: { withHidden: boolean; centres: number[] | null } & RankOpts) {
  const facts: VacancyFacts = {
    id: v.id, occupation_code: v.occupation_code, skills: v.skills, education_level: v.education_level, county_code: v.county_code,
    min_experience: v.min_experience, priority_opt_in: v.priority_opt_in,
  };
  return seekersFor.get({ v: facts, withHidden: opts.withHidden, centres: opts.centres, limit: opts.limit, offset: opts.offset, weights: opts.weights });
}

/** Open vacancies ranked for a seeker's facts on a day (cached). */
export function rankedVacancies(s: SeekerFacts, today: string, opts: RankOpts) {
  const facts: SeekerFacts = {
    occupations: s.occupations, skills: s.skills, education_level: s.education_level, county_code: s.county_code,
    desired_counties: s.desired_counties, experience_years: s.experience_years, availability: s.availability, confirmed_groups: s.confirmed_groups,
  };
  return vacanciesFor.get({ s: facts, today, limit: opts.limit, offset: opts.offset, weights: opts.weights });
}
