import { describe, expect, it } from "vitest";
import { birthYearProblem, canMoveReferral, canMoveVacancy, completeness, fteOfContract, retentionStatus } from "./rules";

describe("seekers rules", () => {
  it("refuses people under 15 and impossible years", () => {
    expect(birthYearProblem(1390, 1405)).toBeNull();
    expect(birthYearProblem(1391, 1405)).toBe("error.seekers.underAge");
    expect(birthYearProblem(1406, 1405)).toBe("error.seekers.birthYearFuture");
    expect(birthYearProblem(1320, 1405)).toBe("error.seekers.birthYearOld");
  });

  it("counts a hire by contract type as the ledger does", () => {
    expect(fteOfContract("full_time")).toBe(1);
    expect(fteOfContract("part_time")).toBe(0.5);
    expect(fteOfContract("temporary", 6)).toBe(0.5);
    expect(fteOfContract("temporary", 4)).toBe(0.33);
  });

  it("retention: retained only when the 6-month check says yes; no wins; due when unanswered and due", () => {
    const today = "2027-06-01";
    expect(retentionStatus([{ months: 3, due_on: "2027-03-01", result: "yes" }, { months: 6, due_on: "2027-06-01", result: "yes" }], today)).toBe("retained");
    expect(retentionStatus([{ months: 3, due_on: "2027-03-01", result: "no" }, { months: 6, due_on: "2027-06-01", result: "yes" }], today)).toBe("left");
    expect(retentionStatus([{ months: 3, due_on: "2027-03-01", result: "yes" }, { months: 6, due_on: "2027-06-01", result: null }], today)).toBe("due");
    expect(retentionStatus([{ months: 3, due_on: "2027-07-01", result: null }], today)).toBe("pending");
    expect(retentionStatus([{ months: 3, due_on: "2027-03-01", result: "unknown" }, { months: 6, due_on: "2027-09-01", result: null }], today)).toBe("unknown");
  });

  it("workflows: filled is never chosen by hand; a hire is final", () => {
    expect(canMoveVacancy("draft", "open")).toBe(true);
    expect(canMoveVacancy("open", "filled")).toBe(false);
    expect(canMoveVacancy("closed", "open")).toBe(false);
    expect(canMoveReferral("pending", "interview")).toBe(true);
    expect(canMoveReferral("hired", "rejected")).toBe(false);
  });

  it("profile completeness counts the six optional parts", () => {
    const empty = { occupations: [], skills: [], education_field: "", desired_work: "", desired_counties: [], cv_file_id: null };
    expect(completeness(empty)).toBe(0);
    expect(completeness({ ...empty, occupations: ["2"], skills: ["sales"], education_field: "x" })).toBe(50);
  });
});
