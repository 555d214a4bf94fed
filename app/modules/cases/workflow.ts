import { addMonths, now } from "~/i18n/clock";
// The case workflow as data (pure; safe in the browser). A transition is allowed only when it is
// listed here, the actor plays one of the listed parts and the case has what the guard needs.
//
// intake → triage → diagnosis → action_plan → in_progress → graduated | closed_unresolved | withdrawn

export const CASE_KINDS = ["acceleration", "consulting", "business_emergency"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = [
  "intake", "triage", "diagnosis", "action_plan", "in_progress", "graduated", "closed_unresolved", "withdrawn",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PROBLEM_AREAS = ["financing", "market", "raw_materials", "permits", "technology", "management", "energy"] as const;
export const URGENCIES = ["normal", "high", "critical"] as const;
export const SESSION_MODES = ["in_person", "online", "phone", "site_visit"] as const;
export const MILESTONE_OWNERS = ["entrepreneur", "mentor", "centre"] as const;
export const MILESTONE_STATUSES = ["open", "done", "dropped"] as const;

export const CASE_ACTIONS = [
  "start_triage", "start_diagnosis", "plan", "start", "revise_diagnosis", "graduate", "close", "withdraw",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** owner: the entrepreneur of the case; mentor: a mentor assigned to it; staff: staff with the case in scope. */
export type Part = "owner" | "mentor" | "staff";

/** What the service knows about the case when checking a guard. */
export interface CaseFacts {
  hasLeadMentor?: boolean;
  hasDiagnosis?: boolean;
  milestones?: number;
  note?: string | null;
  hasOutcome?: boolean;
}
export type Guard = "lead_mentor" | "diagnosis" | "milestone" | "note" | "outcome";

export interface Transition {
  action: CaseAction;
  from: readonly CaseStatus[];
  to: CaseStatus;
  by: readonly Part[];
  requires: readonly Guard[];
}

const OPEN: readonly CaseStatus[] = ["intake", "triage", "diagnosis", "action_plan", "in_progress"];

export const TRANSITIONS: readonly Transition[] = [
  { action: "start_triage", from: ["intake"], to: "triage", by: ["staff"], requires: [] },
  { action: "start_diagnosis", from: ["triage"], to: "diagnosis", by: ["staff"], requires: ["lead_mentor"] },
  { action: "plan", from: ["diagnosis"], to: "action_plan", by: ["mentor", "staff"], requires: ["diagnosis"] },
  { action: "revise_diagnosis", from: ["action_plan"], to: "diagnosis", by: ["mentor", "staff"], requires: ["note"] },
  { action: "start", from: ["action_plan"], to: "in_progress", by: ["mentor", "staff"], requires: ["milestone"] },
  { action: "graduate", from: ["in_progress"], to: "graduated", by: ["mentor", "staff"], requires: ["outcome"] },
  { action: "close", from: ["triage", "diagnosis", "action_plan", "in_progress"], to: "closed_unresolved", by: ["mentor", "staff"], requires: ["note", "outcome"] },
  { action: "withdraw", from: OPEN, to: "withdrawn", by: ["owner", "staff"], requires: ["note"] },
];

export const FINAL: readonly CaseStatus[] = ["graduated", "closed_unresolved", "withdrawn"];
/** Statuses that count against a mentor's capacity. */
export const ACTIVE: readonly CaseStatus[] = OPEN;
export const isFinal = (s: string) => (FINAL as readonly string[]).includes(s);
/** Statuses in which the diagnosis may be written or revised. */
export const DIAGNOSIS_EDITABLE: readonly CaseStatus[] = ["diagnosis", "action_plan", "in_progress"];
export const mayDiagnose = (s: string) => (DIAGNOSIS_EDITABLE as readonly string[]).includes(s);

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; reason: "not_allowed" | "wrong_part" | "missing"; guard?: Guard };

/** Pure check of one transition: is `action` allowed from `from` for one of `parts` with these facts? */
export function checkTransition(from: string, action: string, parts: readonly Part[], facts: CaseFacts = {}): TransitionCheck {
  const t = TRANSITIONS.find((x) => x.action === action && (x.from as readonly string[]).includes(from));
  if (!t) return { ok: false, reason: "not_allowed" };
  if (!t.by.some((p) => parts.includes(p))) return { ok: false, reason: "wrong_part" };
  for (const g of t.requires) {
    const ok =
      g === "lead_mentor" ? !!facts.hasLeadMentor
      : g === "diagnosis" ? !!facts.hasDiagnosis
      : g === "milestone" ? (facts.milestones ?? 0) > 0
      : g === "note" ? !!facts.note?.trim()
      : !!facts.hasOutcome;
    if (!ok) return { ok: false, reason: "missing", guard: g };
  }
  return { ok: true, transition: t };
}

/** Actions the parts may take from a status (for showing buttons). */
export function actionsFrom(from: string, parts: readonly Part[]): CaseAction[] {
  return TRANSITIONS.filter((t) => t.by.some((p) => parts.includes(p)) && (t.from as readonly string[]).includes(from)).map((t) => t.action);
}

/** Milliseconds left until the triage deadline (negative: overdue), or null when no clock runs. */
export function triageClock(c: { status: string; triage_due_at: Date | string | null }, at: Date = now()): number | null {
  if (!c.triage_due_at || !(c.status === "intake" || c.status === "triage")) return null;
  return new Date(c.triage_due_at).getTime() - at.getTime();
}

/** Follow-up due dates (ISO yyyy-mm-dd) 6 and 12 months after graduation. */
export function followUpDates(graduatedOn: string): { months: 6 | 12; dueOn: string }[] {
  return ([6, 12] as const).map((months) => ({ months, dueOn: addMonths(graduatedOn, months) }));
}

/**
 * The case page's "next step" hint, following the status (issue 11 item 8): what has to happen for the
 * case to move on, as an i18n key `cases.next.<step>`. Assigning a centre and mentor is the step only
 * while no lead mentor is assigned (intake, triage); after that, it is the status's own work.
 */
export type NextStep =
  | "assign" | "triage" | "startDiagnosis" | "writeDiagnosis" | "plan" | "addMilestone" | "start" | "work" | "followUps" | "closed";

export function nextStep(status: string, facts: { hasLeadMentor: boolean; hasDiagnosis: boolean; milestones: number }): NextStep {
  switch (status) {
    case "intake": return facts.hasLeadMentor ? "triage" : "assign";
    case "triage": return facts.hasLeadMentor ? "startDiagnosis" : "assign";
    case "diagnosis": return facts.hasDiagnosis ? "plan" : "writeDiagnosis";
    case "action_plan": return facts.milestones > 0 ? "start" : "addMilestone";
    case "in_progress": return "work";
    case "graduated": return "followUps";
    default: return "closed";
  }
}
