import crypto from "node:crypto";
import { sql } from "kysely";
import * as jalaali from "jalaali-js";
import { parse as parseCsv } from "csv-parse/sync";
import { getDb, type Database } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { badRequest, conflict, forbidden, notFound } from "~/lib/http";
import { auditMeta, requirePermission, type Actor, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { referenceEntries } from "~/modules/reference/service.server";
import {
  discardUpload, openDownload, prepareUpload, recordUpload, registerFileAccess, type FileAccessRule, type IncomingFile,
} from "~/modules/files/service.server";
import { currentJalaliYear, jalaliYearRange } from "~/i18n/format";
import { normalise, searchForm } from "~/i18n/normalise";
import { countFte, PLACEMENT, progress, reportProblems, runRate, type JobComponents } from "./rules";
import { bumpLedgerVersion, dashboardNumbersCached, homeDashboardHit, homeHeadline, refreshCounted, targetOf } from "./queries.server";
import {
  enterpriseSchema, reportNumbersSchema, PROGRAMMES, type DashboardFilters, type EnterpriseInput, type Programme,
} from "./schema";

// Use cases of the employment ledger (module 6). Permissions (app/modules/accounts/roles.ts):
//  - read:employment:any            staff, admin   dashboard, enterprises, queue, reports
//  - create:employment_report:any   staff          manual entry, CSV import, new enterprises
//  - verify:employment_report:scope staff          verify/reject; scope = the directorate: only staff
//                                                  holding their role in the directorate unit verify
//                                                  (centre staff enter and import, never verify their own
//                                                  programme's jobs)
//  - merge:enterprise:scope         staff          merge duplicates (directorate staff)
//  - manage:job_target:scope        staff          target revisions and allocations (directorate staff)

export type SourceModule = Programme | "manual" | "import";

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

const ZERO: JobComponents = { fullTime: 0, partTime: 0, tempMonths: 0, volunteers: 0 };

function jalaliOf(iso: string) {
  const [y, m, d] = iso.split("-").map(Number);
  const j = jalaali.toJalaali(y, m, d);
  return { year: j.jy, month: j.jm };
}

const todayIso = () => new Date(Date.now() + 3.5 * 3600_000).toISOString().slice(0, 10);

async function referenceSets(trx: Database) {
  const [counties, sectors, agencies, groups] = await Promise.all(
    (["counties", "sectors", "agencies", "priority_groups"] as const).map((t) =>
      trx.selectFrom(t).select("code").where("active", "=", true).execute().then((rs) => new Set(rs.map((r) => r.code))),
    ),
  );
  return { counties, sectors, agencies, groups };
}
type RefSets = Awaited<ReturnType<typeof referenceSets>>;

function enterpriseProblems(e: EnterpriseRef, refs: RefSets): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!refs.counties.has(e.county)) errors.county = "employment.error.unknownCounty";
  if (!refs.sectors.has(e.sector)) errors.sector = "employment.error.unknownSector";
  if (e.agency && !refs.agencies.has(e.agency)) errors.agency = "employment.error.unknownAgency";
  return errors;
}

function numbersProblems(input: ReportEmploymentInput, refs: RefSets): Record<string, string> {
  const created = input.placement ? PLACEMENT : input.created ?? ZERO;
  const retained = input.retained ?? ZERO;
  const fteNow = input.fteNow ?? (input.placement ? countFte(created) + countFte(retained) : 0);
  const errors = reportProblems({ fteBaseline: input.fteBaseline ?? 0, fteNow, created, retained, women: input.women ?? 0 });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asOf)) errors.asOf = "error.invalidDate";
  else if (input.asOf > todayIso()) errors.asOf = "employment.error.futureDate";
  else if (jalaliOf(input.asOf).year < 1395) errors.asOf = "employment.error.dateTooOld";
  for (const g of input.priorityGroups ?? []) if (!refs.groups.has(g)) errors.priorityGroups = "employment.error.unknownGroup";
  if (input.programme && !PROGRAMMES.includes(input.programme)) errors.programme = "employment.error.unknownProgramme";
  return errors;
}

