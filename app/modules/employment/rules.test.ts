import { describe, expect, it } from "vitest";
import { countFte, countYear, isCountable, pickCounted, PLACEMENT, progress, reportProblems, runRate, type CountableReport } from "./rules";

let nextId = 1;
const rep = (p: Partial<CountableReport>): CountableReport => ({
  id: nextId++, enterpriseId: 1, jalaliYear: 1401, asOf: "2022-06-01", status: "verified", supersededBy: null,
  jobsCreated: 0, jobsRetained: 0, women: 0, programme: "cases", ...p,
});

describe("employment counting rules", () => {
  it("two part-time jobs are one full-time equivalent", () => {
    expect(countFte({ fullTime: 0, partTime: 2, tempMonths: 0 })).toBe(1);
    expect(countFte({ fullTime: 3, partTime: 1, tempMonths: 0 })).toBe(3.5);
  });
  it("temporary work is pro-rated by months / 12", () => {
    expect(countFte({ fullTime: 0, partTime: 0, tempMonths: 6 })).toBe(0.5);
    expect(countFte({ fullTime: 0, partTime: 0, tempMonths: 1 })).toBe(0.08);
    expect(countFte({ fullTime: 0, partTime: 0, tempMonths: 24 })).toBe(2);
  });
  it("volunteers are excluded", () => {
    expect(countFte({ fullTime: 1, partTime: 0, tempMonths: 0, volunteers: 40 })).toBe(1);
  });
  it("a placement is one created job", () => {
    expect(countFte(PLACEMENT)).toBe(1);
  });
  it("created and retained are counted apart", () => {
    const t = countYear([rep({ jobsCreated: 3, jobsRetained: 5 })], 1401);
    expect(t).toEqual({ created: 3, retained: 5, women: 0, enterprises: 1 });
  });
  it("an enterprise counts with its latest verified report of the year, never summed", () => {
    const rs = [rep({ asOf: "2022-05-01", jobsCreated: 2 }), rep({ asOf: "2022-09-01", jobsCreated: 5 }), rep({ asOf: "2022-07-01", jobsCreated: 9 })];
    expect(countYear(rs, 1401).created).toBe(5);
  });
  it("same as-of date: the later report (higher id) wins", () => {
    const a = rep({ asOf: "2022-05-01", jobsCreated: 2 });
    const b = rep({ asOf: "2022-05-01", jobsCreated: 4 });
    expect(pickCounted([b, a], 1401).get(1)?.id).toBe(b.id);
  });
  it("reports of another year do not count", () => {
    expect(countYear([rep({ jalaliYear: 1400, jobsCreated: 7 })], 1401).created).toBe(0);
  });
  it("an enterprise reached by two programmes is counted once", () => {
    const rs = [rep({ programme: "cases", asOf: "2022-05-01", jobsCreated: 4 }), rep({ programme: "cooperatives", asOf: "2022-08-01", jobsCreated: 6 })];
    const t = countYear(rs, 1401);
    expect(t).toMatchObject({ created: 6, enterprises: 1 });
    // and the programme breakdown sums to the total
    expect(countYear(rs, 1401, (r) => r.programme === "cases").created + countYear(rs, 1401, (r) => r.programme === "cooperatives").created).toBe(6);
  });
  it("a superseded report is ignored (its correction counts)", () => {
    const old = rep({ asOf: "2022-09-01", jobsCreated: 10 });
    const fix = rep({ asOf: "2022-09-01", jobsCreated: 8 });
    old.supersededBy = fix.id;
    expect(isCountable(old)).toBe(false);
    expect(countYear([old, fix], 1401).created).toBe(8);
  });
  it("rejected and unverified reports are ignored", () => {
    const rs = [rep({ asOf: "2022-05-01", jobsCreated: 3 }), rep({ status: "rejected", asOf: "2022-09-01", jobsCreated: 30 }), rep({ status: "reported", asOf: "2022-10-01", jobsCreated: 50 })];
    expect(countYear(rs, 1401).created).toBe(3);
  });
  it("sums across enterprises without float drift", () => {
    const rs = Array.from({ length: 10 }, (_, i) => rep({ enterpriseId: i + 1, jobsCreated: 0.1 }));
    expect(countYear(rs, 1401)).toMatchObject({ created: 1, enterprises: 10 });
  });
  it("run-rate projection and progress", () => {
    expect(runRate(100, 73, 365)).toBe(500);
    expect(runRate(0, 0, 365)).toBe(0);
    expect(progress(26000, 52000)).toBe(0.5);
    expect(progress(5, 0)).toBe(0);
  });
  it("flags absurd numbers", () => {
    const zero = { fullTime: 0, partTime: 0, tempMonths: 0 };
    expect(reportProblems({ fteBaseline: 0, fteNow: 2, created: { ...zero, fullTime: 5 }, retained: zero, women: 0 }).createdFullTime).toBe("employment.error.jobsOverHeadcount");
    expect(reportProblems({ fteBaseline: 0, fteNow: 5, created: { ...zero, fullTime: 2 }, retained: zero, women: 3 }).women).toBe("employment.error.womenOverTotal");
    expect(reportProblems({ fteBaseline: 0, fteNow: 5, created: { ...zero, fullTime: 2 }, retained: zero, women: 1 })).toEqual({});
  });
});
