import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "~/lib/db.server";
import type { DB } from "../../../db/types";
import { searchForm } from "~/i18n/normalise";
import type { CaseFilters } from "./schema";
import { ACTIVE } from "./workflow";
import { addDays, now, todayTehran } from "~/i18n/clock";

// Kysely reads and writes for cases; the first argument is `db` or the caller's `trx`.

/** Cases per list page (the idea and verification queues use 25 too). */
export const PAGE = 25;

export async function settingNumber(db: Database, key: string, fallback: number): Promise<number> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  const n = Number(row?.value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export const caseColumns = [
  "c.id", "c.kind", "c.status", "c.centre_id", "c.idea_id", "c.entrepreneur_id", "c.lead_mentor_id", "c.firm_name",
  "c.registration_no", "c.county_code", "c.sector_code", "c.baseline_employees", "c.problem_areas", "c.description",
  "c.urgency", "c.triage_due_at", "c.triaged_at", "c.diagnosis", "c.root_causes", "c.confirmed_areas", "c.employees_now",
  "c.jobs_created", "c.jobs_retained", "c.revenue_rials", "c.funding_rials", "c.outcome_note", "c.closed_at",
  "c.employment_report_id", "c.version", "c.created_at", "c.updated_at",
] as const;

export async function caseById(db: Database, id: number) {
  return db.selectFrom("cases as c").select(caseColumns).where("c.id", "=", id).executeTakeFirst();
}

export async function activeMentorIds(db: Database, caseId: number) {
  return db.selectFrom("case_mentors").select(["mentor_id", "role"]).where("case_id", "=", caseId).where("active", "=", true).execute();
}

/** Who may see what: "any" sees all, "scope" adds the centres the actor holds roles in, everyone sees their own and assigned cases. */
export interface Visibility {
  any: boolean;
  userId: number;
  centreIds: number[];
}

function visible(v: Visibility) {
  return (eb: ExpressionBuilder<DB & { c: DB["cases"] }, "c">) => {
    if (v.any) return eb.val(true);
    const ors = [
      eb("c.entrepreneur_id", "=", v.userId),
      eb.exists(
        eb.selectFrom("case_mentors as vm").select("vm.id")
          .whereRef("vm.case_id", "=", "c.id").where("vm.mentor_id", "=", v.userId).where("vm.active", "=", true),
      ),
    ];
    if (v.centreIds.length) ors.push(eb("c.centre_id", "in", v.centreIds));
    return eb.or(ors);
  };
}

/** The filtered cases with the columns the CSV export needs. */
export function listQuery(db: Database, v: Visibility, f: CaseFilters) {
  return filtered(db, v, f)
    .leftJoin("users as en", "en.id", "c.entrepreneur_id")
    .select([
      "c.id", "c.kind", "c.status", "c.firm_name", "c.county_code", "c.sector_code", "c.urgency", "c.triage_due_at",
      "c.baseline_employees", "c.employees_now", "c.jobs_created", "c.jobs_retained", "c.revenue_rials", "c.funding_rials",
      "c.created_at", "c.centre_id", "lm.full_name as lead_mentor_name", "en.full_name as entrepreneur_name",
      "ou.name_fa as centre_fa", "ou.name_en as centre_en",
    ]);
}

function filtered(db: Database, v: Visibility, f: CaseFilters) {
  let q = db
    .selectFrom("cases as c")
    .leftJoin("users as lm", "lm.id", "c.lead_mentor_id")
    .leftJoin("org_units as ou", "ou.id", "c.centre_id")
    .where(visible(v));
  if (f.kind) q = q.where("c.kind", "=", f.kind);
  if (f.status) q = q.where("c.status", "=", f.status);
  if (f.centre && /^\d+$/.test(f.centre)) q = q.where("c.centre_id", "=", Number(f.centre));
  if (f.county) q = q.where("c.county_code", "=", f.county);
  if (f.sector) q = q.where("c.sector_code", "=", f.sector);
  if (f.mentor && /^\d+$/.test(f.mentor)) {
    const m = Number(f.mentor);
    q = q.where((eb) => eb.exists(eb.selectFrom("case_mentors as fm").select("fm.id").whereRef("fm.case_id", "=", "c.id").where("fm.mentor_id", "=", m).where("fm.active", "=", true)));
  }
  if (f.overdue === "1") {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb("c.status", "in", ["intake", "triage"]), eb("c.triage_due_at", "<", now())]),
        // The earliest due date of the case's open milestones, kept by refreshOpenDue (migration 2026-12-03T1430).
        eb("c.open_due_on", "<", todayTehran()),
      ]),
    );
  }
  if (f.q) q = q.where("c.search_text", "like", `%${searchForm(f.q).replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
  if (f.mentorName) {
    const pattern = `%${searchForm(f.mentorName).replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.exists(eb.selectFrom("case_mentors as nm").innerJoin("users as nu", "nu.id", "nm.mentor_id").select("nm.id")
      .whereRef("nm.case_id", "=", "c.id").where("nm.active", "=", true).where(sql<boolean>`replace(lower(nu.full_name), chr(8204), ' ') LIKE ${pattern}`)));
  }
  return q;
}

