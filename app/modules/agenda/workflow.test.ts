import { describe, expect, it } from "vitest";
import { advantageActions, checkAdvantage, checkObstacle, daysOpen, dueOn, isOverdue, median, obstacleActions, OBSTACLE_TRANSITIONS } from "./workflow";

const today = "2024-09-01";

describe("obstacle transitions", () => {
  it("lets an officer of the agency take an open obstacle, and nobody else", () => {
    expect(checkObstacle("take", ["officer"], { status: "open", today }).ok).toBe(true);
    expect(checkObstacle("take", ["staff"], { status: "open", today })).toEqual({ ok: false, reason: "wrong_part" });
    expect(checkObstacle("take", ["subject"], { status: "open", today })).toEqual({ ok: false, reason: "wrong_part" });
    expect(checkObstacle("take", ["officer"], { status: "assigned", today })).toEqual({ ok: false, reason: "not_allowed" });
  });
  it("lets an officer assign an open or assigned obstacle", () => {
    expect(checkObstacle("assign", ["officer"], { status: "open", today }).ok).toBe(true);
    expect(checkObstacle("assign", ["officer"], { status: "assigned", today }).ok).toBe(true);
    expect(checkObstacle("assign", ["officer"], { status: "in_progress", today }).ok).toBe(false);
  });
  it("starts and resolves only by the assigned officer, resolution with what was done", () => {
    expect(checkObstacle("start", ["officer"], { status: "assigned", today })).toEqual({ ok: false, reason: "wrong_part" });
    expect(checkObstacle("start", ["officer", "assignee"], { status: "assigned", today }).ok).toBe(true);
    expect(checkObstacle("resolve", ["officer", "assignee"], { status: "in_progress", today, note: "  " })).toEqual({ ok: false, reason: "note" });
    expect(checkObstacle("resolve", ["officer", "assignee"], { status: "in_progress", today, note: "وام پرداخت شد" }).ok).toBe(true);
    expect(checkObstacle("resolve", ["officer", "assignee"], { status: "assigned", today, note: "x" })).toEqual({ ok: false, reason: "not_allowed" });
  });
  it("declares unresolvable from assigned or in progress, with a note", () => {
    expect(checkObstacle("unresolvable", ["assignee"], { status: "assigned", today, note: "قانون اجازه نمی‌دهد" }).ok).toBe(true);
    expect(checkObstacle("unresolvable", ["assignee"], { status: "in_progress", today }).ok).toBe(false);
    expect(checkObstacle("unresolvable", ["assignee"], { status: "open", today, note: "x" }).ok).toBe(false);
  });
  it("reopens a resolved obstacle within 30 days only", () => {
    expect(checkObstacle("reopen", ["subject"], { status: "resolved", closedOn: "2024-08-02", today, note: "باز هم" }).ok).toBe(true);
    expect(checkObstacle("reopen", ["subject"], { status: "resolved", closedOn: "2024-08-01", today, note: "باز هم" })).toEqual({ ok: false, reason: "reopen_window" });
    expect(checkObstacle("reopen", ["staff"], { status: "unresolvable", closedOn: today, today, note: "x" }).ok).toBe(false);
    expect(checkObstacle("reopen", ["subject"], { status: "resolved", closedOn: today, today })).toEqual({ ok: false, reason: "note" });
  });
  it("never allows a move out of a final status except reopen, nor unknown actions", () => {
    for (const t of OBSTACLE_TRANSITIONS) if (t.action !== "reopen") expect(t.from).not.toContain("resolved");
    expect(checkObstacle("delete", ["staff", "officer", "assignee"], { status: "open", today }).ok).toBe(false);
  });
  it("offers each part only its buttons", () => {
    expect(obstacleActions(["officer"], { status: "open", today })).toEqual(["take", "assign"]);
    expect(obstacleActions(["officer", "assignee"], { status: "assigned", today })).toEqual(["assign", "start", "unresolvable"]);
    expect(obstacleActions(["subject"], { status: "open", today })).toEqual([]);
    expect(obstacleActions(["subject"], { status: "resolved", closedOn: today, today })).toEqual(["reopen"]);
  });
});

describe("service-level due dates and overdue", () => {
  it("adds the category's days to the day it was raised, 30 when the data has none", () => {
    expect(dueOn("2024-09-01", 10)).toBe("2024-09-11");
    expect(dueOn("2024-09-01", null)).toBe("2024-10-01");
    expect(dueOn("2024-09-01", 0)).toBe("2024-10-01");
    expect(dueOn("2024-12-20", 30)).toBe("2025-01-19");
  });
  it("is overdue only while open and after its due day", () => {
    expect(isOverdue({ status: "open", due_on: "2024-08-31" }, today)).toBe(true);
    expect(isOverdue({ status: "in_progress", due_on: "2024-08-31" }, today)).toBe(true);
    expect(isOverdue({ status: "open", due_on: today }, today)).toBe(false);
    expect(isOverdue({ status: "resolved", due_on: "2024-01-01" }, today)).toBe(false);
  });
  it("counts days open to the closing day or to today", () => {
    expect(daysOpen({ raised_on: "2024-08-22" }, today)).toBe(10);
    expect(daysOpen({ raised_on: "2024-08-22", closed_on: "2024-08-25" }, today)).toBe(3);
  });
});

describe("median", () => {
  it("takes the middle value, the mean of the two middle ones for an even count, null for none", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 10, 4])).toBe(3);
    expect(median([3, 3, 3, 100])).toBe(3);
  });
});

describe("advantage transitions", () => {
  it("goes identified → studied → offered (with a programme) → activated", () => {
    expect(checkAdvantage("study", { status: "identified" }).ok).toBe(true);
    expect(checkAdvantage("offer", { status: "studied" })).toEqual({ ok: false, reason: "programme" });
    expect(checkAdvantage("offer", { status: "studied", programmeId: 4 }).ok).toBe(true);
    expect(checkAdvantage("activate", { status: "offered" }).ok).toBe(true);
    expect(checkAdvantage("activate", { status: "studied" }).ok).toBe(false);
    expect(checkAdvantage("offer", { status: "identified", programmeId: 4 }).ok).toBe(false);
  });
  it("drops with a reason, never once activated", () => {
    expect(checkAdvantage("drop", { status: "offered" })).toEqual({ ok: false, reason: "reason" });
    expect(checkAdvantage("drop", { status: "studied", reason: "بازار ندارد" }).ok).toBe(true);
    expect(checkAdvantage("drop", { status: "activated", reason: "x" }).ok).toBe(false);
    expect(advantageActions("activated")).toEqual([]);
    expect(advantageActions("dropped")).toEqual([]);
    expect(advantageActions("identified")).toEqual(["study", "drop"]);
  });
});
