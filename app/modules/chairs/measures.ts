// The chair measures (issue 6), one pure definition shared by the chair page, the yearly
// report, its CSV and the staff ranking; the definitions are shown on those pages
// (i18n keys chairs.def.*). Unit tests: measures.test.ts.

export interface ChairCounts {
  activities: number;
  hours: number;
  participants: number;
  women: number;
  /** Ideas naming the chair that were submitted in the year (not drafts). */
  ideasSubmitted: number;
  /** ...of which accepted (any path). */
  ideasAccepted: number;
  /** ...of which accepted for acceleration. */
  ideasAccelerated: number;
  /** Ideas naming the chair with at least one employment report sourced to them (an enterprise formed). */
  startups: number;
  /** Jobs created (FTE) by those enterprises, as the employment ledger counts them for the year. */
  jobs: number;
}

export interface ChairGoals {
  activities: number;
  participants: number;
  ideas: number;
  startups: number;
}

export const EMPTY_COUNTS: ChairCounts = {
  activities: 0, hours: 0, participants: 0, women: 0, ideasSubmitted: 0, ideasAccepted: 0, ideasAccelerated: 0, startups: 0, jobs: 0,
};

/** Accepted / submitted; null when nothing was submitted (shown as "—", never as 0%). */
export function acceptanceRate(c: Pick<ChairCounts, "ideasSubmitted" | "ideasAccepted">): number | null {
  return c.ideasSubmitted > 0 ? c.ideasAccepted / c.ideasSubmitted : null;
}

/** Actual / goal; null when there is no goal. May exceed 1. */
export function attainment(actual: number, goal: number | null | undefined): number | null {
  return goal && goal > 0 ? actual / goal : null;
}

export const PLAN_MEASURES = ["activities", "participants", "ideas", "startups"] as const;
export type PlanMeasure = (typeof PLAN_MEASURES)[number];

/** Plan against actual for each planned measure. */
export function planVsActual(goals: ChairGoals | null, c: ChairCounts) {
  const actual: Record<PlanMeasure, number> = {
    activities: c.activities, participants: c.participants, ideas: c.ideasSubmitted, startups: c.startups,
  };
  return PLAN_MEASURES.map((m) => ({ measure: m, goal: goals ? goals[m] : null, actual: actual[m], ratio: attainment(actual[m], goals?.[m]) }));
}

/** Adds counts up (a university's total is the sum of its chairs': each idea names one chair, so nothing repeats). */
export function sumCounts(list: readonly ChairCounts[]): ChairCounts {
  const out = { ...EMPTY_COUNTS };
  for (const c of list) for (const k of Object.keys(out) as (keyof ChairCounts)[]) out[k] += c[k];
  out.hours = Math.round(out.hours * 10) / 10;
  out.jobs = Math.round(out.jobs * 100) / 100;
  return out;
}

export const RANK_MEASURES = ["activities", "participants", "ideasSubmitted", "ideasAccepted", "acceptanceRate", "startups", "jobs"] as const;
export type RankMeasure = (typeof RANK_MEASURES)[number];

export function measureValue(c: ChairCounts, m: RankMeasure): number | null {
  return m === "acceptanceRate" ? acceptanceRate(c) : c[m];
}

/**
 * Ranks rows by a measure, highest first; nulls (no rate) last; ties share a rank (1, 2, 2, 4)
 * and are listed by name.
 */
export function rank<T extends { counts: ChairCounts; name: string }>(rows: readonly T[], m: RankMeasure): (T & { rank: number; value: number | null })[] {
  const withValue = rows.map((r) => ({ ...r, value: measureValue(r.counts, m) }));
  withValue.sort((a, b) => {
    if (a.value == null && b.value == null) return a.name.localeCompare(b.name, "fa");
    if (a.value == null) return 1;
    if (b.value == null) return -1;
    return b.value - a.value || a.name.localeCompare(b.name, "fa");
  });
  let prev: number | null | undefined;
  let prevRank = 0;
  return withValue.map((r, i) => {
    const rk = r.value === prev ? prevRank : i + 1;
    prev = r.value;
    prevRank = rk;
    return { ...r, rank: rk };
  });
}
