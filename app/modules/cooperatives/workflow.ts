// The cooperative's life as data (pure; workflow.test.ts). One row goes from the application to the
// dissolved cooperative:
//
//   draft → members_confirming → submitted → under_review → approved → active → dormant | dissolved
//                 ↓ (a member declines, or the applicant recalls)   ↓ needs_revision → members_confirming
//               draft                                               ↓ rejected
//
// A transition is allowed only when it is listed, the actor plays one of the listed parts and the
// facts satisfy its guards. The services apply it in one transaction with a timeline row
// (cooperative_events), an audit row and notifications.

export const COOP_STATUSES = ["draft", "members_confirming", "submitted", "under_review", "needs_revision", "approved", "active", "dormant", "dissolved", "rejected"] as const;
export type CoopStatus = (typeof COOP_STATUSES)[number];

export type Part = "applicant" | "member" | "staff" | "system";

export const COOP_ACTIONS = ["send_to_members", "recall", "member_declined", "all_confirmed", "start_review", "request_revision", "approve", "reject", "activate", "make_dormant", "reactivate", "dissolve"] as const;
export type CoopAction = (typeof COOP_ACTIONS)[number];

export interface Facts {
  note?: string | null;
  /** The application satisfies the formation rules (formationProblems is empty). */
  rulesHold?: boolean;
  /** Every live member has confirmed. */
  allConfirmed?: boolean;
  registrationNo?: string | null;
  registeredOn?: string | null;
}

export type Guard = "note" | "rules_hold" | "all_confirmed" | "registration";

const GUARDS: Record<Guard, (f: Facts) => boolean> = {
  note: (f) => !!f.note?.trim(),
  rules_hold: (f) => !!f.rulesHold,
  all_confirmed: (f) => !!f.allConfirmed,
  registration: (f) => !!f.registrationNo?.trim() && !!f.registeredOn,
};

export interface Transition {
  action: CoopAction;
  from: readonly CoopStatus[];
  to: CoopStatus;
  by: readonly Part[];
  requires: readonly Guard[];
}

export const TRANSITIONS: readonly Transition[] = [
  { action: "send_to_members", from: ["draft", "needs_revision"], to: "members_confirming", by: ["applicant"], requires: ["rules_hold"] },
  { action: "recall", from: ["members_confirming"], to: "draft", by: ["applicant"], requires: [] },
  { action: "member_declined", from: ["members_confirming"], to: "draft", by: ["member"], requires: ["note"] },
  { action: "all_confirmed", from: ["members_confirming"], to: "submitted", by: ["system"], requires: ["all_confirmed", "rules_hold"] },
  { action: "start_review", from: ["submitted"], to: "under_review", by: ["staff"], requires: [] },
  { action: "request_revision", from: ["under_review"], to: "needs_revision", by: ["staff"], requires: ["note"] },
  { action: "approve", from: ["under_review"], to: "approved", by: ["staff"], requires: ["registration"] },
  { action: "reject", from: ["submitted", "under_review"], to: "rejected", by: ["staff"], requires: ["note"] },
  { action: "activate", from: ["approved"], to: "active", by: ["staff"], requires: [] },
  { action: "make_dormant", from: ["active"], to: "dormant", by: ["staff"], requires: ["note"] },
  { action: "reactivate", from: ["dormant"], to: "active", by: ["staff"], requires: [] },
  { action: "dissolve", from: ["active", "dormant"], to: "dissolved", by: ["staff"], requires: ["note"] },
];

export const FINAL: readonly CoopStatus[] = ["dissolved", "rejected"];
/** The applicant edits the application (names, members, documents) only in these. */
export const EDITABLE: readonly CoopStatus[] = ["draft", "needs_revision"];
/** The application is with the directorate (staff queue). */
export const IN_QUEUE: readonly CoopStatus[] = ["submitted", "under_review"];
/** The cooperative exists (registered): the public directory shows active ones. */
export const REGISTERED: readonly CoopStatus[] = ["approved", "active", "dormant", "dissolved"];

export type Check = { ok: true; transition: Transition } | { ok: false; reason: "not_allowed" | "wrong_part" | "missing"; guard?: Guard };

export function checkTransition(from: string, action: string, parts: readonly Part[], facts: Facts = {}): Check {
  const t = TRANSITIONS.find((x) => x.action === action && (x.from as readonly string[]).includes(from));
  if (!t) return { ok: false, reason: "not_allowed" };
  if (!t.by.some((p) => parts.includes(p))) return { ok: false, reason: "wrong_part" };
  for (const g of t.requires) if (!GUARDS[g](facts)) return { ok: false, reason: "missing", guard: g };
  return { ok: true, transition: t };
}

/** The actions the parts may take from a status (the buttons a page shows; guards are checked on submit). */
export function actionsFrom(from: string, parts: readonly Part[]): CoopAction[] {
  return TRANSITIONS.filter((t) => (t.from as readonly string[]).includes(from) && t.by.some((p) => parts.includes(p))).map((t) => t.action);
}

/** Staff actions that need a note (the form asks for it). */
export const NEEDS_NOTE = new Set<CoopAction>(TRANSITIONS.filter((t) => t.requires.includes("note")).map((t) => t.action));
