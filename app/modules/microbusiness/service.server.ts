import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { reportEmployment, type EnterpriseRef } from "~/modules/employment/service.server";
import { notify } from "~/modules/notifications/service.server";
import { activeEntries, referenceOptions } from "~/modules/reference/service.server";
import { handover } from "~/modules/subjects/handovers.server";
import { registerSubject } from "~/modules/subjects/registry.server";
import { currentJalaliYear, todayTehran } from "~/i18n/clock";
import { searchForm } from "~/i18n/normalise";
import { localDigits, toJalaliInput } from "~/i18n/format";
import * as q from "./queries.server";
import { daysToExpiry, isoDay, jalaliYearOf, jobsForReport, permitColumns, permitProblems, permitStatusOn, workerJobs, workersProblems } from "./rules";
import type { DetailsInput, PermitInput, RegisterInput, SupportInput, WorkersInput } from "./schema";
import { permitChangeAllowed, permitChoices } from "./workflow";

// Use cases of the micro and home businesses registry (issue 16, module 8). Permissions (roles.ts):
//  - create:micro_business   own: an entrepreneur registers their own business; any: staff register anyone's
//  - read:micro_business     own: the owner (owner_user_id); any: staff
//  - update:micro_business   own: the owner (details, permit, support, yearly update); any: staff
// Jobs reach the ledger only through reportEmployment (source "micro_businesses", programme "micro"),
// in the same transaction as the registration and each yearly update (decision 0027).

type Business = q.BusinessRow;
const ENTITY = "micro_business";

async function loadBusiness(db: Database, actor: UserActor, id: number, permission: "read:micro_business" | "update:micro_business"): Promise<Business> {
  const b = await q.findBusiness(db, id);
  if (!b) {
    await requireGrant(actor, permission);
    throw notFound();
  }
  await requirePermission(actor, permission, { ownerId: b.owner_user_id, entity: ENTITY, entityId: id });
  return b;
}

const searchText = (b: { name: string; owner_name: string; activity: string; owner_national_id: string; permit_number?: string | null }) =>
  searchForm([b.name, b.owner_name, b.activity, b.owner_national_id, b.permit_number ?? ""].join(" "));

async function referenceProblems(input: { county: string; sector: string }) {
  const [counties, sectors] = await Promise.all([activeEntries("counties"), activeEntries("sectors")]);
  const errors: Record<string, string> = {};
  if (!counties.some((c) => c.code === input.county)) errors.county = "error.invalidChoice";
  if (!sectors.some((c) => c.code === input.sector)) errors.sector = "error.invalidChoice";
  return errors;
}

function detailsProblems(d: DetailsInput, today: string): Record<string, string> {
  return d.startedOn > today ? { startedOn: "micro.error.futureDate" } : {};
}

const fail = (errors: Record<string, string>) => {
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
};

/**
 * A second registration of the same owner and activity: a 400 whose `duplicateOf` carries the first
 * record's id, so the form shows a link to it (routes pass `fields: ["duplicateOf"]` to formAction).
 */
const duplicate = (id: number) => badRequest("micro.error.duplicate", { _form: "micro.error.duplicate", sector: "micro.error.duplicateField", duplicateOf: String(id) });

const isUnique = (e: unknown, name?: string) =>
  (e as { code?: string }).code === "23505" && (!name || String((e as { constraint?: string }).constraint ?? "").includes(name));

/** The ledger enterprise a business reports as (decision 0027): its own once known, else the owner's national ID or the permit number. */
async function enterpriseOf(trx: Database, b: Pick<Business, "id" | "name" | "owner_national_id" | "county_code" | "sector_code" | "home_based" | "permit_status" | "permit_number" | "enterprise_id">): Promise<EnterpriseRef | { id: number }> {
  if (b.enterprise_id) return { id: b.enterprise_id };
  const base = { name: b.name, kind: b.home_based ? "home_business" : "self_employed", county: b.county_code, sector: b.sector_code, sizeClass: "micro" } as const;
  const permit = b.permit_status === "issued" && b.permit_number ? b.permit_number : null;
  // The owner's national ID stands for their first business; a second one is its own enterprise.
  if (!(await q.ownerIdentityTaken(trx, b.owner_national_id, b.id))) return { ...base, nationalId: b.owner_national_id, registrationNo: permit };
  return { ...base, registrationNo: permit ?? `MB-${b.id}` };
}

