import crypto from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { enqueue, jobsStopping, registerJob } from "~/lib/jobs.server";
import { badRequest, conflict, isHttpError, notFound } from "~/lib/http";
import { auditMeta, jobActor, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { normalise } from "~/i18n/normalise";
import { enterpriseSchema, reportNumbersSchema } from "./schema";
import { enterpriseProblems, numbersProblems, referenceSets, toInput } from "./internal.server";
import { reportEmployment, type EnterpriseRef, type ReportNumbers } from "./service.server";

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

/**
 * The import runs in the background (issue 18, decision 0049): the upload only reads the file's
 * shape (encoding, columns, row count — clear messages on the form) and stores it; the job
 * "employment.import" checks every row ("validating" → "preview"), and after the staff member
 * confirms, writes the rows IMPORT_CHUNK at a time, each chunk one transaction that also moves
 * rows_done forward ("importing" → "imported"). A restart loses at most the chunk in flight, which
 * rolled back; "employment.import-resume" picks up an import whose heartbeat stopped.
 */
export const IMPORT_CHUNK = 50;
/** An import whose heartbeat is older than this (and no worker holds its row) is resumed. */
export const IMPORT_STALE_SECONDS = 15;
export const MAX_IMPORT_ROWS = 5000;

function decodeCsv(bytes: Uint8Array): string[][] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("employment.import.error.encoding", { file: "employment.import.error.encoding" });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseRecords(text);
}

