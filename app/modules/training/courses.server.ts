import { sql } from "kysely";
import { keysetRows } from "~/lib/csv.server";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, refuse, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, holds } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import { activeEntries, referenceOptions } from "~/modules/reference/service.server";
import { registerProgramme } from "~/modules/subjects/registry.server";
import { COURSE, courseSubject, enrolsAnywhere, loadCourse, loadManagedCourse, managedProviders } from "./access.server";
import * as q from "./queries.server";
import { courseProblems } from "./rules";
import type { CourseFilters, CourseInput, ProviderInput } from "./schema";
import { courseActions, courseStepProblem, editable, type CourseAction } from "./workflow";

// Providers and courses (issue 16, module 8). Permissions (roles.ts): manage:provider (staff);
// read|manage:course at scope (the provider's training manager) or any (staff); published courses
// are read by applicants (apply:course). Decision 0028.

const fail = (errors: Record<string, string>) => {
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
};

// ------------------------------------------------------------------------------------------ providers

export async function providersPage(actor: UserActor, locale: "fa" | "en") {
  await requirePermission(actor, "manage:provider");
  const db = await getDb();
  const [providers, counties] = await Promise.all([q.listProviders(db), referenceOptions("counties", locale)]);
  return { providers, counties, canRank: holds(actor.user, "rank:provider") };
}

export async function createProvider(actor: UserActor, input: ProviderInput): Promise<number> {
  await requirePermission(actor, "manage:provider");
  const counties = await activeEntries("counties");
  fail(counties.some((c) => c.code === input.county) ? {} : { county: "error.invalidChoice" });
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const seq = await sql<{ n: number }>`SELECT count(*)::int + 1 AS n FROM training_providers`.execute(trx);
    const code = `provider-${seq.rows[0].n}-${Math.abs(hash(input.nameFa)).toString(36)}`;
    const unit = await trx.insertInto("org_units")
      .values({ kind: "provider", code, name_fa: input.nameFa, name_en: input.nameEn, county_code: input.county })
      .returning("id").executeTakeFirstOrThrow();
    await trx.insertInto("training_providers")
      .values({ org_unit_id: unit.id, provider_type: input.providerType, phone: input.phone ?? null, address: input.address ?? "", created_by: actor.user.id })
      .execute();
    await writeAudit(trx, auditMeta(actor), { action: "training.provider.create", entity: "org_unit", entityId: unit.id, details: { type: input.providerType } });
    return unit.id;
  });
}

function hash(s: string) {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

// -------------------------------------------------------------------------------------------- courses

async function referenceProblems(input: Pick<CourseInput, "occupation" | "skills" | "county" | "priorityGroups">) {
  const [occupations, skills, counties, groups] = await Promise.all(
    (["occupations", "skills", "counties", "priority_groups"] as const).map((k) => activeEntries(k)),
  );
  const has = (list: { code: string }[], c: string) => list.some((e) => e.code === c);
  const errors: Record<string, string> = {};
  if (!has(occupations, input.occupation)) errors.occupation = "error.invalidChoice";
  if (input.skills.some((s) => !has(skills, s))) errors.skills = "error.invalidChoice";
  if (!has(counties, input.county)) errors.county = "error.invalidChoice";
  if (input.priorityGroups.some((g) => !has(groups, g))) errors.priorityGroups = "error.invalidChoice";
  return errors;
}

const courseValues = (v: Omit<CourseInput, "provider">) => ({
  title: v.title, description: v.description ?? "", occupation_code: v.occupation, skills: [...new Set(v.skills)], hours: v.hours, mode: v.mode,
  county_code: v.county, starts_on: v.startsOn, ends_on: v.endsOn, capacity: v.capacity, fee: v.fee, priority_groups: [...new Set(v.priorityGroups)],
  min_education: v.minEducation, search_text: q.courseSearchText(v),
});

/** Route actions call this before reading the form, so a refused user gets 403, never a field error. */
export async function requireCourseManager(actor: UserActor) {
  await requireGrant(actor, "manage:course", { entity: COURSE });
}

/** Options of the course form; staff choose the provider, a training manager creates for theirs. */
export async function courseForm(actor: UserActor, locale: "fa" | "en") {
  const level = await requireGrant(actor, "manage:course", { entity: COURSE });
  const db = await getDb();
  const [occupations, skills, counties, groups, providers] = await Promise.all([
    referenceOptions("occupations", locale), referenceOptions("skills", locale), referenceOptions("counties", locale), referenceOptions("priority_groups", locale),
    level === "any" ? q.listProviders(db) : Promise.resolve([]),
  ]);
  return {
    occupations, skills, counties, groups,
    providers: providers.map((p) => ({ value: String(p.id), label: locale === "fa" ? p.name_fa : p.name_en })),
    chooseProvider: level === "any",
  };
}

export async function createCourse(actor: UserActor, input: CourseInput): Promise<number> {
  const level = await requireGrant(actor, "manage:course", { entity: COURSE });
  const db = await getDb();
  let providerId: number | undefined;
  if (level === "any") {
    if (!input.provider || !(await q.findProvider(db, input.provider))) fail({ provider: input.provider ? "error.invalidChoice" : "error.required" });
    providerId = input.provider;
  } else {
    const mine = managedProviders(actor);
    providerId = input.provider && mine.includes(input.provider) ? input.provider : mine[0];
    if (providerId == null) await refuse(actor, "manage:course", { entity: COURSE });
  }
  fail({ ...(await referenceProblems(input)), ...courseProblems(input) });
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("training_courses")
      .values({ ...courseValues(input), provider_id: providerId!, created_by: actor.user.id })
      .returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "training.course.create", entity: COURSE, entityId: row.id, details: { providerId, capacity: input.capacity } });
    return row.id;
  });
}

