import { describe, expect, it } from "vitest";
import { actionsFrom, checkTransition, followUpDates, nextStep, TRANSITIONS, triageClock, CASE_STATUSES } from "./workflow";

const full = { hasLeadMentor: true, hasDiagnosis: true, milestones: 2, note: "یادداشت", hasOutcome: true };

describe("case workflow", () => {
  it.each(TRANSITIONS.flatMap((t) => t.from.map((from) => [from, t.action, t.by[0], t.to] as const)))(
    "%s --%s (%s)--> %s is allowed with its requirements",
    (from, action, part, to) => {
      const r = checkTransition(from, action, [part], full);
      expect(r.ok && r.transition.to).toBe(to);
    },
  );

  it("refuses every transition not listed", () => {
    for (const from of CASE_STATUSES) {
      for (const t of TRANSITIONS) {
        if ((t.from as readonly string[]).includes(from)) continue;
        expect(checkTransition(from, t.action, ["staff", "mentor", "owner"], full)).toEqual({ ok: false, reason: "not_allowed" });
      }
    }
  });

  it("final statuses allow nothing", () => {
    for (const s of ["graduated", "closed_unresolved", "withdrawn"]) expect(actionsFrom(s, ["staff", "mentor", "owner"])).toEqual([]);
  });

  it("refuses the wrong part", () => {
    expect(checkTransition("intake", "start_triage", ["mentor"], full)).toEqual({ ok: false, reason: "wrong_part" });
    expect(checkTransition("in_progress", "graduate", ["owner"], full)).toEqual({ ok: false, reason: "wrong_part" });
    expect(checkTransition("diagnosis", "withdraw", ["mentor"], full)).toEqual({ ok: false, reason: "wrong_part" });
  });

  it("checks guards", () => {
    expect(checkTransition("triage", "start_diagnosis", ["staff"], {})).toMatchObject({ ok: false, guard: "lead_mentor" });
    expect(checkTransition("diagnosis", "plan", ["mentor"], {})).toMatchObject({ ok: false, guard: "diagnosis" });
    expect(checkTransition("action_plan", "start", ["mentor"], { milestones: 0 })).toMatchObject({ ok: false, guard: "milestone" });
    expect(checkTransition("in_progress", "graduate", ["mentor"], {})).toMatchObject({ ok: false, guard: "outcome" });
    expect(checkTransition("in_progress", "close", ["mentor"], { hasOutcome: true, note: "  " })).toMatchObject({ ok: false, guard: "note" });
    expect(checkTransition("intake", "withdraw", ["owner"], { note: "" })).toMatchObject({ ok: false, guard: "note" });
  });

  it("lists buttons per part", () => {
    expect(actionsFrom("intake", ["owner"])).toEqual(["withdraw"]);
    expect(actionsFrom("action_plan", ["mentor"])).toEqual(["revise_diagnosis", "start", "close"]);
  });

  it("runs the triage clock only before diagnosis", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const due = new Date("2026-01-03T00:00:00Z");
    expect(triageClock({ status: "intake", triage_due_at: due }, now)).toBe(48 * 3600_000);
    expect(triageClock({ status: "triage", triage_due_at: "2025-12-31T00:00:00Z" }, now)).toBe(-24 * 3600_000);
    expect(triageClock({ status: "diagnosis", triage_due_at: due }, now)).toBeNull();
    expect(triageClock({ status: "intake", triage_due_at: null }, now)).toBeNull();
  });

  it("schedules follow-ups 6 and 12 months after graduation", () => {
    expect(followUpDates("2026-03-15")).toEqual([
      { months: 6, dueOn: "2026-09-15" },
      { months: 12, dueOn: "2027-03-15" },
    ]);
  });
});

describe("next-step hint (issue 11 item 8)", () => {
  it("follows the status: assigning a mentor is the hint only until a lead mentor is assigned", () => {
    const staffed = { hasLeadMentor: true, hasDiagnosis: false, milestones: 0 };
    const walk = [
      nextStep("intake", { ...staffed, hasLeadMentor: false }),
      nextStep("intake", staffed),
      nextStep("triage", staffed),
      nextStep("diagnosis", staffed),
      nextStep("diagnosis", { ...staffed, hasDiagnosis: true }),
      nextStep("action_plan", { ...staffed, hasDiagnosis: true }),
      nextStep("action_plan", { ...staffed, hasDiagnosis: true, milestones: 1 }),
      nextStep("in_progress", { ...staffed, hasDiagnosis: true, milestones: 1 }),
      nextStep("graduated", { ...staffed, hasDiagnosis: true, milestones: 1 }),
      nextStep("closed_unresolved", staffed),
      nextStep("withdrawn", staffed),
    ];
    expect(walk).toEqual(["assign", "triage", "startDiagnosis", "writeDiagnosis", "plan", "addMilestone", "start", "work", "followUps", "closed", "closed"]);
    for (const status of CASE_STATUSES.filter((s) => s !== "intake" && s !== "triage")) {
      expect(nextStep(status, { hasLeadMentor: false, hasDiagnosis: true, milestones: 1 })).not.toBe("assign");
    }
  });
});