/** One page of the list, only the columns it shows (the page's data is also sent for hydration). */
export async function listPage(db: Database, v: Visibility, f: CaseFilters) {
  let q = filtered(db, v, f)
    .leftJoin("users as en", "en.id", "c.entrepreneur_id")
    .select([
      "c.id", "c.kind", "c.status", "c.firm_name", "c.triage_due_at", "c.created_at",
      "lm.full_name as lead_mentor_name", "en.full_name as entrepreneur_name", "ou.name_fa as centre_fa", "ou.name_en as centre_en",
      (eb) => eb.selectFrom("case_milestones as mo").select(sql<number>`count(*)::int`.as("n"))
        .whereRef("mo.case_id", "=", "c.id").where("mo.status", "=", "open").where("mo.due_on", "<", todayTehran()).as("overdue_milestones"),
    ])
    .orderBy("c.id", "desc").limit(PAGE + 1);
  if (f.after) q = q.where("c.id", "<", f.after);
  const rows = await q.execute();
  const more = rows.length > PAGE;
  const items = more ? rows.slice(0, PAGE) : rows;
  return { items, next: more ? items[items.length - 1].id : null };
}

/** Every row of the filtered list, keyset-paged in batches, with hours (for CSV). */
export async function* listAll(db: Database, v: Visibility, f: CaseFilters) {
  let after: number | undefined;
  for (;;) {
    let q = listQuery(db, v, f)
      .select((eb) => eb.selectFrom("case_sessions as s").select(sql<number>`coalesce(sum(s.minutes), 0)::int`.as("m")).whereRef("s.case_id", "=", "c.id").as("minutes"))
      .orderBy("c.id", "desc").limit(1000);
    if (after) q = q.where("c.id", "<", after);
    const rows = await q.execute();
    for (const r of rows) yield r;
    if (rows.length < 1000) return;
    after = rows[rows.length - 1].id;
  }
}

export async function insertHistory(db: Database, caseId: number, from: string | null, to: string, actorId: number | null, note: string | null) {
  await db.insertInto("case_status_history").values({ case_id: caseId, from_status: from, to_status: to, actor_id: actorId, note }).execute();
}

/** Optimistic update: bumps the version; 0 rows means the form was stale. */
export async function updateCase(db: Database, id: number, version: number, set: Record<string, unknown>) {
  const r = await db
    .updateTable("cases")
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * A mentor's open milestones due within `days` on their active cases, soonest first. Driven from the
 * mentor's own cases (a lateral read of each case's milestones by case_milestones_case_idx): led by
 * the due date instead, the planner walked every open milestone of the province (~65 ms at 200,000).
 */
