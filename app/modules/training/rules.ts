// Pure rules of skills training (issue 16): course field checks that need several fields, the place
// an enrolment gets, and the outcome rates. Unit-tested in rules.test.ts.

export interface CourseDates {
  startsOn: string;
  endsOn: string;
}

/** Field errors of a course that the schema alone cannot see (end before start). */
export function courseProblems(c: CourseDates): Record<string, string> {
  return c.endsOn < c.startsOn ? { endsOn: "training.error.endBeforeStart" } : {};
}

/** Where a new enrolment goes: a place while the course has one, else the waiting list. */
export const placeFor = (accepted: number, capacity: number): "accepted" | "waiting" => (accepted < capacity ? "accepted" : "waiting");

/**
 * How many of the waiting list take a place after a change: the free places, at most the list's
 * length (a withdrawal frees one; a larger capacity may free several).
 */
export const promotions = (accepted: number, capacity: number, waiting: number) => Math.max(0, Math.min(capacity - accepted, waiting));

/** Attendance: a total percentage, or sessions attended out of the sessions held. */
export function attendancePct(input: { attendancePct?: number; sessionsAttended?: number; sessionsTotal?: number }): { pct: number | null; errors: Record<string, string> } {
  const { attendancePct: pct, sessionsAttended: a, sessionsTotal: n } = input;
  if (pct != null) return pct > 100 ? { pct: null, errors: { attendancePct: "training.error.attendanceOver" } } : { pct, errors: {} };
  if (a != null || n != null) {
    if (a == null) return { pct: null, errors: { sessionsAttended: "error.required" } };
    if (!n) return { pct: null, errors: { sessionsTotal: "error.required" } };
    if (a > n) return { pct: null, errors: { sessionsAttended: "training.error.attendanceOver" } };
    return { pct: Math.round((a * 100) / n), errors: {} };
  }
  return { pct: null, errors: { attendancePct: "error.required" } };
}

export type CheckOutcome = "employed" | "self_employed" | "not_employed" | "unknown";
export const CHECK_OUTCOMES = ["employed", "self_employed", "not_employed", "unknown"] as const;
export const CHECK_METHODS = ["phone", "visit", "self_report", "portal"] as const;
export const CHECK_MONTHS = [3, 6] as const;

/** Counts of one check round (3 or 6 months) over the completers whose check is due. */
export interface CheckCounts {
  /** Checks due (due date reached), recorded or not. */
  due: number;
  employed: number;
  selfEmployed: number;
  notEmployed: number;
  /** Recorded as unknown; due checks not yet recorded are unknown too. */
  unknown: number;
}

export interface EmploymentRate {
  /** Working (wage or self-employed) among those whose situation is known; null when nobody is known yet. */
  rate: number | null;
  /** Known situations (employed, self-employed, not employed). */
  known: number;
  /** Share of the due checks whose situation is unknown (recorded as unknown or not recorded). */
  unknownShare: number | null;
}

/**
 * The employment rate of a round, only among those checked (issue 16): unknown situations are not
 * counted as unemployed; their share is shown beside the rate.
 */
export function employmentRate(c: CheckCounts): EmploymentRate {
  const known = c.employed + c.selfEmployed + c.notEmployed;
  return {
    rate: known ? (c.employed + c.selfEmployed) / known : null,
    known,
    unknownShare: c.due ? (c.due - known) / c.due : null,
  };
}

/** Completion rate: passes among those who held a place and have a result (null before any result). */
export const completionRate = (passed: number, resulted: number) => (resulted ? passed / resulted : null);

/** A percentage for display (one decimal), or null. */
export const pct = (r: number | null) => (r == null ? null : Math.round(r * 1000) / 10);
