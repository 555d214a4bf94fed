import { sql } from "kysely";
import type { Database } from "~/lib/db.server";
import type { ObstacleFilters } from "./schema";
import { OPEN_STATUSES } from "./workflow";

// Queries of the agencies' agenda (Kysely; first argument db or trx). No permission logic here: the
// service narrows every list by what the actor may see.

export const PAGE = 25;

export const obstacleColumns = [
  "o.id", "o.subject_kind", "o.subject_id", "o.county_code", "o.category", "o.agency_code", "o.description", "o.jobs_created",
  "o.jobs_retained", "o.began_on", "o.raised_on", "o.due_on", "o.status", "o.assignee_id", "o.raised_by", "o.closed_on",
  "o.closing_note", "o.escalated_on", "o.escalation_note", "o.version", "o.created_at",
] as const;

export function obstacleById(db: Database, id: number) {
  return db.selectFrom("obstacles as o").select(obstacleColumns).where("o.id", "=", id).executeTakeFirst();
}
export type ObstacleRow = NonNullable<Awaited<ReturnType<typeof obstacleById>>>;

/** The agency codes of the org units (agency officers hold their role there). */
export async function agenciesOfUnits(db: Database, unitIds: number[]): Promise<string[]> {
  if (!unitIds.length) return [];
  const rows = await db.selectFrom("org_units").select("agency_code").where("id", "in", unitIds).where("kind", "=", "agency").where("agency_code", "is not", null).execute();
  return rows.map((r) => r.agency_code!);
}

export async function agencyUnitId(db: Database, agency: string): Promise<number | null> {
  const r = await db.selectFrom("org_units").select("id").where("agency_code", "=", agency).executeTakeFirst();
  return r?.id ?? null;
}

/** Active officers of an agency (notifications, the assign choice). */
export async function officersOf(db: Database, agency: string) {
  return db
    .selectFrom("role_assignments as ra")
    .innerJoin("org_units as u", "u.id", "ra.org_unit_id")
    .innerJoin("users as usr", "usr.id", "ra.user_id")
    .select(["usr.id", "usr.full_name"])
    .where("ra.role", "=", "agency_officer")
    .where("u.agency_code", "=", agency)
    .where("usr.disabled_at", "is", null)
    .orderBy("usr.full_name")
    .execute();
}

export async function slaDays(db: Database, category: string): Promise<number | null> {
  const r = await db.selectFrom("obstacle_categories").select("sla_days").where("code", "=", category).executeTakeFirst();
  return r?.sla_days ?? null;
}

export function categories(db: Database) {
  return db.selectFrom("obstacle_categories").select(["code", "sla_days", "version"]).orderBy("sort_order").execute();
}

export function activeAgency(db: Database, code: string) {
  return db.selectFrom("agencies").select(["code", "name_fa", "name_en"]).where("code", "=", code).where("active", "=", true).executeTakeFirst();
}

export function events(db: Database, obstacleId: number) {
  return db
    .selectFrom("obstacle_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .select(["e.id", "e.action", "e.from_status", "e.to_status", "e.note", "e.at", "u.full_name as actor_name"])
    .where("e.obstacle_id", "=", obstacleId)
    .orderBy("e.id")
    .execute();
}

export async function addEvent(db: Database, e: { obstacle_id: number; action: string; from_status: string | null; to_status: string | null; actor_id: number; note?: string | null }) {
  await db.insertInto("obstacle_events").values({ ...e, note: e.note ?? null }).execute();
}

export interface ListScope {
  /** Every obstacle (staff). */
  any: boolean;
  /** Obstacles of these agencies (officers). */
  agencies: string[];
  /** Obstacles the actor raised. */
  raisedBy: number;
}

/** One page of obstacles (newest first), narrowed by the scope and the filters. */
export async function listObstacles(db: Database, f: ObstacleFilters, scope: ListScope, today: string, after: number | null, limit = PAGE) {
  let q = db
    .selectFrom("obstacles as o")
    .leftJoin("users as a", "a.id", "o.assignee_id")
    .select([...obstacleColumns, "a.full_name as assignee_name"]);
  if (!scope.any) {
    q = q.where((eb) => {
      const parts = [eb("o.raised_by", "=", scope.raisedBy)];
      if (scope.agencies.length) parts.push(eb("o.agency_code", "in", scope.agencies));
      return eb.or(parts);
    });
  }
  if (f.agency) q = q.where("o.agency_code", "=", f.agency);
  if (f.category) q = q.where("o.category", "=", f.category);
  if (f.status === "active") q = q.where("o.status", "in", [...OPEN_STATUSES]);
  else if (f.status) q = q.where("o.status", "=", f.status);
  if (f.overdue) q = q.where("o.status", "in", [...OPEN_STATUSES]).where("o.due_on", "<", today);
  if (f.escalated) q = q.where("o.escalated_on", "is not", null);
  if (f.mine) q = q.where("o.assignee_id", "=", scope.raisedBy);
  if (after) q = q.where("o.id", "<", after);
  const rows = await q.orderBy("o.id", "desc").limit(limit + 1).execute();
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].id : null };
}

/** Obstacles on one subject (its page): open ones first. */
export function obstaclesOfSubject(db: Database, kind: string, id: number) {
  return db
    .selectFrom("obstacles as o")
    .select(["o.id", "o.category", "o.agency_code", "o.status", "o.due_on", "o.jobs_created", "o.jobs_retained", "o.raised_on", "o.closed_on"])
    .where("o.subject_kind", "=", kind)
    .where("o.subject_id", "=", id)
    .orderBy(sql`CASE WHEN o.status IN ('open','assigned','in_progress') THEN 0 ELSE 1 END`)
    .orderBy("o.id", "desc")
    .limit(50)
    .execute();
}

/** Escalated obstacles still open (the working group's meeting list), oldest first. */
export function escalated(db: Database) {
  return db
    .selectFrom("obstacles as o")
    .select([...obstacleColumns])
    .where("o.escalated_on", "is not", null)
    .where("o.status", "in", [...OPEN_STATUSES])
    .orderBy("o.raised_on")
    .orderBy("o.id")
    .limit(500)
    .execute();
}
