import { sql, type RawBuilder } from "kysely";
import type { Database } from "~/lib/db.server";
import type { CertificateState, MatchFacts, Weights } from "./match";
import { weightTotal } from "./match";

// The match score in SQL (decision 0021): the same integer formula as scoreTenths() in match.ts,
// so PostgreSQL ranks 5,000 companies (or 2,000 open challenges) in one statement and returns only
// the page shown. Each ranked row carries its facts; the page explains them with explain().
//
// Indexes used: partner_company_domains_domain_idx / partner_challenge_domains_domain_idx (the
// overlap, read by domain), partner_company_experience_pk (sector, company), county_neighbours_pk,
// partner_challenges_open_idx (open challenges by deadline), partner_invitations_pk and _company_idx.

const CERT_STATE: CertificateState[] = ["expired", "unverified", "verified"];

/** The score (tenths of a point) of a row with columns overlap, d, sector_done, proximity, results_count, results_pm, load_count, cert. */
function scoreSql(w: Weights, d: RawBuilder<unknown>): RawBuilder<number> {
  const total = weightTotal(w);
  if (total <= 0) return sql<number>`0`;
  return sql<number>`((2 * (
      ${w.domains}::int * (CASE WHEN ${d} > 0 THEN (2000 * LEAST(overlap, ${d}) + ${d}) / (2 * ${d}) ELSE 0 END)
    + ${w.sector}::int * (CASE LEAST(sector_done, 3) WHEN 0 THEN 0 WHEN 1 THEN 333 WHEN 2 THEN 667 ELSE 1000 END)
    + ${w.county}::int * proximity * 500
    + ${w.results}::int * (CASE WHEN results_count > 0 THEN LEAST(GREATEST(results_pm, 0), 1000) ELSE 0 END)
    + ${w.load}::int * (CASE LEAST(load_count, 3) WHEN 0 THEN 1000 WHEN 1 THEN 667 WHEN 2 THEN 333 ELSE 0 END)
    + ${w.certificate}::int * cert * 500
  ) + ${total}::int) / (2 * ${total}::int))`;
}

interface FactColumns {
  overlap: number;
  shared: string[] | null;
  sector_done: number;
  proximity: number;
  results_count: number;
  results_pm: number;
  load_count: number;
  cert: number;
}

export function factsOf(r: FactColumns, domainCount: number): MatchFacts {
  return {
    overlap: r.overlap, domainCount, sectorDone: r.sector_done, proximity: Math.max(0, Math.min(2, r.proximity)) as 0 | 1 | 2,
    resultsCount: r.results_count, resultsPm: r.results_pm, load: r.load_count, certificate: CERT_STATE[r.cert] ?? "expired",
  };
}

export interface CompanyMatchRow extends FactColumns {
  id: number;
  name_fa: string;
  name_en: string;
  county_code: string;
  certificate_expires_on: string;
  score: number;
  invited: boolean;
  proposal_id: number | null;
}

/**
 * Companies ranked for a challenge: its domains, ISIC sector and county. One page (`limit`) from
 * `offset` in rank order, or only the companies in `only` (the proposals of a challenge, a single
 * company), each with whether it is invited and its proposal.
 */
export async function rankCompanies(
  db: Database,
  ch: { id: number; domains: string[]; sector: string; county: string },
  w: Weights,
  today: string,
  opts: { limit?: number; offset?: number; only?: number[] } = {},
): Promise<CompanyMatchRow[]> {
  const d = sql.lit(ch.domains.length);
  const only = opts.only ? sql`AND c.org_unit_id = ANY(${opts.only}::int[])` : sql``;
  const r = await sql<CompanyMatchRow>`
    WITH o AS (
      SELECT company_id, count(*)::int AS overlap, array_agg(domain_code ORDER BY domain_code) AS shared
      FROM partner_company_domains WHERE domain_code = ANY(${ch.domains}::text[]) GROUP BY company_id
    ), f AS (
      SELECT c.org_unit_id AS id, u.name_fa, u.name_en, c.county_code, c.certificate_expires_on,
             coalesce(o.overlap, 0) AS overlap, o.shared, coalesce(x.completed, 0) AS sector_done,
             CASE WHEN c.county_code = ${ch.county} THEN 2 WHEN nb.neighbour_code IS NOT NULL THEN 1 ELSE 0 END AS proximity,
             c.results_count, c.results_pm, c.load_count,
             CASE WHEN c.certificate_expires_on < ${today}::date THEN 0 WHEN c.certificate_verified_at IS NULL THEN 1 ELSE 2 END AS cert
      FROM partner_companies c
      JOIN org_units u ON u.id = c.org_unit_id AND u.active
      LEFT JOIN o ON o.company_id = c.org_unit_id
      LEFT JOIN partner_company_experience x ON x.sector_code = ${ch.sector} AND x.company_id = c.org_unit_id
      LEFT JOIN county_neighbours nb ON nb.county_code = ${ch.county} AND nb.neighbour_code = c.county_code
      WHERE true ${only}
    ), ranked AS (
      SELECT f.*, ${scoreSql(w, d)} AS score FROM f
      ORDER BY score DESC, overlap DESC, load_count ASC, id ASC
      LIMIT ${opts.limit ?? 25} OFFSET ${opts.offset ?? 0}
    )
    SELECT ranked.*,
           EXISTS (SELECT 1 FROM partner_invitations i WHERE i.challenge_id = ${ch.id} AND i.company_id = ranked.id) AS invited,
           (SELECT p.id FROM partner_proposals p WHERE p.challenge_id = ${ch.id} AND p.company_id = ranked.id) AS proposal_id
    FROM ranked
    ORDER BY score DESC, overlap DESC, load_count ASC, id ASC`.execute(db);
  return r.rows;
}

