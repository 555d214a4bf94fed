import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { findOrCreateEnterpriseFor } from "~/modules/employment/service.server";
import { notify } from "~/modules/notifications/service.server";
import { activeEntries } from "~/modules/reference/service.server";
import { todayTehran } from "~/i18n/clock";
import { searchForm } from "~/i18n/normalise";
import * as q from "./queries.server";
import type { CompanyInput, IndustryInput } from "./schema";
import { certificateState, checkVersion, companyIdsOf, industryIdsOf } from "./service.server";

// Profiles of knowledge-based companies and industries. Each is an org unit (kind company or
// industry, where company_rep / industry_rep roles are held) linked to its ledger enterprise through
// org_units.enterprise_id: the enterprise is found by registration number, or created, through the
// employment service, so one registration number is one enterprise (never a copy). Staff register
// new units and verify certificates; representatives keep their own unit's profile.

export const PAGE = 25;

const sizeClassOf = (employees: number) => (employees < 10 ? "micro" : employees < 50 ? "small" : employees < 250 ? "medium" : "large") as "micro" | "small" | "medium" | "large";

/** Unknown reference codes as field errors (the lists are cached; admins edit them rarely). */
async function referenceProblems(v: { county: string; sector: string; sectorsServed?: string[]; domains?: string[] }) {
  const [counties, sectors, domains] = await Promise.all([activeEntries("counties"), activeEntries("sectors"), activeEntries("technology_domains")]);
  const has = (list: { code: string }[], code: string) => list.some((e) => e.code === code);
  const errors: Record<string, string> = {};
  if (!has(counties, v.county)) errors.county = "error.invalidChoice";
  if (!has(sectors, v.sector)) errors.sector = "error.invalidChoice";
  if (v.sectorsServed?.some((s) => !has(sectors, s))) errors.sectorsServed = "error.invalidChoice";
  if (v.domains?.some((d) => !has(domains, d))) errors.domains = "error.invalidChoice";
  return errors;
}

const isUnique = (e: unknown) => (e as { code?: string })?.code === "23505";

/** The units the actor represents (companies and industries), with whether each has a profile yet. */
export async function myUnits(actor: UserActor) {
  return q.unitsByIds(await getDb(), [...companyIdsOf(actor), ...industryIdsOf(actor)]);
}

// ---------------------------------------------------------------- companies

export async function companyPage(actor: UserActor, id: number) {
  const db = await getDb();
  const c = await q.findCompany(db, id);
  if (!c) {
    await requireGrant(actor, "read:company");
    throw notFound();
  }
  await requirePermission(actor, "read:company", { orgUnitIds: [id], entity: "company", entityId: id });
  const state = c.profile_id ? certificateState(c) : null;
  return {
    company: c,
    certificate: state,
    canEdit: allows(actor.user, "update:company", { orgUnitIds: [id] }),
    canVerify: allows(actor.user, "verify:company") && state === "unverified",
  };
}

export async function companyForEdit(actor: UserActor, id: number) {
  const db = await getDb();
  const c = await q.findCompany(db, id);
  if (!c) {
    await requireGrant(actor, "update:company");
    throw notFound();
  }
  await requirePermission(actor, "update:company", { orgUnitIds: [id], entity: "company", entityId: id });
  return c;
}

/** Staff open the form for a new company (403 for others). */
export async function requireCompanyRegistrar(actor: UserActor) {
  await requirePermission(actor, "create:company");
}

/**
 * Creates (staff, `id` null) or updates (its representatives, staff) a company profile. A changed
 * certificate (number, type or expiry) clears the verification: staff verify the renewed one.
 * Returns the unit id.
 */
