import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { currentJalaliYear, formatDate, formatNumber, formatPercent } from "./format";

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
  it("leaves negatives to Intl", () => {
    expect(formatNumber("en", 1234.56, 1)).toBe("1,234.6");
    expect(formatNumber("en", -1500)).toBe("-1,500");
    expect(formatNumber("en", -2.25, 1)).toBe("-2.3");
    expect(formatNumber("fa", null)).toBe("");
  });

  // Decision 0056: fractions (job figures in FTE) and shares are printed by hand, not by Intl (a dashboard
  // formats hundreds), and must read exactly as Intl's: ICU rounds the shortest decimal half away from zero.
  const intl = (locale: "fa" | "en", maxFraction: number, percent = false) =>
    new Intl.NumberFormat(locale === "fa" ? "fa-IR" : "en-US", { maximumFractionDigits: maxFraction, ...(percent ? { style: "percent" as const } : {}) });
  const ties = [0.05, 0.15, 0.25, 0.35, 0.45, 1.05, 1.15, 2.45, 8.345, 9.95, 99.95, 999.95, 0.9999, 0.96, 0.04, 1234.56, 18662.3, 0.0125, 0.00015, 0.0005, 0.217, 1e-7, 0.1 + 0.2, 123456789.987, 1e14 + 0.5];
  it("prints fractions and percents exactly as Intl does, ties and carries included, in both locales", () => {
    for (const locale of ["fa", "en"] as const) {
      for (const n of ties) {
        for (const digits of [0, 1, 2]) expect(formatNumber(locale, n, digits), `${n} to ${digits}`).toBe(intl(locale, digits).format(n));
        expect(formatPercent(locale, n), `${n} as a percent`).toBe(intl(locale, 1, true).format(n));
      }
    }
    const number = fc.oneof(
      fc.double({ min: 0, max: 1e9, noNaN: true }),
      fc.integer({ min: 0, max: 10_000_000 }).map((k) => k / 20), // halves and tenths at the rounding edge
      fc.integer({ min: 0, max: 100_000 }).map((k) => k / 2000),
      fc.double({ min: 0, max: 2, noNaN: true }),
    );
    fc.assert(fc.property(number, fc.constantFrom("fa" as const, "en" as const), fc.integer({ min: 0, max: 3 }), (n, locale, digits) => {
      expect(formatNumber(locale, n, digits)).toBe(intl(locale, digits).format(n));
      expect(formatPercent(locale, n)).toBe(intl(locale, 1, true).format(n));
    }), { numRuns: 20_000 });
  });

  it("does not ask Intl for a dashboard's figures and shares", () => {
    // `format` is a getter returning a bound function (typed as a method in lib.d.ts).
    const spy = vi.spyOn(Intl.NumberFormat.prototype as unknown as { format: unknown }, "format", "get");
    try {
      expect(formatNumber("fa", 18662.3, 1)).toBe("۱۸٬۶۶۲٫۳");
      expect(formatNumber("en", 18662.25, 1)).toBe("18,662.3");
      expect(formatPercent("fa", 0.217)).toBe("۲۱٫۷٪");
      expect(formatPercent("en", 1)).toBe("100%");
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
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

describe("formatDateTime cache", () => {
  it("prints exactly what Intl prints, for random instants and around Tehran's midnight and old summer times", async () => {
    const { formatDateTime, intlDateTime } = await import("./format");
    const instants: Date[] = [];
    // Iran kept summer time until 2022 (+04:30): whole half hours too.
    for (const iso of ["2024-06-01T20:29:59.999Z", "2024-06-01T20:30:00Z", "2021-03-21T20:29:00Z", "2021-03-21T20:30:00Z", "2021-09-21T19:29:00Z", "2021-09-21T19:30:00Z", "2026-12-03T06:59:11.274Z"]) instants.push(new Date(iso));
    let seed = 1401;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) instants.push(new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 15 * 365 * 86_400_000)));
    for (const locale of ["fa", "en"] as const) {
      for (const d of instants) expect(formatDateTime(locale, d), d.toISOString()).toBe(intlDateTime(locale, d));
    }
    expect(formatDateTime("fa", "2024-06-01T20:45:00Z")).toBe("۱۴۰۳/۰۳/۱۳ ۰۰:۱۵");
    expect(formatDateTime("en", "2024-06-01T20:45:00Z")).toBe("1403/03/13 00:15");
    expect(formatDateTime("en", "not a date")).toBe("");
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
