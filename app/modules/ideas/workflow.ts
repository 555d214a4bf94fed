// The idea workflow as data (pure; safe in the browser). A transition is allowed only when it is
// listed here, the actor plays the listed part and the required fields are present.
//
// draft → submitted → screening → in_review → accepted | rejected
// screening | in_review → needs_revision → resubmitted → screening

export const IDEA_STATUSES = [
  "draft", "submitted", "screening", "in_review", "needs_revision", "resubmitted", "accepted", "rejected",
] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const ACCEPTED_PATHS = ["acceleration", "consulting", "cooperative"] as const;
export type AcceptedPath = (typeof ACCEPTED_PATHS)[number];

export const IDEA_ACTIONS = ["submit", "screen", "start_review", "request_revision", "resubmit", "accept", "reject"] as const;
export type IdeaAction = (typeof IDEA_ACTIONS)[number];

/** owner: the entrepreneur who wrote the idea; staff: staff of the directorate or a centre. */
export type Part = "owner" | "staff";

export interface Transition {
  action: IdeaAction;
  from: readonly IdeaStatus[];
  to: IdeaStatus;
  by: Part;
  /** Fields the transition needs (besides the idea's own fields checked on submit). */
  requires: readonly ("note" | "path" | "reviewers")[];
}

export const TRANSITIONS: readonly Transition[] = [
  { action: "submit", from: ["draft"], to: "submitted", by: "owner", requires: [] },
  { action: "screen", from: ["submitted", "resubmitted"], to: "screening", by: "staff", requires: [] },
  { action: "start_review", from: ["screening"], to: "in_review", by: "staff", requires: ["reviewers"] },
  { action: "request_revision", from: ["screening", "in_review"], to: "needs_revision", by: "staff", requires: ["note"] },
  { action: "resubmit", from: ["needs_revision"], to: "resubmitted", by: "owner", requires: [] },
  { action: "accept", from: ["in_review"], to: "accepted", by: "staff", requires: ["note", "path"] },
  { action: "reject", from: ["screening", "in_review"], to: "rejected", by: "staff", requires: ["note"] },
];

/** The staff steps taken with the decision form on the idea page (review starts by assigning reviewers). */
export const STAFF_DECISIONS: readonly IdeaAction[] = TRANSITIONS.filter((t) => t.by === "staff" && !t.requires.includes("reviewers")).map((t) => t.action);
export const isStaffDecision = (action: string): action is IdeaAction => (STAFF_DECISIONS as readonly string[]).includes(action);

/** Statuses in which the owner may edit the idea's text. */
export const EDITABLE: readonly IdeaStatus[] = ["draft", "needs_revision"];
export const FINAL: readonly IdeaStatus[] = ["accepted", "rejected"];

export interface TransitionInput {
  note?: string | null;
  path?: string | null;
  reviewers?: number;
}

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; reason: "not_allowed" | "wrong_part" | "missing"; field?: "note" | "path" | "reviewers" };

/** Pure check of one transition: is `action` allowed from `from` for `part` with this input? */
export function checkTransition(from: string, action: string, part: Part, input: TransitionInput = {}): TransitionCheck {
  const t = TRANSITIONS.find((x) => x.action === action && (x.from as readonly string[]).includes(from));
  if (!t) return { ok: false, reason: "not_allowed" };
  if (t.by !== part) return { ok: false, reason: "wrong_part" };
  for (const f of t.requires) {
    if (f === "note" && !input.note?.trim()) return { ok: false, reason: "missing", field: "note" };
    if (f === "path" && !(ACCEPTED_PATHS as readonly string[]).includes(input.path ?? "")) return { ok: false, reason: "missing", field: "path" };
    if (f === "reviewers" && !(input.reviewers && input.reviewers > 0)) return { ok: false, reason: "missing", field: "reviewers" };
  }
  return { ok: true, transition: t };
}

/** Actions a part may take from a status (for showing buttons). */
export function actionsFrom(from: string, part: Part): IdeaAction[] {
  return TRANSITIONS.filter((t) => t.by === part && (t.from as readonly string[]).includes(from)).map((t) => t.action);
}