export async function saveCompany(actor: UserActor, id: number | null, input: CompanyInput): Promise<number> {
  if (id == null) await requirePermission(actor, "create:company", { entity: "company" });
  else await requirePermission(actor, "update:company", { orgUnitIds: [id], entity: "company", entityId: id });
  const problems = await referenceProblems(input);
  if (Object.keys(problems).length) throw badRequest("error.form", problems);
  const db = await getDb();
  try {
    return await db.transaction().execute(async (trx) => {
      let before: Awaited<ReturnType<typeof lockCompany>> | undefined;
      if (id != null) {
        before = await lockCompany(trx, id);
        if (!before) throw notFound();
        if (before.profile_id != null) checkVersion(before.version ?? 1, input.version, "error.partnerships.stale");
      }
      const enterpriseId = await findOrCreateEnterpriseFor(actor, {
        registrationNo: input.registrationNo, name: input.name, kind: "company", county: input.county, sector: input.sector,
        sizeClass: sizeClassOf(input.employees), baselineHeadcount: input.employees,
      }, trx);
      const names = { nameFa: input.name, nameEn: input.nameEn ?? input.name, county: input.county, enterpriseId };
      const unitId = id ?? (await q.insertUnit(trx, "company", { code: `company-${input.registrationNo.toLowerCase()}`, ...names }));
      if (id != null) await q.updateUnit(trx, id, names);
      const certificateChanged = !before?.profile_id || before.certificate_no !== input.certificateNo || before.certificate_type !== input.certificateType
        || before.certificate_expires_on !== input.certificateExpiresOn;
      const values = {
        certificate_no: input.certificateNo, certificate_type: input.certificateType, certificate_expires_on: input.certificateExpiresOn,
        county_code: input.county, sector_code: input.sector, employees: input.employees, portfolio: input.portfolio ?? "", sectors_served: input.sectorsServed,
        ...(certificateChanged ? { certificate_verified_at: null, certificate_verified_by: null } : {}),
      };
      await trx
        .insertInto("partner_companies")
        .values({ org_unit_id: unitId, ...values, created_by: actor.user.id })
        .onConflict((oc) => oc.column("org_unit_id").doUpdateSet({ ...values, version: sql`partner_companies.version + 1`, updated_at: sql`now()` }))
        .execute();
      await q.replaceCompanyDomains(trx, unitId, input.domains);
      await writeAudit(trx, auditMeta(actor), {
        action: id == null ? "company.created" : "company.updated", entity: "company", entityId: unitId,
        details: { enterpriseId, certificateChanged, domains: input.domains },
      });
      return unitId;
    });
  } catch (e) {
    // Another company unit already stands for this registration number (one unit per enterprise and kind).
    if (isUnique(e)) throw badRequest("error.form", { registrationNo: "error.partnerships.registrationTaken" });
    throw e;
  }
}

function lockCompany(trx: Database, id: number) {
  return trx
    .selectFrom("org_units as u")
    .leftJoin("partner_companies as c", "c.org_unit_id", "u.id")
    .select(["u.id", "c.org_unit_id as profile_id", "c.certificate_no", "c.certificate_type", "c.certificate_expires_on", "c.version"])
    .where("u.id", "=", id)
    .where("u.kind", "=", "company")
    .forUpdate("u")
    .executeTakeFirst();
}

export async function requireVerifier(actor: UserActor) {
  await requirePermission(actor, "verify:company", { entity: "company" });
}

/** Staff verify a company's valid certificate (who and when are kept); an expired one cannot be verified. */
export async function verifyCertificate(actor: UserActor, id: number, version?: number) {
  await requirePermission(actor, "verify:company", { entity: "company", entityId: id });
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom("partner_companies").select(["certificate_expires_on", "certificate_verified_at", "version"]).where("org_unit_id", "=", id).forUpdate().executeTakeFirst();
    if (!c) throw notFound();
    checkVersion(c.version, version, "error.partnerships.stale");
    if (c.certificate_expires_on < todayTehran()) throw conflict("error.partnerships.verifyExpired");
    if (c.certificate_verified_at) throw conflict("error.partnerships.alreadyVerified");
    await trx
      .updateTable("partner_companies")
      .set({ certificate_verified_at: sql`now()`, certificate_verified_by: actor.user.id, version: sql`version + 1`, updated_at: sql`now()` })
      .where("org_unit_id", "=", id)
      .execute();
    await writeAudit(trx, auditMeta(actor), { action: "company.certificate_verified", entity: "company", entityId: id, details: { expiresOn: c.certificate_expires_on } });
    for (const u of await q.repsOf(trx, [id], "company_rep")) await notify(trx, u, "partnerships.notify.verified", {}, `/partnerships/companies/${id}`);
  });
}

export async function companyDirectory(actor: UserActor, f: q.CompanyListFilters) {
  const level = await requireGrant(actor, "read:company");
  const rows = await q.listCompanies(await getDb(), { ...f, q: searchForm(f.q ?? "") || undefined }, todayTehran(), level === "any" ? null : companyIdsOf(actor), PAGE);
  return {
    rows: rows.slice(0, PAGE).map((r) => ({ ...r, certificate: certificateState(r) })),
    next: rows.length > PAGE ? rows[PAGE - 1].id : null,
    canCreate: allows(actor.user, "create:company"),
  };
}