async function findOrCreateEnterprise(trx: Database, actor: Actor, ref: EnterpriseRef | { id: number }, refs: RefSets) {
  if ("id" in ref) {
    const e = await trx.selectFrom("enterprises").select(["id", "merged_into"]).where("id", "=", ref.id).executeTakeFirst();
    if (!e) throw notFound();
    return e.merged_into ?? e.id;
  }
  const regNo = ref.registrationNo?.trim() || null;
  const nid = ref.nationalId?.trim() || null;
  const found = await trx
    .selectFrom("enterprises")
    .select("id")
    .where("merged_into", "is", null)
    .where((eb) => eb.or([...(regNo ? [eb("registration_no", "=", regNo)] : []), ...(nid ? [eb("national_id", "=", nid)] : []), eb.val(false)]))
    .orderBy("id")
    .executeTakeFirst();
  if (found) return found.id;
  const parsed = enterpriseSchema.safeParse({ ...ref, registrationNo: regNo ?? "", nationalId: nid ?? "", agency: ref.agency ?? "", sizeClass: ref.sizeClass ?? "micro", baselineHeadcount: ref.baselineHeadcount ?? 0 });
  if (!parsed.success) {
    const fe: Record<string, string> = {};
    for (const i of parsed.error.issues) fe[i.path.join(".")] ??= i.message;
    throw badRequest("error.form", fe);
  }
  const problems = enterpriseProblems(ref, refs);
  if (Object.keys(problems).length) throw badRequest("error.form", problems);
  const e = parsed.data;
  const row = await trx
    .insertInto("enterprises")
    .values({
      name: e.name, registration_no: e.registrationNo ?? null, national_id: e.nationalId ?? null, kind: e.kind,
      county_code: e.county, sector_code: e.sector, agency_code: e.agency ?? null, size_class: e.sizeClass,
      baseline_headcount: e.baselineHeadcount, created_by: actor.user?.id ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeAudit(trx, auditMeta(actor), { action: "enterprise.create", entity: "enterprise", entityId: row.id, details: { name: e.name } });
  return row.id;
}

async function insertReport(trx: Database, actor: Actor, enterpriseId: number, input: ReportEmploymentInput, supersedesId: number | null = null) {
  const created = input.placement ? PLACEMENT : input.created ?? ZERO;
  const retained = input.retained ?? ZERO;
  const { year, month } = jalaliOf(input.asOf);
  const programme: Programme = input.programme ?? (PROGRAMMES.includes(input.source.module as Programme) ? (input.source.module as Programme) : "other");
  const row = await trx
    .insertInto("employment_reports")
    .values({
      enterprise_id: enterpriseId, as_of: input.asOf, jalali_year: year, jalali_month: month,
      source_module: input.source.module, source_id: input.source.id == null ? null : String(input.source.id),
      external_ref: input.externalRef ?? null, programme,
      fte_baseline: input.fteBaseline ?? 0,
      fte_now: input.fteNow ?? (input.placement ? countFte(created) + countFte(retained) : 0),
      created_full_time: created.fullTime, created_part_time: created.partTime, created_temp_months: created.tempMonths,
      retained_full_time: retained.fullTime, retained_part_time: retained.partTime, retained_temp_months: retained.tempMonths,
      volunteers: (created.volunteers ?? 0) + (retained.volunteers ?? 0),
      women: input.women ?? 0, priority_groups: input.priorityGroups ?? [],
      evidence_file_id: input.evidenceFileId ?? null, supersedes_id: supersedesId, created_by: actor.user?.id ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await trx.insertInto("employment_report_events").values({ report_id: id, actor_id: actor.user?.id ?? null, from_status: null, to_status: "reported", note: null }).execute();
  await bumpLedgerVersion(trx);
  await writeAudit(trx, auditMeta(actor), {
    action: "employment_report.create", entity: "employment_report", entityId: id,
    details: { enterpriseId, source: input.source, supersedesId },
  });
  return id;
}

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

// ---------- enterprises ----------

export async function createEnterprise(actor: UserActor, input: EnterpriseInput) {
  await requirePermission(actor, "create:employment_report");
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const refs = await referenceSets(trx);
    const problems = enterpriseProblems(input, refs);
    if (Object.keys(problems).length) throw badRequest("error.form", problems);
    const dup = await trx
      .selectFrom("enterprises")
      .select(["id", "registration_no", "national_id"])
      .where("merged_into", "is", null)
      .where((eb) => eb.or([...(input.registrationNo ? [eb("registration_no", "=", input.registrationNo)] : []), ...(input.nationalId ? [eb("national_id", "=", input.nationalId)] : []), eb.val(false)]))
      .executeTakeFirst();
    if (dup) {
      throw badRequest("error.form", dup.registration_no && dup.registration_no === input.registrationNo
        ? { registrationNo: "employment.error.duplicateEnterprise" }
        : { nationalId: "employment.error.duplicateEnterprise" });
    }
    return findOrCreateEnterprise(trx, actor, input, refs);
  });
}

export async function searchEnterprises(actor: UserActor, q: { text?: string; county?: string; after?: number; limit?: number }) {
  await requirePermission(actor, "read:employment");
  const db = await getDb();
  const limit = q.limit ?? 50;
  let query = db
    .selectFrom("enterprises")
    .select(["id", "name", "registration_no", "national_id", "kind", "county_code", "sector_code", "agency_code", "size_class", "merged_into"])
    .orderBy("id", "desc")
    .limit(limit + 1);
  const s = searchForm(q.text ?? "");
  if (s) {
    const digits = s.replace(/\D/g, "");
    query = query.where((eb) => eb.or([
      sql<boolean>`lower(name) LIKE ${"%" + s.toLowerCase().replace(/[%_]/g, "") + "%"}`,
      ...(digits ? [eb("registration_no", "=", digits), eb("national_id", "=", digits.padStart(10, "0"))] : []),
    ]));
  }
  if (q.county) query = query.where("county_code", "=", q.county);
  if (q.after) query = query.where("id", "<", q.after);
  const rows = await query.execute();
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].id : null };
}

