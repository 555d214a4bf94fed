import { describe, expect, it } from "vitest";
import { hideForBlind, isOverdue, outsideCallScope, reviewCoverage, summarise, weightedAverage } from "./policy";

const criteria = [{ id: 1, weight: 3 }, { id: 2, weight: 1 }, { id: 3, weight: 1 }];

describe("weighted average", () => {
  it("weights each criterion", () => {
    expect(weightedAverage(criteria, { 1: 5, 2: 0, 3: 0 })).toBe(3);
    expect(weightedAverage(criteria, { 1: 4, 2: 4, 3: 4 })).toBe(4);
  });
  it("leaves n/a out of the average and the weights", () => {
    expect(weightedAverage(criteria, { 1: 5, 2: null, 3: 0 })).toBe(3.75);
    expect(weightedAverage(criteria, { 1: null, 2: 2, 3: 4 })).toBe(3);
    expect(weightedAverage(criteria, { 1: 2 })).toBe(2); // missing = n/a
  });
  it("is null when everything is n/a", () => {
    expect(weightedAverage(criteria, { 1: null, 2: null, 3: null })).toBeNull();
  });
  it("summarises reviewers: mean and spread", () => {
    expect(summarise([3, 4.5, null])).toEqual({ mean: 3.75, spread: 1.5, n: 2 });
    expect(summarise([])).toEqual({ mean: null, spread: null, n: 0 });
  });
});

describe("blind review", () => {
  const idea = { title: "t", ownerName: "مریم", ownerEmail: "m@x.ir", ownerMobile: "09120000000", team: "علی" };
  it("hides name, team and contact from reviewers", () => {
    expect(hideForBlind(idea, true, true)).toEqual({ title: "t", ownerName: null, ownerEmail: null, ownerMobile: null, team: null });
  });
  it("shows them when not blind, and always to staff", () => {
    expect(hideForBlind(idea, false, true)).toEqual(idea);
    expect(hideForBlind(idea, true, false)).toEqual(idea);
  });
  it("overdue = pending after due", () => {
    const now = new Date("2026-01-10T00:00:00Z");
    expect(isOverdue({ status: "pending", due_at: "2026-01-09T00:00:00Z" }, now)).toBe(true);
    expect(isOverdue({ status: "done", due_at: "2026-01-09T00:00:00Z" }, now)).toBe(false);
    expect(isOverdue({ status: "pending", due_at: "2026-01-11T00:00:00Z" }, now)).toBe(false);
  });
});

describe("reviewers per idea", () => {
  const r = (...s: string[]) => s.map((status) => ({ status }));
  it("is short and undecidable below the threshold", () => {
    expect(reviewCoverage(r("done", "pending"), 2)).toEqual({ active: 2, done: 1, required: 2, short: false, canDecide: false });
    expect(reviewCoverage(r(), 2)).toMatchObject({ active: 0, short: true, canDecide: false });
  });
  it("allows a decision at the threshold", () => {
    expect(reviewCoverage(r("done", "done"), 2)).toMatchObject({ done: 2, canDecide: true, short: false });
    expect(reviewCoverage(r("done", "done", "done"), 2)).toMatchObject({ done: 3, canDecide: true });
  });
  it("does not count a recusal", () => {
    expect(reviewCoverage(r("done", "recused"), 2)).toEqual({ active: 1, done: 1, required: 2, short: true, canDecide: false });
    expect(reviewCoverage(r("done", "recused", "done"), 2)).toMatchObject({ active: 2, canDecide: true, short: false });
  });
});

describe("call sectors and counties", () => {
  const call = { sector_codes: ["A", "C"], county_codes: ["tabriz"] };
  it("accepts an idea inside the lists", () => {
    expect(outsideCallScope(call, { sectorCode: "A", countyCode: "tabriz" })).toEqual({});
  });
  it("refuses a sector or county outside the lists on that field", () => {
    expect(outsideCallScope(call, { sectorCode: "B", countyCode: "tabriz" })).toEqual({ sectorCode: "error.ideas.sectorNotInCall" });
    expect(outsideCallScope(call, { sectorCode: "C", countyCode: "maragheh" })).toEqual({ countyCode: "error.ideas.countyNotInCall" });
  });
  it("accepts everything when the call lists none, and leaves empty fields to the required check", () => {
    expect(outsideCallScope({ sector_codes: [], county_codes: [] }, { sectorCode: "Z", countyCode: "anywhere" })).toEqual({});
    expect(outsideCallScope(call, {})).toEqual({});
  });
});
