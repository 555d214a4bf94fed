import { describe, expect, it } from "vitest";
import { acceptanceRate, attainment, EMPTY_COUNTS, planVsActual, rank, sumCounts, type ChairCounts } from "./measures";

const counts = (p: Partial<ChairCounts>): ChairCounts => ({ ...EMPTY_COUNTS, ...p });

describe("chair measures", () => {
  it("acceptance rate is accepted / submitted, and null with nothing submitted", () => {
    expect(acceptanceRate(counts({ ideasSubmitted: 8, ideasAccepted: 2 }))).toBe(0.25);
    expect(acceptanceRate(counts({ ideasSubmitted: 0, ideasAccepted: 0 }))).toBeNull();
  });

  it("attainment is actual / goal, null without a goal, and may pass 100%", () => {
    expect(attainment(5, 10)).toBe(0.5);
    expect(attainment(15, 10)).toBe(1.5);
    expect(attainment(3, 0)).toBeNull();
    expect(attainment(3, null)).toBeNull();
  });

  it("plan against actual maps ideas to submitted ideas and startups to enterprises formed", () => {
    const rows = planVsActual(
      { activities: 10, participants: 200, ideas: 4, startups: 1 },
      counts({ activities: 7, participants: 250, ideasSubmitted: 2, startups: 1 }),
    );
    expect(rows).toEqual([
      { measure: "activities", goal: 10, actual: 7, ratio: 0.7 },
      { measure: "participants", goal: 200, actual: 250, ratio: 1.25 },
      { measure: "ideas", goal: 4, actual: 2, ratio: 0.5 },
      { measure: "startups", goal: 1, actual: 1, ratio: 1 },
    ]);
    expect(planVsActual(null, counts({ activities: 3 }))[0]).toEqual({ measure: "activities", goal: null, actual: 3, ratio: null });
  });

  it("a university's total is the sum of its chairs (jobs rounded to cents, hours to tenths)", () => {
    const s = sumCounts([counts({ activities: 2, hours: 1.1, jobs: 0.1, ideasSubmitted: 3 }), counts({ activities: 1, hours: 2.2, jobs: 0.2, ideasSubmitted: 1 })]);
    expect(s.activities).toBe(3);
    expect(s.hours).toBe(3.3);
    expect(s.jobs).toBe(0.3);
    expect(s.ideasSubmitted).toBe(4);
  });

  it("ranks highest first, ties share a rank, names break ties, missing rates last", () => {
    const rows = [
      { name: "ب", counts: counts({ activities: 5, ideasSubmitted: 0 }) },
      { name: "الف", counts: counts({ activities: 5, ideasSubmitted: 4, ideasAccepted: 1 }) },
      { name: "ج", counts: counts({ activities: 9, ideasSubmitted: 2, ideasAccepted: 2 }) },
      { name: "د", counts: counts({ activities: 1, ideasSubmitted: 2, ideasAccepted: 1 }) },
    ];
    expect(rank(rows, "activities").map((r) => [r.name, r.rank])).toEqual([["ج", 1], ["الف", 2], ["ب", 2], ["د", 4]]);
    expect(rank(rows, "acceptanceRate").map((r) => [r.name, r.rank, r.value])).toEqual([
      ["ج", 1, 1], ["د", 2, 0.5], ["الف", 3, 0.25], ["ب", 4, null],
    ]);
  });
});