export async function getEnterprise(actor: UserActor, id: number) {
  await requirePermission(actor, "read:employment");
  const db = await getDb();
  const enterprise = await db.selectFrom("enterprises").selectAll().where("id", "=", id).executeTakeFirst();
  if (!enterprise) throw notFound();
  const reports = await db.selectFrom("employment_reports").selectAll().where("enterprise_id", "=", id).orderBy("as_of", "desc").orderBy("id", "desc").execute();
  const ids = reports.map((r) => r.id);
  const events = ids.length
    ? await db
        .selectFrom("employment_report_events as ev")
        .leftJoin("users as u", "u.id", "ev.actor_id")
        .select(["ev.id", "ev.report_id", "ev.at", "ev.from_status", "ev.to_status", "ev.note", "u.full_name as actor_name"])
        .where("ev.report_id", "in", ids)
        .orderBy("ev.at", "desc")
        .orderBy("ev.id", "desc")
        .execute()
    : [];
  const merged = await db.selectFrom("enterprises").select(["id", "name"]).where("merged_into", "=", id).execute();
  const counted = await db.selectFrom("employment_counted").select(["jalali_year", "report_id"]).where("enterprise_id", "=", id).execute();
  return { enterprise, reports, events, merged, counted };
}

/** An enterprise for its edit form (staff who enter reports; 403 for others). */
export async function getEnterpriseForEdit(actor: UserActor, id: number) {
  await requirePermission(actor, "create:employment_report", { entity: "enterprise", entityId: id });
  const e = await (await getDb()).selectFrom("enterprises").selectAll().where("id", "=", id).executeTakeFirst();
  if (!e) throw notFound();
  return e;
}

/**
 * Edits an enterprise's details (staff who enter reports). Registration number and national ID stay
 * unique among live enterprises (field error on a clash); a stale `version` answers 409. When the
 * county, sector or agency change, the enterprise's rollup rows follow (indexed, per year).
 */
export async function updateEnterprise(actor: UserActor, id: number, version: number, input: EnterpriseInput) {
  await requirePermission(actor, "create:employment_report", { entity: "enterprise", entityId: id });
  const db = await getDb();
  try {
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("enterprises").selectAll().where("id", "=", id).executeTakeFirst();
      if (!before) throw notFound();
      if (before.merged_into != null) throw conflict("employment.error.alreadyMerged");
      const refs = await referenceSets(trx);
      const problems = enterpriseProblems(input, refs);
      if (Object.keys(problems).length) throw badRequest("error.form", problems);
      const regNo = input.registrationNo ?? null;
      const nid = input.nationalId ?? null;
      const clash = await trx
        .selectFrom("enterprises")
        .select(["id", "registration_no", "national_id"])
        .where("merged_into", "is", null)
        .where("id", "<>", id)
        .where((eb) => eb.or([...(regNo ? [eb("registration_no", "=", regNo)] : []), ...(nid ? [eb("national_id", "=", nid)] : []), eb.val(false)]))
        .executeTakeFirst();
      if (clash) {
        throw badRequest("error.form", regNo && clash.registration_no === regNo
          ? { registrationNo: "employment.error.duplicateEnterprise" }
          : { nationalId: "employment.error.duplicateEnterprise" });
      }
      const after = {
        name: input.name, registration_no: regNo, national_id: nid, kind: input.kind, county_code: input.county,
        sector_code: input.sector, agency_code: input.agency ?? null, size_class: input.sizeClass, baseline_headcount: input.baselineHeadcount,
      };
      const updated = await trx
        .updateTable("enterprises")
        .set((eb) => ({ ...after, version: eb("version", "+", 1) }))
        .where("id", "=", id)
        .where("version", "=", version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw conflict("employment.error.staleEnterprise");
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const [k, v] of Object.entries(after)) if (before[k as keyof typeof before] !== v) changed[k] = { from: before[k as keyof typeof before], to: v };
      if (changed.county_code || changed.sector_code || changed.agency_code) {
        // The rollup's key is (jalali_year, enterprise_id): the years come from the enterprise's reports (indexed).
        const moved = await trx.updateTable("employment_counted")
          .set({ county_code: after.county_code, sector_code: after.sector_code, agency_code: after.agency_code })
          .where("enterprise_id", "=", id)
          .where("jalali_year", "in", trx.selectFrom("employment_reports").select("jalali_year").distinct().where("enterprise_id", "=", id))
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) > 0) await bumpLedgerVersion(trx);
      }
      await writeAudit(trx, auditMeta(actor), { action: "enterprise.update", entity: "enterprise", entityId: id, details: { changed } });
    });
  } catch (e) {
    // A concurrent edit or creation took the number between our check and the update.
    if ((e as { code?: string }).code === "23505") {
      const c = String((e as { constraint?: string }).constraint ?? "");
      throw badRequest("error.form", c.includes("national_id") ? { nationalId: "employment.error.duplicateEnterprise" } : { registrationNo: "employment.error.duplicateEnterprise" });
    }
    throw e;
  }
}

