import { describe, expect, it } from "vitest";
import { IDEA_ACTIONS, IDEA_STATUSES, STAFF_DECISIONS, TRANSITIONS, actionsFrom, checkTransition, isStaffDecision, type Part } from "./workflow";

const full = { note: "دلیل", path: "acceleration", reviewers: 2 };
const allowed = new Set(TRANSITIONS.flatMap((t) => t.from.map((f) => `${f}|${t.action}`)));

describe("idea workflow", () => {
  it("lists the issue's transitions", () => {
    const pairs = TRANSITIONS.flatMap((t) => t.from.map((f) => `${f}->${t.to}`)).sort();
    expect(pairs).toEqual(
      [
        "draft->submitted", "submitted->screening", "resubmitted->screening", "screening->in_review",
        "screening->needs_revision", "in_review->needs_revision", "needs_revision->resubmitted",
        "in_review->accepted", "screening->rejected", "in_review->rejected",
      ].sort(),
    );
  });

  // Every (status, action, part) combination: allowed exactly when listed for that part.
  for (const from of IDEA_STATUSES) {
    for (const action of IDEA_ACTIONS) {
      for (const part of ["owner", "staff"] as Part[]) {
        const t = TRANSITIONS.find((x) => x.action === action && x.from.includes(from));
        const expected = allowed.has(`${from}|${action}`) && t?.by === part;
        it(`${from} --${action}--> by ${part}: ${expected ? "allowed" : "refused"}`, () => {
          const r = checkTransition(from, action, part, full);
          expect(r.ok).toBe(expected);
          if (r.ok) expect(r.transition.to).toBe(t!.to);
          else expect(r.reason).toBe(t ? "wrong_part" : "not_allowed");
        });
      }
    }
  }

  it("refuses unknown statuses and actions", () => {
    expect(checkTransition("nonsense", "submit", "owner").ok).toBe(false);
    expect(checkTransition("draft", "destroy", "owner").ok).toBe(false);
  });

  it("requires a note to reject or ask for revision, a path and note to accept, reviewers to start review", () => {
    expect(checkTransition("in_review", "reject", "staff", {})).toEqual({ ok: false, reason: "missing", field: "note" });
    expect(checkTransition("in_review", "reject", "staff", { note: "   " })).toEqual({ ok: false, reason: "missing", field: "note" });
    expect(checkTransition("screening", "request_revision", "staff", {})).toEqual({ ok: false, reason: "missing", field: "note" });
    expect(checkTransition("in_review", "accept", "staff", { note: "x" })).toEqual({ ok: false, reason: "missing", field: "path" });
    expect(checkTransition("in_review", "accept", "staff", { note: "x", path: "bank" })).toEqual({ ok: false, reason: "missing", field: "path" });
    expect(checkTransition("in_review", "accept", "staff", { note: "x", path: "cooperative" }).ok).toBe(true);
    expect(checkTransition("screening", "start_review", "staff", { reviewers: 0 })).toEqual({ ok: false, reason: "missing", field: "reviewers" });
  });

  it("names the staff decisions of the idea page's form (review starts by assigning reviewers)", () => {
    expect([...STAFF_DECISIONS].sort()).toEqual(["accept", "reject", "request_revision", "screen"]);
    expect(isStaffDecision("start_review")).toBe(false);
    expect(isStaffDecision("submit")).toBe(false);
  });

  it("offers the right buttons", () => {
    expect(actionsFrom("draft", "owner")).toEqual(["submit"]);
    expect(actionsFrom("draft", "staff")).toEqual([]);
    expect(actionsFrom("in_review", "staff").sort()).toEqual(["accept", "reject", "request_revision"]);
    expect(actionsFrom("accepted", "staff")).toEqual([]);
  });
});
