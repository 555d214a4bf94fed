import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/lib/db.server";
import { EDUCATION_LEVELS } from "./rules";
import { educationRank, SEEKER_WEIGHTS, type SeekerFacts, type SeekerWeights } from "./match";

// The two-way match in SQL (decision 0021's approach): the same integers as scoreTenths() in match.ts.
// Candidates are narrowed through the GIN indexes on job_seekers (occupations, skills, desired_counties)
// and the county index; open vacancies through vacancies_open_idx. A hidden profile is never a
// candidate for an employer (counsellors and staff still see it).

const LEVELS = sql.raw(`ARRAY[${EDUCATION_LEVELS.map((l) => `'${l}'`).join(",")}]::text[]`);

/**
 * How many of `list`'s (distinct) entries the array column holds: one containment test per entry, what
 * `cardinality(ARRAY(SELECT unnest(col) INTERSECT SELECT unnest(list)))` counted, without a set operation
 * per row (the candidates of a vacancy are tens of thousands of rows).
 */
function sharedSql(col: RawBuilder<unknown>, list: string[]): RawBuilder<number> {
  const distinct = [...new Set(list)];
  if (!distinct.length) return sql<number>`0`;
  return sql<number>`(${sql.join(distinct.map((k) => sql`(${col} @> ARRAY[${k}]::text[])::int`), sql` + `)})`;
}

/**
 * Whether a seeker holds an occupation of the major group `major` (its first character): the codes
 * joined with a unit separator (control characters never reach a stored code: normalise()), searched for
 * the separator and the major, instead of unnesting every row's codes.
 */
function hasMajorSql(major: string): RawBuilder<boolean> {
  if (!major) return sql<boolean>`false`;
  return sql<boolean>`(strpos(chr(31) || array_to_string(s.occupations, chr(31)), chr(31) || ${major}) > 0)`;
}

interface FactCols { occ: number; shared: number; d: number; edu_gap: number; county: number; experience: number; min_exp: number; availability: string; opt_in: boolean; grouped: boolean }

/** The score of a row with the fact columns above. */
function scoreSql(w: SeekerWeights): RawBuilder<number> {
  const base = w.occupation + w.skills + w.education + w.county + w.experience + w.availability;
  const total = sql`(${base}::int + CASE WHEN opt_in THEN ${w.priority}::int ELSE 0 END)`;
  return sql<number>`CASE WHEN ${total} = 0 THEN 0 ELSE ((2 * (
      ${w.occupation}::int * (CASE occ WHEN 2 THEN 1000 WHEN 1 THEN 500 ELSE 0 END)
    + ${w.skills}::int * (CASE WHEN d > 0 THEN (2000 * LEAST(shared, d) + d) / (2 * d) ELSE 1000 END)
    + ${w.education}::int * (CASE WHEN edu_gap >= 0 THEN 1000 WHEN edu_gap = -1 THEN 500 ELSE 0 END)
    + ${w.county}::int * (CASE county WHEN 2 THEN 1000 WHEN 1 THEN 700 ELSE 0 END)
    + ${w.experience}::int * (CASE WHEN min_exp <= 0 OR experience >= min_exp THEN 1000 ELSE (1000 * GREATEST(experience, 0)) / min_exp END)
    + ${w.availability}::int * (CASE availability WHEN 'immediate' THEN 1000 WHEN 'within_month' THEN 600 ELSE 200 END)
    + (CASE WHEN opt_in AND grouped THEN ${w.priority}::int * 1000 ELSE 0 END)
  ) + ${total}) / (2 * ${total})) END`;
}

export function factsOf(r: FactCols): SeekerFacts {
  return {
    occupationMatch: Math.max(0, Math.min(2, r.occ)) as 0 | 1 | 2, sharedSkills: r.shared, skillCount: r.d, educationGap: r.edu_gap,
    county: Math.max(0, Math.min(2, r.county)) as 0 | 1 | 2, experience: r.experience, minExperience: r.min_exp,
    availability: r.availability as SeekerFacts["availability"], optIn: r.opt_in, confirmedGroup: r.grouped,
  };
}

export interface SeekerMatchRow extends FactCols { id: number; full_name: string; hidden: boolean; score: number; referral_status: string | null }

