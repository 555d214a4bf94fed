import { sql } from "kysely";
import type { Database } from "~/lib/db.server";
import { achievement, PARTNERSHIP_LOAD, PROPOSAL_LIVE } from "./workflow";
import { resultsPerMille } from "./match";

// Kysely reads and writes of module 4 (first argument `db` or `trx`). The ranking queries of the
// match score are in match.server.ts. Reads of other modules' tables, read only: org_units (the
// names and the enterprise link of companies and industries), enterprises (the registration number
// shown on a profile) and employment_reports (the status of the reports a partnership filed).

// ---------------------------------------------------------------- profiles

export function findCompany(db: Database, id: number) {
  return db
    .selectFrom("org_units as u")
    .leftJoin("partner_companies as c", "c.org_unit_id", "u.id")
    .leftJoin("enterprises as e", "e.id", "u.enterprise_id")
    .leftJoin("users as v", "v.id", "c.certificate_verified_by")
    .select([
      "u.id", "u.name_fa", "u.name_en", "u.active", "u.enterprise_id", "e.registration_no", "c.org_unit_id as profile_id",
      "c.certificate_no", "c.certificate_type", "c.certificate_expires_on", "c.certificate_verified_at", "v.full_name as verified_by_name",
      "c.county_code", "c.sector_code", "c.employees", "c.portfolio", "c.sectors_served", "c.load_count", "c.results_count", "c.results_pm",
      "c.is_demo", "c.version",
      sql<string[]>`coalesce((SELECT array_agg(d.domain_code ORDER BY d.domain_code) FROM partner_company_domains d WHERE d.company_id = u.id), '{}')`.as("domains"),
    ])
    .where("u.id", "=", id)
    .where("u.kind", "=", "company")
    .executeTakeFirst();
}
export type CompanyRow = NonNullable<Awaited<ReturnType<typeof findCompany>>>;

export function findIndustry(db: Database, id: number) {
  return db
    .selectFrom("org_units as u")
    .leftJoin("partner_industries as i", "i.org_unit_id", "u.id")
    .leftJoin("enterprises as e", "e.id", "u.enterprise_id")
    .select([
      "u.id", "u.name_fa", "u.name_en", "u.active", "u.enterprise_id", "e.registration_no", "i.org_unit_id as profile_id",
      "i.sector_code", "i.size_class", "i.county_code", "i.employees", "i.main_products", "i.is_demo", "i.version",
    ])
    .where("u.id", "=", id)
    .where("u.kind", "=", "industry")
    .executeTakeFirst();
}
export type IndustryRow = NonNullable<Awaited<ReturnType<typeof findIndustry>>>;

/** Units of a kind with their names (the rep's own units; small lists). */
export function unitsByIds(db: Database, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom("org_units as u")
    .leftJoin("partner_companies as c", "c.org_unit_id", "u.id")
    .leftJoin("partner_industries as i", "i.org_unit_id", "u.id")
    .select(["u.id", "u.kind", "u.name_fa", "u.name_en", sql<boolean>`(c.org_unit_id IS NOT NULL OR i.org_unit_id IS NOT NULL)`.as("has_profile")])
    .where("u.id", "in", ids)
    .orderBy("u.id")
    .execute();
}