/** Merges a duplicate into `keepId`: all reports move (their audit trail stays), the duplicate is kept as merged. */
export async function mergeEnterprises(actor: UserActor, keepId: number, duplicateId: number) {
  const db = await getDb();
  const directorate = await directorateId(db);
  await requirePermission(actor, "merge:enterprise", { orgUnitIds: [directorate], entity: "enterprise", entityId: keepId });
  if (keepId === duplicateId) throw badRequest("error.form", { duplicateId: "employment.error.mergeSelf" });
  await db.transaction().execute(async (trx) => {
    const both = await trx.selectFrom("enterprises").select(["id", "merged_into"]).where("id", "in", [keepId, duplicateId]).forUpdate().execute();
    if (both.length !== 2) throw badRequest("error.form", { duplicateId: "employment.error.enterpriseNotFound" });
    if (both.some((e) => e.merged_into != null)) throw conflict("employment.error.alreadyMerged");
    const moved = await trx.updateTable("employment_reports").set({ enterprise_id: keepId }).where("enterprise_id", "=", duplicateId).returning(["id", "jalali_year"]).execute();
    await trx.updateTable("enterprises").set((eb) => ({ merged_into: keepId, version: eb("version", "+", 1) })).where("id", "=", duplicateId).execute();
    const years = new Set(moved.map((r) => r.jalali_year));
    await trx.deleteFrom("employment_counted").where("enterprise_id", "=", duplicateId).execute();
    for (const y of years) await refreshCounted(trx, keepId, y);
    await bumpLedgerVersion(trx);
    await writeAudit(trx, auditMeta(actor), { action: "enterprise.merge", entity: "enterprise", entityId: keepId, details: { duplicateId, reports: moved.map((r) => Number(r.id)) } });
  });
}

// ---------- reports: manual entry, decisions, corrections ----------

// The directorate's org unit (where staff roles are held) is created by the reference seed and never changes.
const directorate = memo("org_unit", 10 * 60_000, async () => {
  const row = await (await getDb()).selectFrom("org_units").select("id").where("kind", "=", "directorate").orderBy("id").executeTakeFirst();
  return row?.id ?? -1;
});
async function directorateId(_db: Database) {
  return directorate.get("id");
}

export type ReportNumbers = ReturnType<typeof reportNumbersSchema.parse>;

const toInput = (n: ReportNumbers): Omit<ReportEmploymentInput, "source" | "enterprise"> => ({
  asOf: n.asOf, programme: n.programme, fteBaseline: n.fteBaseline, fteNow: n.fteNow,
  created: { fullTime: n.createdFullTime, partTime: n.createdPartTime, tempMonths: n.createdTempMonths, volunteers: n.volunteers },
  retained: { fullTime: n.retainedFullTime, partTime: n.retainedPartTime, tempMonths: n.retainedTempMonths },
  women: n.women, priorityGroups: n.priorityGroups,
});

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
 * Manual entry by staff (source "manual"), optionally with an evidence file. The file is checked
 * (allow-list, size, magic bytes) before anything is written; the report, the file row and their
 * audit rows commit together, and on any failure the stored bytes are removed again.
 */
export async function enterReport(actor: UserActor, enterpriseId: number, numbers: ReportNumbers, evidence: IncomingFile | null = null) {
  await requirePermission(actor, "create:employment_report");
  const input: ReportEmploymentInput = { ...toInput(numbers), source: { module: "manual" }, enterprise: { id: enterpriseId } };
  if (!evidence) return reportEmployment(actor, input);
  const prepared = await prepareUpload(actor, evidence);
  try {
    return await (await getDb()).transaction().execute(async (trx) => {
      const res = await reportEmployment(actor, input, trx);
      await recordUpload(trx, actor, prepared, { entity: "employment_report", entityId: res.reportId });
      await trx.updateTable("employment_reports").set({ evidence_file_id: prepared.id }).where("id", "=", res.reportId).execute();
      return res;
    });
  } catch (e) {
    await discardUpload(prepared);
    throw e;
  }
}

/** Opens a report's evidence file: read:employment (403 and an audit row otherwise), then the files module's own check. */
export async function openEvidence(actor: UserActor, reportId: number) {
  await requirePermission(actor, "read:employment", { entity: "employment_report", entityId: reportId });
  const db = await getDb();
  const r = await db.selectFrom("employment_reports").select("evidence_file_id").where("id", "=", reportId).executeTakeFirst();
  if (!r?.evidence_file_id) throw notFound();
  return openDownload(actor, r.evidence_file_id);
}

