import { describe, expect, it } from "vitest";
import { catalogs } from "./catalog";
import { translate } from "./index";
import { pickLocale } from "./locale";
import { formatDate, parseJalaliDate, toJalaliInput, jalaliYearRange } from "./format";

describe("catalogs", () => {
  it("have the same keys in Persian and English, none empty", () => {
    const fa = Object.keys(catalogs.fa).sort();
    const en = Object.keys(catalogs.en).sort();
    expect(en).toEqual(fa);
    for (const [k, v] of Object.entries(catalogs.en)) expect(v.trim(), k).not.toBe("");
    for (const [k, v] of Object.entries(catalogs.fa)) expect(v.trim(), k).not.toBe("");
  });
  it("use the same placeholders in both languages", () => {
    for (const key of Object.keys(catalogs.fa) as (keyof typeof catalogs.fa)[]) {
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(catalogs.en[key]), key).toEqual(ph(catalogs.fa[key]));
    }
  });
  it("interpolates with localised numbers", () => {
    expect(translate("fa", "admin.users.activeSessions", { n: 12 })).toContain("۱۲");
    expect(translate("en", "admin.users.activeSessions", { n: 12 })).toContain("12");
  });
});

describe("locale choice", () => {
  it("prefers the cookie, then Accept-Language, then Persian", () => {
    expect(pickLocale("en", "fa-IR")).toBe("en");
    expect(pickLocale(null, "en-US,en;q=0.9")).toBe("en");
    expect(pickLocale(null, "de-DE, fa;q=0.5, en;q=0.4")).toBe("fa");
    expect(pickLocale(null, "de-DE")).toBe("fa");
    expect(pickLocale("xx", null)).toBe("fa");
  });
});

describe("Jalali dates", () => {
  it("parses typed Jalali dates in any digits", () => {
    expect(parseJalaliDate("1401/05/12")).toBe("2022-08-03");
    expect(parseJalaliDate("۱۴۰۱/۰۱/۰۱")).toBe("2022-03-21");
    expect(parseJalaliDate("1401-12-29")).toBe("2023-03-20");
    expect(parseJalaliDate("1401/12/30")).toBeNull(); // 1401 is not a leap year
    expect(parseJalaliDate("1401/13/01")).toBeNull();
    expect(parseJalaliDate("2022-08-03x")).toBeNull();
  });
  it("round-trips and shows Persian digits in Persian", () => {
    expect(toJalaliInput("2022-08-03")).toBe("1401/05/12");
    expect(formatDate("fa", "2022-08-03")).toBe("۱۴۰۱/۰۵/۱۲");
    expect(formatDate("en", "2022-08-03")).toBe("1401/05/12");
  });
  it("uses Tehran time for timestamps", () => {
    // 21:00 UTC on 20 March 2023 is already 1 Farvardin 1402 in Tehran (UTC+3:30).
    expect(formatDate("en", new Date("2023-03-20T21:00:00Z"))).toBe("1402/01/01");
  });
  it("knows the bounds of a Jalali year", () => {
    expect(jalaliYearRange(1401)).toEqual({ start: "2022-03-21", end: "2023-03-20" });
  });
});