export function mentorMilestones(db: Database, mentorId: number, days: number, limit: number) {
  return db
    .selectFrom("case_mentors as cm")
    .innerJoin("cases as c", "c.id", "cm.case_id")
    .innerJoinLateral(
      (eb) => eb.selectFrom("case_milestones as m").select(["m.id", "m.title", "m.due_on", "m.case_id"])
        .whereRef("m.case_id", "=", "cm.case_id").where("m.status", "=", "open")
        .where("m.due_on", "<=", addDays(todayTehran(), days)).orderBy("m.due_on").limit(limit).as("m"),
      (join) => join.onTrue(),
    )
    .select(["m.id", "m.title", "m.due_on", "m.case_id", "c.firm_name"])
    .where("cm.mentor_id", "=", mentorId).where("cm.active", "=", true).where("c.status", "in", [...ACTIVE])
    .orderBy("m.due_on").limit(limit)
    .execute();
}

/** Mentors (optionally of one centre) with their active-case load and limit. */
export async function mentorLoads(db: Database, defaultCapacity: number, centreId?: number) {
  let q = db
    .selectFrom("role_assignments as ra")
    .innerJoin("users as u", "u.id", "ra.user_id")
    .leftJoin("org_units as ou", "ou.id", "ra.org_unit_id")
    .leftJoin("mentor_capacity as mc", "mc.mentor_id", "u.id")
    // One grouped pass over the active assignments (a hash join), not one count per mentor:
    // per-mentor subqueries cost ~100 ms at 50,000 cases and 200 mentors.
    .leftJoin(
      (eb) => eb.selectFrom("case_mentors as cm").innerJoin("cases as lc", "lc.id", "cm.case_id")
        .select(["cm.mentor_id", sql<number>`count(*)::int`.as("n")])
        .where("cm.active", "=", true).where("lc.status", "in", [...ACTIVE])
        .groupBy("cm.mentor_id").as("l"),
      (join) => join.onRef("l.mentor_id", "=", "u.id"),
    )
    .select([
      "u.id", "u.full_name", "ra.org_unit_id as centre_id", "ou.name_fa as centre_fa", "ou.name_en as centre_en",
      sql<number>`coalesce(mc.max_active, ${defaultCapacity})`.as("max_active"),
      sql<number>`coalesce(l.n, 0)`.as("active_cases"),
    ])
    .where("ra.role", "=", "mentor")
    .where("u.disabled_at", "is", null)
    .orderBy("u.full_name");
  if (centreId) q = q.where("ra.org_unit_id", "=", centreId);
  return q.execute();
}

export async function caseTimeline(db: Database, caseId: number) {
  return db
    .selectFrom("case_status_history as h")
    .leftJoin("users as u", "u.id", "h.actor_id")
    .select(["h.id", "h.from_status", "h.to_status", "h.note", "h.at", "u.full_name as actor_name"])
    .where("h.case_id", "=", caseId)
    .orderBy("h.id")
    .execute();
}

export async function caseMilestones(db: Database, caseId: number) {
  return db.selectFrom("case_milestones").selectAll().where("case_id", "=", caseId).orderBy("due_on").orderBy("id").execute();
}

export async function caseSessions(db: Database, caseId: number) {
  return db
    .selectFrom("case_sessions as s")
    .innerJoin("users as u", "u.id", "s.mentor_id")
    .select(["s.id", "s.mentor_id", "s.held_on", "s.minutes", "s.mode", "s.topics", "s.next_steps", "u.full_name as mentor_name"])
    .where("s.case_id", "=", caseId)
    .orderBy("s.held_on", "desc")
    .orderBy("s.id", "desc")
    .execute();
}

export async function caseThread(db: Database, table: "case_notes" | "case_messages", caseId: number) {
  return db
    .selectFrom(`${table} as t` as "case_notes as t")
    .innerJoin("users as u", "u.id", "t.author_id")
    .select(["t.id", "t.body", "t.created_at", "t.author_id", "u.full_name as author_name"])
    .where("t.case_id", "=", caseId)
    .orderBy("t.id")
    .execute();
}