/** Verify or reject reported reports (bulk), with a note; all or nothing. */
export async function decideReports(actor: UserActor, ids: number[], decision: "verified" | "rejected", note?: string | null) {
  const db = await getDb();
  const directorate = await directorateId(db);
  await requirePermission(actor, "verify:employment_report", { orgUnitIds: [directorate], entity: "employment_report", entityId: ids.join(",") });
  if (decision === "rejected" && !note) throw badRequest("error.form", { note: "employment.error.noteRequired" });
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("employment_reports")
      .select(["id", "enterprise_id", "jalali_year", "status", "superseded_by"])
      .where("id", "in", ids)
      .orderBy("id")
      .forUpdate()
      .execute();
    if (rows.length !== new Set(ids).size) throw notFound();
    if (rows.some((r) => r.status !== "reported" || r.superseded_by != null)) throw conflict("employment.error.notPending");
    const now = new Date();
    await bumpLedgerVersion(trx);
    await trx
      .updateTable("employment_reports")
      .set((eb) => ({ status: decision, verified_by: actor.user.id, verified_at: now, verification_note: note ?? null, version: eb("version", "+", 1) }))
      .where("id", "in", ids)
      .execute();
    await trx.insertInto("employment_report_events").values(rows.map((r) => ({ report_id: r.id, actor_id: actor.user.id, from_status: "reported", to_status: decision, note: note ?? null }))).execute();
    const seen = new Set<string>();
    for (const r of rows) {
      const k = `${r.enterprise_id}:${r.jalali_year}`;
      if (decision === "verified" && !seen.has(k)) {
        seen.add(k);
        await refreshCounted(trx, r.enterprise_id, r.jalali_year);
      }
      await writeAudit(trx, auditMeta(actor), { action: `employment_report.${decision}`, entity: "employment_report", entityId: r.id, details: { note: note ?? null } });
    }
    return rows.length;
  });
}

/** A correction: a new report (status reported) supersedes the old one; both stay visible. */
export async function supersedeReport(actor: UserActor, oldId: number, numbers: ReportNumbers, note?: string | null) {
  await requirePermission(actor, "create:employment_report");
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom("employment_reports").selectAll().where("id", "=", oldId).forUpdate().executeTakeFirst();
    if (!old) throw notFound();
    if (old.superseded_by != null) throw conflict("employment.error.alreadySuperseded");
    const input: ReportEmploymentInput = { ...toInput(numbers), source: { module: old.source_module as SourceModule, id: old.source_id }, enterprise: { id: old.enterprise_id }, evidenceFileId: old.evidence_file_id };
    const refs = await referenceSets(trx);
    const problems = numbersProblems(input, refs);
    if (Object.keys(problems).length) throw badRequest("error.form", problems);
    const newId = await insertReport(trx, actor, old.enterprise_id, input, Number(old.id));
    await trx.updateTable("employment_reports").set((eb) => ({ superseded_by: newId, version: eb("version", "+", 1) })).where("id", "=", old.id).execute();
    await trx.insertInto("employment_report_events").values({ report_id: old.id, actor_id: actor.user.id, from_status: old.status, to_status: "superseded", note: note ?? null }).execute();
    if (old.status === "verified") await refreshCounted(trx, old.enterprise_id, old.jalali_year);
    return newId;
  });
}