/** Files the employment report of one update (registration or yearly) and links it. */
async function reportUpdate(trx: Database, actor: UserActor, b: Parameters<typeof enterpriseOf>[1] & { started_on: string | Date }, updateId: number, workers: WorkersInput, year: number, today: string) {
  const base = await q.lastUpdateBefore(trx, b.id, year);
  const jobs = jobsForReport(workers, base ? workersOf(base) : null, jalaliYearOf(b.started_on) === year);
  const { reportId, enterpriseId } = await reportEmployment(actor, {
    source: { module: "micro_businesses", id: b.id },
    programme: "micro",
    enterprise: await enterpriseOf(trx, b),
    asOf: today,
    fteBaseline: jobs.fteBaseline,
    fteNow: jobs.fteNow,
    created: jobs.created,
    retained: jobs.retained,
    women: jobs.women,
    externalRef: `micro_businesses:${b.id}:update:${updateId}`,
  }, trx);
  await trx.updateTable("micro_business_updates").set({ report_id: reportId }).where("id", "=", updateId).execute();
  if (!b.enterprise_id) await trx.updateTable("micro_businesses").set({ enterprise_id: enterpriseId }).where("id", "=", b.id).execute();
  return reportId;
}

/** The stored workers grid of an update, as the form's input. */
export function workersOf(u: q.UpdateRow): WorkersInput {
  return {
    ownerMode: u.owner_mode as WorkersInput["ownerMode"], ownerMonths: u.owner_months,
    familyFullTime: u.family_full_time, familyPartTime: u.family_part_time, familySeasonal: u.family_seasonal, familyMonths: u.family_months,
    hiredFullTime: u.hired_full_time, hiredPartTime: u.hired_part_time, hiredSeasonal: u.hired_seasonal, hiredMonths: u.hired_months,
    women: u.women,
  };
}

function updateValues(businessId: number, w: WorkersInput, year: number, today: string, actor: UserActor) {
  return {
    business_id: businessId, jalali_year: year, as_of: today, owner_mode: w.ownerMode, owner_months: w.ownerMode === "seasonal" ? w.ownerMonths : 0,
    family_full_time: w.familyFullTime, family_part_time: w.familyPartTime, family_seasonal: w.familySeasonal, family_months: w.familySeasonal ? w.familyMonths : 0,
    hired_full_time: w.hiredFullTime, hired_part_time: w.hiredPartTime, hired_seasonal: w.hiredSeasonal, hired_months: w.hiredSeasonal ? w.hiredMonths : 0,
    women: w.women, jobs_fte: workerJobs(w).fte, created_by: actor.user.id,
  };
}

/** Who may register for whom: staff for anyone (optionally linking the owner's account by email), an entrepreneur for themselves. */
async function ownerFor(db: Database, actor: UserActor, input: RegisterInput): Promise<number | null> {
  const level = await requireGrant(actor, "create:micro_business", { entity: ENTITY });
  if (level === "own") {
    const me = await db.selectFrom("users").select("national_id").where("id", "=", actor.user.id).executeTakeFirst();
    if (me?.national_id && me.national_id !== input.ownerNationalId) throw badRequest("error.form", { ownerNationalId: "micro.error.notYourNationalId" });
    return actor.user.id;
  }
  if (!input.ownerEmail) return null;
  const u = await db.selectFrom("users").select("id").where(sql`lower(email)`, "=", input.ownerEmail.toLowerCase()).executeTakeFirst();
  if (!u) throw badRequest("error.form", { ownerEmail: "micro.error.noSuchAccount" });
  return u.id;
}

/**
 * Registers a business with its permit and the people working in it, and files its first employment
 * report in the same transaction. A second registration of the same owner and activity is refused
 * with a link to the first (see `duplicate`); nothing is written then.
 */
