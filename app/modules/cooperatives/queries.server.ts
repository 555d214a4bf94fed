import { sql } from "kysely";
import type { Database } from "~/lib/db.server";

// Queries of the cooperatives module (Kysely; first argument db or trx). Rules live in the services.

export const LIVE_MEMBER = ["listed", "invited", "confirmed", "declined"] as const;

export function findCoop(db: Database, id: number) {
  return db.selectFrom("cooperatives").selectAll().where("id", "=", id).executeTakeFirst();
}
export type CoopRow = NonNullable<Awaited<ReturnType<typeof findCoop>>>;

const MEMBER_OF = sql.raw(`m.status IN (${[...LIVE_MEMBER, "left"].map((s) => `'${s}'`).join(", ")})`);

/**
 * The application and where the asker stands on it, in one statement: the national ID their account
 * carries, whether a live or former member row carries their account or that ID (`isMember`'s rule),
 * and whether that row is a confirmed board member's (who may record membership changes).
 */
export function findCoopFor(db: Database, id: number, userId: number) {
  const me = sql`(SELECT national_id FROM users WHERE id = ${userId})`;
  const mine = sql`(m.user_id = ${userId} OR m.national_id = ${me})`;
  return db
    .selectFrom("cooperatives as c")
    .selectAll("c")
    .select([
      sql<string | null>`${me}`.as("my_national_id"),
      sql<boolean>`EXISTS (SELECT 1 FROM cooperative_members m WHERE m.cooperative_id = c.id AND ${MEMBER_OF} AND ${mine})`.as("is_member"),
      sql<boolean>`EXISTS (SELECT 1 FROM cooperative_members m WHERE m.cooperative_id = c.id AND m.role = 'board' AND m.status = 'confirmed' AND ${mine})`.as("is_board"),
    ])
    .where("c.id", "=", id)
    .executeTakeFirst();
}

/** The application page's lists as JSON (members as membersOf returns them; bigints and dates as JSON gives them). */
export interface PageData {
  members: MemberRow[];
  events: { id: number; action: string; from_status: string | null; to_status: string | null; note: string | null; created_at: string; actorName: string | null; memberName: string | null }[];
  documents: { id: number; kind: string; file_id: string; original_name: string; size_bytes: number; created_at: string }[];
  changes: { id: number; kind: string; amount: number; capital_after: number; effective_on: string; note: string | null; member: string; toMember: string | null }[];
  yearly: { id: number; jalali_year: number; jobs_members: number; jobs_hires: number; report_id: number | null }[];
}

/**
 * Everything the application page shows besides the application row, in one statement (decision
 * 0014): members with their history (in position order), the timeline, documents, membership changes
 * (newest first) and yearly updates (newest first).
 */
export async function pageDataOf(db: Database, id: number): Promise<PageData> {
  const r = await sql<PageData>`
    SELECT
      (SELECT coalesce(json_agg(m ORDER BY m.position, m.id), '[]') FROM cooperative_members m WHERE m.cooperative_id = ${id}) AS members,
      (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (
        SELECT e.id, e.action, e.from_status, e.to_status, e.note, e.created_at, u.full_name AS "actorName", mm.full_name AS "memberName"
        FROM cooperative_events e LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN cooperative_members mm ON mm.id = e.member_id
        WHERE e.cooperative_id = ${id}) x) AS events,
      (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (
        SELECT d.id, d.kind, d.file_id, f.original_name, f.size_bytes, d.created_at
        FROM cooperative_documents d JOIN files f ON f.id = d.file_id WHERE d.cooperative_id = ${id}) x) AS documents,
      (SELECT coalesce(json_agg(x ORDER BY x.id DESC), '[]') FROM (
        SELECT c.id, c.kind, c.amount, c.capital_after, c.effective_on, c.note, m.full_name AS member, t.full_name AS "toMember"
        FROM cooperative_member_changes c JOIN cooperative_members m ON m.id = c.member_id LEFT JOIN cooperative_members t ON t.id = c.to_member_id
        WHERE c.cooperative_id = ${id}) x) AS changes,
      (SELECT coalesce(json_agg(x ORDER BY x.jalali_year DESC), '[]') FROM (
        SELECT id, jalali_year, jobs_members, jobs_hires, report_id FROM cooperative_yearly_updates WHERE cooperative_id = ${id}) x) AS yearly`.execute(db);
  return r.rows[0];
}

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
