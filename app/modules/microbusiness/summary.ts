import { toAsciiDigits } from "~/i18n/normalise";
import type { PublicSummary } from "./registry.server";

// The public summary's open data (stable field names, aggregates only, no personal data). Pure, so the
// page, the CSV and the JSON answer the same numbers.

export const SUMMARY_FIELDS = [
  "jalali_year", "dimension", "code", "name_fa", "name_en", "businesses", "women_owned", "rural", "home_based", "permits_in_force",
  "permits_issued_this_year", "workers", "jobs",
] as const;

export function summaryRows(s: PublicSummary) {
  const rows: unknown[][] = [];
  const push = (dimension: string, r: { code?: string; name_fa?: string; name_en?: string } & PublicSummary["totals"]) =>
    rows.push([s.jalali_year, dimension, r.code ?? "", r.name_fa ?? "", r.name_en ?? "", r.businesses, r.women_owned, r.rural, r.home_based, r.permits_in_force, r.permits_issued_this_year, r.workers, r.jobs]);
  push("total", s.totals);
  for (const r of s.by_county) push("county", r);
  for (const r of s.by_activity) push("activity", r);
  return rows;
}

export function summaryJson(s: PublicSummary) {
  return { ...s, jobs_rule: "docs/decisions/0010-employment-counting.md", registry_rules: "docs/decisions/0027-micro-businesses.md" };
}

/** ?year= (Jalali) from a URL, else the current year. */
export function summaryYear(url: URL, current: number): number {
  const y = Number(toAsciiDigits(url.searchParams.get("year") ?? "").trim() || "x");
  return Number.isInteger(y) && y >= 1390 && y <= current + 1 ? y : current;
}