export async function registerBusiness(actor: UserActor, input: RegisterInput): Promise<number> {
  const db = await getDb();
  const ownerUserId = await ownerFor(db, actor, input);
  const today = todayTehran();
  fail({ ...(await referenceProblems(input)), ...detailsProblems(input, today), ...permitProblems(input, today), ...workersProblems(input) });
  const isic = input.isicCode ?? "";
  const existing = await q.findSameActivity(db, input.ownerNationalId, input.sector, isic);
  if (existing) throw duplicate(existing);
  if (input.permitStatus === "issued" && input.permitNumber && (await q.findByPermitNumber(db, input.permitNumber))) fail({ permitNumber: "micro.error.permitTaken" });
  const year = currentJalaliYear();
  const jobs = workerJobs(input);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = {
        name: input.name, owner_user_id: ownerUserId, owner_national_id: input.ownerNationalId, owner_name: input.ownerName, owner_gender: input.ownerGender,
        owner_mobile: input.ownerMobile ?? null, sector_code: input.sector, isic_code: isic, activity: input.activity, county_code: input.county,
        area: input.area, address: input.address, started_on: input.startedOn, home_based: input.homeBased, sales_channels: input.salesChannels,
        ...permitColumns(input), jobs_fte: jobs.fte, workers: jobs.people, last_update_year: year, last_update_on: today, created_by: actor.user.id,
      };
      const b = await trx.insertInto("micro_businesses").values({ ...row, search_text: searchText(row) }).returning("id").executeTakeFirstOrThrow();
      const u = await trx.insertInto("micro_business_updates").values(updateValues(b.id, input, year, today, actor)).returning("id").executeTakeFirstOrThrow();
      const reportId = await reportUpdate(trx, actor, { ...row, id: b.id, enterprise_id: null }, u.id, input, year, today);
      await writeAudit(trx, auditMeta(actor), { action: "micro_business.register", entity: ENTITY, entityId: b.id, details: { ownerUserId, permit: input.permitStatus, reportId, fte: jobs.fte } });
      // An owner who passed a skills course: training links the business to the pass, and the course is support received.
      const course = await handover("training.businessRegistered")?.(trx, actor, { businessId: b.id, ownerNationalId: input.ownerNationalId });
      if (course?.id) await trx.insertInto("micro_business_supports").values({ business_id: b.id, kind: "training", received_on: today, course_id: course.id, created_by: actor.user.id }).execute();
      return b.id;
    });
  } catch (e) {
    // A concurrent registration of the same owner and activity (a double submit) won the race.
    if (isUnique(e, "owner_activity")) {
      const id = await q.findSameActivity(db, input.ownerNationalId, input.sector, isic);
      if (id) throw duplicate(id);
    }
    if (isUnique(e, "permit")) fail({ permitNumber: "micro.error.permitTaken" });
    throw e;
  }
}

/** Route actions check this before reading the form, so a refused user gets 403, never a field error. */
export async function requireRegistrar(actor: UserActor) {
  await requireGrant(actor, "create:micro_business", { entity: ENTITY });
}

/** What the registration form needs: options, whether the actor registers for others, and the own account's details. */
export async function registrationForm(actor: UserActor, locale: "fa" | "en") {
  const level = await requireGrant(actor, "create:micro_business", { entity: ENTITY });
  const db = await getDb();
  const [counties, sectors, me] = await Promise.all([
    referenceOptions("counties", locale),
    referenceOptions("sectors", locale),
    level === "own" ? db.selectFrom("users").select(["full_name", "national_id", "mobile"]).where("id", "=", actor.user.id).executeTakeFirst() : undefined,
  ]);
  const defaults: Record<string, string> = { ownerMode: "full_time", permitStatus: "none", homeBased: "on" };
  if (me) Object.assign(defaults, { ownerName: me.full_name, ownerNationalId: me.national_id ?? "", ownerMobile: me.mobile ?? "" });
  return { counties, sectors, forOthers: level === "any", defaults };
}

/** A business page: details, permit as of today, support, updates, and what the actor may do. */
export async function businessPage(actor: UserActor, id: number, locale: "fa" | "en") {
  const db = await getDb();
  const b = await loadBusiness(db, actor, id, "read:micro_business");
  const today = todayTehran();
  const [supports, updates, counties, sectors] = await Promise.all([q.supportsOf(db, id), q.updatesOf(db, id), referenceOptions("counties", locale), referenceOptions("sectors", locale)]);
  const permit = permitStatusOn(b, today);
  const canEdit = allows(actor.user, "update:micro_business", { ownerId: b.owner_user_id });
  return {
    business: { ...b, started_on: String(b.started_on), jobs_fte: Number(b.jobs_fte) },
    permit: { status: permit, daysLeft: permit === "issued" ? daysToExpiry(b.permit_expires_on, today) : null },
    supports: supports.map((s) => ({ ...s, loan_amount: s.loan_amount == null ? null : Number(s.loan_amount) })),
    updates: updates.map((u) => ({ ...u, jobs_fte: Number(u.jobs_fte), report_id: u.report_id == null ? null : Number(u.report_id) })),
    canEdit,
    updatedThisYear: b.last_update_year >= currentJalaliYear(),
    ledgerLink: b.enterprise_id && allows(actor.user, "read:employment") ? `/employment/enterprises/${b.enterprise_id}` : null,
    labels: {
      county: counties.find((c) => c.value === b.county_code)?.label ?? b.county_code,
      sector: sectors.find((c) => c.value === b.sector_code)?.label ?? b.sector_code,
    },
  };
}

