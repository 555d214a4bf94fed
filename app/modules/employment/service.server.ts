import { getDb, type Database } from "~/lib/db.server";
import { badRequest, forbidden } from "~/lib/http";
import { requirePermission, type Actor, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { referenceEntries } from "~/modules/reference/service.server";
import { registerFileAccess, type FileAccessRule } from "~/modules/files/service.server";
import type { JobComponents } from "./rules";
import type { EnterpriseInput, Programme, reportNumbersSchema } from "./schema";
import { directorateId, findOrCreateEnterprise, insertReport, numbersProblems, referenceSets } from "./internal.server";

// Use cases of the employment ledger (module 6). Permissions (app/modules/accounts/roles.ts):
//  - read:employment:any            staff, admin   dashboard, enterprises, queue, reports
//  - create:employment_report:any   staff          manual entry, CSV import, new enterprises
//  - correct:employment_report:scope staff         corrections; scope = the directorate (any report), else the
//                                                  reports the staff member filed (created_by)
//  - verify:employment_report:scope staff          verify/reject; scope = the directorate: only staff
//                                                  holding their role in the directorate unit verify
//                                                  (centre staff enter and import, never verify their own
//                                                  programme's jobs)
//  - merge:enterprise:scope         staff          merge duplicates (directorate staff)
//  - manage:job_target:scope        staff          target revisions and allocations (directorate staff)
//
// This file holds the core: reportEmployment (what other modules call), the evidence file rule, and the
// permission gates and reference names the routes share. The other use cases live beside it:
// enterprises.server.ts, reports.server.ts (entry, decisions, corrections, queue),
// dashboard.server.ts (targets, dashboard, home widget), import.server.ts (CSV import).

/** Callers of reportEmployment: a programme, or a module whose records are not one programme (micro_businesses: the home businesses registry, programme "micro"). */
export type SourceModule = Programme | "manual" | "import" | "micro_businesses";

export interface EnterpriseRef {
  /** Registration number (companies, cooperatives) and/or a checksum-valid national ID (self-employed). */
  registrationNo?: string | null;
  nationalId?: string | null;
  name: string;
  kind: EnterpriseInput["kind"];
  county: string;
  sector: string;
  agency?: string | null;
  sizeClass?: EnterpriseInput["sizeClass"];
  baselineHeadcount?: number;
}

export interface ReportEmploymentInput {
  /** Where the jobs come from: the calling module and its record id (shown as a link on the report). */
  source: { module: SourceModule; id?: string | number | null };
  /** Programme for the dashboard breakdown (defaults to the source module when it is one). */
  programme?: Programme;
  /** Found by registration number, then national ID; created when unknown. */
  enterprise: EnterpriseRef | { id: number };
  /** ISO date 'YYYY-MM-DD' of the snapshot; its Jalali year is the year the report counts in. */
  asOf: string;
  fteBaseline?: number;
  fteNow?: number;
  /** Jobs created; `placement: true` instead means one created full-time job. */
  created?: JobComponents;
  placement?: boolean;
  retained?: JobComponents;
  /** Of which women (full-time equivalents). */
  women?: number;
  priorityGroups?: string[];
  evidenceFileId?: string | null;
  /** Idempotency key: a second call with the same key returns the first report instead of a new one. */
  externalRef?: string | null;
}

export type ReportNumbers = ReturnType<typeof reportNumbersSchema.parse>;

// Evidence files of reports (FileStore): anyone who may read the ledger may read them; only those who
// enter reports attach them. Staff already see every file (read:file:any); this rule is what the
// files module asks for anyone else.
// (`exclusive` — no read:file:scope grant for these files — is declared apart so this compiles
// against a files module with or without that option.)
const evidenceAccess: FileAccessRule & { exclusive?: boolean } = {
  // Not opened to mentors of the uploader's centre through read:file:scope: ledger readers only.
  exclusive: true,
  canRead: (_db, actor) => allows(actor.user, "read:employment"),
  canAttach: (_db, actor) => allows(actor.user, "create:employment_report"),
};
registerFileAccess("employment_report", evidenceAccess);

/**
 * THE function other modules call to report jobs (cases, ideas, cooperatives, chairs, placements...):
 *
 *   const { reportId, enterpriseId } = await reportEmployment(actor, {
 *     source: { module: "cases", id: caseId },          // link back to the record
 *     enterprise: { registrationNo, nationalId, name, kind, county, sector, agency },  // or { id }
 *     asOf: "2022-08-03",                               // ISO date; its Jalali year is the counting year
 *     fteBaseline: 3, fteNow: 5,
 *     created: { fullTime: 1, partTime: 2, tempMonths: 6 },   // or placement: true (= 1 created job)
 *     retained: { fullTime: 3, partTime: 0, tempMonths: 0 },
 *     women: 1, priorityGroups: ["graduates"], evidenceFileId, externalRef: `cases:${caseId}:close`,
 *   }, trx?);
 *
 * Files the report in status `reported` (staff verify it later); finds the enterprise by registration
 * number or national ID, creating it when unknown. Throws badRequest with field errors (i18n keys) for
 * absurd numbers, unknown codes or a future date. Pass your own transaction as `trx` to commit together
 * with your module's change. Authorisation: the calling service has already checked the actor on its
 * own record (source module); "manual" and "import" sources need create:employment_report.
 * Idempotent when `externalRef` is given.
 */
export async function reportEmployment(actor: Actor, input: ReportEmploymentInput, trx?: Database): Promise<{ reportId: number; enterpriseId: number; duplicate: boolean }> {
  if (!actor.user) throw forbidden();
  if ((input.source.module === "manual" || input.source.module === "import")) {
    await requirePermission(actor as UserActor, "create:employment_report");
  }
  const run = async (t: Database) => {
    if (input.externalRef) {
      const existing = await t.selectFrom("employment_reports").select(["id", "enterprise_id"]).where("external_ref", "=", input.externalRef).executeTakeFirst();
      if (existing) return { reportId: Number(existing.id), enterpriseId: existing.enterprise_id, duplicate: true };
    }
    const refs = await referenceSets(t);
    const problems = numbersProblems(input, refs);
    if (Object.keys(problems).length) throw badRequest("error.form", problems);
    const enterpriseId = await findOrCreateEnterprise(t, actor, input.enterprise, refs);
    const reportId = await insertReport(t, actor, enterpriseId, input);
    return { reportId, enterpriseId, duplicate: false };
  };
  return trx ? run(trx) : (await getDb()).transaction().execute(run);
}

/**
 * The ledger enterprise of a record that is itself an enterprise (a knowledge-based company or an
 * industry profile, a cooperative, an employer): found by registration number (then national ID),
 * created when unknown, so one registration number is one enterprise, never a copy. The calling
 * service has authorised the actor on its own record; pass its transaction. Unknown county or sector
 * codes are field errors (i18n keys), as in reportEmployment.
 */
export async function findOrCreateEnterpriseFor(actor: Actor, ref: EnterpriseRef, trx: Database): Promise<number> {
  if (!actor.user) throw forbidden();
  return findOrCreateEnterprise(trx, actor, ref, await referenceSets(trx));
}

/**
 * The ledger reports another module filed (a case's closing and follow-ups), as that module's page
 * links to them: id, status, and the report that corrected it. Only for readers of the ledger (they can
 * open the report page); anyone else gets none, so no page links to a report that answers 403.
 */
export async function filedReports(actor: UserActor, ids: readonly (string | number | null | undefined)[]): Promise<FiledReport[]> {
  const wanted = [...new Set(ids.filter((i): i is string | number => i != null).map(String))].filter((i) => /^[1-9][0-9]{0,9}$/.test(i));
  if (!wanted.length || !allows(actor.user, "read:employment")) return [];
  const db = await getDb();
  const rows = await db.selectFrom("employment_reports").select(["id", "status", "superseded_by"]).where("id", "in", wanted.map(Number)).orderBy("id").execute();
  return rows.map((r) => ({ id: String(r.id), status: r.superseded_by ? "superseded" : r.status, supersededBy: r.superseded_by == null ? null : String(r.superseded_by) }));
}
export interface FiledReport {
  id: string;
  /** reported, verified, rejected, or superseded (corrected by `supersededBy`). */
  status: string;
  supersededBy: string | null;
}

export async function requireDashboardReader(actor: UserActor) {
  await requirePermission(actor, "read:employment");
}

/** Names of the reference codes a dashboard shows, inactive ones too (labels of older records); pickers offer `pickable()` ones. */
export async function referenceNames() {
  const pick = async (kind: "counties" | "agencies" | "sectors" | "priority_groups") =>
    (await referenceEntries(kind)).map((e) => ({ code: e.code, fa: e.name_fa, en: e.name_en, active: e.active }));
  const [county, agency, sector, group] = await Promise.all([pick("counties"), pick("agencies"), pick("sectors"), pick("priority_groups")]);
  return { county, agency, sector, group };
}
export type ReferenceNames = Awaited<ReturnType<typeof referenceNames>>;

/** Route actions check the permission before parsing, so a refused user gets 403, never a field error. */
export async function requireCan(actor: UserActor, what: "create" | "verify" | "merge" | "targets") {
  if (what === "create") return requirePermission(actor, "create:employment_report");
  const orgUnitIds = [await directorateId(await getDb())];
  const perm = { verify: "verify:employment_report", merge: "merge:enterprise", targets: "manage:job_target" } as const;
  return requirePermission(actor, perm[what], { orgUnitIds });
}

/**
 * Per enterprise, the ledger's view of the reports one record filed (`source_module`, `source_id`): how
 * many reports it filed and how many staff verified, and the counted jobs (created, retained) of the
 * enterprise-years whose counted report is one of them — the same rollup every dashboard reads, so a
 * report superseded by a later one (from any source) no longer counts here. For a cluster's ledger view.
 */
export async function ledgerOfSource(db: Database, module: string, id: string) {
  const [reports, counted] = await Promise.all([
    db.selectFrom("employment_reports as r").innerJoin("enterprises as e", "e.id", "r.enterprise_id")
      .select((eb) => ["r.enterprise_id", "e.name", eb.fn.countAll<string>().as("reports"),
        eb.fn.count<string>("r.id").filterWhere("r.status", "=", "verified").as("verified"),
        eb.fn.count<string>("r.id").filterWhere("r.status", "=", "reported").as("waiting")])
      .where("r.source_module", "=", module).where("r.source_id", "=", id)
      .groupBy(["r.enterprise_id", "e.name"]).orderBy("e.name").execute(),
    db.selectFrom("employment_counted as c").innerJoin("employment_reports as r", "r.id", "c.report_id")
      .select((eb) => ["c.enterprise_id", eb.fn.sum<string>("c.jobs_created").as("created"), eb.fn.sum<string>("c.jobs_retained").as("retained")])
      .where("r.source_module", "=", module).where("r.source_id", "=", id)
      .groupBy("c.enterprise_id").execute(),
  ]);
  const by = new Map(counted.map((c) => [c.enterprise_id, c]));
  return reports.map((r) => ({
    enterpriseId: r.enterprise_id, name: r.name, reports: Number(r.reports), verified: Number(r.verified), waiting: Number(r.waiting),
    created: Number(by.get(r.enterprise_id)?.created ?? 0), retained: Number(by.get(r.enterprise_id)?.retained ?? 0),
  }));
}

/**
 * The ledger's counted jobs (verified, the counting rule's report of each enterprise and year) whose
 * counted report came from these sources (`source_module` and `source_id`), for other modules that
 * show the jobs of the records a programme produced (the agencies' agenda: an advantage offered
 * through a call, course or challenge). Counted once per enterprise and year, never re-summed by the caller.
 */
export async function countedJobsOfSources(db: Database, sources: readonly { module: string; ids: readonly string[] }[], year?: number | null): Promise<{ created: number; retained: number; enterprises: number }> {
  const wanted = sources.filter((s) => s.ids.length > 0);
  if (!wanted.length) return { created: 0, retained: 0, enterprises: 0 };
  let q = db
    .selectFrom("employment_counted as c")
    .innerJoin("employment_reports as r", "r.id", "c.report_id")
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<string>("c.jobs_created"), eb.lit(0)).as("created"),
      eb.fn.coalesce(eb.fn.sum<string>("c.jobs_retained"), eb.lit(0)).as("retained"),
      eb.fn.count<string>("c.enterprise_id").distinct().as("enterprises"),
    ])
    .where((eb) => eb.or(wanted.map((s) => eb.and([eb("r.source_module", "=", s.module), eb("r.source_id", "in", [...s.ids])]))));
  if (year) q = q.where("c.jalali_year", "=", year);
  const r = await q.executeTakeFirst();
  return { created: Number(r?.created ?? 0), retained: Number(r?.retained ?? 0), enterprises: Number(r?.enterprises ?? 0) };
}
