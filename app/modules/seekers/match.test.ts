import { describe, expect, it } from "vitest";
import { explain, partValue, scoreTenths, SEEKER_WEIGHTS, type SeekerFacts } from "./match";

const base: SeekerFacts = { occupationMatch: 2, sharedSkills: 2, skillCount: 3, educationGap: 0, county: 2, experience: 3, minExperience: 2, availability: "immediate", optIn: false, confirmedGroup: true };

describe("seeker-vacancy match parts", () => {
  it("gives each part its per mille", () => {
    expect([0, 1, 2].map((o) => partValue("occupation", { ...base, occupationMatch: o as 0 | 1 | 2 }))).toEqual([0, 500, 1000]);
    expect(partValue("skills", base)).toBe(667);
    expect(partValue("skills", { ...base, skillCount: 0, sharedSkills: 0 })).toBe(1000);
    expect([1, 0, -1, -2].map((g) => partValue("education", { ...base, educationGap: g }))).toEqual([1000, 1000, 500, 0]);
    expect([0, 1, 2].map((c) => partValue("county", { ...base, county: c as 0 | 1 | 2 }))).toEqual([0, 700, 1000]);
    expect(partValue("experience", { ...base, experience: 1, minExperience: 3 })).toBe(333);
    expect(partValue("experience", { ...base, experience: 0, minExperience: 0 })).toBe(1000);
    expect(["immediate", "within_month", "later"].map((a) => partValue("availability", { ...base, availability: a as SeekerFacts["availability"] }))).toEqual([1000, 600, 200]);
  });

  it("counts the priority boost only when the employer opted in", () => {
    expect(partValue("priority", { ...base, optIn: false })).toBe(0);
    expect(partValue("priority", { ...base, optIn: true })).toBe(1000);
    expect(explain({ ...base, optIn: false }, SEEKER_WEIGHTS).parts.map((p) => p.part)).not.toContain("priority");
    const grouped = scoreTenths({ ...base, optIn: true, confirmedGroup: true }, SEEKER_WEIGHTS);
    const not = scoreTenths({ ...base, optIn: true, confirmedGroup: false }, SEEKER_WEIGHTS);
    expect(grouped).toBeGreaterThan(not);
    // Without the option, a confirmed group changes nothing.
    expect(scoreTenths({ ...base, confirmedGroup: true }, SEEKER_WEIGHTS)).toBe(scoreTenths({ ...base, confirmedGroup: false }, SEEKER_WEIGHTS));
  });
});
