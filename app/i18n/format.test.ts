import { describe, expect, it } from "vitest";
import { currentJalaliYear, formatDate, formatNumber } from "./format";

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

describe("formatNumber", () => {
  it("prints whole numbers exactly as Intl does, in both locales", () => {
    const fa = new Intl.NumberFormat("fa-IR", { maximumFractionDigits: 0 });
    const en = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
    for (const n of [0, 7, 42, 999, 1000, 12345, 999999, 1000000, 52000, 123456789, 2 ** 40]) {
      expect(formatNumber("fa", n)).toBe(fa.format(n));
      expect(formatNumber("en", n)).toBe(en.format(n));
    }
  });
  it("leaves fractions and negatives to Intl", () => {
    expect(formatNumber("en", 1234.56, 1)).toBe("1,234.6");
    expect(formatNumber("en", -1500)).toBe("-1,500");
    expect(formatNumber("fa", null)).toBe("");
  });
});

describe("formatDate cache", () => {
  it("gives the Tehran day on both sides of local midnight (cached per half hour of UTC)", () => {
    // Tehran is UTC+03:30: 2024-06-01 20:29 UTC is still 1403/03/12 there, 20:30 UTC is 1403/03/13.
    expect(formatDate("en", new Date("2024-06-01T20:29:00Z"))).toBe("1403/03/12");
    expect(formatDate("en", new Date("2024-06-01T20:30:00Z"))).toBe("1403/03/13");
    expect(formatDate("en", new Date("2024-06-01T20:29:59Z"))).toBe("1403/03/12");
    expect(formatDate("fa", "2024-06-01")).toBe("۱۴۰۳/۰۳/۱۲");
  });
});

describe("digits in the reader's script", () => {
  it("shows a date field's stored value and typed identifiers in Persian digits in Persian, Latin in English", async () => {
    const { localDigits, toJalaliInput } = await import("./format");
    expect(toJalaliInput("2026-11-26", "fa")).toBe("۱۴۰۵/۰۹/۰۵");
    expect(toJalaliInput("2026-11-26", "en")).toBe("1405/09/05");
    expect(toJalaliInput("2026-11-26")).toBe("1405/09/05");
    expect(localDigits("fa", "98765-AB")).toBe("۹۸۷۶۵-AB");
    expect(localDigits("en", "۹۸۷۶۵")).toBe("98765");
    expect(localDigits("fa", 12)).toBe("۱۲");
    expect(localDigits("fa", null)).toBe("");
  });
});
