import { now as clockNow } from "~/i18n/clock";
// Pure rules for reviews: scoring and what a reviewer may see.

export interface Criterion {
  id: number;
  weight: number;
}

/** Score per criterion id: 0-5, or null for "n/a" (left out of the average, weights re-normalised). */
export type Scores = Record<number, number | null>;

/** Weighted average on the 0-5 scale; null when every criterion is n/a. */
export function weightedAverage(criteria: readonly Criterion[], scores: Scores): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.id];
    if (s == null) continue;
    sum += s * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? null : Math.round((sum / weights) * 1000) / 1000;
}

/** Mean of the reviewers' weighted averages, and the spread (max - min); nulls ignored. */
export function summarise(averages: readonly (number | null)[]): { mean: number | null; spread: number | null; n: number } {
  const xs = averages.filter((x): x is number => x != null);
  if (!xs.length) return { mean: null, spread: null, n: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean: Math.round(mean * 1000) / 1000, spread: Math.round((Math.max(...xs) - Math.min(...xs)) * 1000) / 1000, n: xs.length };
}

export interface ApplicantFields {
  ownerName: string | null;
  ownerEmail: string | null;
  ownerMobile: string | null;
  team: string | null;
}

/** With blind review the applicant's name, team and contact are hidden from reviewers (staff always see them). */
export function hideForBlind<T extends ApplicantFields>(idea: T, blind: boolean, viewerIsReviewerOnly: boolean): T {
  if (!blind || !viewerIsReviewerOnly) return idea;
  return { ...idea, ownerName: null, ownerEmail: null, ownerMobile: null, team: null };
}

/**
 * Blind review is decided per idea when its first reviewers are assigned (decision 0037): staff choose,
 * the call's setting is the default; later reviewers of the idea follow that choice. Each review keeps
 * what it was assigned with, so a later change of the call's setting never reaches reviews already assigned.
 */
export function ideaBlind(callBlind: boolean, reviews: readonly { blind: boolean }[]): { blind: boolean; decided: boolean } {
  return reviews.length ? { blind: reviews[0].blind, decided: true } : { blind: callBlind, decided: false };
}

/** A review is overdue when still pending after its due time. */
export const isOverdue = (r: { status: string; due_at: Date | string }, now: Date = clockNow()) =>
  r.status === "pending" && new Date(r.due_at).getTime() < now.getTime();

/**
 * How far an idea's review has come against the call's "reviewers per idea" (M):
 * active = assigned and not recused, done = submitted. Staff see "active of M" and a warning while
 * short; a decision (accept/reject) on an idea in review needs at least M submitted reviews.
 */
export function reviewCoverage(reviews: readonly { status: string }[], required: number) {
  const active = reviews.filter((r) => r.status !== "recused").length;
  const done = reviews.filter((r) => r.status === "done").length;
  return { active, done, required, short: active < required, canDecide: done >= required };
}

/**
 * A call that lists sectors or counties accepts only ideas in them; an empty list accepts all.
 * Returns field errors (message keys) for the idea form; empty when the idea fits.
 */
export function outsideCallScope(
  call: { sector_codes: readonly string[]; county_codes: readonly string[] },
  idea: { sectorCode?: string | null; countyCode?: string | null },
): Record<string, string> {
  const e: Record<string, string> = {};
  if (idea.sectorCode && call.sector_codes.length && !call.sector_codes.includes(idea.sectorCode)) e.sectorCode = "error.ideas.sectorNotInCall";
  if (idea.countyCode && call.county_codes.length && !call.county_codes.includes(idea.countyCode)) e.countyCode = "error.ideas.countyNotInCall";
  return e;
}