/** Seekers ranked for a vacancy (active; hidden ones only when `withHidden`). */
export async function rankSeekers(db: Database, v: { id: number; occupation_code: string; skills: string[]; education_level: string; county_code: string; min_experience: number; priority_opt_in: boolean },
  opts: { withHidden: boolean; centres?: number[] | null; limit?: number; offset?: number; only?: number[]; weights?: SeekerWeights }): Promise<SeekerMatchRow[]> {
  const w = opts.weights ?? SEEKER_WEIGHTS;
  const major = v.occupation_code.slice(0, 1);
  const only = sql`${opts.only ? sql`AND s.id = ANY(${opts.only}::int[])` : sql``} ${opts.centres ? sql`AND s.centre_id = ANY(${opts.centres}::int[])` : sql``}`;
  const r = await sql<SeekerMatchRow>`
    WITH f AS (
      SELECT s.id, s.full_name, s.hidden,
        CASE WHEN s.occupations @> ARRAY[${v.occupation_code}]::text[] THEN 2
             WHEN ${hasMajorSql(major)} THEN 1 ELSE 0 END AS occ,
        ${sharedSql(sql`s.skills`, v.skills)}::int AS shared,
        ${v.skills.length}::int AS d,
        (array_position(${LEVELS}, s.education_level) - ${educationRank(v.education_level) + 1}::int)::int AS edu_gap,
        CASE WHEN s.county_code = ${v.county_code} THEN 2 WHEN s.desired_counties @> ARRAY[${v.county_code}]::text[] THEN 1 ELSE 0 END AS county,
        s.experience_years::int AS experience, ${v.min_experience}::int AS min_exp, s.availability,
        ${v.priority_opt_in}::boolean AS opt_in, cardinality(s.confirmed_groups) > 0 AS grouped
      FROM job_seekers s
      WHERE s.status = 'active' ${opts.withHidden ? sql`` : sql`AND NOT s.hidden`}
        AND (s.occupations && ${[v.occupation_code, major]}::text[] OR s.skills && ${v.skills}::text[] OR s.county_code = ${v.county_code}
             OR s.desired_counties @> ARRAY[${v.county_code}]::text[] OR ${hasMajorSql(major)})
        ${only}
    ), ranked AS (
      SELECT f.*, ${scoreSql(w)} AS score FROM f ORDER BY score DESC, occ DESC, id ASC LIMIT ${opts.limit ?? 10} OFFSET ${opts.offset ?? 0}
    )
    SELECT ranked.*, (SELECT r.status FROM referrals r WHERE r.vacancy_id = ${v.id} AND r.seeker_id = ranked.id) AS referral_status
    FROM ranked ORDER BY score DESC, occ DESC, id ASC`.execute(db);
  return r.rows;
}

export interface VacancyMatchRow extends FactCols { id: number; title: string; employer_fa: string; employer_en: string; score: number }

/** Open vacancies ranked for a seeker. */
export async function rankVacancies(db: Database, s: { occupations: string[]; skills: string[]; education_level: string; county_code: string; desired_counties: string[]; experience_years: number; availability: string; confirmed_groups: string[] },
  today: string, opts: { limit?: number; offset?: number; weights?: SeekerWeights } = {}): Promise<VacancyMatchRow[]> {
  const w = opts.weights ?? SEEKER_WEIGHTS;
  const majors = [...new Set(s.occupations.map((o) => o.slice(0, 1)))];
  const r = await sql<VacancyMatchRow>`
    WITH f AS (
      SELECT v.id, v.title, u.name_fa AS employer_fa, u.name_en AS employer_en,
        CASE WHEN v.occupation_code = ANY(${s.occupations}::text[]) THEN 2 WHEN left(v.occupation_code, 1) = ANY(${majors}::text[]) THEN 1 ELSE 0 END AS occ,
        ${sharedSql(sql`v.skills`, s.skills)}::int AS shared,
        cardinality(v.skills)::int AS d,
        (${educationRank(s.education_level) + 1}::int - array_position(${LEVELS}, v.education_level))::int AS edu_gap,
        CASE WHEN v.county_code = ${s.county_code} THEN 2 WHEN v.county_code = ANY(${s.desired_counties}::text[]) THEN 1 ELSE 0 END AS county,
        ${s.experience_years}::int AS experience, v.min_experience::int AS min_exp, ${s.availability}::text AS availability,
        v.priority_opt_in AS opt_in, ${s.confirmed_groups.length > 0}::boolean AS grouped
      FROM vacancies v JOIN org_units u ON u.id = v.employer_id
      WHERE v.status = 'open' AND v.closes_on >= ${today}::date
    )
    SELECT f.*, ${scoreSql(w)} AS score FROM f ORDER BY score DESC, occ DESC, id ASC LIMIT ${opts.limit ?? 10} OFFSET ${opts.offset ?? 0}`.execute(db);
  return r.rows;
}
