import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import type { UserActor } from "~/modules/accounts/actor.server";
import { hasRole, scopeUnits } from "~/modules/accounts/roles";
import * as q from "./queries.server";
import { CAPACITY_KEY } from "./access.server";
import { jalaliMonthRange } from "./hours";
import { ACTIVE, CASE_KINDS, CASE_STATUSES, type CaseKind, type CaseStatus } from "./workflow";
import { nowMs, todayTehran } from "~/i18n/clock";

// Home widgets for cases (called from app/modules/accounts/home.server.ts).

// A mentor's home widgets, kept per mentor and Tehran day like the staff home's (decision 0014) and dropped by
// any audited change of a case (assignments and transitions included), a session, a milestone or a
// follow-up, on every instance through the cache bus; no rule reads them.
const mentorWidgets = memo(["case", "case_session", "case_milestone", "case_followup"], 30_000, async ({ me, today }: { me: number; today: string }) => {
  const db = await getDb();
  const month = jalaliMonthRange(today);
  const [byStatus, milestones, minutes, followUps] = await Promise.all([
    db.selectFrom("case_mentors as cm").innerJoin("cases as c", "c.id", "cm.case_id")
      .select(["c.status", sql<number>`count(*)::int`.as("n")])
      .where("cm.mentor_id", "=", me).where("cm.active", "=", true).groupBy("c.status").execute(),
    q.mentorMilestones(db, me, 14, 20),
    db.selectFrom("case_sessions").select(sql<number>`coalesce(sum(minutes), 0)::int`.as("m"))
      .where("mentor_id", "=", me).where("held_on", ">=", month.start).where("held_on", "<=", month.end).executeTakeFirstOrThrow(),
    q.dueFollowUps(db, { leadMentorId: me, days: 30 }),
  ]);
  return { byStatus, milestones: milestones.map((m) => ({ ...m, overdue: String(m.due_on).slice(0, 10) < today })), hoursThisMonth: Math.round((minutes.m / 60) * 100) / 100, followUps };
}, ({ me, today }) => `${me}|${today}`);

export function mentorHome(actor: UserActor) {
  return mentorWidgets.get({ me: actor.user.id, today: todayTehran() });
}

/** Mentors listed on the staff home (the busiest first); the rest are on /cases/mentors. */
export const HOME_LOADS = 10;
export const HOME_FOLLOW_UPS = 10;
/** Emergencies waiting for triage on the staff home (the most overdue first); the rest are one link away. */
export const HOME_EMERGENCIES = 10;

// The staff home's counts read every case; they are cached per process (decision 0014) and dropped by
// any audited change of a case, a capacity or a user (role); capacity checks never use them.
// Keyed by the staff member's scope: "all" (directorate) or their centres' ids ("12,15").
const staffCounts = memo(["case", "mentor_capacity", "user", "setting"], 30_000, async (scope: "all" | number[]) => {
  const db = await getDb();
  const capacity = await q.settingNumber(db, CAPACITY_KEY, 8);
  const centres = scope === "all" ? null : scope.length ? scope : [-1];
  let stages = db.selectFrom("cases").select(["kind", "status", sql<number>`count(*)::int`.as("n")]).groupBy(["kind", "status"]);
  if (centres) stages = stages.where("centre_id", "in", centres);
  let byCentre = db.selectFrom("cases as c").innerJoin("org_units as ou", "ou.id", "c.centre_id")
    .select(["ou.id", "ou.name_fa", "ou.name_en", sql<number>`count(*)::int`.as("n")])
    .where("c.status", "in", [...ACTIVE]).groupBy(["ou.id", "ou.name_fa", "ou.name_en"]).orderBy("ou.name_fa");
  if (centres) byCentre = byCentre.where("c.centre_id", "in", centres);
  const [allLoads, perStage, perCentre] = await Promise.all([q.mentorLoads(db, capacity), stages.execute(), byCentre.execute()]);
  const loads = centres ? allLoads.filter((l) => l.centre_id != null && centres.includes(l.centre_id)) : allLoads;
  const load = (l: (typeof loads)[number]) => (l.active_cases ?? 0) / Math.max(1, l.max_active);
  const busiest = [...loads].sort((a, b) => load(b) - load(a) || (b.active_cases ?? 0) - (a.active_cases ?? 0)).slice(0, HOME_LOADS);
  return {
    loads: busiest,
    mentorCount: new Set(loads.map((l) => l.id)).size,
    fullCount: new Set(loads.filter((l) => (l.active_cases ?? 0) >= l.max_active).map((l) => l.id)).size,
    perStage,
    perCentre,
  };
}, (scope) => (scope === "all" ? "all" : [...scope].sort((a, b) => a - b).join(",")));

