import { afterEach, describe, expect, it } from "vitest";
import { addDays, addMonths, currentJalaliYear, daysBetween, now, nowTehran, setClock, tehranDate, todayTehran } from "./clock";

afterEach(() => setClock(null));

describe("one clock", () => {
  it("today is Tehran's day: 00:30 in Tehran is still the previous day in UTC", () => {
    setClock("2026-12-01T21:00:00Z"); // 00:30 on 2 December in Tehran (UTC+3:30)
    expect(todayTehran()).toBe("2026-12-02");
    expect(nowTehran()).toEqual({ date: "2026-12-02", time: "00:30" });
    expect(now().toISOString().slice(0, 10)).toBe("2026-12-01");
  });

  // The last minute's parts are kept (decision 0036): asking again within the minute, then across
  // Tehran's midnight, then back, must always answer for the instant asked.
  it("answers each instant's own day and time, however often the same minute was asked before", () => {
    setClock("2026-12-01T20:29:00Z"); // 23:59 on 1 December in Tehran
    expect(nowTehran()).toEqual({ date: "2026-12-01", time: "23:59" });
    setClock("2026-12-01T20:29:59.999Z");
    expect(todayTehran()).toBe("2026-12-01");
    setClock("2026-12-01T20:30:00Z"); // midnight in Tehran
    expect(nowTehran()).toEqual({ date: "2026-12-02", time: "00:00" });
    expect(tehranDate("2026-12-01T20:29:30Z")).toBe("2026-12-01");
    expect(todayTehran()).toBe("2026-12-02");
    expect(tehranDate("2026-12-01T20:29:30.500Z")).toBe("2026-12-01");
    expect(() => tehranDate("not a date")).toThrow(RangeError);
  });

  it("the Jalali year turns at Nowruz in Tehran, not in UTC", () => {
    setClock("2026-03-20T20:45:00Z"); // 00:15 on 1 Farvardin 1405 in Tehran
    expect(currentJalaliYear()).toBe(1405);
    setClock("2026-03-20T20:15:00Z"); // 23:45 on 29 Esfand 1404
    expect(currentJalaliYear()).toBe(1404);
  });

  it("does calendar arithmetic on days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2026-03-15", 12)).toBe("2027-03-15");
    expect(daysBetween("2026-12-01", "2026-12-31")).toBe(30);
  });
});
