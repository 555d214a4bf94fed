import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { ORG_UNIT_KIND, REFERENCE_KINDS, type ReferenceKind } from "./kinds";

export interface RefEntry {
  code: string;
  name_fa: string;
  name_en: string;
  active: boolean;
  version: number;
  county_code?: string | null;
  centre_kind?: string | null;
  id?: number;
}

function listQuery(db: Database, kind: ReferenceKind) {
  const unitKind = ORG_UNIT_KIND[kind];
  if (unitKind) {
    return db
      .selectFrom("org_units")
      .select(["id", "code", "name_fa", "name_en", "active", "version", "county_code", "centre_kind"])
      .where("kind", "=", unitKind)
      .orderBy("name_fa");
  }
  return db
    .selectFrom(kind as "counties")
    .select(["code", "name_fa", "name_en", "active", "version"])
    .orderBy("sort_order")
    .orderBy("name_fa");
}

// Read on nearly every form, filter and label; admins change them rarely, and each change is audited
// with the kind as its entity, which drops the cached list (app/lib/memo.server.ts, decision 0014).
const cached = new Map(REFERENCE_KINDS.map((kind) => [kind, memo(kind, 5 * 60_000, async () => (await listQuery(await getDb(), kind).execute()) as RefEntry[])]));

/** Every entry, inactive ones too (labels of older records). Shared objects: do not mutate. */
export async function referenceEntries(kind: ReferenceKind): Promise<RefEntry[]> {
  return cached.get(kind)!.get("all");
}

/** Active entries, for forms and filters (anyone). */
export async function activeEntries(kind: ReferenceKind): Promise<RefEntry[]> {
  return (await referenceEntries(kind)).filter((e) => e.active);
}

export interface Option {
  value: string;
  label: string;
}

/**
 * Active entries as select options in one language (value = code, or id for centres and
 * universities). Filters send these to the page instead of whole entries: page data is also
 * serialised into the HTML for hydration, and both names, versions and flags of every entry doubled it.
 */
export async function referenceOptions(kind: ReferenceKind, locale: "fa" | "en"): Promise<Option[]> {
  return (await activeEntries(kind)).map((e) => ({ value: ORG_UNIT_KIND[kind] ? String(e.id) : e.code, label: locale === "fa" ? e.name_fa : e.name_en }));
}

export async function allEntries(actor: UserActor, kind: ReferenceKind): Promise<RefEntry[]> {
  await requirePermission(actor, "manage:reference");
  return (await listQuery(await getDb(), kind).execute()) as RefEntry[];
}

function tableOf(kind: ReferenceKind) {
  return (ORG_UNIT_KIND[kind] ? "org_units" : kind) as "counties";
}

export async function addEntry(
  actor: UserActor,
  kind: ReferenceKind,
  input: { code: string; nameFa: string; nameEn: string; countyCode?: string; centreKind?: "consulting" | "accelerator" },
) {
  await requirePermission(actor, "manage:reference");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const unitKind = ORG_UNIT_KIND[kind];
    let inserted;
    if (unitKind) {
      if (input.countyCode && !(await trx.selectFrom("counties").select("code").where("code", "=", input.countyCode).executeTakeFirst())) {
        throw badRequest("error.form", { countyCode: "error.invalidChoice" });
      }
      inserted = await trx
        .insertInto("org_units")
        .values({
          kind: unitKind, code: input.code, name_fa: input.nameFa, name_en: input.nameEn,
          county_code: input.countyCode || null, centre_kind: unitKind === "centre" ? input.centreKind ?? "consulting" : null,
        })
        .onConflict((oc) => oc.column("code").doNothing())
        .returning("code")
        .executeTakeFirst();
    } else {
      inserted = await trx
        .insertInto(tableOf(kind))
        .values({ code: input.code, name_fa: input.nameFa, name_en: input.nameEn })
        .onConflict((oc) => oc.column("code").doNothing())
        .returning("code")
        .executeTakeFirst();
    }
    if (!inserted) throw badRequest("error.form", { code: "error.codeTaken" });
    await writeAudit(trx, auditMeta(actor), { action: "reference.added", entity: kind, entityId: input.code, details: { nameFa: input.nameFa, nameEn: input.nameEn } });
  });
}

export async function renameEntry(actor: UserActor, kind: ReferenceKind, input: { code: string; nameFa: string; nameEn: string; version: number }) {
  await requirePermission(actor, "manage:reference");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable(tableOf(kind))
      .set({ name_fa: input.nameFa, name_en: input.nameEn, version: sql`version + 1` })
      .where("code", "=", input.code)
      .where("version", "=", input.version)
      .returning("code")
      .executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom(tableOf(kind)).select("code").where("code", "=", input.code).executeTakeFirst();
      throw exists ? conflict() : notFound();
    }
    await writeAudit(trx, auditMeta(actor), { action: "reference.renamed", entity: kind, entityId: input.code, details: { nameFa: input.nameFa, nameEn: input.nameEn } });
  });
}

/** Entries are deactivated, never deleted: records that reference them keep working. */
export async function setEntryActive(actor: UserActor, kind: ReferenceKind, code: string, active: boolean) {
  await requirePermission(actor, "manage:reference");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable(tableOf(kind))
      .set({ active, version: sql`version + 1` })
      .where("code", "=", code)
      .returning("code")
      .executeTakeFirst();
    if (!row) throw notFound();
    await writeAudit(trx, auditMeta(actor), { action: active ? "reference.activated" : "reference.deactivated", entity: kind, entityId: code });
  });
}