export async function getReport(actor: UserActor, id: number) {
  await requirePermission(actor, "read:employment");
  const db = await getDb();
  const r = await db
    .selectFrom("employment_reports as r")
    .innerJoin("enterprises as e", "e.id", "r.enterprise_id")
    .leftJoin("files as f", "f.id", "r.evidence_file_id")
    .selectAll("r")
    .select(["e.name as enterprise_name", "f.original_name as evidence_name", "f.size_bytes as evidence_size"])
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

export interface QueueFilters { year?: number; county?: string; agency?: string; programme?: string; after?: number }

/** Reports waiting for a decision, oldest first (keyset on id). */
/** Reports per page of the verification queue (bulk verify acts on a page's ticked rows). */
export const QUEUE_PAGE = 25;

export async function verificationQueue(actor: UserActor, f: QueueFilters, limit = QUEUE_PAGE) {
  await requirePermission(actor, "read:employment");
  const db = await getDb();
  let q = db
    .selectFrom("employment_reports as r")
    .innerJoin("enterprises as e", "e.id", "r.enterprise_id")
    .select(["r.id", "r.as_of", "r.created_at", "r.programme", "r.source_module", "r.source_id", "r.jobs_created", "r.jobs_retained", "r.women", "e.id as enterprise_id", "e.name as enterprise_name", "e.county_code", "e.agency_code"])
    .where("r.status", "=", "reported")
    .where("r.superseded_by", "is", null)
    .orderBy("r.id")
    .limit(limit + 1);
  if (f.year) q = q.where("r.jalali_year", "=", f.year);
  if (f.county) q = q.where("e.county_code", "=", f.county);
  if (f.agency) q = q.where("e.agency_code", "=", f.agency);
  if (f.programme) q = q.where("r.programme", "=", f.programme);
  if (f.after) q = q.where("r.id", ">", f.after);
  const rows = await q.execute();
  return { rows: rows.slice(0, limit), next: rows.length > limit ? Number(rows[limit - 1].id) : null };
}

export const canVerify = async (actor: UserActor) =>
  allows(actor.user, "verify:employment_report", { orgUnitIds: [await directorateId(await getDb())] });

// ---------- targets ----------

export async function addTargetRevision(actor: UserActor, year: number, input: { amount: number; kind: string; revisedOn: string; note?: string | null }, locale: "fa" | "en") {
  const db = await getDb();
  await requirePermission(actor, "manage:job_target", { orgUnitIds: [await directorateId(db)], entity: "job_target", entityId: year });
  await db.transaction().execute(async (trx) => {
    const { start, end } = jalaliYearRange(year);
    await trx.insertInto("job_targets").values({ jalali_year: year, starts_on: start, ends_on: end, current_target: input.amount }).onConflict((oc) => oc.column("jalali_year").doNothing()).execute();
    await trx.insertInto("job_target_revisions").values({
      jalali_year: year, revised_on: input.revisedOn, amount: input.amount, kind: input.kind,
      note_fa: locale === "fa" ? input.note ?? null : null, note_en: locale === "en" ? input.note ?? null : null, created_by: actor.user.id,
    }).execute();
    await trx.updateTable("job_targets").set((eb) => ({ current_target: input.amount, version: eb("version", "+", 1) })).where("jalali_year", "=", year).execute();
    await writeAudit(trx, auditMeta(actor), { action: "job_target.revise", entity: "job_target", entityId: year, details: { amount: input.amount, kind: input.kind } });
  });
}

export async function setAllocation(actor: UserActor, year: number, input: { dimension: string; code: string; amount: number }) {
  const db = await getDb();
  await requirePermission(actor, "manage:job_target", { orgUnitIds: [await directorateId(db)], entity: "job_target", entityId: year });
  await db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom("job_targets").select("jalali_year").where("jalali_year", "=", year).executeTakeFirst();
    if (!target) throw badRequest("error.form", { amount: "employment.error.noTarget" });
    const refs = await referenceSets(trx);
    const known = input.dimension === "county" ? refs.counties.has(input.code) : input.dimension === "agency" ? refs.agencies.has(input.code) : PROGRAMMES.includes(input.code as Programme);
    if (!known) throw badRequest("error.form", { code: "employment.error.unknownCode" });
    await trx.insertInto("job_target_allocations").values({ jalali_year: year, dimension: input.dimension, code: input.code, amount: input.amount, is_demo: false })
      .onConflict((oc) => oc.columns(["jalali_year", "dimension", "code"]).doUpdateSet({ amount: input.amount, is_demo: false, updated_at: new Date() }))
      .execute();
    await writeAudit(trx, auditMeta(actor), { action: "job_target.allocate", entity: "job_target", entityId: year, details: input });
  });
}

/** The targets page: a year's target, revisions, allocations and the allocation warnings (dashboard readers). */
export async function targetsPage(actor: UserActor, year: number) {
  await requireDashboardReader(actor);
  const t = await targetOf(await getDb(), year);
  return { ...t, warnings: allocationWarnings(t.target?.current_target ?? null, t.allocations) };
}

/** Dimensions whose allocations do not add up to the target (sum vs target). */
export function allocationWarnings(target: number | null, allocations: { dimension: string; amount: number }[]) {
  const sums = new Map<string, number>();
  for (const a of allocations) sums.set(a.dimension, (sums.get(a.dimension) ?? 0) + a.amount);
  return [...sums].filter(([, s]) => target != null && s !== target).map(([dimension, sum]) => ({ dimension, sum, target: target ?? 0 }));
}

// ---------- dashboard ----------

// The target, its revisions and allocations of a year, for the dashboards (three statements): cached,
// dropped by every audited target change (app/lib/memo.server.ts). The targets page reads them afresh.
const dashboardTarget = memo("job_target", 60_000, async (year: number) => targetOf(await getDb(), year));

