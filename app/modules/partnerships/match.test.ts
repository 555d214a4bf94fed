import { describe, expect, it } from "vitest";
import {
  DEFAULT_WEIGHTS, explain, MATCH_PARTS, partValue, rank, resultsPerMille, scoreTenths, weightsProblems, type MatchFacts, type Weights,
} from "./match";

const base: MatchFacts = { overlap: 0, domainCount: 3, sectorDone: 0, proximity: 0, resultsCount: 0, resultsPm: 0, load: 0, certificate: "verified" };
const only = (part: keyof Weights): Weights => ({ domains: 0, sector: 0, county: 0, results: 0, load: 0, certificate: 0, [part]: 1 });

describe("match score parts", () => {
  it("domains: shared over the challenge's domains, rounded half up; none named gives nothing", () => {
    expect(partValue("domains", { ...base, overlap: 0 })).toBe(0);
    expect(partValue("domains", { ...base, overlap: 1 })).toBe(333);
    expect(partValue("domains", { ...base, overlap: 2 })).toBe(667);
    expect(partValue("domains", { ...base, overlap: 3 })).toBe(1000);
    expect(partValue("domains", { ...base, overlap: 1, domainCount: 8 })).toBe(125);
    expect(partValue("domains", { ...base, overlap: 1, domainCount: 16 })).toBe(63); // 62.5 rounds up
    expect(partValue("domains", { ...base, overlap: 5, domainCount: 3 })).toBe(1000); // never above full
    expect(partValue("domains", { ...base, overlap: 0, domainCount: 0 })).toBe(0);
  });

  it("sector experience: 0, 1, 2, 3 or more completed partnerships in the sector", () => {
    expect([0, 1, 2, 3, 7].map((n) => partValue("sector", { ...base, sectorDone: n }))).toEqual([0, 333, 667, 1000, 1000]);
  });

  it("county: same, neighbouring, elsewhere", () => {
    expect(([2, 1, 0] as const).map((p) => partValue("county", { ...base, proximity: p }))).toEqual([1000, 500, 0]);
  });

  it("past results: mean achievement, nothing without measured results", () => {
    expect(partValue("results", { ...base, resultsCount: 0, resultsPm: 900 })).toBe(0);
    expect(partValue("results", { ...base, resultsCount: 2, resultsPm: 820 })).toBe(820);
    expect(resultsPerMille([1, 0.5, 0.25])).toBe(583);
    expect(resultsPerMille([])).toBe(0);
  });

  it("load: fewer partnerships in progress score higher, 3 or more score nothing", () => {
    expect([0, 1, 2, 3, 9].map((n) => partValue("load", { ...base, load: n }))).toEqual([1000, 667, 333, 0, 0]);
  });

  it("certificate: verified and valid, valid but unverified, expired", () => {
    expect(partValue("certificate", { ...base, certificate: "verified" })).toBe(1000);
    expect(partValue("certificate", { ...base, certificate: "unverified" })).toBe(500);
    expect(partValue("certificate", { ...base, certificate: "expired" })).toBe(0);
  });
});

