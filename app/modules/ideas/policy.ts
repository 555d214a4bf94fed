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

/** A review is overdue when still pending after its due time. */
export const isOverdue = (r: { status: string; due_at: Date | string }, now = new Date()) =>
  r.status === "pending" && new Date(r.due_at).getTime() < now.getTime();