/** Dashboard numbers (staff and public share them; the public page shows aggregates only). */
export async function dashboard(filters: DashboardFilters, now = new Date()) {
  const db = await getDb();
  const [numbers, t] = await Promise.all([dashboardNumbersCached(db, filters), dashboardTarget.get(filters.year)]);
  const provinceTarget = t.target?.current_target ?? null;
  // With one dimension filtered, the target is that dimension's allocation when there is one.
  const single = [filters.county && ["county", filters.county], filters.agency && ["agency", filters.agency], filters.programme && ["programme", filters.programme]].filter(Boolean) as [string, string][];
  const alloc = single.length === 1 ? t.allocations.find((a) => a.dimension === single[0][0] && a.code === single[0][1]) : undefined;
  const target = single.length === 0 ? provinceTarget : alloc?.amount ?? null;
  const { start, end } = jalaliYearRange(filters.year);
  const day = 86_400_000;
  const daysInYear = Math.round((Date.parse(end) - Date.parse(start)) / day) + 1;
  const elapsed = Math.floor((now.getTime() - Date.parse(start)) / day) + 1;
  const verified = numbers.totals.created;
  return {
    filters,
    target,
    provinceTarget,
    targetIsAllocation: !!alloc,
    revisions: t.revisions,
    allocations: t.allocations,
    warnings: allocationWarnings(provinceTarget, t.allocations),
    progress: progress(verified, target),
    projection: elapsed >= daysInYear ? verified : runRate(verified, elapsed, daysInYear),
    isCurrentYear: filters.year === currentJalaliYear(now),
    ...numbers,
  };
}
export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

export const HOME_PENDING_CAP = 100;

/**
 * The staff home widget (ledger readers only; null for everyone else, without an audit row): reports
 * awaiting verification (counted up to HOME_PENDING_CAP; `pendingMore` when there are more) with the
 * oldest one's age in days, and this Jalali year's verified jobs against the target. One indexed
 * query; the verified total is the dashboard's own number when the dashboard has it cached at the
 * current ledger version, else null (the widget then links to the dashboard instead of scanning).
 */
export async function employmentHome(actor: UserActor, now = new Date()) {
  if (!allows(actor.user, "read:employment")) return null;
  const year = currentJalaliYear(now);
  const h = await homeHeadline(await getDb(), year, HOME_PENDING_CAP + 1);
  const cached = homeDashboardHit({ year }, h.version);
  const verified = cached ? cached.totals.created : null;
  return {
    pending: Math.min(h.pending, HOME_PENDING_CAP),
    pendingMore: h.pending > HOME_PENDING_CAP,
    oldestDays: h.oldest == null ? null : Math.max(0, Math.floor((now.getTime() - new Date(h.oldest).getTime()) / 86_400_000)),
    year,
    target: h.target,
    verified,
    progress: verified != null && h.target ? progress(verified, h.target) : null,
  };
}
export type EmploymentHome = NonNullable<Awaited<ReturnType<typeof employmentHome>>>;

export async function requireDashboardReader(actor: UserActor) {
  await requirePermission(actor, "read:employment");
}

// ---------- CSV import ----------

export const IMPORT_COLUMNS = [
  "external_ref", "registration_no", "national_id", "enterprise_name", "kind", "county", "sector", "agency", "size_class",
  "as_of", "programme", "fte_baseline", "fte_now", "created_full_time", "created_part_time", "created_temp_months",
  "retained_full_time", "retained_part_time", "retained_temp_months", "volunteers", "women", "priority_groups",
] as const;
export const REQUIRED_COLUMNS = ["external_ref", "enterprise_name", "county", "sector", "as_of", "programme", "fte_now", "created_full_time"] as const;

const FIELD_TO_COLUMN: Record<string, string> = {
  name: "enterprise_name", registrationNo: "registration_no", nationalId: "national_id", kind: "kind", county: "county", sector: "sector",
  agency: "agency", sizeClass: "size_class", baselineHeadcount: "fte_baseline", asOf: "as_of", programme: "programme", fteBaseline: "fte_baseline",
  fteNow: "fte_now", createdFullTime: "created_full_time", createdPartTime: "created_part_time", createdTempMonths: "created_temp_months",
  retainedFullTime: "retained_full_time", retainedPartTime: "retained_part_time", retainedTempMonths: "retained_temp_months",
  volunteers: "volunteers", women: "women", priorityGroups: "priority_groups", externalRef: "external_ref",
};

export interface ImportError { row: number; field: string; key: string }
interface ImportRow { row: number; externalRef: string; enterprise: EnterpriseRef; numbers: ReportNumbers }