// ---------------------------------------------------------------- industries

export async function industryPage(actor: UserActor, id: number) {
  const db = await getDb();
  const i = await q.findIndustry(db, id);
  if (!i) {
    await requireGrant(actor, "read:industry");
    throw notFound();
  }
  await requirePermission(actor, "read:industry", { orgUnitIds: [id], entity: "industry", entityId: id });
  return { industry: i, canEdit: allows(actor.user, "update:industry", { orgUnitIds: [id] }), canPost: allows(actor.user, "create:challenge", { orgUnitIds: [id] }) };
}

export async function industryForEdit(actor: UserActor, id: number) {
  const db = await getDb();
  const i = await q.findIndustry(db, id);
  if (!i) {
    await requireGrant(actor, "update:industry");
    throw notFound();
  }
  await requirePermission(actor, "update:industry", { orgUnitIds: [id], entity: "industry", entityId: id });
  return i;
}

export async function requireIndustryRegistrar(actor: UserActor) {
  await requirePermission(actor, "create:industry");
}

/** Creates (staff) or updates (its representatives, staff) an industry profile; returns the unit id. */
export async function saveIndustry(actor: UserActor, id: number | null, input: IndustryInput): Promise<number> {
  if (id == null) await requirePermission(actor, "create:industry", { entity: "industry" });
  else await requirePermission(actor, "update:industry", { orgUnitIds: [id], entity: "industry", entityId: id });
  const problems = await referenceProblems(input);
  if (Object.keys(problems).length) throw badRequest("error.form", problems);
  const db = await getDb();
  try {
    return await db.transaction().execute(async (trx) => {
      if (id != null) {
        const before = await trx
          .selectFrom("org_units as u")
          .leftJoin("partner_industries as i", "i.org_unit_id", "u.id")
          .select(["u.id", "i.org_unit_id as profile_id", "i.version"])
          .where("u.id", "=", id)
          .where("u.kind", "=", "industry")
          .forUpdate("u")
          .executeTakeFirst();
        if (!before) throw notFound();
        if (before.profile_id != null) checkVersion(before.version ?? 1, input.version, "error.partnerships.stale");
      }
      const enterpriseId = await findOrCreateEnterpriseFor(actor, {
        registrationNo: input.registrationNo, name: input.name, kind: "company", county: input.county, sector: input.sector,
        sizeClass: input.sizeClass, baselineHeadcount: input.employees,
      }, trx);
      const names = { nameFa: input.name, nameEn: input.nameEn ?? input.name, county: input.county, enterpriseId };
      const unitId = id ?? (await q.insertUnit(trx, "industry", { code: `industry-${input.registrationNo.toLowerCase()}`, ...names }));
      if (id != null) await q.updateUnit(trx, id, names);
      const values = { sector_code: input.sector, size_class: input.sizeClass, county_code: input.county, employees: input.employees, main_products: input.mainProducts };
      await trx
        .insertInto("partner_industries")
        .values({ org_unit_id: unitId, ...values, created_by: actor.user.id })
        .onConflict((oc) => oc.column("org_unit_id").doUpdateSet({ ...values, version: sql`partner_industries.version + 1`, updated_at: sql`now()` }))
        .execute();
      await writeAudit(trx, auditMeta(actor), { action: id == null ? "industry.created" : "industry.updated", entity: "industry", entityId: unitId, details: { enterpriseId } });
      return unitId;
    });
  } catch (e) {
    if (isUnique(e)) throw badRequest("error.form", { registrationNo: "error.partnerships.registrationTaken" });
    throw e;
  }
}

export async function industryDirectory(actor: UserActor, f: { q?: string; county?: string; sector?: string; after?: number }) {
  const level = await requireGrant(actor, "read:industry");
  const rows = await q.listIndustries(await getDb(), { ...f, q: searchForm(f.q ?? "") || undefined }, level === "any" ? null : industryIdsOf(actor), PAGE);
  return { rows: rows.slice(0, PAGE), next: rows.length > PAGE ? rows[PAGE - 1].id : null, canCreate: allows(actor.user, "create:industry") };
}
