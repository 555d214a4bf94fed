import { describe, expect, it } from "vitest";
import { hoursPerCase, hoursPerMentor, hoursPerMonth, jalaliMonthRange, toHours, totalHours } from "./hours";

const rows = [
  { caseId: 1, mentorId: 10, heldOn: "2026-03-21", minutes: 90 }, // 1405/01/01
  { caseId: 1, mentorId: 11, heldOn: "2026-03-20", minutes: 45 }, // 1404/12/29
  { caseId: 2, mentorId: 10, heldOn: "2026-04-20", minutes: 20 }, // 1405/01/31
  { caseId: 2, mentorId: 10, heldOn: "2026-04-21", minutes: 60 }, // 1405/02/01
];

describe("session hour sums", () => {
  it("adds per case, per mentor, per Jalali month and in total", () => {
    expect(Object.fromEntries(hoursPerCase(rows))).toEqual({ 1: 2.25, 2: 1.33 });
    expect(Object.fromEntries(hoursPerMentor(rows))).toEqual({ 10: 2.83, 11: 0.75 });
    expect(Object.fromEntries(hoursPerMonth(rows))).toEqual({ "1405/01": 1.83, "1404/12": 0.75, "1405/02": 1 });
    expect(totalHours(rows)).toBe(3.58);
  });

  it("the parts add up to the whole (minutes summed before rounding)", () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ caseId: i % 7, mentorId: i % 3, heldOn: "2026-05-01", minutes: 5 + ((i * 37) % 700) }));
    const total = many.reduce((s, r) => s + r.minutes, 0);
    expect(totalHours(many)).toBe(toHours(total));
    const perMentor = [...hoursPerMentor(many).values()].reduce((a, b) => a + b, 0);
    expect(Math.abs(perMentor - totalHours(many))).toBeLessThan(0.02);
  });

  it("empty input gives zero", () => {
    expect(totalHours([])).toBe(0);
    expect(hoursPerCase([]).size).toBe(0);
  });

  it("finds a Jalali month's Gregorian range", () => {
    expect(jalaliMonthRange("2026-04-25")).toEqual({ start: "2026-04-21", end: "2026-05-21" });
    expect(jalaliMonthRange("2026-03-10")).toEqual({ start: "2026-02-20", end: "2026-03-20" });
  });
});
