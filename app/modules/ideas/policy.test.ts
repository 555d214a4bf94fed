import { describe, expect, it } from "vitest";
import { hideForBlind, isOverdue, summarise, weightedAverage } from "./policy";

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
