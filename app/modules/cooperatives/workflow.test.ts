import { describe, expect, it } from "vitest";
import { COOP_STATUSES, FINAL, TRANSITIONS, actionsFrom, checkTransition } from "./workflow";

describe("cooperative workflow", () => {
  it("lists only known statuses, and final statuses have no way out", () => {
    for (const t of TRANSITIONS) {
      expect(COOP_STATUSES).toContain(t.to);
      for (const f of t.from) expect(FINAL).not.toContain(f);
    }
  });
  it.each([
    ["draft", "send_to_members", "applicant", { rulesHold: true }, "members_confirming"],
    ["needs_revision", "send_to_members", "applicant", { rulesHold: true }, "members_confirming"],
    ["members_confirming", "recall", "applicant", {}, "draft"],
    ["members_confirming", "member_declined", "member", { note: "نمی‌توانم" }, "draft"],
    ["members_confirming", "all_confirmed", "system", { allConfirmed: true, rulesHold: true }, "submitted"],
    ["submitted", "start_review", "staff", {}, "under_review"],
    ["under_review", "request_revision", "staff", { note: "سهم‌ها" }, "needs_revision"],
    ["under_review", "approve", "staff", { registrationNo: "1234", registeredOn: "2024-09-01" }, "approved"],
    ["submitted", "reject", "staff", { note: "x" }, "rejected"],
    ["under_review", "reject", "staff", { note: "x" }, "rejected"],
    ["approved", "activate", "staff", {}, "active"],
    ["active", "make_dormant", "staff", { note: "x" }, "dormant"],
    ["dormant", "reactivate", "staff", {}, "active"],
    ["active", "dissolve", "staff", { note: "x" }, "dissolved"],
    ["dormant", "dissolve", "staff", { note: "x" }, "dissolved"],
  ] as const)("%s --%s (%s)--> %s", (from, action, part, facts, to) => {
    const c = checkTransition(from, action, [part], facts);
    expect(c.ok && c.transition.to).toBe(to);
  });
  it.each([
    ["draft", "send_to_members", "applicant", {}, "missing"],
    ["members_confirming", "all_confirmed", "system", { allConfirmed: false, rulesHold: true }, "missing"],
    ["members_confirming", "all_confirmed", "system", { allConfirmed: true, rulesHold: false }, "missing"],
    ["members_confirming", "member_declined", "member", { note: "  " }, "missing"],
    ["under_review", "approve", "staff", { registrationNo: "1234" }, "missing"],
    ["under_review", "request_revision", "staff", {}, "missing"],
    ["submitted", "approve", "staff", { registrationNo: "1", registeredOn: "2024-01-01" }, "not_allowed"],
    ["draft", "start_review", "staff", {}, "not_allowed"],
    ["rejected", "start_review", "staff", {}, "not_allowed"],
    ["dissolved", "reactivate", "staff", {}, "not_allowed"],
    ["submitted", "start_review", "applicant", {}, "wrong_part"],
    ["under_review", "approve", "applicant", { registrationNo: "1", registeredOn: "2024-01-01" }, "wrong_part"],
    ["members_confirming", "recall", "staff", {}, "wrong_part"],
  ] as const)("refuses %s --%s (%s)", (from, action, part, facts, reason) => {
    const c = checkTransition(from, action, [part], facts);
    expect(c.ok ? "ok" : c.reason).toBe(reason);
  });
  it("offers each part its buttons", () => {
    expect(actionsFrom("under_review", ["staff"])).toEqual(["request_revision", "approve", "reject"]);
    expect(actionsFrom("under_review", ["applicant"])).toEqual([]);
    expect(actionsFrom("members_confirming", ["applicant"])).toEqual(["recall"]);
  });
});
