import { getDb } from "~/lib/db.server";
import { badRequest } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { findOrCreateEnterpriseFor, referenceNames } from "~/modules/employment/service.server";
import type { EmployerUnitInput } from "./schema";

// Employer units (issue 15, decision 0054): staff register an employer as an org unit of kind "employer"
// tied to its ledger enterprise, found by registration number (then national ID) or created through the
// employment module's findOrCreateEnterprise, so one firm is one enterprise. One employer unit per
// enterprise (the unique index org_units (kind, enterprise_id)); a second registration is a field error.
// Vacancies are then posted for the unit (by staff, or by a user the admin gives the employer role in it).

const isUnique = (e: unknown) => (e as { code?: string })?.code === "23505";
const PAGE = 25;

/** The form is for those who may submit it: 403 on GET as on POST. */
export async function requireEmployerRegistrar(actor: UserActor) {
  await requirePermission(actor, "create:employer");
}

export async function employerUnitForm(actor: UserActor) {
  await requireEmployerRegistrar(actor);
  return { names: await referenceNames() };
}

/** Registers an employer unit for a ledger enterprise (found or created); returns the unit id. Audited. */
export async function registerEmployerUnit(actor: UserActor, input: EmployerUnitInput): Promise<number> {
  await requirePermission(actor, "create:employer", { entity: "employer" });
  const taken = { [input.registrationNo ? "registrationNo" : "nationalId"]: "error.seekers.employerTaken" };
  const db = await getDb();
  try {
    return await db.transaction().execute(async (trx) => {
      const enterpriseId = await findOrCreateEnterpriseFor(actor, {
        registrationNo: input.registrationNo, nationalId: input.nationalId, name: input.name, kind: input.kind, county: input.county,
        sector: input.sector, agency: input.agency, sizeClass: input.sizeClass, baselineHeadcount: input.baselineHeadcount,
      }, trx);
      const existing = await trx.selectFrom("org_units").select("id").where("kind", "=", "employer").where("enterprise_id", "=", enterpriseId).executeTakeFirst();
      if (existing) throw badRequest("error.form", taken);
      const unit = await trx.insertInto("org_units")
        .values({ kind: "employer", code: `employer-${enterpriseId}`, name_fa: input.name, name_en: input.nameEn || input.name, county_code: input.county, enterprise_id: enterpriseId })
        .returning("id").executeTakeFirstOrThrow();
      await writeAudit(trx, auditMeta(actor), { action: "employer.registered", entity: "org_unit", entityId: unit.id, details: { enterpriseId } });
      return unit.id;
    });
  } catch (e) {
    if (isUnique(e)) throw badRequest("error.form", taken); // registered at the same moment by someone else
    throw e;
  }
}

/** The employer units (staff), newest first, keyset by id, with their ledger enterprise and open vacancies. */
export async function listEmployerUnits(actor: UserActor, after: number | null) {
  await requireGrant(actor, "create:employer");
  const db = await getDb();
  let q = db.selectFrom("org_units as u").leftJoin("enterprises as e", "e.id", "u.enterprise_id")
    .select((eb) => ["u.id", "u.name_fa", "u.name_en", "u.county_code", "e.id as enterprise_id", "e.registration_no", "e.national_id",
      eb.selectFrom("vacancies as v").select((e2) => e2.fn.countAll<number>().as("n")).whereRef("v.employer_id", "=", "u.id").where("v.status", "=", "open").as("open")])
    .where("u.kind", "=", "employer").orderBy("u.id", "desc").limit(PAGE + 1);
  if (after != null) q = q.where("u.id", "<", after);
  const rows = await q.execute();
  return { rows: rows.slice(0, PAGE).map((r) => ({ ...r, open: Number(r.open ?? 0) })), next: rows.length > PAGE ? rows[PAGE - 1].id : null };
}