function parseRecords(text: string): string[][] {
  try {
    return parseCsv(text, { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch {
    throw badRequest("employment.import.error.malformed", { file: "employment.import.error.malformed" });
  }
}

/**
 * Stores an uploaded CSV and queues its row checks; returns the import's id at once. Throws 400
 * (field "file") for a wrong encoding, an unreadable file, missing columns or too many rows.
 */
export async function previewImport(actor: UserActor, fileName: string, bytes: Uint8Array) {
  await requirePermission(actor, "create:employment_report");
  const records = decodeCsv(bytes);
  if (records.length < 2) throw badRequest("employment.import.error.empty", { file: "employment.import.error.empty" });
  const header = records[0].map((h) => normalise(h).toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (!header.includes("registration_no") && !header.includes("national_id")) missing.push("registration_no" as never);
  if (missing.length) {
    const e = badRequest("employment.import.error.missingColumns", { file: "employment.import.error.missingColumns" });
    (e.data as { columns?: string[] }).columns = missing;
    throw e;
  }
  if (records.length > MAX_IMPORT_ROWS + 1) throw badRequest("employment.import.error.tooMany", { file: "employment.import.error.tooMany" });
  const id = crypto.randomUUID();
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("employment_imports").values({
      id, created_by: actor.user.id, file_name: fileName.slice(0, 200), rows: "[]", errors: "[]", status: "validating",
      source: new TextDecoder().decode(bytes), total_rows: records.length - 1, heartbeat_at: sql<Date>`now()`,
    }).execute();
    await enqueue(trx, "employment.import", { id });
  });
  return id;
}

/** Checks every row of a stored upload (the job's first phase); idempotent, resumable from scratch. */
export async function validateImport(id: string) {
  const db = await getDb();
  const imp = await db.selectFrom("employment_imports").select(["source", "status"]).where("id", "=", id).executeTakeFirst();
  if (!imp || imp.status !== "validating" || imp.source == null) return;
  let text = imp.source;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = parseRecords(text);
  const header = records[0].map((h) => normalise(h).toLowerCase());
  const refs = await referenceSets(db);
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const seenRefs = new Set<string>();
  for (let i = 1; i < records.length; i++) {
    const rec = records[i];
    const rowNo = i + 1;
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
    if (i % 500 === 0) {
      if (jobsStopping()) return; // checked again from the start by the resumed job
      await db.updateTable("employment_imports").set({ rows_done: i, heartbeat_at: sql<Date>`now()` }).where("id", "=", id).where("status", "=", "validating").execute();
    }
  }
  await db.updateTable("employment_imports")
    .set({ rows: JSON.stringify(rows), errors: JSON.stringify(errors), status: "preview", rows_done: records.length - 1, source: null, heartbeat_at: sql<Date>`now()` })
    .where("id", "=", id).where("status", "=", "validating")
    .execute();
}

export interface ImportStatus {
  id: string; fileName: string; status: string; importedCount: number | null; skippedCount: number | null;
  totalRows: number; rowsDone: number; validRows: number; badRows: number; errorCount: number; errors: ImportError[]; failure: string | null;
  /** In the preview: valid rows whose external_ref is in the ledger already (an earlier import): they will be skipped. */
  alreadyImported: number;
}

/** The uploader's import, without its rows (the progress page asks for it every few seconds). */
export async function getImport(actor: UserActor, id: string, opts: { errorLimit?: number } = {}): Promise<ImportStatus> {
  await requirePermission(actor, "create:employment_report");
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound();
  const db = await getDb();
  const limit = opts.errorLimit ?? 500;
  const imp = await db.selectFrom("employment_imports")
    .select(["id", "created_by", "file_name", "status", "imported_count", "skipped_count", "total_rows", "rows_done", "failure",
      sql<number>`jsonb_array_length(rows)`.as("valid_rows"),
      sql<number>`jsonb_array_length(errors)`.as("error_count"),
      sql<number>`(select count(distinct e->>'row')::int from jsonb_array_elements(errors) e)`.as("bad_rows"),
      sql<ImportError[]>`(select coalesce(jsonb_agg(e), '[]'::jsonb) from (select e from jsonb_array_elements(errors) e limit ${limit}) x)`.as("first_errors"),
      sql<number>`case when status = 'preview' then (select count(*)::int from jsonb_array_elements(rows) r
        where exists (select 1 from employment_reports er where er.external_ref = r->>'externalRef')) else 0 end`.as("already_imported"),
    ])
    .where("id", "=", id).executeTakeFirst();
  if (!imp || imp.created_by !== actor.user.id) throw notFound();
  return {
    id: imp.id, fileName: imp.file_name, status: imp.status, importedCount: imp.imported_count, skippedCount: imp.skipped_count,
    totalRows: imp.total_rows, rowsDone: imp.rows_done, validRows: imp.valid_rows, badRows: imp.bad_rows, errorCount: imp.error_count,
    errors: imp.first_errors, failure: imp.failure, alreadyImported: Number(imp.already_imported ?? 0),
  };
}

/** Every row error of the uploader's import (the downloadable CSV). */
export async function importErrors(actor: UserActor, id: string) {
  return (await getImport(actor, id, { errorLimit: 100_000 })).errors;
}

/**
 * Confirms a previewed import and queues its writing: mode "all" refuses when any row has an error;
 * "valid" writes the valid rows only. Rows whose external_ref exists already are skipped (idempotent).
 */
export async function confirmImport(actor: UserActor, id: string, mode: "all" | "valid") {
  const imp = await getImport(actor, id, { errorLimit: 0 });
  if (imp.status === "validating") throw conflict("employment.import.error.notReady");
  if (imp.status !== "preview") throw conflict("employment.import.error.done");
  if (mode === "all" && imp.errorCount) throw conflict("employment.import.error.hasErrors");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const started = await trx.updateTable("employment_imports")
      .set({ status: "importing", mode, rows_done: 0, total_rows: imp.validRows, imported_count: 0, skipped_count: 0, heartbeat_at: sql<Date>`now()` })
      .where("id", "=", id).where("status", "=", "preview")
      .executeTakeFirst();
    if (Number(started.numUpdatedRows) !== 1) throw conflict("employment.import.error.done");
    await enqueue(trx, "employment.import", { id });
    await writeAudit(trx, auditMeta(actor), { action: "employment_import.confirm", entity: "employment_import", entityId: id, details: { rows: imp.validRows, mode } });
  });
}

