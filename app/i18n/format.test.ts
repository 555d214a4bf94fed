import { describe, expect, it } from "vitest";
import { currentJalaliYear, formatDate } from "./format";

describe("currentJalaliYear", () => {
  it("turns at Nowruz in Tehran time, not UTC", () => {
    // 1402/01/01 began on 2023-03-21 00:00 in Tehran (UTC+03:30), i.e. 2023-03-20 20:30 UTC.
    expect(currentJalaliYear(new Date("2023-03-20T20:00:00Z"))).toBe(1401);
    expect(currentJalaliYear(new Date("2023-03-20T21:00:00Z"))).toBe(1402);
    expect(currentJalaliYear(new Date("2022-06-01T12:00:00Z"))).toBe(1401);
  });
});

describe("formatDate", () => {
  it("renders Jalali dates with the locale's digits", () => {
    expect(formatDate("en", "2023-03-21")).toBe("1402/01/01");
    expect(formatDate("fa", "2023-03-21")).toBe("۱۴۰۲/۰۱/۰۱");
  });
});
