import { getDb } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { discardUpload, openDownload, prepareUpload, recordUpload, type IncomingFile } from "~/modules/files/service.server";
import { bumpLedgerVersion, refreshCounted } from "./queries.server";
import { directorateId, insertReport, numbersProblems, referenceSets, toInput } from "./internal.server";
import { reportEmployment, type ReportEmploymentInput, type ReportNumbers, type SourceModule } from "./service.server";
import { now as clockNow } from "~/i18n/clock";
import type { Locale } from "~/i18n/locale";
import { referenceEntries } from "~/modules/reference/service.server";

// ---------- reports: manual entry, decisions, corrections ----------

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
    const now = clockNow();
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

/** Throws 404 for a missing report and 403 unless the actor may correct it (before the form is read). */
export async function assertCorrectable(actor: UserActor, id: number) {
  await requirePermission(actor, "create:employment_report");
  const r = await (await getDb()).selectFrom("employment_reports").select("created_by").where("id", "=", id).executeTakeFirst();
  if (!r) throw notFound();
  await requirePermission(actor, "correct:employment_report", { ownerId: r.created_by, entity: "employment_report", entityId: id });
}

/** A correction: a new report (status reported) supersedes the old one; both stay visible. */
export async function supersedeReport(actor: UserActor, oldId: number, numbers: ReportNumbers, note?: string | null) {
  await requirePermission(actor, "create:employment_report");
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom("employment_reports").selectAll().where("id", "=", oldId).forUpdate().executeTakeFirst();
    if (!old) throw notFound();
    // Directorate staff correct any report; centre staff the reports they filed (issue 10 item 8).
    await requirePermission(actor, "correct:employment_report", { ownerId: old.created_by, entity: "employment_report", entityId: oldId });
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
    .leftJoin("users as vu", "vu.id", "r.verified_by")
    .selectAll("r")
    .select(["e.name as enterprise_name", "f.original_name as evidence_name", "f.size_bytes as evidence_size", "vu.full_name as verified_by_name"])
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
  // The page's ids first, with only the columns the filters need: for one year they come from the
  // pending-by-year index alone (migration 2026-12-03T1400); then those rows in full.
  let page = db
    .selectFrom("employment_reports as p")
    .select("p.id")
    .where("p.status", "=", "reported")
    .where("p.superseded_by", "is", null)
    .orderBy("p.id")
    .limit(limit + 1);
  if (f.year) page = page.where("p.jalali_year", "=", f.year);
  if (f.programme) page = page.where("p.programme", "=", f.programme);
  if (f.after) page = page.where("p.id", ">", f.after);
  if (f.county || f.agency) {
    page = page.where((eb) => {
      let firms = eb.selectFrom("enterprises as pe").select("pe.id");
      if (f.county) firms = firms.where("pe.county_code", "=", f.county);
      if (f.agency) firms = firms.where("pe.agency_code", "=", f.agency);
      return eb("p.enterprise_id", "in", firms);
    });
  }
  const rows = await db
    .selectFrom("employment_reports as r")
    .innerJoin("enterprises as e", "e.id", "r.enterprise_id")
    .select(["r.id", "r.as_of", "r.created_at", "r.programme", "r.source_module", "r.source_id", "r.jobs_created", "r.jobs_retained", "r.women", "e.id as enterprise_id", "e.name as enterprise_name", "e.county_code", "e.agency_code"])
    .where("r.id", "in", page)
    .orderBy("r.id")
    .execute();
  return { rows: rows.slice(0, limit), next: rows.length > limit ? Number(rows[limit - 1].id) : null };
}

/**
 * The queue page: each row with only the columns its table shows (the county already named in the
 * reader's language), and the filters' choices. Both names of every reference list, the agency, the
 * women's count and the filing time went out with every view before (page data is serialised into the HTML).
 */
export async function verificationQueuePage(actor: UserActor, f: QueueFilters, locale: Locale) {
  const list = await verificationQueue(actor, f);
  const [counties, agencies, verify] = await Promise.all([referenceEntries("counties"), referenceEntries("agencies"), canVerify(actor)]);
  const name = (e: { name_fa: string; name_en: string }) => (locale === "fa" ? e.name_fa : e.name_en);
  const countyName = new Map(counties.map((c) => [c.code, name(c)]));
  return {
    rows: list.rows.map((r) => ({
      id: Number(r.id), as_of: String(r.as_of), enterprise_id: r.enterprise_id, enterprise_name: r.enterprise_name,
      county: r.county_code ? countyName.get(r.county_code) ?? r.county_code : null, programme: r.programme,
      source_module: r.source_module, source_id: r.source_id, jobs_created: Number(r.jobs_created), jobs_retained: Number(r.jobs_retained),
    })),
    next: list.next,
    counties: counties.filter((c) => c.active).map((c) => ({ value: c.code, label: name(c) })),
    agencies: agencies.filter((a) => a.active).map((a) => ({ value: a.code, label: name(a) })),
    canVerify: verify,
  };
}

export const canVerify = async (actor: UserActor) =>
  allows(actor.user, "verify:employment_report", { orgUnitIds: [await directorateId(await getDb())] });
