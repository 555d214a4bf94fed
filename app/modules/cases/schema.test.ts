import { describe, expect, it } from "vitest";
import { emergencySchema, outcomeSchema, sessionSchema } from "./schema";

describe("case forms check numbers for sense", () => {
  const outcome = { version: "1", action: "graduate", employeesNow: "۶", jobsCreated: "4", jobsRetained: "2", revenueRials: "", fundingRials: "" };
  it("accepts Persian digits and empty money fields", () => {
    const r = outcomeSchema.safeParse(outcome);
    expect(r.success && r.data).toMatchObject({ employeesNow: 6, jobsCreated: 4, jobsRetained: 2, revenueRials: 0, fundingRials: 0 });
  });
  it("refuses jobs beyond the headcount and negative numbers", () => {
    expect(outcomeSchema.safeParse({ ...outcome, jobsCreated: "7" }).success).toBe(false);
    expect(outcomeSchema.safeParse({ ...outcome, jobsCreated: "5", jobsRetained: "5" }).success).toBe(false);
    expect(outcomeSchema.safeParse({ ...outcome, employeesNow: "-1" }).success).toBe(false);
    expect(outcomeSchema.safeParse({ ...outcome, action: "close" }).success).toBe(false); // closing needs a note
  });
  it("refuses absurd session minutes and intake without problem areas", () => {
    expect(sessionSchema.safeParse({ heldOn: "1405/01/10", minutes: "0", mode: "phone", topics: "x" }).success).toBe(false);
    expect(sessionSchema.safeParse({ heldOn: "1405/01/10", minutes: "721", mode: "phone", topics: "x" }).success).toBe(false);
    expect(sessionSchema.safeParse({ heldOn: "1405/01/10", minutes: "۴۵", mode: "phone", topics: "x" }).success).toBe(true);
    const r = emergencySchema.safeParse({ firmName: "x", registrationNo: "1", county: "tabriz", sector: "C", baselineEmployees: "3", description: "d", urgency: "high" });
    expect(r.success).toBe(false);
  });
});
