import { sql, type Expression, type RawBuilder } from "kysely";
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
  /** Every obstacle (directorate staff). */
  any: boolean;
  /** Obstacles of these agencies (officers). */
  agencies: string[];
  /** Obstacles the actor raised. */
  raisedBy: number;
  /** Obstacles on these subjects (a centre's staff: their centre's records, decision 0015). */
  subjects?: SubjectsIn;
}

/** Subjects of these kinds whose id is in the kind's subquery (its owning module writes it). */
export type SubjectsIn = { kind: string; ids: Expression<{ id: number }> }[];

/** The condition "the obstacle's subject is one of these" (false for none), on `alias`'s columns. */
export function subjectsIn(subjects: SubjectsIn, alias = ""): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(alias ? `${alias}.${c}` : c);
  if (!subjects.length) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(subjects.map((s) => sql`(${col("subject_kind")} = ${s.kind} AND ${col("subject_id")} IN (${s.ids}))`), sql` OR `)})`;
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
      if (scope.subjects) parts.push(eb(subjectsIn(scope.subjects, "o"), "=", true));
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

// ---------------------------------------------------------------- advantages

export const advantageColumns = [
  "a.id", "a.agency_code", "a.sector_code", "a.isic_code", "a.activity", "a.county_codes", "a.area", "a.description", "a.potential_jobs",
  "a.investment_rials", "a.programme_kind", "a.programme_id", "a.status", "a.drop_reason", "a.how_to_join", "a.published", "a.created_by",
  "a.version", "a.created_at", "a.updated_at",
] as const;

export function advantageById(db: Database, id: number) {
  return db.selectFrom("advantages as a").select(advantageColumns).where("a.id", "=", id).executeTakeFirst();
}
export type AdvantageRow = NonNullable<Awaited<ReturnType<typeof advantageById>>>;

/** One page of advantages (newest first): every one (`agencies` null) or those of the given agencies. */
export async function listAdvantages(db: Database, f: { agency?: string; status?: string }, agencies: string[] | null, after: number | null, limit = PAGE) {
  let q = db.selectFrom("advantages as a").select(advantageColumns);
  if (agencies) q = agencies.length ? q.where("a.agency_code", "in", agencies) : q.where(sql<boolean>`false`);
  if (f.agency) q = q.where("a.agency_code", "=", f.agency);
  if (f.status) q = q.where("a.status", "=", f.status);
  if (after) q = q.where("a.id", "<", after);
  const rows = await q.orderBy("a.id", "desc").limit(limit + 1).execute();
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].id : null };
}

export function advantageEvents(db: Database, id: number) {
  return db
    .selectFrom("advantage_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .select(["e.id", "e.action", "e.from_status", "e.to_status", "e.note", "e.at", "u.full_name as actor_name"])
    .where("e.advantage_id", "=", id)
    .orderBy("e.id")
    .execute();
}

export async function addAdvantageEvent(db: Database, e: { advantage_id: number; action: string; from_status: string | null; to_status: string | null; actor_id: number; note?: string | null }) {
  await db.insertInto("advantage_events").values({ ...e, note: e.note ?? null }).execute();
}

/** Published advantages still open to take part in (not dropped), newest first. */
/** Published advantages, newest first, one keyset page (`after` = the last id shown). */
export function publishedAdvantages(db: Database, after: number | null, limit: number) {
  let q = db
    .selectFrom("advantages as a")
    .select(["a.id", "a.agency_code", "a.sector_code", "a.activity", "a.county_codes", "a.area", "a.potential_jobs", "a.programme_kind", "a.programme_id", "a.status", "a.how_to_join"])
    .where("a.published", "=", true)
    .where("a.status", "<>", "dropped")
    .orderBy("a.id", "desc")
    .limit(limit);
  if (after) q = q.where("a.id", "<", after);
  return q.execute();
}

/** Potential jobs and counts of advantages per agency and status (the working group's view). */
export async function advantageTotals(db: Database) {
  const rows = await sql<{ agency_code: string; status: string; n: number; jobs: string }>`
    SELECT agency_code, status, count(*)::int AS n, coalesce(sum(potential_jobs), 0) AS jobs FROM advantages GROUP BY agency_code, status`.execute(db);
  return rows.rows.map((r) => ({ agency: r.agency_code, status: r.status, n: r.n, jobs: Number(r.jobs) }));
}

/** The programmes activated advantages are linked to, per agency (each programme once per agency). */
export function activatedProgrammes(db: Database) {
  return db
    .selectFrom("advantages")
    .select(["agency_code", "programme_kind", "programme_id"])
    .distinct()
    .where("status", "=", "activated")
    .where("programme_id", "is not", null)
    .execute();
}

/** The agency allocations of a year's job target. */
export function agencyAllocations(db: Database, year: number) {
  return db.selectFrom("job_target_allocations").select(["code", "amount"]).where("jalali_year", "=", year).where("dimension", "=", "agency").execute();
}
export function yearTarget(db: Database, year: number) {
  return db.selectFrom("job_targets").select(["jalali_year", "current_target"]).where("jalali_year", "=", year).executeTakeFirst();
}