describe("weights", () => {
  it("a part with all the weight is the whole score", () => {
    const f: MatchFacts = { overlap: 2, domainCount: 3, sectorDone: 1, proximity: 1, resultsCount: 1, resultsPm: 640, load: 2, certificate: "unverified" };
    for (const p of MATCH_PARTS) expect(scoreTenths(f, only(p))).toBe(partValue(p, f));
  });

  it("the default weights combine the parts in proportion", () => {
    const f: MatchFacts = { overlap: 2, domainCount: 3, sectorDone: 1, proximity: 2, resultsCount: 2, resultsPm: 800, load: 1, certificate: "verified" };
    // (35*667 + 20*333 + 10*1000 + 15*800 + 10*667 + 10*1000) / 100 = 686.75 -> 687 tenths
    expect(scoreTenths(f, DEFAULT_WEIGHTS)).toBe(687);
    // Doubling every weight changes nothing; only proportions matter.
    const doubled = Object.fromEntries(MATCH_PARTS.map((p) => [p, DEFAULT_WEIGHTS[p] * 2])) as Weights;
    expect(scoreTenths(f, doubled)).toBe(687);
  });

  it("changing a weight changes the order", () => {
    const near = { id: 1, facts: { ...base, overlap: 1, proximity: 2 as const } };
    const expert = { id: 2, facts: { ...base, overlap: 1, sectorDone: 3 } };
    expect(rank([near, expert], { ...DEFAULT_WEIGHTS, county: 40, sector: 5 }).map((c) => c.id)).toEqual([1, 2]);
    expect(rank([near, expert], { ...DEFAULT_WEIGHTS, county: 5, sector: 40 }).map((c) => c.id)).toEqual([2, 1]);
  });

  it("rounds half up at the tenth", () => {
    // domains 1 of 2 = 500 per mille with weight 1 and certificate 0 with weight 1: 250.0
    expect(scoreTenths({ ...base, overlap: 1, domainCount: 2, certificate: "expired" }, { ...only("domains"), certificate: 1 })).toBe(250);
    // 333 + 0 over weight 2 = 166.5 -> 167
    expect(scoreTenths({ ...base, overlap: 1, domainCount: 3, certificate: "expired" }, { ...only("domains"), certificate: 1 })).toBe(167);
  });

  it("refuses negative, fractional, too large and all-zero weights", () => {
    expect(weightsProblems(DEFAULT_WEIGHTS)).toEqual({});
    expect(weightsProblems({ ...DEFAULT_WEIGHTS, load: -1 })).toEqual({ load: "error.numberTooSmall" });
    expect(weightsProblems({ ...DEFAULT_WEIGHTS, load: 1.5 })).toEqual({ load: "error.invalidNumber" });
    expect(weightsProblems({ ...DEFAULT_WEIGHTS, sector: 101 })).toEqual({ sector: "error.numberTooLarge" });
    expect(weightsProblems({ domains: 0, sector: 0, county: 0, results: 0, load: 0, certificate: 0 })).toEqual({ _form: "partnerships.weights.error.allZero" });
    expect(scoreTenths(base, { domains: 0, sector: 0, county: 0, results: 0, load: 0, certificate: 0 })).toBe(0);
  });
});

describe("ties", () => {
  it("equal scores: more shared domains first, then the lighter load, then the lower id", () => {
    const w: Weights = { domains: 0, sector: 0, county: 0, results: 0, load: 0, certificate: 1 };
    const c = (id: number, overlap: number, load: number) => ({ id, facts: { ...base, overlap, load } });
    // every candidate scores 100.0 on the certificate alone
    const ranked = rank([c(5, 1, 0), c(3, 2, 2), c(4, 2, 1), c(2, 1, 0), c(1, 0, 0)], w);
    expect(ranked.every((r) => r.score === 1000)).toBe(true);
    expect(ranked.map((r) => r.id)).toEqual([4, 3, 2, 5, 1]);
  });
});

describe("explanation", () => {
  it("names every part with its points, its maximum and a reason", () => {
    const f: MatchFacts = { overlap: 2, domainCount: 3, sectorDone: 1, proximity: 1, resultsCount: 3, resultsPm: 820, load: 1, certificate: "verified" };
    const e = explain(f, DEFAULT_WEIGHTS, { sharedDomains: ["اتوماسیون", "کنترل کیفیت"], certificateUntil: "1404/05/01" });
    expect(e.parts.map((p) => p.part)).toEqual([...MATCH_PARTS]);
    expect(e.parts.find((p) => p.part === "domains")).toMatchObject({ points: 23.3, maxPoints: 35, reason: "partnerships.match.reason.domains", params: { n: 2, d: 3, names: "اتوماسیون، کنترل کیفیت" } });
    expect(e.parts.find((p) => p.part === "county")).toMatchObject({ points: 5, reason: "partnerships.match.reason.neighbourCounty" });
    expect(e.parts.find((p) => p.part === "results")).toMatchObject({ points: 12.3, params: { pct: 82, n: 3 } });
    expect(e.parts.find((p) => p.part === "load")).toMatchObject({ reason: "partnerships.match.reason.load", params: { n: 1 } });
    expect(e.parts.find((p) => p.part === "certificate")).toMatchObject({ points: 10, reason: "partnerships.match.reason.certificate.verified", params: { date: "1404/05/01" } });
    expect(e.score).toBe(scoreTenths(f, DEFAULT_WEIGHTS) / 10);
    // The parts add up to the score (each rounded to a tenth).
    expect(Math.abs(e.parts.reduce((s, p) => s + p.points, 0) - e.score)).toBeLessThanOrEqual(0.3);
  });

  it("says when a part gives nothing", () => {
    const e = explain({ ...base, certificate: "expired" }, DEFAULT_WEIGHTS);
    const reasons = Object.fromEntries(e.parts.map((p) => [p.part, p.reason]));
    expect(reasons).toEqual({
      domains: "partnerships.match.reason.noDomains", sector: "partnerships.match.reason.noSector", county: "partnerships.match.reason.farCounty",
      results: "partnerships.match.reason.noResults", load: "partnerships.match.reason.noLoad", certificate: "partnerships.match.reason.certificate.expired",
    });
  });
});
