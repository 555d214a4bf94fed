import * as jalaali from "jalaali-js";
import { sql } from "kysely";
import type { Database } from "~/lib/db.server";
import { badRequest, notFound } from "~/lib/http";
import { auditMeta, type Actor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { countFte, PLACEMENT, reportProblems, type JobComponents } from "./rules";
import { bumpLedgerVersion } from "./queries.server";
import { enterpriseSchema, PROGRAMMES, type Programme } from "./schema";
import type { EnterpriseRef, ReportEmploymentInput, ReportNumbers } from "./service.server";
import { todayTehran } from "~/i18n/clock";

// Internal helpers shared by the employment module's service files (service, enterprises, reports,
// dashboard, import): reference checks, enterprise lookup, report rows, the directorate. Not for other
// modules: they call the use cases in service.server.ts and its sibling files.

const ZERO: JobComponents = { fullTime: 0, partTime: 0, tempMonths: 0, volunteers: 0 };

function jalaliOf(iso: string) {
  const [y, m, d] = iso.split("-").map(Number);
  const j = jalaali.toJalaali(y, m, d);
  return { year: j.jy, month: j.jm };
}


export async function referenceSets(trx: Database) {
  const [counties, sectors, agencies, groups] = await Promise.all(
    (["counties", "sectors", "agencies", "priority_groups"] as const).map((t) =>
      trx.selectFrom(t).select("code").where("active", "=", true).execute().then((rs) => new Set(rs.map((r) => r.code))),
    ),
  );
  return { counties, sectors, agencies, groups };
}
export type RefSets = Awaited<ReturnType<typeof referenceSets>>;

export function enterpriseProblems(e: EnterpriseRef, refs: RefSets): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!refs.counties.has(e.county)) errors.county = "employment.error.unknownCounty";
  if (!refs.sectors.has(e.sector)) errors.sector = "employment.error.unknownSector";
  if (e.agency && !refs.agencies.has(e.agency)) errors.agency = "employment.error.unknownAgency";
  return errors;
}

export function numbersProblems(input: ReportEmploymentInput, refs: RefSets): Record<string, string> {
  const created = input.placement ? PLACEMENT : input.created ?? ZERO;
  const retained = input.retained ?? ZERO;
  const fteNow = input.fteNow ?? (input.placement ? countFte(created) + countFte(retained) : 0);
  const errors = reportProblems({ fteBaseline: input.fteBaseline ?? 0, fteNow, created, retained, women: input.women ?? 0 });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asOf)) errors.asOf = "error.invalidDate";
  else if (input.asOf > todayTehran()) errors.asOf = "employment.error.futureDate";
  else if (jalaliOf(input.asOf).year < 1395) errors.asOf = "employment.error.dateTooOld";
  for (const g of input.priorityGroups ?? []) if (!refs.groups.has(g)) errors.priorityGroups = "employment.error.unknownGroup";
  if (input.programme && !PROGRAMMES.includes(input.programme)) errors.programme = "employment.error.unknownProgramme";
  return errors;
}

/**
 * Serialises the creation of one enterprise: a transaction-scoped advisory lock per registration
 * number and national ID, taken before looking for the enterprise. Fifty simultaneous creations of one
 * firm then find the first one's row instead of racing to the unique index (a 500 for 49 of them).
 */
export async function lockEnterpriseKeys(trx: Database, regNo: string | null | undefined, nationalId: string | null | undefined) {
  const keys = [regNo?.trim() ? `enterprise:reg:${regNo.trim()}` : null, nationalId?.trim() ? `enterprise:nid:${nationalId.trim()}` : null].filter((k): k is string => !!k).sort();
  for (const k of keys) await sql`SELECT pg_advisory_xact_lock(hashtext(${k}))`.execute(trx);
}

export async function findOrCreateEnterprise(trx: Database, actor: Actor, ref: EnterpriseRef | { id: number }, refs: RefSets) {
  if ("id" in ref) {
    const e = await trx.selectFrom("enterprises").select(["id", "merged_into"]).where("id", "=", ref.id).executeTakeFirst();
    if (!e) throw notFound();
    return e.merged_into ?? e.id;
  }
  const regNo = ref.registrationNo?.trim() || null;
  const nid = ref.nationalId?.trim() || null;
  await lockEnterpriseKeys(trx, regNo, nid);
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

export async function insertReport(trx: Database, actor: Actor, enterpriseId: number, input: ReportEmploymentInput, supersedesId: number | null = null) {
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

// The directorate's org unit (where staff roles are held). Permission checks depend on it, so it is
// read from the database every time, never from a per-process cache (issue 18: a second instance must
// not decide on a stale value); it is one indexed primary-key-sized read.
export async function directorateId(db: Database) {
  const row = await db.selectFrom("org_units").select("id").where("kind", "=", "directorate").orderBy("id").executeTakeFirst();
  return row?.id ?? -1;
}

export const toInput = (n: ReportNumbers): Omit<ReportEmploymentInput, "source" | "enterprise"> => ({
  asOf: n.asOf, programme: n.programme, fteBaseline: n.fteBaseline, fteNow: n.fteNow,
  created: { fullTime: n.createdFullTime, partTime: n.createdPartTime, tempMonths: n.createdTempMonths, volunteers: n.volunteers },
  retained: { fullTime: n.retainedFullTime, partTime: n.retainedPartTime, tempMonths: n.retainedTempMonths },
  women: n.women, priorityGroups: n.priorityGroups,
});