/** Route actions check this before reading a form: 403 (and an audit row) or 404 before any field error. */
export async function requireEditor(actor: UserActor, id: number) {
  await loadBusiness(await getDb(), actor, id, "update:micro_business");
}

/** The support form: the business's name (the form is the same for every business). */
export async function supportForm(actor: UserActor, id: number) {
  const b = await loadBusiness(await getDb(), actor, id, "update:micro_business");
  return { id: b.id, name: b.name };
}

/** A business as its edit forms show it (details, permit, workers as typed values), with the form options. */
export async function businessForEdit(actor: UserActor, id: number, locale: "fa" | "en") {
  const db = await getDb();
  const b = await loadBusiness(db, actor, id, "update:micro_business");
  const [last, counties, sectors] = await Promise.all([q.latestUpdate(db, id), referenceOptions("counties", locale), referenceOptions("sectors", locale)]);
  // Stored dates, identifiers and numbers in the reader's digits (what the form shows).
  const day = (d: string | Date | null) => (d ? toJalaliInput(isoDay(d), locale) : "");
  const digits = (v: string | number | null) => localDigits(locale, v);
  const values: Record<string, string> = {
    name: b.name, ownerName: b.owner_name, ownerNationalId: digits(b.owner_national_id), ownerGender: b.owner_gender, ownerMobile: digits(b.owner_mobile),
    sector: b.sector_code, isicCode: digits(b.isic_code), activity: b.activity, county: b.county_code, area: b.area, address: b.address,
    startedOn: day(b.started_on), homeBased: b.home_based ? "on" : "", permitStatus: b.permit_status === "expired" ? "" : b.permit_status,
    permitNumber: digits(b.permit_number), permitAppliedOn: day(b.permit_applied_on), permitIssuedOn: day(b.permit_issued_on), permitExpiresOn: day(b.permit_expires_on),
    version: String(b.version),
  };
  const w = last ? workersOf(last) : null;
  if (w) for (const [k, v] of Object.entries(w)) values[k] = typeof v === "number" ? digits(v) : v;
  const permit = permitStatusOn(b, todayTehran());
  if (permit === "expired") values.permitStatus = "";
  return { id: b.id, name: b.name, values, channels: b.sales_channels, permit, permitChoices: permitChoices(permit), counties, sectors };
}

async function bump(trx: Database, id: number, version: number, set: Record<string, unknown>) {
  const res = await trx
    .updateTable("micro_businesses")
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict("micro.error.stale");
}

/** Edits the details (not the permit or the workers: those have their own forms). */
export async function updateDetails(actor: UserActor, id: number, version: number, input: DetailsInput) {
  const db = await getDb();
  const b = await loadBusiness(db, actor, id, "update:micro_business");
  fail({ ...(await referenceProblems(input)), ...detailsProblems(input, todayTehran()) });
  const isic = input.isicCode ?? "";
  const existing = await q.findSameActivity(db, input.ownerNationalId, input.sector, isic, id);
  if (existing) throw duplicate(existing);
  const set = {
    name: input.name, owner_national_id: input.ownerNationalId, owner_name: input.ownerName, owner_gender: input.ownerGender, owner_mobile: input.ownerMobile ?? null,
    sector_code: input.sector, isic_code: isic, activity: input.activity, county_code: input.county, area: input.area, address: input.address,
    started_on: input.startedOn, home_based: input.homeBased, sales_channels: input.salesChannels,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await bump(trx, id, version, { ...set, search_text: searchText({ ...set, permit_number: b.permit_number }) });
      const changed = Object.keys(set).filter((k) => String((b as Record<string, unknown>)[k]) !== String((set as Record<string, unknown>)[k]));
      await writeAudit(trx, auditMeta(actor), { action: "micro_business.update", entity: ENTITY, entityId: id, details: { changed } });
    });
  } catch (e) {
    if (isUnique(e, "owner_activity")) {
      const dup = await q.findSameActivity(db, input.ownerNationalId, input.sector, isic, id);
      if (dup) throw duplicate(dup);
    }
    throw e;
  }
}

