import { sql } from "kysely";
import type { Database } from "~/lib/db.server";

// Queries of the cooperatives module (Kysely; first argument db or trx). Rules live in the services.

export const LIVE_MEMBER = ["listed", "invited", "confirmed", "declined"] as const;

export function findCoop(db: Database, id: number) {
  return db.selectFrom("cooperatives").selectAll().where("id", "=", id).executeTakeFirst();
}
export type CoopRow = NonNullable<Awaited<ReturnType<typeof findCoop>>>;

/** The row locked for a change (confirmations of one application queue up here). */
export function lockCoop(trx: Database, id: number) {
  return trx.selectFrom("cooperatives").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export function membersOf(db: Database, coopId: number, opts: { withHistory?: boolean } = {}) {
  let q = db.selectFrom("cooperative_members").selectAll().where("cooperative_id", "=", coopId);
  if (!opts.withHistory) q = q.where("status", "in", LIVE_MEMBER);
  return q.orderBy("position").orderBy("id").execute();
}
export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

export function eventsOf(db: Database, coopId: number) {
  return db
    .selectFrom("cooperative_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .leftJoin("cooperative_members as m", "m.id", "e.member_id")
    .select(["e.id", "e.action", "e.from_status", "e.to_status", "e.note", "e.created_at", "u.full_name as actorName", "m.full_name as memberName"])
    .where("e.cooperative_id", "=", coopId)
    .orderBy("e.id")
    .execute();
}

export function documentsOf(db: Database, coopId: number) {
  return db
    .selectFrom("cooperative_documents as d")
    .innerJoin("files as f", "f.id", "d.file_id")
    .select(["d.id", "d.kind", "d.file_id", "f.original_name", "f.size_bytes", "d.created_at"])
    .where("d.cooperative_id", "=", coopId)
    .orderBy("d.id")
    .execute();
}

export function ruleRows(db: Database) {
  return db.selectFrom("settings").select(["key", "value", "updated_at"]).where("key", "like", "cooperatives.%").execute();
}

/** Is the actor a live member of the application (by account, or by the national ID their account carries)? */
export async function isMember(db: Database, coopId: number, userId: number, nationalId: string | null) {
  let q = db.selectFrom("cooperative_members").select("id").where("cooperative_id", "=", coopId).where("status", "in", [...LIVE_MEMBER, "left"]);
  q = nationalId ? q.where((eb) => eb.or([eb("user_id", "=", userId), eb("national_id", "=", nationalId)])) : q.where("user_id", "=", userId);
  return !!(await q.executeTakeFirst());
}

export async function userNationalId(db: Database, userId: number) {
  const u = await db.selectFrom("users").select("national_id").where("id", "=", userId).executeTakeFirst();
  return u?.national_id ?? null;
}

export function memberByToken(db: Database, token: string) {
  return db.selectFrom("cooperative_members").selectAll().where("token", "=", token).executeTakeFirst();
}

export async function addEvent(trx: Database, e: { coopId: number; actorId: number | null; action: string; from?: string | null; to?: string | null; memberId?: number | null; note?: string | null }) {
  await trx
    .insertInto("cooperative_events")
    .values({ cooperative_id: e.coopId, actor_id: e.actorId, action: e.action, from_status: e.from ?? null, to_status: e.to ?? null, member_id: e.memberId ?? null, note: e.note ?? null })
    .execute();
}

/** Bumps the version (409 on a stale form is the caller's) and sets columns. */
export async function bump(trx: Database, id: number, version: number, set: Record<string, unknown>) {
  const res = await trx
    .updateTable("cooperatives")
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function applicationForIdea(db: Database, ideaId: number) {
  return db.selectFrom("cooperatives").select(["id", "status"]).where("idea_id", "=", ideaId).executeTakeFirst();
}

export function titlesOf(db: Database, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom("cooperatives").select(["id", "name1", "county_code"]).where("id", "in", ids).execute();
}

/** Accounts carrying these national IDs (for in-app invitations). */
export function usersByNationalId(db: Database, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom("users").select(["id", "national_id"]).where("national_id", "in", ids).where("disabled_at", "is", null).execute();
}