/**
 * Writes the next chunk of a confirmed import in one transaction (the import's row locked, so two
 * workers never write the same chunk); false when there is nothing more to do here.
 */
async function writeChunk(id: string, rows: ImportRow[], actor: UserActor): Promise<boolean> {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom("employment_imports").select(["status", "rows_done", "imported_count", "skipped_count"])
      .where("id", "=", id).forUpdate().skipLocked().executeTakeFirst();
    if (!cur || cur.status !== "importing") return false;
    const slice = rows.slice(cur.rows_done, cur.rows_done + IMPORT_CHUNK);
    let created = 0, skipped = 0;
    for (const r of slice) {
      const res = await reportEmployment(actor, { ...toInput(r.numbers), source: { module: "import", id: `${id}:${r.row}` }, enterprise: r.enterprise, externalRef: r.externalRef }, trx);
      if (res.duplicate) skipped++; else created++;
    }
    const done = cur.rows_done + slice.length;
    const finished = done >= rows.length;
    const importedCount = (cur.imported_count ?? 0) + created, skippedCount = (cur.skipped_count ?? 0) + skipped;
    await trx.updateTable("employment_imports")
      .set({ rows_done: done, imported_count: importedCount, skipped_count: skippedCount, heartbeat_at: sql<Date>`now()`, ...(finished ? { status: "imported" } : {}) })
      .where("id", "=", id).execute();
    if (finished) await writeAudit(trx, auditMeta(actor), { action: "employment_import.finish", entity: "employment_import", entityId: id, details: { created: importedCount, skipped: skippedCount } });
    return !finished;
  });
}

async function failImport(id: string, failure: string) {
  const db = await getDb();
  await db.updateTable("employment_imports").set({ status: "failed", failure, heartbeat_at: sql<Date>`now()` })
    .where("id", "=", id).where("status", "in", ["validating", "importing"]).execute();
}

/** The job: checks the rows of a new upload, or writes a confirmed import chunk by chunk. */
export async function runImport(id: string) {
  const db = await getDb();
  const head = await db.selectFrom("employment_imports").select(["status", "created_by", "rows"]).where("id", "=", id).executeTakeFirst();
  if (!head) return;
  if (head.status === "validating") {
    try {
      await validateImport(id);
    } catch (e) {
      if (!isHttpError(e)) throw e;
      await failImport(id, e.data.messageKey);
    }
    return;
  }
  if (head.status !== "importing") return;
  const actor = await jobActor(head.created_by, `employment.import:${id}`);
  if (!actor) return failImport(id, "employment.import.error.uploaderGone");
  const rows = head.rows as unknown as ImportRow[];
  try {
    while (!jobsStopping() && (await writeChunk(id, rows, actor)));
  } catch (e) {
    // A rule the preview could not see (a permission withdrawn, a record changed since): stop with
    // the reason; the chunks before it stay written and a new upload skips them by external_ref.
    if (!isHttpError(e)) throw e;
    await failImport(id, e.data?.messageKey ?? "error.form");
  }
}

/** Imports left behind (a worker killed or stopped mid-way): queue them again. */
export async function resumeImports() {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const stalled = await trx.selectFrom("employment_imports").select("id")
      .where("status", "in", ["validating", "importing"])
      .where("heartbeat_at", "<", sql<Date>`now() - make_interval(secs => ${IMPORT_STALE_SECONDS})`)
      .forUpdate().skipLocked().execute();
    for (const { id } of stalled) {
      await trx.updateTable("employment_imports").set({ heartbeat_at: sql<Date>`now()` }).where("id", "=", id).execute();
      await enqueue(trx, "employment.import", { id });
    }
    return stalled.length;
  });
}

registerJob("employment.import", (data) => runImport(String(data.id)));
registerJob("employment.import-resume", () => resumeImports(), "* * * * *", { afterStartSeconds: IMPORT_STALE_SECONDS + 5 });
