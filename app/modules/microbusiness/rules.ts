import * as jalaali from "jalaali-js";
import { daysBetween } from "~/i18n/clock";
import { countFte, type JobComponents } from "~/modules/employment/rules";
import type { PermitInput, WorkersInput } from "./schema";

// Rules of the micro and home businesses registry (pure; unit-tested in rules.test.ts).
// Jobs are counted with the ledger's one rule (countFte: full-time + part-time / 2 + person-months / 12).

export type PermitStatus = "none" | "applied" | "issued" | "expired";

/**
 * The permit status as of `today` (Tehran's 'YYYY-MM-DD'): an issued permit whose expiry date has
 * passed reads as expired even before the expiry job stores it. The permit is valid on its expiry day.
 */
export function permitStatusOn(b: { permit_status: string; permit_expires_on: string | Date | null }, today: string): PermitStatus {
  const status = b.permit_status as PermitStatus;
  if (status !== "issued" || !b.permit_expires_on) return status;
  return isoDay(b.permit_expires_on) < today ? "expired" : "issued";
}

export const isoDay = (d: string | Date) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** The Jalali year of an ISO day. */
export function jalaliYearOf(d: string | Date): number {
  const [y, m, day] = isoDay(d).split("-").map(Number);
  return jalaali.toJalaali(y, m, day).jy;
}

/** The people working in the business and their jobs as the ledger counts them. */
export function workerJobs(w: WorkersInput): { components: JobComponents; people: number; fte: number } {
  const owner = { fullTime: w.ownerMode === "full_time" ? 1 : 0, partTime: w.ownerMode === "part_time" ? 1 : 0, months: w.ownerMode === "seasonal" ? w.ownerMonths : 0 };
  const components: JobComponents = {
    fullTime: owner.fullTime + w.familyFullTime + w.hiredFullTime,
    partTime: owner.partTime + w.familyPartTime + w.hiredPartTime,
    tempMonths: owner.months + w.familySeasonal * w.familyMonths + w.hiredSeasonal * w.hiredMonths,
  };
  const people = 1 + w.familyFullTime + w.familyPartTime + w.familySeasonal + w.hiredFullTime + w.hiredPartTime + w.hiredSeasonal;
  return { components, people, fte: countFte(components) };
}

/**
 * What one update reports to the ledger. Reports are yearly snapshots (the ledger counts each
 * enterprise with its latest report of a Jalali year), so every report of a year is measured against
 * the same base: the last update of an EARLIER year. Jobs up to the base are retained, growth is
 * created. Without an earlier update, a business started this year created all its jobs; an older
 * business retained them. Women are reported in full-time equivalents, pro rata of the people.
 */
export function jobsForReport(now: WorkersInput, base: WorkersInput | null, startedThisYear: boolean) {
  const n = workerJobs(now);
  const b = base ? workerJobs(base).components : startedThisYear ? { fullTime: 0, partTime: 0, tempMonths: 0 } : n.components;
  const part = (k: "fullTime" | "partTime" | "tempMonths") => ({ created: Math.max(0, n.components[k] - b[k]), retained: Math.min(n.components[k], b[k]) });
  const ft = part("fullTime"), pt = part("partTime"), tm = part("tempMonths");
  const women = n.people > 0 ? Math.round((n.fte * Math.min(now.women, n.people) * 100) / n.people) / 100 : 0;
  return {
    created: { fullTime: ft.created, partTime: pt.created, tempMonths: tm.created },
    retained: { fullTime: ft.retained, partTime: pt.retained, tempMonths: tm.retained },
    fteBaseline: base ? workerJobs(base).fte : startedThisYear ? 0 : n.fte,
    fteNow: n.fte,
    women,
    people: n.people,
  };
}

/** Field errors of a workers grid (what a schema of single fields cannot see). */
export function workersProblems(w: WorkersInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (w.ownerMode === "seasonal" && w.ownerMonths < 1) errors.ownerMonths = "micro.error.monthsRequired";
  if (w.ownerMode !== "seasonal" && w.ownerMonths > 0) errors.ownerMonths = "micro.error.monthsOnlySeasonal";
  if (w.familySeasonal > 0 && w.familyMonths < 1) errors.familyMonths = "micro.error.monthsRequired";
  if (w.hiredSeasonal > 0 && w.hiredMonths < 1) errors.hiredMonths = "micro.error.monthsRequired";
  if (w.women > workerJobs(w).people) errors.women = "micro.error.womenTooMany";
  return errors;
}

/**
 * Field errors of a permit as entered on `today`: an application needs its date; an issued permit
 * needs its number and dates, an issue date not in the future and an expiry after the issue date.
 */
export function permitProblems(p: PermitInput, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const future = (d: string | undefined) => !!d && d > today;
  if (p.permitStatus === "applied") {
    if (!p.permitAppliedOn) errors.permitAppliedOn = "error.required";
    else if (future(p.permitAppliedOn)) errors.permitAppliedOn = "micro.error.futureDate";
  }
  if (p.permitStatus === "issued") {
    if (!p.permitNumber) errors.permitNumber = "error.required";
    if (!p.permitIssuedOn) errors.permitIssuedOn = "error.required";
    else if (future(p.permitIssuedOn)) errors.permitIssuedOn = "micro.error.issuedInFuture";
    if (!p.permitExpiresOn) errors.permitExpiresOn = "error.required";
    else if (p.permitIssuedOn && p.permitExpiresOn <= p.permitIssuedOn) errors.permitExpiresOn = "micro.error.expiryBeforeIssue";
    if (p.permitAppliedOn && p.permitIssuedOn && p.permitAppliedOn > p.permitIssuedOn) errors.permitAppliedOn = "micro.error.appliedAfterIssue";
  }
  return errors;
}

/** The permit columns to store for a valid permit input (fields of other statuses are dropped). */
export function permitColumns(p: PermitInput) {
  return {
    permit_status: p.permitStatus,
    permit_number: p.permitStatus === "issued" ? p.permitNumber ?? null : null,
    permit_applied_on: p.permitStatus === "none" ? null : p.permitAppliedOn ?? null,
    permit_issued_on: p.permitStatus === "issued" ? p.permitIssuedOn ?? null : null,
    permit_expires_on: p.permitStatus === "issued" ? p.permitExpiresOn ?? null : null,
  };
}

/** Days until the permit expires (negative: expired), or null when it has no expiry date. */
export function daysToExpiry(expiresOn: string | Date | null, today: string): number | null {
  return expiresOn ? daysBetween(today, isoDay(expiresOn)) : null;
}
