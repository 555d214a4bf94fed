import { countFte, type JobComponents } from "~/modules/employment/rules";

// Pure rules of module 7 (job seekers, counselling, vacancies, placements): choices, workflows as
// data, the age rule, jobs by contract type (the ledger's FTE rule) and retention (decisions 0025, 0026).

export const GENDERS = ["female", "male"] as const;
export const EDUCATION_LEVELS = ["none", "primary", "secondary", "diploma", "associate", "bachelor", "master", "doctorate"] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const AVAILABILITY = ["immediate", "within_month", "later"] as const;
export type Availability = (typeof AVAILABILITY)[number];
export const SESSION_MODES = ["in_person", "phone", "online"] as const;
export const PATHS = ["wage_employment", "skills_training", "self_employment", "cooperative"] as const;
export type CounsellingPath = (typeof PATHS)[number];
export const CONTRACT_TYPES = ["full_time", "part_time", "temporary"] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const CHECK_RESULTS = ["yes", "no", "unknown"] as const;
export const CHECK_METHODS = ["phone", "visit", "employer", "seeker"] as const;
export const RETENTION_MONTHS = [3, 6] as const;

/** Youngest age the portal registers as a job seeker (the legal working age). */
export const MIN_AGE = 15;

/** Birth year (Jalali) that makes the person younger than MIN_AGE this year: a field error. */
export function birthYearProblem(birthYear: number, jalaliYear: number): string | null {
  if (birthYear > jalaliYear) return "error.seekers.birthYearFuture";
  if (jalaliYear - birthYear < MIN_AGE) return "error.seekers.underAge";
  if (jalaliYear - birthYear > 80) return "error.seekers.birthYearOld";
  return null;
}

/** What one person hired on this contract adds to the ledger (full-time 1, part-time ½, temporary months/12). */
export function jobsOfContract(type: ContractType, tempMonths: number | null | undefined): JobComponents {
  if (type === "full_time") return { fullTime: 1, partTime: 0, tempMonths: 0 };
  if (type === "part_time") return { fullTime: 0, partTime: 1, tempMonths: 0 };
  return { fullTime: 0, partTime: 0, tempMonths: Math.max(1, Math.min(12, tempMonths ?? 1)) };
}
export const fteOfContract = (type: ContractType, tempMonths?: number | null) => countFte(jobsOfContract(type, tempMonths));

// ---------------------------------------------------------------- workflows

export const VACANCY_STATUSES = ["draft", "open", "filled", "closed", "withdrawn"] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];
/** Vacancy: draft → open → filled | closed | withdrawn (filled is set by the last hire, never by hand). */
export const VACANCY_MOVES: Record<VacancyStatus, readonly VacancyStatus[]> = {
  draft: ["open", "withdrawn"],
  open: ["closed", "withdrawn"],
  filled: [],
  closed: [],
  withdrawn: [],
};
export const canMoveVacancy = (from: string, to: string) => (VACANCY_MOVES[from as VacancyStatus] ?? []).includes(to as VacancyStatus);

export const REFERRAL_STATUSES = ["pending", "interview", "hired", "rejected", "withdrawn"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** Referral or application: pending → interview → hired | rejected (the employer may also decide straight from pending). */
export const REFERRAL_MOVES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  pending: ["interview", "hired", "rejected", "withdrawn"],
  interview: ["hired", "rejected", "withdrawn"],
  hired: [],
  rejected: [],
  withdrawn: [],
};
export const canMoveReferral = (from: string, to: string) => (REFERRAL_MOVES[from as ReferralStatus] ?? []).includes(to as ReferralStatus);

// ---------------------------------------------------------------- retention

export interface CheckState { months: number; due_on: string; result: string | null }

/**
 * Retention of a placement from its checks: "retained" once the 6-month check says still employed,
 * "left" when a check says no, "due" when a check is due (today or past) without an answer,
 * otherwise "pending" (nothing due yet) or "unknown" (answered unknown).
 */
export function retentionStatus(checks: readonly CheckState[], today: string): "retained" | "left" | "due" | "pending" | "unknown" {
  if (checks.some((c) => c.result === "no")) return "left";
  if (checks.some((c) => c.months === 6 && c.result === "yes")) return "retained";
  if (checks.some((c) => c.result == null && c.due_on <= today)) return "due";
  if (checks.some((c) => c.result === "unknown")) return "unknown";
  return "pending";
}

/** How complete a profile is, 0..100 (the seeker's home). */
export function completeness(s: { occupations: readonly string[]; skills: readonly string[]; education_field: string; desired_work: string; desired_counties: readonly string[]; cv_file_id: string | null }): number {
  const parts = [s.occupations.length > 0, s.skills.length > 0, s.education_field !== "", s.desired_work !== "", s.desired_counties.length > 0, s.cv_file_id != null];
  return Math.round((100 * parts.filter(Boolean).length) / parts.length);
}

/** The dashboard's breakdowns (placements, retention, time to placement). */
export const DIMENSIONS = ["group", "county", "gender", "centre"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