/** Moves the permit (workflow.ts); an issue date in the future or an expiry before issue are field errors. */
export async function changePermit(actor: UserActor, id: number, version: number, input: PermitInput) {
  const db = await getDb();
  const b = await loadBusiness(db, actor, id, "update:micro_business");
  const today = todayTehran();
  const from = permitStatusOn(b, today);
  if (!permitChangeAllowed(from, input.permitStatus)) throw conflict("micro.error.permitChange");
  fail(permitProblems(input, today));
  if (input.permitStatus === "issued" && input.permitNumber && (await q.findByPermitNumber(db, input.permitNumber, id))) fail({ permitNumber: "micro.error.permitTaken" });
  const cols = permitColumns(input);
  try {
    await db.transaction().execute(async (trx) => {
      await bump(trx, id, version, { ...cols, search_text: searchText({ ...b, permit_number: cols.permit_number }) });
      await writeAudit(trx, auditMeta(actor), { action: "micro_business.permit", entity: ENTITY, entityId: id, details: { from, to: input.permitStatus, number: cols.permit_number } });
      if (b.owner_user_id && b.owner_user_id !== actor.user.id) {
        await notify(trx, b.owner_user_id, "micro.notify.permit", { name: b.name }, `/micro-businesses/${id}`);
      }
    });
  } catch (e) {
    if (isUnique(e, "permit")) fail({ permitNumber: "micro.error.permitTaken" });
    throw e;
  }
}

/** Records support the business received (a loan needs its amount and source). */
export async function addSupport(actor: UserActor, id: number, input: SupportInput & { courseId?: number | null }) {
  const db = await getDb();
  await loadBusiness(db, actor, id, "update:micro_business");
  const errors: Record<string, string> = {};
  if (input.receivedOn > todayTehran()) errors.receivedOn = "micro.error.futureDate";
  if (input.kind === "loan") {
    if (!input.loanAmount) errors.loanAmount = "error.required";
    if (!input.loanSource) errors.loanSource = "error.required";
  }
  fail(errors);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("micro_business_supports")
      .values({
        business_id: id, kind: input.kind, received_on: input.receivedOn, description: input.description ?? "",
        loan_amount: input.kind === "loan" ? input.loanAmount ?? null : null, loan_source: input.kind === "loan" ? input.loanSource ?? null : null,
        course_id: input.courseId ?? null, created_by: actor.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "micro_business.support", entity: ENTITY, entityId: id, details: { supportId: row.id, kind: input.kind } });
    return row.id;
  });
}

/**
 * The yearly update: who works in the business now. Files the year's employment report (jobs measured
 * against the last update of an earlier year) in the same transaction. The form's version makes a
 * double submit a 409, never a second report.
 */
export async function recordYearlyUpdate(actor: UserActor, id: number, version: number, workers: WorkersInput) {
  const db = await getDb();
  await loadBusiness(db, actor, id, "update:micro_business");
  fail(workersProblems(workers));
  const today = todayTehran();
  const year = currentJalaliYear();
  const jobs = workerJobs(workers);
  return db.transaction().execute(async (trx) => {
    await bump(trx, id, version, { jobs_fte: jobs.fte, workers: jobs.people, last_update_year: year, last_update_on: today });
    const b = (await q.findBusiness(trx, id))!;
    const u = await trx.insertInto("micro_business_updates").values(updateValues(id, workers, year, today, actor)).returning("id").executeTakeFirstOrThrow();
    const reportId = await reportUpdate(trx, actor, b, u.id, workers, year, today);
    await writeAudit(trx, auditMeta(actor), { action: "micro_business.yearly_update", entity: ENTITY, entityId: id, details: { year, reportId, fte: jobs.fte } });
    return { reportId };
  });
}

// Obstacles and other cross-cutting records point at a business through the subject registry.
registerSubject("micro_business", {
  async canSee(db, actor, id) {
    const b = await q.findBusiness(db, id);
    return !!b && allows(actor.user, "read:micro_business", { ownerId: b.owner_user_id });
  },
  async describe(db, ids) {
    const rows = await q.titlesOf(db, ids);
    return new Map(rows.map((r) => [r.id, { title: r.name, link: `/micro-businesses/${r.id}`, countyCode: r.county_code }]));
  },
  async participants(db, id) {
    const b = await q.findBusiness(db, id);
    return b?.owner_user_id ? [b.owner_user_id] : [];
  },
});
