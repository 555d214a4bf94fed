import { describe, expect, it } from "vitest";
import { achievement, challengeFlow, milestoneFlow, partnershipFlow, proposalFlow, type Facts, type Machine, type Part } from "./workflow";

// Facts that satisfy every guard, so each listed transition can be taken by its first part.
const full: Facts = {
  deadlineAhead: true, proposals: 2, challengeLive: true, challengeReviewing: true, note: "دلیل", contract: true,
  milestones: 2, milestonesAccepted: 2, measuredResults: 1,
};
const BOTH: Part[] = ["company", "industry"];

function everyTransition<S extends string, A extends string>(name: string, m: Machine<S, A>) {
  describe(`${name} workflow`, () => {
    it.each(m.transitions.flatMap((t) => t.from.map((from) => [from, t.action, t.by[0], t.to] as const)))(
      "%s --%s (%s)--> %s is allowed with its requirements",
      (from, action, part, to) => {
        const r = m.check(from, action, [part], full);
        expect(r.ok && r.transition.to).toBe(to);
      },
    );

    it("refuses every transition not listed", () => {
      for (const from of m.statuses) {
        for (const t of m.transitions) {
          if ((t.from as readonly string[]).includes(from)) continue;
          // Another transition with the same action may start here (none in these machines do).
          if (m.transitions.some((x) => x.action === t.action && (x.from as readonly string[]).includes(from))) continue;
          expect(m.check(from, t.action, BOTH, full)).toEqual({ ok: false, reason: "not_allowed" });
        }
      }
    });

    it("final statuses allow nothing", () => {
      for (const s of m.final) expect(m.actionsFrom(s, BOTH)).toEqual([]);
      expect(m.final.every((s) => m.isFinal(s))).toBe(true);
    });

    it("refuses the part that does not take a step", () => {
      for (const t of m.transitions) {
        const other = BOTH.filter((p) => !t.by.includes(p));
        if (!other.length) continue;
        expect(m.check(t.from[0], t.action, other, full)).toEqual({ ok: false, reason: "wrong_part" });
      }
    });

    it("refuses an unknown action", () => {
      expect(m.check(m.statuses[0], "fly", BOTH, full)).toEqual({ ok: false, reason: "not_allowed" });
    });
  });
}

everyTransition("challenge", challengeFlow);
everyTransition("proposal", proposalFlow);
everyTransition("partnership", partnershipFlow);
everyTransition("milestone", milestoneFlow);

describe("guards", () => {
  it("a challenge is published only with its deadline ahead", () => {
    expect(challengeFlow.check("draft", "publish", ["industry"], { deadlineAhead: false })).toMatchObject({ ok: false, guard: "deadline_ahead" });
  });
  it("reviewing needs a proposal; closing and withdrawing need a reason", () => {
    expect(challengeFlow.check("open", "start_review", ["industry"], { proposals: 0 })).toMatchObject({ ok: false, guard: "proposals" });
    expect(challengeFlow.check("open", "close", ["industry"], { note: "  " })).toMatchObject({ ok: false, guard: "note" });
    expect(challengeFlow.check("draft", "withdraw", ["industry"], {})).toMatchObject({ ok: false, guard: "note" });
  });
  it("a proposal is awarded only while its challenge is in review, moved only while the challenge is live", () => {
    expect(proposalFlow.check("shortlisted", "award", ["industry"], { challengeLive: true, challengeReviewing: false })).toMatchObject({ ok: false, guard: "challenge_reviewing" });
    expect(proposalFlow.check("submitted", "shortlist", ["industry"], { challengeLive: false })).toMatchObject({ ok: false, guard: "challenge_live" });
    expect(proposalFlow.check("submitted", "withdraw", ["company"], { challengeLive: false })).toMatchObject({ ok: false, guard: "challenge_live" });
  });
  it("signing needs the contract; completing needs every milestone accepted and a measured result", () => {
    expect(partnershipFlow.check("negotiating", "sign", ["industry"], { contract: false })).toMatchObject({ ok: false, guard: "contract" });
    expect(partnershipFlow.check("in_progress", "complete", ["industry"], { milestones: 0, milestonesAccepted: 0, measuredResults: 1 })).toMatchObject({ ok: false, guard: "milestones_accepted" });
    expect(partnershipFlow.check("in_progress", "complete", ["industry"], { milestones: 2, milestonesAccepted: 1, measuredResults: 1 })).toMatchObject({ ok: false, guard: "milestones_accepted" });
    expect(partnershipFlow.check("in_progress", "complete", ["industry"], { milestones: 2, milestonesAccepted: 2, measuredResults: 0 })).toMatchObject({ ok: false, guard: "measured_result" });
    expect(partnershipFlow.check("in_progress", "terminate", ["company"], { note: "" })).toMatchObject({ ok: false, guard: "note" });
  });
  it("a delivery is returned only with a note", () => {
    expect(milestoneFlow.check("delivered", "return", ["industry"], {})).toMatchObject({ ok: false, guard: "note" });
  });
});

describe("buttons per part", () => {
  it("lists what each side may do", () => {
    expect(challengeFlow.actionsFrom("open", ["industry"])).toEqual(["start_review", "close", "withdraw"]);
    expect(challengeFlow.actionsFrom("open", ["company"])).toEqual([]);
    expect(proposalFlow.actionsFrom("submitted", ["company"])).toEqual(["withdraw"]);
    expect(proposalFlow.actionsFrom("shortlisted", ["industry"])).toEqual(["award", "decline"]);
    expect(partnershipFlow.actionsFrom("negotiating", ["company"])).toEqual(["terminate"]);
    expect(partnershipFlow.actionsFrom("negotiating", ["industry"])).toEqual(["sign", "terminate"]);
    expect(milestoneFlow.actionsFrom("open", ["company"])).toEqual(["deliver"]);
    expect(milestoneFlow.actionsFrom("delivered", ["industry"])).toEqual(["accept", "return"]);
  });
});

describe("achievement of a measured result", () => {
  it("measures the way from the baseline to the target, in either direction, clamped", () => {
    expect(achievement({ baseline: 6, target: 2, measured: 2 })).toBe(1); // defect rate down to target
    expect(achievement({ baseline: 6, target: 2, measured: 4 })).toBe(0.5);
    expect(achievement({ baseline: 6, target: 2, measured: 1 })).toBe(1); // beyond the target
    expect(achievement({ baseline: 6, target: 2, measured: 7 })).toBe(0); // got worse
    expect(achievement({ baseline: 100, target: 120, measured: 110 })).toBe(0.5); // productivity up
    expect(achievement({ baseline: 100, target: 120, measured: null })).toBeNull();
    expect(achievement({ baseline: 5, target: 5, measured: 5 })).toBeNull();
  });
});
