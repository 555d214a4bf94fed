import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requirePermission, type Actor, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { parseRubric, type CallInput } from "./schema";
import * as q from "./queries.server";

// ---------------------------------------------------------------- calls

type Named = { code: string; name_fa: string; name_en: string };

/** Adds the names of the sectors and counties each call lists (empty lists = open to all). */
async function withScope<T extends { sector_codes: string[]; county_codes: string[] }>(db: Database, calls: T[]) {
  const names = await q.scopeNames(db, [...new Set(calls.flatMap((c) => c.sector_codes))], [...new Set(calls.flatMap((c) => c.county_codes))]);
  const pick = (list: Named[], codes: string[]) => list.filter((x) => codes.includes(x.code));
  return calls.map((c) => ({ ...c, sectors: pick(names.sectors, c.sector_codes), counties: pick(names.counties, c.county_codes) }));
}

export async function listOpenCalls() {
  const db = await getDb();
  return withScope(db, await q.callsQuery(db).where("status", "=", "open").orderBy("standing", "desc").orderBy("id", "desc").execute());
}

/** A call's public page: only open or closed calls (drafts are for staff). */
export async function getCall(actor: Actor, id: number) {
  const db = await getDb();
  const call = await q.callsQuery(db).where("id", "=", id).executeTakeFirst();
  const staff = !!actor.user && allows(actor.user, "manage:call");
  if (!call || (call.status === "draft" && !staff)) throw notFound();
  return { call: (await withScope(db, [call]))[0], criteria: await q.criteriaOf(db, id) };
}

export async function listCallsForStaff(actor: UserActor) {
  await requirePermission(actor, "manage:call");
  return q.callsQuery(await getDb()).orderBy("id", "desc").execute();
}

async function rubricLocked(db: Database, callId: number) {
  const row = await db
    .selectFrom("idea_reviews as r")
    .innerJoin("ideas as i", "i.id", "r.idea_id")
    .select("r.id")
    .where("i.call_id", "=", callId)
    .where("r.status", "=", "done")
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

async function callErrors(db: Database, input: CallInput) {
  const e: Record<string, string> = {};
  // Listed sectors and counties must be reference entries (inactive ones kept from before are fine).
  const known = await q.scopeNames(db, input.sectorCodes, input.countyCodes);
  if (known.sectors.length !== new Set(input.sectorCodes).size) e.sectorCodes = "error.invalidChoice";
  if (known.counties.length !== new Set(input.countyCodes).size) e.countyCodes = "error.invalidChoice";
  if (!parseRubric(input.rubric)) e.rubric = "error.ideas.rubric";
  if (!input.standing && !input.closesOn) e.closesOn = "error.required";
  if (input.opensOn && input.closesOn && input.closesOn < input.opensOn) e.closesOn = "error.ideas.closeBeforeOpen";
  return e;
}

const callValues = (input: CallInput) => ({
  title: input.title,
  description: input.description ?? "",
  theme: input.theme ?? "",
  sector_codes: [...new Set(input.sectorCodes)],
  county_codes: [...new Set(input.countyCodes)],
  opens_on: input.opensOn ?? null,
  closes_on: input.standing ? null : input.closesOn ?? null,
  standing: input.standing,
  blind: input.blind,
  reviewers_per_idea: input.reviewersPerIdea,
  review_due_days: input.reviewDueDays,
});

export async function saveCall(actor: UserActor, id: number | null, input: CallInput): Promise<number> {
  await requirePermission(actor, "manage:call");
  const db = await getDb();
  const errors = await callErrors(db, input);
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  const rubric = parseRubric(input.rubric)!;
  return db.transaction().execute(async (trx) => {
    let callId: number;
    if (id == null) {
      const row = await trx.insertInto("calls").values({ ...callValues(input), created_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
      callId = row.id;
    } else {
      const row = await trx
        .updateTable("calls")
        .set({ ...callValues(input), version: sql`version + 1`, updated_at: sql`now()` })
        .where("id", "=", id)
        .where("version", "=", input.version ?? -1)
        .returning("id")
        .executeTakeFirst();
      if (!row) {
        const exists = await trx.selectFrom("calls").select("id").where("id", "=", id).executeTakeFirst();
        throw exists ? conflict("error.conflict") : notFound();
      }
      callId = id;
      const current = await q.criteriaOf(trx, callId);
      const same = current.length === rubric.length && current.every((c, i) => c.label === rubric[i].label && c.weight === rubric[i].weight);
      if (!same && (await rubricLocked(trx, callId))) throw badRequest("error.form", { rubric: "error.ideas.rubricLocked" });
      if (!same) {
        // Scores reference criteria: only possible before the first review (checked above).
        await trx.deleteFrom("idea_review_scores").where("criterion_id", "in", current.map((c) => c.id).concat(-1)).execute();
        await trx.deleteFrom("call_criteria").where("call_id", "=", callId).execute();
      } else {
        await writeAudit(trx, auditMeta(actor), { action: "call.updated", entity: "call", entityId: callId });
        return callId;
      }
    }
    await trx.insertInto("call_criteria").values(rubric.map((c, i) => ({ call_id: callId, label: c.label, weight: c.weight, position: i }))).execute();
    await writeAudit(trx, auditMeta(actor), { action: id == null ? "call.created" : "call.updated", entity: "call", entityId: callId });
    return callId;
  });
}

export async function setCallStatus(actor: UserActor, id: number, version: number, status: "open" | "closed") {
  await requirePermission(actor, "manage:call");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("calls")
      .set({ status, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id)
      .where("version", "=", version)
      .where("status", "<>", status)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict("error.conflict");
    await writeAudit(trx, auditMeta(actor), { action: `call.${status}`, entity: "call", entityId: id });
  });
}
