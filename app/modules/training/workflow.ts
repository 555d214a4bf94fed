// The course workflow of skills training (issue 16, module 8) as data (pure; safe in the browser).
//
//   course:     draft → open → running → finished;  draft | open | running → cancelled
//   enrolment:  accepted | waiting → withdrawn;  waiting → accepted (a place freed, first in line)
//
// A transition is allowed only when listed here and its guard holds; the service applies it in a
// transaction with an audit row. Routes ask this table which buttons to show.

export const COURSE_STATUSES = ["draft", "open", "running", "finished", "cancelled"] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const COURSE_ACTIONS = ["open", "start", "finish", "cancel"] as const;
export type CourseAction = (typeof COURSE_ACTIONS)[number];

export const ENROLMENT_STATUSES = ["accepted", "waiting", "withdrawn"] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const RESULTS = ["passed", "failed", "dropped"] as const;
export type Result = (typeof RESULTS)[number];

/** What the service knows about the course when checking guards. */
export interface CourseFacts {
  /** Accepted enrolments without a result yet. */
  unresolved?: number;
}

export type CourseGuard = "all_results";

const GUARDS: Record<CourseGuard, (f: CourseFacts) => boolean> = {
  // A course finishes only when every accepted enrolee has a result (passed, failed or dropped).
  all_results: (f) => (f.unresolved ?? 0) === 0,
};

export const GUARD_MESSAGES: Record<CourseGuard, string> = {
  all_results: "training.error.resultsMissing",
};

interface Transition {
  from: readonly CourseStatus[];
  to: CourseStatus;
  guards?: readonly CourseGuard[];
}

export const COURSE_TRANSITIONS: Record<CourseAction, Transition> = {
  open: { from: ["draft"], to: "open" },
  start: { from: ["open"], to: "running" },
  finish: { from: ["running"], to: "finished", guards: ["all_results"] },
  cancel: { from: ["draft", "open", "running"], to: "cancelled" },
};

/** The actions listed for a course in this status (buttons), guards not yet checked. */
export const courseActions = (status: string): CourseAction[] =>
  COURSE_ACTIONS.filter((a) => (COURSE_TRANSITIONS[a].from as readonly string[]).includes(status));

/** Null when the action is allowed, else the i18n key of why not. */
export function courseStepProblem(status: string, action: CourseAction, facts: CourseFacts = {}): string | null {
  const t = COURSE_TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(status)) return "training.error.illegalStep";
  for (const g of t.guards ?? []) if (!GUARDS[g](facts)) return GUARD_MESSAGES[g];
  return null;
}

/** People may apply or be enrolled while the course is open (or running: late joiners go through the list too). */
export const takesEnrolments = (status: string) => status === "open" || status === "running";
/** Details may be edited until the course runs. */
export const editable = (status: string) => status === "draft" || status === "open";
/** Attendance and results are recorded while the course runs (and corrected after it finishes). */
export const takesResults = (status: string) => status === "running" || status === "finished";
