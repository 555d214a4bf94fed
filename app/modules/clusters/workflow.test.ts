import { describe, expect, it } from "vitest";
import { STAGES, checkMove, checkProjectMove, movesFrom, projectMovesFrom, type Facts } from "./workflow";

const facts = (f: Partial<Facts> = {}): Facts => ({
  note: "یادداشت", on: "2026-11-20", today: "2026-12-02", stageSince: "2026-10-01", firms: 2, study: true, projects: 1, completedProjects: 1, ...f,
});

describe("cluster stages", () => {
  it("moves one stage forward or back, never jumps", () => {
    expect(movesFrom("identification")).toEqual(["diagnosis"]);
    expect(movesFrom("diagnosis").sort()).toEqual(["identification", "trust_building"]);
    expect(movesFrom("self_management")).toEqual(["joint_action"]);
    expect(checkMove("identification", "trust_building", ["agent"], facts())).toEqual({ ok: false, reason: "not_allowed" });
    expect(checkMove("identification", "identification", ["staff"], facts()).ok).toBe(false);
    for (let i = 0; i + 1 < STAGES.length; i++) {
      expect(checkMove(STAGES[i], STAGES[i + 1], ["agent"], facts()).ok).toBe(true);
      expect(checkMove(STAGES[i + 1], STAGES[i], ["staff"], facts()).ok).toBe(true);
    }
  });

  it("needs a note and a date between the stage's start and today", () => {
    expect(checkMove("identification", "diagnosis", ["agent"], facts({ note: "  " }))).toMatchObject({ ok: false, guard: "note" });
    expect(checkMove("identification", "diagnosis", ["agent"], facts({ on: null }))).toMatchObject({ ok: false, guard: "date" });
    expect(checkMove("identification", "diagnosis", ["agent"], facts({ on: "2026-12-03" }))).toMatchObject({ ok: false, guard: "date" });
    expect(checkMove("identification", "diagnosis", ["agent"], facts({ on: "2026-09-30" }))).toMatchObject({ ok: false, guard: "date" });
    expect(checkMove("identification", "diagnosis", ["agent"], facts({ on: "2026-10-01" })).ok).toBe(true);
    expect(checkMove("diagnosis", "identification", ["agent"], facts({ note: "" }))).toMatchObject({ ok: false, guard: "note" });
  });

  it("guards each forward move with what the stage needs", () => {
    expect(checkMove("identification", "diagnosis", ["agent"], facts({ firms: 1 }))).toMatchObject({ ok: false, guard: "firms" });
    expect(checkMove("diagnosis", "trust_building", ["agent"], facts({ study: false }))).toMatchObject({ ok: false, guard: "study" });
    expect(checkMove("trust_building", "joint_action", ["agent"], facts({ projects: 0 }))).toMatchObject({ ok: false, guard: "project" });
    expect(checkMove("joint_action", "self_management", ["agent"], facts({ completedProjects: 0 }))).toMatchObject({ ok: false, guard: "completed_project" });
    // a setback needs none of them
    expect(checkMove("joint_action", "trust_building", ["agent"], facts({ projects: 0, completedProjects: 0, study: false, firms: 0 })).ok).toBe(true);
  });

  it("refuses a part that is not listed", () => {
    expect(checkMove("identification", "diagnosis", [], facts())).toEqual({ ok: false, reason: "wrong_part" });
  });
});

describe("joint projects", () => {
  it("runs, completes with results, or is cancelled with a note", () => {
    expect(projectMovesFrom("planned").sort()).toEqual(["cancelled", "running"]);
    expect(projectMovesFrom("completed")).toEqual([]);
    expect(checkProjectMove("planned", "running", {})).toEqual({ ok: true });
    expect(checkProjectMove("planned", "completed", { results: "x" })).toEqual({ ok: false, reason: "not_allowed" });
    expect(checkProjectMove("running", "completed", { results: " " })).toMatchObject({ ok: false, guard: "results" });
    expect(checkProjectMove("running", "completed", { results: "فروش مشترک" })).toEqual({ ok: true });
    expect(checkProjectMove("running", "cancelled", {})).toMatchObject({ ok: false, guard: "note" });
    expect(checkProjectMove("completed", "cancelled", { note: "x" })).toEqual({ ok: false, reason: "not_allowed" });
  });
});
