// Counting rules of the employment ledger: the ONE definition (pure, safe in the browser).
// The SQL side mirrors it exactly:
//  - countFte() = the generated columns employment_reports.jobs_created / jobs_retained
//    (db/migrations/2026-11-27T0500_employment.ts),
//  - pickCounted() = the employment_counted rollup, kept by refreshCounted() (queries.server.ts) in the
//    same transaction as every change; every reader of counted jobs (dashboards, chairs, programmes)
//    reads that rollup.
// Tests: rules.test.ts (each rule) and tests/integration/employment.test.ts (rollup after decisions,
// supersessions and merges).

export interface JobComponents {
  /** Full-time jobs (persons). */
  fullTime: number;
  /** Part-time jobs (persons): two part-time = one full-time equivalent. */
  partTime: number;
  /** Temporary work in person-months: pro-rated months / 12. */
  tempMonths: number;
  /** Volunteers: recorded, never counted. */
  volunteers?: number;
}

/** Full-time equivalents of a set of jobs, rounded to 2 decimals (as numeric(8,2) in SQL). */
export function countFte(c: JobComponents): number {
  // Exact on integers: (12*ft + 6*pt + months) / 12, then to cents (never a .5 tie: n*25/3).
  const twelfths = 12 * c.fullTime + 6 * c.partTime + c.tempMonths;
  return Math.round((twelfths * 100) / 12) / 100;
}

/** A placement of a job seeker is one created full-time job. */
export const PLACEMENT: JobComponents = { fullTime: 1, partTime: 0, tempMonths: 0, volunteers: 0 };

export type ReportStatus = "reported" | "verified" | "rejected";

export interface CountableReport {
  id: number;
  enterpriseId: number;
  jalaliYear: number;
  asOf: string; // ISO date
  status: ReportStatus;
  supersededBy: number | null;
  jobsCreated: number;
  jobsRetained: number;
  women: number;
  programme: string;
}

/** Does this report take part in counting at all? Verified and not superseded. */
export const isCountable = (r: Pick<CountableReport, "status" | "supersededBy">) =>
  r.status === "verified" && r.supersededBy == null;

/**
 * For a Jalali year, each enterprise counts with its latest (as-of date, then id) verified,
 * non-superseded report of that year. Reports are cumulative snapshots: never summed.
 * Two programmes reaching one enterprise therefore count once (with the latest report).
 */
export function pickCounted<R extends CountableReport>(reports: readonly R[], year: number): Map<number, R> {
  const best = new Map<number, R>();
  for (const r of reports) {
    if (r.jalaliYear !== year || !isCountable(r)) continue;
    const cur = best.get(r.enterpriseId);
    if (!cur || r.asOf > cur.asOf || (r.asOf === cur.asOf && r.id > cur.id)) best.set(r.enterpriseId, r);
  }
  return best;
}

export interface Totals {
  created: number;
  retained: number;
  women: number;
  enterprises: number;
}

const cents = (n: number) => Math.round(n * 100);

/** Headline totals of a year by the counting rules (sums in cents, so no float drift). */
export function countYear(reports: readonly CountableReport[], year: number, filter?: (r: CountableReport) => boolean): Totals {
  let c = 0, rt = 0, w = 0, n = 0;
  for (const r of pickCounted(reports, year).values()) {
    if (filter && !filter(r)) continue;
    c += cents(r.jobsCreated);
    rt += cents(r.jobsRetained);
    w += cents(r.women);
    n++;
  }
  return { created: c / 100, retained: rt / 100, women: w / 100, enterprises: n };
}

/** Linear run-rate projection to year end: verified so far / days elapsed * days in year. */
export function runRate(verified: number, daysElapsed: number, daysInYear: number): number {
  if (daysElapsed <= 0) return 0;
  const d = Math.min(daysElapsed, daysInYear);
  return Math.round((verified / d) * daysInYear);
}

/** Share of the target reached (0 when there is no target). */
export const progress = (verified: number, target: number | null | undefined) => (target ? verified / target : 0);

/** Sanity rules on one report's numbers; returns field -> i18n key. */
export function reportProblems(r: {
  fteBaseline: number;
  fteNow: number;
  created: JobComponents;
  retained: JobComponents;
  women: number;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  const created = countFte(r.created);
  const retained = countFte(r.retained);
  if (created + retained > r.fteNow + 0.001) errors.createdFullTime = "employment.error.jobsOverHeadcount";
  if (retained > r.fteBaseline + 0.001 && retained > 0) errors.retainedFullTime = "employment.error.retainedOverBaseline";
  if (r.women > created + retained + 0.001) errors.women = "employment.error.womenOverTotal";
  if (created + retained === 0 && (r.created.volunteers ?? 0) === 0) errors.createdFullTime ??= "employment.error.noJobs";
  return errors;
}
