import { describe, expect, it } from "vitest";
import { daysToExpiry, jalaliYearOf, jobsForReport, permitColumns, permitProblems, permitStatusOn, workerJobs, workersProblems } from "./rules";
import type { WorkersInput } from "./schema";

const alone: WorkersInput = {
  ownerMode: "full_time", ownerMonths: 0, familyFullTime: 0, familyPartTime: 0, familySeasonal: 0, familyMonths: 0,
  hiredFullTime: 0, hiredPartTime: 0, hiredSeasonal: 0, hiredMonths: 0, women: 1,
};

describe("permit expiry", () => {
  const issued = (expires: string) => ({ permit_status: "issued", permit_expires_on: expires });

  it("reads an issued permit as expired from the day after its expiry date", () => {
    expect(permitStatusOn(issued("2024-03-19"), "2024-03-18")).toBe("issued");
    expect(permitStatusOn(issued("2024-03-19"), "2024-03-19")).toBe("issued"); // valid on its last day
    expect(permitStatusOn(issued("2024-03-19"), "2024-03-20")).toBe("expired");
  });

  it("accepts dates as the database returns them", () => {
    expect(permitStatusOn({ permit_status: "issued", permit_expires_on: new Date("2024-03-19T00:00:00Z") }, "2024-03-20")).toBe("expired");
  });

  it("leaves other statuses as stored", () => {
    expect(permitStatusOn({ permit_status: "applied", permit_expires_on: null }, "2030-01-01")).toBe("applied");
    expect(permitStatusOn({ permit_status: "expired", permit_expires_on: "2020-01-01" }, "2019-01-01")).toBe("expired");
    expect(permitStatusOn({ permit_status: "none", permit_expires_on: null }, "2024-01-01")).toBe("none");
  });

  it("counts the days left (negative once expired)", () => {
    expect(daysToExpiry("2024-03-19", "2024-03-18")).toBe(1);
    expect(daysToExpiry("2024-03-19", "2024-03-21")).toBe(-2);
    expect(daysToExpiry(null, "2024-03-21")).toBeNull();
  });
});

describe("permit problems", () => {
  const today = "2024-06-01";
  it("refuses an issue date in the future", () => {
    expect(permitProblems({ permitStatus: "issued", permitNumber: "HB-1", permitIssuedOn: "2024-06-02", permitExpiresOn: "2025-06-02" }, today))
      .toEqual({ permitIssuedOn: "micro.error.issuedInFuture" });
  });
  it("needs number and dates for an issued permit, an expiry after the issue", () => {
    expect(permitProblems({ permitStatus: "issued" }, today)).toEqual({ permitNumber: "error.required", permitIssuedOn: "error.required", permitExpiresOn: "error.required" });
    expect(permitProblems({ permitStatus: "issued", permitNumber: "1", permitIssuedOn: "2024-05-01", permitExpiresOn: "2024-05-01" }, today))
      .toEqual({ permitExpiresOn: "micro.error.expiryBeforeIssue" });
  });
  it("needs the application date of an application, not in the future", () => {
    expect(permitProblems({ permitStatus: "applied" }, today)).toEqual({ permitAppliedOn: "error.required" });
    expect(permitProblems({ permitStatus: "applied", permitAppliedOn: "2024-06-02" }, today)).toEqual({ permitAppliedOn: "micro.error.futureDate" });
    expect(permitProblems({ permitStatus: "applied", permitAppliedOn: "2024-06-01" }, today)).toEqual({});
  });
  it("stores only the fields of the chosen status", () => {
    expect(permitColumns({ permitStatus: "none", permitNumber: "X", permitAppliedOn: "2024-01-01" })).toEqual({
      permit_status: "none", permit_number: null, permit_applied_on: null, permit_issued_on: null, permit_expires_on: null,
    });
  });
});

describe("jobs of a business (the ledger's rule)", () => {
  it("counts the owner, family and hired people in full-time equivalents", () => {
    const w: WorkersInput = { ...alone, familyPartTime: 2, familySeasonal: 2, familyMonths: 3, hiredFullTime: 1, women: 3 };
    const j = workerJobs(w);
    expect(j.components).toEqual({ fullTime: 2, partTime: 2, tempMonths: 6 });
    expect(j.people).toBe(6);
    expect(j.fte).toBe(3.5); // 2 + 2/2 + 6/12
  });

  it("counts a seasonal owner by months", () => {
    expect(workerJobs({ ...alone, ownerMode: "seasonal", ownerMonths: 6 }).fte).toBe(0.5);
  });

  it("reports a new business's jobs as created, an older one's as retained", () => {
    const w = { ...alone, hiredFullTime: 1 };
    expect(jobsForReport(w, null, true)).toMatchObject({ created: { fullTime: 2, partTime: 0, tempMonths: 0 }, retained: { fullTime: 0 }, fteBaseline: 0, fteNow: 2 });
    expect(jobsForReport(w, null, false)).toMatchObject({ created: { fullTime: 0 }, retained: { fullTime: 2 }, fteBaseline: 2, fteNow: 2 });
  });

  it("measures a yearly update against the last update of an earlier year: growth created, the rest retained", () => {
    const before = { ...alone, hiredFullTime: 1, hiredPartTime: 2 };
    const now = { ...alone, hiredFullTime: 2, hiredPartTime: 1 };
    const j = jobsForReport(now, before, false);
    expect(j.created).toEqual({ fullTime: 1, partTime: 0, tempMonths: 0 });
    expect(j.retained).toEqual({ fullTime: 2, partTime: 1, tempMonths: 0 });
    expect(j.fteBaseline).toBe(3);
    expect(j.fteNow).toBe(3.5);
  });

  it("reports women pro rata in full-time equivalents", () => {
    const j = jobsForReport({ ...alone, familyPartTime: 2, women: 2 }, null, true); // 3 people, 2 FTE, 2 women
    expect(j.women).toBe(1.33);
  });

  it("refuses grids that do not add up", () => {
    expect(workersProblems({ ...alone, women: 2 })).toEqual({ women: "micro.error.womenTooMany" });
    expect(workersProblems({ ...alone, ownerMode: "seasonal" })).toEqual({ ownerMonths: "micro.error.monthsRequired" });
    expect(workersProblems({ ...alone, hiredSeasonal: 1 })).toEqual({ hiredMonths: "micro.error.monthsRequired" });
    expect(workersProblems({ ...alone, ownerMonths: 3 })).toEqual({ ownerMonths: "micro.error.monthsOnlySeasonal" });
    expect(workersProblems(alone)).toEqual({});
  });
});

it("gives the Jalali year of a day", () => {
  expect(jalaliYearOf("2022-03-21")).toBe(1401);
  expect(jalaliYearOf("2022-03-20")).toBe(1400);
});