export async function caseMentorsOf(db: Database, caseId: number) {
  return db
    .selectFrom("case_mentors as cm")
    .innerJoin("users as u", "u.id", "cm.mentor_id")
    .select(["cm.id", "cm.mentor_id", "cm.role", "cm.active", "cm.over_capacity_reason", "cm.assigned_at", "u.full_name"])
    .where("cm.case_id", "=", caseId)
    .orderBy("cm.active", "desc")
    .orderBy("cm.id")
    .execute();
}

export async function caseReferrals(db: Database, caseId: number) {
  return db
    .selectFrom("case_referrals as r")
    .innerJoin("agencies as a", "a.code", "r.agency_code")
    .select(["r.id", "r.note", "r.created_at", "a.name_fa", "a.name_en"])
    .where("r.case_id", "=", caseId)
    .orderBy("r.id")
    .execute();
}

export async function caseFollowUps(db: Database, caseId: number) {
  return db.selectFrom("case_followups").selectAll().where("case_id", "=", caseId).orderBy("months").execute();
}

/** Follow-ups not yet done and due within `days` (or overdue), for staff (all) or a lead mentor. */
export async function dueFollowUps(db: Database, opts: { leadMentorId?: number; centreIds?: number[]; days?: number; limit?: number }) {
  let q = db
    .selectFrom("case_followups as f")
    .innerJoin("cases as c", "c.id", "f.case_id")
    .select(["f.id", "f.case_id", "f.months", "f.due_on", "c.firm_name", "c.lead_mentor_id"])
    .where("f.done_at", "is", null)
    .where("f.due_on", "<=", addDays(todayTehran(), opts.days ?? 30))
    .orderBy("f.due_on")
    .limit(opts.limit ?? 100);
  if (opts.leadMentorId) q = q.where("c.lead_mentor_id", "=", opts.leadMentorId);
  if (opts.centreIds) q = q.where("c.centre_id", "in", opts.centreIds.length ? opts.centreIds : [-1]);
  return q.execute();
}

/** Mentors' own limits (rows exist only for mentors whose limit staff changed), with their versions. */
export function capacityRows(db: Database) {
  return db.selectFrom("mentor_capacity").select(["mentor_id", "max_active", "version"]).execute();
}

/** Is this user an enabled mentor (holds the mentor role somewhere)? */
export async function isActiveMentor(db: Database, userId: number) {
  const row = await db.selectFrom("role_assignments as ra").innerJoin("users as u", "u.id", "ra.user_id").select("u.id")
    .where("ra.role", "=", "mentor").where("u.id", "=", userId).where("u.disabled_at", "is", null).executeTakeFirst();
  return !!row;
}

/**
 * Keeps cases.open_due_on, the earliest due date of a case's open milestones (null when none), after a
 * milestone write; every case when `caseId` is left out (seeds and the benchmark insert milestones in
 * bulk). A milestone write locks its case first (lockCase), so two writes to one case's milestones
 * take turns and the second recomputes with the first's change committed.
 */
export async function refreshOpenDue(db: Database, caseId?: number) {
  const earliest = sql<string | null>`(SELECT min(m.due_on) FROM case_milestones m WHERE m.case_id = cases.id AND m.status = 'open')`;
  let q = db.updateTable("cases").set({ open_due_on: earliest });
  if (caseId !== undefined) q = q.where("id", "=", caseId);
  else q = q.where((eb) => eb.or([eb("open_due_on", "is not", null), eb.exists(eb.selectFrom("case_milestones as m").select("m.id").whereRef("m.case_id", "=", "cases.id").where("m.status", "=", "open"))]));
  await q.execute();
}

/** Locks a case's row for the rest of the transaction (milestone writes take turns per case). */
export async function lockCase(db: Database, caseId: number) {
  await db.selectFrom("cases").select("id").where("id", "=", caseId).forUpdate().execute();
}