/** Parses and validates an uploaded CSV; stores the preview. Throws 400 for a wrong encoding or missing columns. */
export async function previewImport(actor: UserActor, fileName: string, bytes: Uint8Array) {
  await requirePermission(actor, "create:employment_report");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("employment.import.error.encoding", { file: "employment.import.error.encoding" });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let records: string[][];
  try {
    records = parseCsv(text, { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch {
    throw badRequest("employment.import.error.malformed", { file: "employment.import.error.malformed" });
  }
  if (records.length < 2) throw badRequest("employment.import.error.empty", { file: "employment.import.error.empty" });
  const header = records[0].map((h) => normalise(h).toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (!header.includes("registration_no") && !header.includes("national_id")) missing.push("registration_no" as never);
  if (missing.length) {
    const e = badRequest("employment.import.error.missingColumns", { file: "employment.import.error.missingColumns" });
    (e.data as { columns?: string[] }).columns = missing;
    throw e;
  }
  if (records.length > 5001) throw badRequest("employment.import.error.tooMany", { file: "employment.import.error.tooMany" });
  const db = await getDb();
  const refs = await referenceSets(db);
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const seenRefs = new Set<string>();
  records.slice(1).forEach((rec, i) => {
    const rowNo = i + 2;
    const get = (c: string) => { const k = header.indexOf(c); return k >= 0 ? rec[k] ?? "" : ""; };
    const rowErrors: ImportError[] = [];
    const add = (field: string, key: string) => { if (!rowErrors.some((e) => e.field === FIELD_TO_COLUMN[field] || e.field === field)) rowErrors.push({ row: rowNo, field: FIELD_TO_COLUMN[field] ?? field, key }); };
    const externalRef = normalise(get("external_ref"));
    if (!externalRef) add("externalRef", "error.required");
    else if (seenRefs.has(externalRef)) add("externalRef", "employment.import.error.duplicateRef");
    seenRefs.add(externalRef);
    const ent = enterpriseSchema.safeParse({
      name: get("enterprise_name"), registrationNo: get("registration_no"), nationalId: get("national_id"), kind: get("kind") || "company",
      county: get("county"), sector: get("sector"), agency: get("agency"), sizeClass: get("size_class") || "micro", baselineHeadcount: "0",
    });
    if (!ent.success) for (const is of ent.error.issues) add(String(is.path[0]), is.message);
    const nums = reportNumbersSchema.safeParse({
      asOf: get("as_of"), programme: get("programme"), fteBaseline: get("fte_baseline"), fteNow: get("fte_now"),
      createdFullTime: get("created_full_time"), createdPartTime: get("created_part_time"), createdTempMonths: get("created_temp_months"),
      retainedFullTime: get("retained_full_time"), retainedPartTime: get("retained_part_time"), retainedTempMonths: get("retained_temp_months"),
      volunteers: get("volunteers"), women: get("women"), priorityGroups: get("priority_groups"),
    });
    if (!nums.success) for (const is of nums.error.issues) add(String(is.path[0]), is.message.startsWith("error.") || is.message.startsWith("employment.") ? is.message : "error.invalidChoice");
    if (ent.success) for (const [f, k] of Object.entries(enterpriseProblems(ent.data, refs))) add(f, k);
    if (nums.success && ent.success) {
      const input = { ...toInput(nums.data), source: { module: "import" as const }, enterprise: ent.data };
      for (const [f, k] of Object.entries(numbersProblems(input, refs))) add(f, k);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (ent.success && nums.success) rows.push({ row: rowNo, externalRef, enterprise: ent.data, numbers: nums.data });
  });
  const id = crypto.randomUUID();
  await db.insertInto("employment_imports").values({
    id, created_by: actor.user.id, file_name: fileName.slice(0, 200), rows: JSON.stringify(rows), errors: JSON.stringify(errors),
  }).execute();
  return id;
}

export async function getImport(actor: UserActor, id: string) {
  await requirePermission(actor, "create:employment_report");
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound();
  const db = await getDb();
  const imp = await db.selectFrom("employment_imports").selectAll().where("id", "=", id).executeTakeFirst();
  if (!imp || imp.created_by !== actor.user.id) throw notFound();
  const rows = imp.rows as unknown as ImportRow[];
  const errors = imp.errors as unknown as ImportError[];
  const badRows = new Set(errors.map((e) => e.row)).size;
  return { id: imp.id, fileName: imp.file_name, status: imp.status, importedCount: imp.imported_count, validRows: rows.length, badRows, errors, rows };
}

/**
 * Writes the previewed rows in one transaction: mode "all" refuses when any row has an error;
 * "valid" writes the valid rows only. Rows whose external_ref exists already are skipped (idempotent).
 */
export async function confirmImport(actor: UserActor, id: string, mode: "all" | "valid") {
  const imp = await getImport(actor, id);
  if (imp.status !== "preview") throw conflict("employment.import.error.done");
  if (mode === "all" && imp.errors.length) throw conflict("employment.import.error.hasErrors");
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    let created = 0, skipped = 0;
    for (const r of imp.rows) {
      const res = await reportEmployment(actor, { ...toInput(r.numbers), source: { module: "import", id: `${id}:${r.row}` }, enterprise: r.enterprise, externalRef: r.externalRef }, trx);
      if (res.duplicate) skipped++; else created++;
    }
    await trx.updateTable("employment_imports").set({ status: "imported", imported_count: created }).where("id", "=", id).where("status", "=", "preview").execute();
    await writeAudit(trx, auditMeta(actor), { action: "employment_import.confirm", entity: "employment_import", entityId: id, details: { created, skipped, mode } });
    return { created, skipped };
  });
}

/** Names of the reference codes a dashboard shows (for labels and filters), inactive ones too. */
export async function referenceNames() {
  const pick = async (kind: "counties" | "agencies" | "sectors" | "priority_groups") =>
    (await referenceEntries(kind)).map((e) => ({ code: e.code, fa: e.name_fa, en: e.name_en }));
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