// The staff home's two lists (emergencies waiting for triage, follow-ups due within 30 days), kept per
// scope and day like the counts above and dropped by any audited change of a case or a follow-up (on
// every instance, through the cache bus). The triage clocks are worked out from the due times when the
// page renders, so a kept list still shows the time left as of the request.
const staffLists = memo(["case", "case_followup"], 30_000, async ({ centres }: { centres: number[] | undefined; today: string }) => {
  const db = await getDb();
  let queue = db.selectFrom("cases").select(["id", "firm_name", "urgency", "triage_due_at", "status"])
    .where("status", "in", ["intake", "triage"]).where("triage_due_at", "is not", null)
    .orderBy("triage_due_at").limit(HOME_EMERGENCIES + 1);
  if (centres) queue = queue.where("centre_id", "in", centres.length ? centres : [-1]);
  const [emergencies, followUps] = await Promise.all([
    queue.execute(),
    q.dueFollowUps(db, { days: 30, limit: HOME_FOLLOW_UPS + 1, centreIds: centres }),
  ]);
  return {
    emergencies: emergencies.slice(0, HOME_EMERGENCIES),
    moreEmergencies: emergencies.length > HOME_EMERGENCIES,
    followUps: followUps.slice(0, HOME_FOLLOW_UPS).map((f) => ({ id: f.id, months: f.months, due_on: String(f.due_on).slice(0, 10), firm_name: f.firm_name })),
    moreFollowUps: followUps.length > HOME_FOLLOW_UPS,
  };
}, ({ centres, today }) => `${centres ? [...centres].sort((a, b) => a - b).join(",") : "all"}|${today}`);

export async function staffHome(actor: UserActor) {
  // Directorate staff see the province; centre staff their centres' cases only (issue 10 item 8).
  const scope = scopeUnits(actor.user.roles, "manage:case");
  const centres = scope === "all" ? undefined : scope;
  const [lists, { perStage, ...counts }] = await Promise.all([staffLists.get({ centres, today: todayTehran() }), staffCounts.get(scope)]);
  return { ...lists, ...counts, stages: stageTable(perStage) };
}

/**
 * Cases per stage as the home's table shows them: a row per status in the workflow's order (statuses no
 * case is in left out), a count per kind.
 */
export function stageTable(perStage: readonly { kind: string; status: string; n: number }[]) {
  const rows = new Map<CaseStatus, Record<CaseKind, number>>();
  for (const p of perStage) {
    const row = rows.get(p.status as CaseStatus) ?? (Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as Record<CaseKind, number>);
    row[p.kind as CaseKind] += p.n;
    rows.set(p.status as CaseStatus, row);
  }
  return CASE_STATUSES.filter((s) => rows.has(s)).map((status) => ({ status, counts: rows.get(status)! }));
}

export async function entrepreneurHome(actor: UserActor) {
  const db = await getDb();
  return db.selectFrom("cases").select(["id", "kind", "status", "firm_name", "triage_due_at", "updated_at"])
    .where("entrepreneur_id", "=", actor.user.id).orderBy("id", "desc").limit(20).execute();
}

/** The cases widgets for the home page, one per role the actor holds. */
export async function casesHome(actor: UserActor) {
  return {
    mentor: hasRole(actor.user, "mentor") ? await mentorHome(actor) : null,
    staff: hasRole(actor.user, "staff") ? await staffHome(actor) : null,
    entrepreneur: hasRole(actor.user, "entrepreneur") ? await entrepreneurHome(actor) : null,
    now: nowMs(),
  };
}
export type CasesHomeData = Awaited<ReturnType<typeof casesHome>>;