export interface ChallengeMatchRow extends FactColumns {
  id: number;
  title: string;
  category: string;
  deadline: string;
  industry_id: number;
  industry_fa: string;
  industry_en: string;
  domain_count: number;
  budget_min: number;
  budget_max: number;
  invited: boolean;
  score: number;
}

/**
 * Open challenges (still taking proposals) that a company may see, ranked for it: invited ones, and
 * those open to every verified company when staff verified its certificate. `company` carries the
 * company's own facts (its domains, county, load, results, certificate state).
 */
export async function rankChallenges(
  db: Database,
  company: { id: number; domains: string[]; county: string; loadCount: number; resultsCount: number; resultsPm: number; cert: CertificateState; verified: boolean },
  w: Weights,
  today: string,
  opts: { limit?: number; offset?: number } = {},
): Promise<ChallengeMatchRow[]> {
  const cert = CERT_STATE.indexOf(company.cert);
  const verified = company.verified; // staff verified it (an expired certificate still sees, and is told it cannot propose)
  const r = await sql<ChallengeMatchRow>`
    WITH o AS (
      SELECT d.challenge_id, count(*)::int AS overlap, array_agg(d.domain_code ORDER BY d.domain_code) AS shared
      FROM partner_challenge_domains d
      WHERE d.domain_code = ANY(${company.domains}::text[])
      GROUP BY d.challenge_id
    ), f AS (
      SELECT ch.id, ch.title, ch.category, ch.deadline, ch.industry_id, u.name_fa AS industry_fa, u.name_en AS industry_en,
             ch.domain_count, ch.budget_min, ch.budget_max,
             coalesce(o.overlap, 0) AS overlap, o.shared, coalesce(x.completed, 0) AS sector_done,
             CASE WHEN ch.county_code = ${company.county} THEN 2 WHEN nb.neighbour_code IS NOT NULL THEN 1 ELSE 0 END AS proximity,
             ${company.resultsCount}::int AS results_count, ${company.resultsPm}::int AS results_pm, ${company.loadCount}::int AS load_count,
             ${cert}::int AS cert, (inv.challenge_id IS NOT NULL) AS invited
      FROM partner_challenges ch
      JOIN org_units u ON u.id = ch.industry_id
      LEFT JOIN o ON o.challenge_id = ch.id
      LEFT JOIN partner_company_experience x ON x.sector_code = ch.sector_code AND x.company_id = ${company.id}
      LEFT JOIN county_neighbours nb ON nb.county_code = ch.county_code AND nb.neighbour_code = ${company.county}
      LEFT JOIN partner_invitations inv ON inv.challenge_id = ch.id AND inv.company_id = ${company.id}
      WHERE ch.status = 'open' AND ch.deadline >= ${today}::date
        AND ((ch.visibility = 'verified' AND ${verified}::boolean) OR inv.challenge_id IS NOT NULL)
    )
    SELECT f.*, ${scoreSql(w, sql`domain_count`)} AS score FROM f
    ORDER BY score DESC, overlap DESC, load_count ASC, id ASC
    LIMIT ${opts.limit ?? 25} OFFSET ${opts.offset ?? 0}`.execute(db);
  return r.rows;
}