export async function editCourseForm(actor: UserActor, id: number, locale: "fa" | "en") {
  const db = await getDb();
  const course = await loadManagedCourse(db, actor, id);
  return { course, editable: editable(course.status), ...(await courseForm(actor, locale)) };
}

export async function updateCourse(actor: UserActor, id: number, input: Omit<CourseInput, "provider"> & { version: number }) {
  const db = await getDb();
  const c = await loadManagedCourse(db, actor, id);
  if (!editable(c.status)) throw conflict("training.error.notEditable");
  fail({ ...(await referenceProblems(input)), ...courseProblems(input) });
  // A smaller capacity never takes a place from someone who holds one.
  if (input.capacity < c.accepted_count) fail({ capacity: "training.error.capacityBelowAccepted" });
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("training_courses")
      .set({ ...courseValues(input), version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id).where("version", "=", input.version).where("accepted_count", "<=", input.capacity)
      .executeTakeFirst();
    if (!r.numUpdatedRows) throw conflict("error.conflict");
    await writeAudit(trx, auditMeta(actor), { action: "training.course.update", entity: COURSE, entityId: id, details: { capacity: input.capacity } });
  });
}

/** Applies a workflow step (open, start, finish, cancel) under the course row's lock. */
export async function transitionCourse(actor: UserActor, id: number, step: CourseAction, version: number) {
  const db = await getDb();
  const c = await loadManagedCourse(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const locked = await q.lockCourse(trx, id);
    if (!locked || locked.version !== version) throw conflict("error.conflict");
    const unresolved = step === "finish"
      ? Number((await trx.selectFrom("training_enrolments").select(sql<number>`count(*)::int`.as("n")).where("course_id", "=", id).where("status", "=", "accepted").where("result", "is", null).executeTakeFirstOrThrow()).n)
      : 0;
    const problem = courseStepProblem(locked.status, step, { unresolved });
    if (problem) throw conflict(problem);
    const to = { open: "open", start: "running", finish: "finished", cancel: "cancelled" }[step];
    await trx.updateTable("training_courses").set({ status: to, version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id).execute();
    await writeAudit(trx, auditMeta(actor), { action: `training.course.${step}`, entity: COURSE, entityId: id, details: { from: locked.status, to } });
    if (step === "cancel") {
      const people = await trx.selectFrom("training_enrolments").select("user_id").where("course_id", "=", id).where("status", "<>", "withdrawn").where("user_id", "is not", null).execute();
      for (const p of people) await notify(trx, p.user_id!, "training.notice.cancelled", { title: c.title }, `/training/courses/${id}`);
    }
  });
}

/** The course list: staff all (filters in the URL), a manager their provider's, applicants the open courses. */
export async function coursesPage(actor: UserActor, filters: CourseFilters, after: number | null, locale: "fa" | "en") {
  const db = await getDb();
  const manage = holds(actor.user, "read:course") ? await requireGrant(actor, "read:course", { entity: COURSE }) : null;
  if (!manage && !enrolsAnywhere(actor.user)) await requireGrant(actor, "apply:course", { entity: COURSE });
  const scope = manage === "any" ? {} : manage === "scope" ? { providers: managedProviders(actor) } : { statuses: ["open"] };
  const [rows, counties, occupations] = await Promise.all([q.listCourses(db, { ...filters, ...scope }, after), referenceOptions("counties", locale), referenceOptions("occupations", locale)]);
  return {
    rows: rows.slice(0, q.PAGE).map((r) => ({
      id: r.id, title: r.title, status: r.status, county_code: r.county_code, starts_on: r.starts_on, capacity: r.capacity, accepted_count: r.accepted_count,
      waiting_count: r.waiting_count, provider_fa: r.provider_fa, provider_en: r.provider_en,
    })),
    next: rows.length > q.PAGE ? rows[q.PAGE - 1].id : null,
    counties,
    occupations,
    view: manage === "any" ? "staff" as const : manage === "scope" ? "provider" as const : "catalogue" as const,
    canCreate: holds(actor.user, "manage:course"),
    canManageProviders: holds(actor.user, "manage:provider"),
  };
}

