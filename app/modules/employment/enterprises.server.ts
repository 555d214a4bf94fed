import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { normalise, searchForm } from "~/i18n/normalise";
import { bumpLedgerVersion, refreshCounted } from "./queries.server";
import type { EnterpriseInput } from "./schema";
import { registerSubject } from "~/modules/subjects/registry.server";
import { holds } from "~/modules/accounts/roles";
import { directorateId, enterpriseProblems, findOrCreateEnterprise, lockEnterpriseKeys, referenceSets } from "./internal.server";

// ---------- enterprises ----------

export async function createEnterprise(actor: UserActor, input: EnterpriseInput) {
  await requirePermission(actor, "create:employment_report");
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const refs = await referenceSets(trx);
    const problems = enterpriseProblems(input, refs);
    if (Object.keys(problems).length) throw badRequest("error.form", problems);
    await lockEnterpriseKeys(trx, input.registrationNo, input.nationalId);
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
  // A filter from the URL is parsed like any value (a NUL byte in it used to reach PostgreSQL: a 500).
  const county = normalise(q.county);
  if (county) query = query.where("county_code", "=", county);
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

// The agencies' agenda (issue 14): an obstacle may hold an enterprise of the ledger up. Whoever reads
// the ledger sees it (the enterprise page's own rule); nobody in particular is told (no owner user).
registerSubject("enterprise", {
  async canSee(db, actor, id) {
    if (!holds(actor.user, "read:employment")) return false;
    return !!(await db.selectFrom("enterprises").select("id").where("id", "=", id).where("merged_into", "is", null).executeTakeFirst());
  },
  async describe(db, ids) {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom("enterprises").select(["id", "name", "county_code"]).where("id", "in", [...ids]).execute();
    return new Map(rows.map((r) => [r.id, { title: r.name, link: `/employment/enterprises/${r.id}`, countyCode: r.county_code }]));
  },
  participants: async () => [],
});
