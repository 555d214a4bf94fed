import { sql } from "kysely";
import type { Database } from "~/lib/db.server";
import { searchForm } from "~/i18n/normalise";
import type { CourseFilters } from "./schema";

// Kysely queries of skills training. First argument is `db` or `trx`.

export const PAGE = 25;

export function findCourse(db: Database, id: number) {
  return db
    .selectFrom("training_courses as c")
    .innerJoin("org_units as u", "u.id", "c.provider_id")
    .select([
      "c.id", "c.provider_id", "c.title", "c.description", "c.occupation_code", "c.skills", "c.hours", "c.mode", "c.county_code", "c.starts_on",
      "c.ends_on", "c.capacity", "c.fee", "c.priority_groups", "c.min_education", "c.status", "c.accepted_count", "c.waiting_count", "c.is_demo",
      "c.version", "c.created_at", "u.name_fa as provider_fa", "u.name_en as provider_en",
    ])
    .where("c.id", "=", id)
    .executeTakeFirst();
}
export type CourseRow = NonNullable<Awaited<ReturnType<typeof findCourse>>>;

/** The course row, locked for the rest of the transaction (enrolments, withdrawals, status changes). */
export function lockCourse(trx: Database, id: number) {
  return trx
    .selectFrom("training_courses")
    .select(["id", "provider_id", "status", "capacity", "accepted_count", "waiting_count", "ends_on", "version", "title"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export function listCourses(db: Database, f: CourseFilters & { providers?: readonly number[]; statuses?: readonly string[] }, after: number | null, limit = PAGE + 1) {
  let q = db
    .selectFrom("training_courses as c")
    .innerJoin("org_units as u", "u.id", "c.provider_id")
    .select(["c.id", "c.title", "c.status", "c.county_code", "c.mode", "c.starts_on", "c.ends_on", "c.capacity", "c.accepted_count", "c.waiting_count", "c.hours", "c.fee",
      "c.occupation_code", "c.priority_groups", "c.provider_id", "u.name_fa as provider_fa", "u.name_en as provider_en"])
    .orderBy("c.id", "desc")
    .limit(limit);
  if (f.providers) q = q.where("c.provider_id", "in", f.providers.length ? [...f.providers] : [-1]);
  if (f.statuses) q = q.where("c.status", "in", [...f.statuses]);
  if (f.status) q = q.where("c.status", "=", f.status);
  if (f.county) q = q.where("c.county_code", "=", f.county);
  if (f.provider) q = q.where("c.provider_id", "=", f.provider);
  if (f.occupation) q = q.where("c.occupation_code", "=", f.occupation);
  if (f.q) q = q.where("c.search_text", "like", `%${searchForm(f.q).replace(/[%_\\]/g, "")}%`);
  if (after) q = q.where("c.id", "<", after);
  return q.execute();
}

export function listProviders(db: Database) {
  return db
    .selectFrom("training_providers as p")
    .innerJoin("org_units as u", "u.id", "p.org_unit_id")
    .select(["u.id", "u.name_fa", "u.name_en", "u.county_code", "p.provider_type", "p.phone",
      sql<number>`(SELECT count(*) FROM training_courses c WHERE c.provider_id = u.id)::int`.as("courses")])
    .orderBy("u.name_fa")
    .limit(500)
    .execute();
}

export function findProvider(db: Database, id: number) {
  return db
    .selectFrom("training_providers as p")
    .innerJoin("org_units as u", "u.id", "p.org_unit_id")
    .select(["u.id", "u.name_fa", "u.name_en", "u.county_code", "p.provider_type", "p.phone", "p.address"])
    .where("u.id", "=", id)
    .executeTakeFirst();
}

export const courseSearchText = (c: { title: string; description?: string | null }) => searchForm(`${c.title} ${c.description ?? ""}`);

const enrolmentColumns = [
  "e.id", "e.course_id", "e.provider_id", "e.user_id", "e.national_id", "e.full_name", "e.gender", "e.mobile", "e.priority_group", "e.status",
  "e.was_accepted", "e.attendance_pct", "e.sessions_attended", "e.sessions_total", "e.result", "e.certificate_no", "e.certificate_file_id",
  "e.completed_on", "e.business_id", "e.placement_id", "e.version", "e.created_at",
] as const;

export function findEnrolment(db: Database, id: number) {
  return db.selectFrom("training_enrolments as e").select([...enrolmentColumns]).where("e.id", "=", id).executeTakeFirst();
}
export type EnrolmentRow = NonNullable<Awaited<ReturnType<typeof findEnrolment>>>;

/** A course's enrolments of one status, in arrival order (the waiting list's order). */
export function enrolmentsOf(db: Database, courseId: number, status: string, limit = 200) {
  return db
    .selectFrom("training_enrolments as e")
    .select(["e.id", "e.full_name", "e.national_id", "e.gender", "e.priority_group", "e.status", "e.attendance_pct", "e.result", "e.certificate_no", "e.created_at"])
    .where("e.course_id", "=", courseId)
    .where("e.status", "=", status)
    .orderBy("e.id")
    .limit(limit)
    .execute();
}

/** The live enrolment of a person on a course (one per national ID). */
export function liveEnrolment(db: Database, courseId: number, nationalId: string) {
  return db.selectFrom("training_enrolments").select(["id", "status"]).where("course_id", "=", courseId).where("national_id", "=", nationalId).where("status", "<>", "withdrawn").executeTakeFirst();
}

/** The place of an enrolment on the waiting list (1 = next to take a place). */
export async function waitingPosition(db: Database, courseId: number, enrolmentId: number) {
  const r = await db.selectFrom("training_enrolments").select(sql<number>`count(*)::int`.as("n"))
    .where("course_id", "=", courseId).where("status", "=", "waiting").where("id", "<=", enrolmentId).executeTakeFirstOrThrow();
  return r.n;
}

export function enrolmentsOfUser(db: Database, userId: number) {
  return db
    .selectFrom("training_enrolments as e")
    .innerJoin("training_courses as c", "c.id", "e.course_id")
    .select(["e.id", "e.course_id", "e.status", "e.result", "e.certificate_no", "c.title", "c.status as course_status", "c.starts_on", "c.ends_on"])
    .where("e.user_id", "=", userId)
    .orderBy("e.id", "desc")
    .limit(100)
    .execute();
}
