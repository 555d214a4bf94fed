import crypto from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import { getDb } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
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