export async function insertUnit(trx: Database, kind: "company" | "industry", v: { code: string; nameFa: string; nameEn: string; county: string; enterpriseId: number }) {
  const row = await trx
    .insertInto("org_units")
    .values({ kind, code: v.code, name_fa: v.nameFa, name_en: v.nameEn, county_code: v.county, enterprise_id: v.enterpriseId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export function updateUnit(trx: Database, id: number, v: { nameFa: string; nameEn: string; county: string; enterpriseId: number }) {
  return trx
    .updateTable("org_units")
    .set((eb) => ({ name_fa: v.nameFa, name_en: v.nameEn, county_code: v.county, enterprise_id: v.enterpriseId, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .execute();
}

export async function replaceCompanyDomains(trx: Database, companyId: number, domains: string[]) {
  await trx.deleteFrom("partner_company_domains").where("company_id", "=", companyId).execute();
  if (domains.length) await trx.insertInto("partner_company_domains").values(domains.map((d) => ({ company_id: companyId, domain_code: d }))).execute();
}

export interface CompanyListFilters {
  q?: string;
  county?: string;
  domain?: string;
  certificate?: "verified" | "unverified" | "expired";
  after?: number;
}

/** A page of company profiles (newest first, keyset on the unit id); `unitIds` narrows to the actor's own. */
export function listCompanies(db: Database, f: CompanyListFilters, today: string, unitIds: number[] | null, limit = 25) {
  let q = db
    .selectFrom("partner_companies as c")
    .innerJoin("org_units as u", "u.id", "c.org_unit_id")
    .select(["u.id", "u.name_fa", "u.name_en", "c.county_code", "c.certificate_type", "c.certificate_expires_on", "c.certificate_verified_at", "c.employees", "c.load_count"])
    .orderBy("c.org_unit_id", "desc")
    .limit(limit + 1);
  if (unitIds) q = q.where("c.org_unit_id", "in", unitIds.length ? unitIds : [-1]);
  if (f.after) q = q.where("c.org_unit_id", "<", f.after);
  if (f.county) q = q.where("c.county_code", "=", f.county);
  if (f.domain) q = q.where("c.org_unit_id", "in", db.selectFrom("partner_company_domains").select("company_id").where("domain_code", "=", f.domain));
  if (f.certificate === "expired") q = q.where("c.certificate_expires_on", "<", today);
  if (f.certificate === "unverified") q = q.where("c.certificate_verified_at", "is", null).where("c.certificate_expires_on", ">=", today);
  if (f.certificate === "verified") q = q.where("c.certificate_verified_at", "is not", null).where("c.certificate_expires_on", ">=", today);
  if (f.q) q = q.where(sql<boolean>`lower(u.name_fa || ' ' || u.name_en) LIKE ${"%" + f.q.toLowerCase().replace(/[%_\\]/g, "") + "%"}`);
  return q.execute();
}

export function listIndustries(db: Database, f: { q?: string; county?: string; sector?: string; after?: number }, unitIds: number[] | null, limit = 25) {
  let q = db
    .selectFrom("partner_industries as i")
    .innerJoin("org_units as u", "u.id", "i.org_unit_id")
    .select(["u.id", "u.name_fa", "u.name_en", "i.county_code", "i.sector_code", "i.size_class", "i.employees"])
    .orderBy("i.org_unit_id", "desc")
    .limit(limit + 1);
  if (unitIds) q = q.where("i.org_unit_id", "in", unitIds.length ? unitIds : [-1]);
  if (f.after) q = q.where("i.org_unit_id", "<", f.after);
  if (f.county) q = q.where("i.county_code", "=", f.county);
  if (f.sector) q = q.where("i.sector_code", "=", f.sector);
  if (f.q) q = q.where(sql<boolean>`lower(u.name_fa || ' ' || u.name_en) LIKE ${"%" + f.q.toLowerCase().replace(/[%_\\]/g, "") + "%"}`);
  return q.execute();
}

/** Representatives (users) holding a role in a unit: who to notify. */
export async function repsOf(db: Database, unitIds: number[], role: "company_rep" | "industry_rep") {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom("role_assignments as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select("r.user_id")
    .distinct()
    .where("r.role", "=", role)
    .where("r.org_unit_id", "in", unitIds)
    .where("u.disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Rewrites a company's rollups from its partnerships (decision 0021), in the transaction of every
 * change that moves them: the load (partnerships signed or in progress), completed partnerships per
 * ISIC sector of the challenge, and the measured results of completed partnerships (count and mean
 * achievement per mille). Indexed lookups of one company's rows; never a table scan.
 */
export async function refreshCompanyRollups(trx: Database, companyId: number) {
  const load = await trx
    .selectFrom("partnerships")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("company_id", "=", companyId)
    .where("status", "in", [...PARTNERSHIP_LOAD])
    .executeTakeFirstOrThrow();
  await trx.deleteFrom("partner_company_experience").where("company_id", "=", companyId).execute();
  await sql`
    INSERT INTO partner_company_experience (sector_code, company_id, completed)
    SELECT ch.sector_code, p.company_id, count(*)::int
    FROM partnerships p JOIN partner_challenges ch ON ch.id = p.challenge_id
    WHERE p.company_id = ${companyId} AND p.status = 'completed'
    GROUP BY ch.sector_code, p.company_id`.execute(trx);
  const measured = await trx
    .selectFrom("partnership_results as r")
    .innerJoin("partnerships as p", "p.id", "r.partnership_id")
    .select(["r.baseline", "r.target", "r.measured"])
    .where("p.company_id", "=", companyId)
    .where("p.status", "=", "completed")
    .where("r.measured", "is not", null)
    .execute();
  const achievements = measured.map((r) => achievement({ baseline: Number(r.baseline), target: Number(r.target), measured: r.measured == null ? null : Number(r.measured) })).filter((a): a is number => a != null);
  await trx
    .updateTable("partner_companies")
    .set({ load_count: load.n, results_count: achievements.length, results_pm: resultsPerMille(achievements) })
    .where("org_unit_id", "=", companyId)
    .execute();
}

// ---------------------------------------------------------------- challenges

export const challengeColumns = [
  "ch.id", "ch.industry_id", "ch.category", "ch.title", "ch.description", "ch.current_figures", "ch.expected_result", "ch.budget_min",
  "ch.budget_max", "ch.deadline", "ch.visibility", "ch.status", "ch.sector_code", "ch.county_code", "ch.domain_count", "ch.published_at",
  "ch.awarded_at", "ch.closed_at", "ch.awarded_proposal_id", "ch.is_demo", "ch.version", "ch.created_at",
] as const;

export function findChallenge(db: Database, id: number) {
  return db
    .selectFrom("partner_challenges as ch")
    .innerJoin("org_units as u", "u.id", "ch.industry_id")
    .select([
      ...challengeColumns, "u.name_fa as industry_fa", "u.name_en as industry_en",
      sql<string[]>`coalesce((SELECT array_agg(d.domain_code ORDER BY d.domain_code) FROM partner_challenge_domains d WHERE d.challenge_id = ch.id), '{}')`.as("domains"),
    ])
    .where("ch.id", "=", id)
    .executeTakeFirst();
}
export type ChallengeRow = NonNullable<Awaited<ReturnType<typeof findChallenge>>>;

export async function replaceChallengeDomains(trx: Database, challengeId: number, domains: string[]) {
  await trx.deleteFrom("partner_challenge_domains").where("challenge_id", "=", challengeId).execute();
  if (domains.length) await trx.insertInto("partner_challenge_domains").values(domains.map((d) => ({ challenge_id: challengeId, domain_code: d }))).execute();
  await trx.updateTable("partner_challenges").set({ domain_count: domains.length }).where("id", "=", challengeId).execute();
}

/** What a company's relation to a challenge is: invited, its proposal (if any). */
export function companyRelation(db: Database, challengeId: number, companyIds: number[]) {
  if (!companyIds.length) return Promise.resolve([]);
  return db
    .selectFrom("partner_companies as c")
    .leftJoin("partner_invitations as inv", (j) => j.onRef("inv.company_id", "=", "c.org_unit_id").on("inv.challenge_id", "=", challengeId))
    .leftJoin("partner_proposals as p", (j) => j.onRef("p.company_id", "=", "c.org_unit_id").on("p.challenge_id", "=", challengeId))
    .select([
      "c.org_unit_id as company_id", "c.certificate_verified_at", "c.certificate_expires_on",
      sql<boolean>`inv.challenge_id IS NOT NULL`.as("invited"), "p.id as proposal_id", "p.status as proposal_status",
    ])
    .where("c.org_unit_id", "in", companyIds)
    .orderBy("c.org_unit_id")
    .execute();
}

export function liveProposalCount(db: Database, challengeId: number) {
  return db
    .selectFrom("partner_proposals")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("challenge_id", "=", challengeId)
    .where("status", "in", [...PROPOSAL_LIVE])
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

export interface ChallengeListFilters {
  status?: string;
  category?: string;
  after?: number;
}

/** A page of challenges with their proposal counts (newest first); `industryIds` narrows to the actor's industries. */
export function listChallenges(db: Database, f: ChallengeListFilters, industryIds: number[] | null, limit = 25) {
  let q = db
    .selectFrom("partner_challenges as ch")
    .innerJoin("org_units as u", "u.id", "ch.industry_id")
    .select([
      "ch.id", "ch.title", "ch.category", "ch.status", "ch.deadline", "ch.published_at", "ch.awarded_at", "ch.budget_min", "ch.budget_max",
      "ch.industry_id", "u.name_fa as industry_fa", "u.name_en as industry_en",
      sql<number>`(SELECT count(*)::int FROM partner_proposals p WHERE p.challenge_id = ch.id)`.as("proposals"),
      sql<number>`(SELECT count(*)::int FROM partner_proposals p WHERE p.challenge_id = ch.id AND p.status IN ('submitted','shortlisted'))`.as("waiting"),
    ])
    .orderBy("ch.id", "desc")
    .limit(limit + 1);
  if (industryIds) q = q.where("ch.industry_id", "in", industryIds.length ? industryIds : [-1]);
  if (f.after) q = q.where("ch.id", "<", f.after);
  if (f.status) q = q.where("ch.status", "=", f.status);
  if (f.category) q = q.where("ch.category", "=", f.category);
  return q.execute();
}

/** Challenges a company is invited to or proposed to, with its proposal (newest first). */
export function companyChallenges(db: Database, companyIds: number[], after: number | undefined, limit = 25) {
  let q = db
    .selectFrom("partner_challenges as ch")
    .innerJoin("org_units as u", "u.id", "ch.industry_id")
    .leftJoin("partner_proposals as p", (j) => j.onRef("p.challenge_id", "=", "ch.id").on("p.company_id", "in", companyIds.length ? companyIds : [-1]))
    .select([
      "ch.id", "ch.title", "ch.category", "ch.status", "ch.deadline", "u.name_fa as industry_fa", "u.name_en as industry_en",
      "p.id as proposal_id", "p.status as proposal_status",
      sql<boolean>`EXISTS (SELECT 1 FROM partner_invitations i WHERE i.challenge_id = ch.id AND i.company_id IN (${sql.join(companyIds.length ? companyIds : [-1])}))`.as("invited"),
    ])
    .where((eb) => eb.or([
      eb("ch.id", "in", eb.selectFrom("partner_proposals").select("challenge_id").where("company_id", "in", companyIds.length ? companyIds : [-1])),
      eb.and([eb("ch.status", "<>", "draft"), eb("ch.id", "in", eb.selectFrom("partner_invitations").select("challenge_id").where("company_id", "in", companyIds.length ? companyIds : [-1]))]),
    ]))
    .orderBy("ch.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where("ch.id", "<", after);
  return q.execute();
}

export function invitationsOf(db: Database, challengeId: number) {
  return db
    .selectFrom("partner_invitations as i")
    .innerJoin("org_units as u", "u.id", "i.company_id")
    .select(["i.company_id", "u.name_fa", "u.name_en", "i.invited_at"])
    .where("i.challenge_id", "=", challengeId)
    .orderBy("i.invited_at")
    .execute();
}

// ---------------------------------------------------------------- proposals

export function findProposal(db: Database, id: number) {
  return db
    .selectFrom("partner_proposals as p")
    .innerJoin("partner_challenges as ch", "ch.id", "p.challenge_id")
    .innerJoin("org_units as cu", "cu.id", "p.company_id")
    .innerJoin("org_units as iu", "iu.id", "ch.industry_id")
    .leftJoin("partnerships as ps", "ps.proposal_id", "p.id")
    .select([
      "p.id", "p.challenge_id", "p.company_id", "p.approach", "p.work_plan", "p.milestones", "p.price", "p.duration_weeks", "p.team", "p.status",
      "p.decision_note", "p.version", "p.created_at", "ch.industry_id", "ch.title as challenge_title", "ch.status as challenge_status",
      "ch.deadline", "ch.category", "cu.name_fa as company_fa", "cu.name_en as company_en", "iu.name_fa as industry_fa", "iu.name_en as industry_en",
      "ps.id as partnership_id",
    ])
    .where("p.id", "=", id)
    .executeTakeFirst();
}
export type ProposalRow = NonNullable<Awaited<ReturnType<typeof findProposal>>>;

export function proposalsOfChallenge(db: Database, challengeId: number) {
  return db
    .selectFrom("partner_proposals as p")
    .innerJoin("org_units as u", "u.id", "p.company_id")
    .select(["p.id", "p.company_id", "p.approach", "p.work_plan", "p.milestones", "p.price", "p.duration_weeks", "p.team", "p.status", "p.decision_note", "p.created_at", "u.name_fa as company_fa", "u.name_en as company_en"])
    .where("p.challenge_id", "=", challengeId)
    .orderBy("p.id")
    .limit(200)
    .execute();
}

export function messagesOf(db: Database, proposalId: number) {
  return db
    .selectFrom("partner_messages as m")
    .innerJoin("users as u", "u.id", "m.author_id")
    .select(["m.id", "m.parent_id", "m.side", "m.body", "m.created_at", "u.full_name as author"])
    .where("m.proposal_id", "=", proposalId)
    .orderBy("m.id")
    .limit(500)
    .execute();
}

// ---------------------------------------------------------------- partnerships

export function findPartnership(db: Database, id: number) {
  return db
    .selectFrom("partnerships as ps")
    .innerJoin("partner_challenges as ch", "ch.id", "ps.challenge_id")
    .innerJoin("partner_proposals as p", "p.id", "ps.proposal_id")
    .innerJoin("org_units as cu", "cu.id", "ps.company_id")
    .innerJoin("org_units as iu", "iu.id", "ps.industry_id")
    .leftJoin("files as f", "f.id", "ps.signed_document_id")
    .leftJoin("employment_reports as rc", "rc.id", "ps.company_report_id")
    .leftJoin("employment_reports as ri", "ri.id", "ps.industry_report_id")
    .select([
      "ps.id", "ps.challenge_id", "ps.proposal_id", "ps.company_id", "ps.industry_id", "ps.status", "ps.scope", "ps.contract_value", "ps.starts_on",
      "ps.ends_on", "ps.signed_document_id", "f.original_name as signed_document_name", "ps.signed_at", "ps.completed_at", "ps.terminated_at",
      "ps.termination_reason", "ps.publish_consent", "ps.company_report_id", "ps.industry_report_id", "ps.version", "ps.created_at", "ps.is_demo",
      "rc.status as company_report_status", "rc.jobs_created as company_jobs", "ri.status as industry_report_status", "ri.jobs_created as industry_jobs",
      "ch.title as challenge_title", "ch.category", "ch.sector_code", "p.price", "p.duration_weeks",
      "cu.name_fa as company_fa", "cu.name_en as company_en", "cu.enterprise_id as company_enterprise_id",
      "iu.name_fa as industry_fa", "iu.name_en as industry_en", "iu.enterprise_id as industry_enterprise_id",
    ])
    .where("ps.id", "=", id)
    .executeTakeFirst();
}
export type PartnershipRow = NonNullable<Awaited<ReturnType<typeof findPartnership>>>;

export function milestonesOf(db: Database, partnershipId: number) {
  return db
    .selectFrom("partnership_milestones")
    .select(["id", "title", "due_on", "status", "delivered_at", "accepted_at", "note", "version"])
    .where("partnership_id", "=", partnershipId)
    .orderBy("due_on")
    .orderBy("id")
    .execute();
}

export function resultsOf(db: Database, partnershipId: number) {
  return db
    .selectFrom("partnership_results as r")
    .leftJoin("files as f", "f.id", "r.evidence_file_id")
    .select(["r.id", "r.metric", "r.label", "r.unit", "r.baseline", "r.target", "r.measured", "r.measured_at", "r.evidence_file_id", "f.original_name as evidence_name"])
    .where("r.partnership_id", "=", partnershipId)
    .orderBy("r.id")
    .execute();
}

export interface PartnershipListFilters {
  status?: string;
  after?: number;
}

export function listPartnerships(db: Database, f: PartnershipListFilters, scope: { companyIds: number[]; industryIds: number[] } | null, limit = 25) {
  let q = db
    .selectFrom("partnerships as ps")
    .innerJoin("partner_challenges as ch", "ch.id", "ps.challenge_id")
    .innerJoin("org_units as cu", "cu.id", "ps.company_id")
    .innerJoin("org_units as iu", "iu.id", "ps.industry_id")
    .select([
      "ps.id", "ps.status", "ps.contract_value", "ps.starts_on", "ps.ends_on", "ps.completed_at", "ch.title as challenge_title", "ch.category",
      "cu.name_fa as company_fa", "cu.name_en as company_en", "iu.name_fa as industry_fa", "iu.name_en as industry_en",
    ])
    .orderBy("ps.id", "desc")
    .limit(limit + 1);
  if (scope) {
    q = q.where((eb) => eb.or([
      eb("ps.company_id", "in", scope.companyIds.length ? scope.companyIds : [-1]),
      eb("ps.industry_id", "in", scope.industryIds.length ? scope.industryIds : [-1]),
    ]));
  }
  if (f.after) q = q.where("ps.id", "<", f.after);
  if (f.status) q = q.where("ps.status", "=", f.status);
  return q.execute();
}

// ---------------------------------------------------------------- timeline

export function insertEvent(trx: Database, e: { subject: "challenge" | "proposal" | "partnership" | "milestone"; subjectId: number; action: string; from: string | null; to: string | null; note?: string | null; actorId: number | null }) {
  return trx
    .insertInto("partner_events")
    .values({ subject: e.subject, subject_id: e.subjectId, action: e.action, from_status: e.from, to_status: e.to, note: e.note ?? null, actor_id: e.actorId })
    .execute();
}

export function eventsOf(db: Database, subject: "challenge" | "proposal" | "partnership", id: number) {
  return db
    .selectFrom("partner_events as ev")
    .leftJoin("users as u", "u.id", "ev.actor_id")
    .select(["ev.id", "ev.action", "ev.from_status", "ev.to_status", "ev.note", "ev.at", "u.full_name as actor"])
    .where("ev.subject", "=", subject)
    .where("ev.subject_id", "=", id)
    .orderBy("ev.id", "desc")
    .limit(100)
    .execute();
}