export const COURSE_CSV_HEADER = [
  "id", "title", "provider_id", "provider_fa", "provider_en", "occupation", "hours", "mode", "county", "starts_on", "ends_on", "capacity", "accepted", "waiting",
  "fee_rials", "priority_groups", "status",
];

/** The course list as CSV with the list's filters: staff every course, a training manager their provider's (streamed by keyset). */
export async function coursesCsv(actor: UserActor, filters: CourseFilters) {
  const manage = await requireGrant(actor, "read:course", { entity: COURSE });
  const scope = manage === "any" ? {} : { providers: managedProviders(actor) };
  const db = await getDb();
  const PAGE_CSV = 1000;
  return keysetRows(
    async (after: number | null) => {
      const rows = await q.listCourses(db, { ...filters, ...scope }, after, PAGE_CSV);
      return { rows, next: rows.length === PAGE_CSV ? rows[PAGE_CSV - 1].id : null };
    },
    (r) => [
      r.id, r.title, r.provider_id, r.provider_fa, r.provider_en, r.occupation_code, r.hours, r.mode, r.county_code, String(r.starts_on), String(r.ends_on), r.capacity,
      r.accepted_count, r.waiting_count, Number(r.fee), r.priority_groups.join(";"), r.status,
    ],
  );
}

/** The course page's course part, and what the actor may do with it. */
export async function courseView(db: Database, actor: UserActor, id: number) {
  const c = await loadCourse(db, actor, id);
  const manage = allows(actor.user, "manage:course", courseSubject(c));
  return {
    course: { ...c, fee: Number(c.fee) },
    canManage: manage,
    actions: manage ? courseActions(c.status) : [],
    canEdit: manage && editable(c.status),
  };
}

// A course is a programme an agency's agenda advantage can be offered through (the agenda module lists
// open courses and sums the ledger jobs of its completers' home businesses).
registerProgramme("course", {
  async options(db, actor, locale) {
    const rows = await q.listCourses(db, { statuses: ["open", "running"] }, null);
    return rows.map((r) => ({ value: String(r.id), label: `${r.title} — ${locale === "fa" ? r.provider_fa : r.provider_en}` }));
  },
  async describe(db, ids) {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom("training_courses").select(["id", "title", "county_code"]).where("id", "in", [...ids]).execute();
    return new Map(rows.map((r) => [r.id, { title: r.title, link: `/training/courses/${r.id}`, countyCode: r.county_code }]));
  },
  async ledgerSources(db, id) {
    const rows = await db.selectFrom("training_enrolments").select("business_id").where("course_id", "=", id).where("business_id", "is not", null).execute();
    return [{ module: "micro_businesses", ids: rows.map((r) => String(r.business_id)) }];
  },
});

/** Labels of the reference lists a course page shows (code -> name in the reader's language). */
export async function courseLabels(locale: "fa" | "en") {
  const kinds = ["occupations", "skills", "counties", "priority_groups"] as const;
  const lists = await Promise.all(kinds.map((k) => referenceOptions(k, locale)));
  return Object.fromEntries(kinds.map((k, i) => [k, Object.fromEntries(lists[i].map((o) => [o.value, o.label]))])) as Record<(typeof kinds)[number], Record<string, string>>;
}

/** A provider's page: its details and courses (staff, and the provider's own training managers). */
export async function providerPage(actor: UserActor, id: number, locale: "fa" | "en") {
  const db = await getDb();
  const p = await q.findProvider(db, id);
  if (!p) {
    await requireGrant(actor, "read:course", { entity: "org_unit" });
    throw notFound();
  }
  await requirePermission(actor, "read:course", { orgUnitIds: [id], entity: "org_unit", entityId: id });
  const [courses, counties] = await Promise.all([q.listCourses(db, { provider: id }, null), referenceOptions("counties", locale)]);
  return { provider: p, courses: courses.slice(0, q.PAGE), more: courses.length > q.PAGE, county: counties.find((c) => c.value === p.county_code)?.label ?? p.county_code };
}
