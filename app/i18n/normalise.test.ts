import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { verifyIranianNationalId } from "@persian-tools/persian-tools";
import { isValidNationalId, normalise, normaliseMobile, normaliseText, searchForm, toAsciiDigits, toPersianDigits } from "./normalise";
import { int, jalaliDate, optionalText, text } from "~/lib/forms";

const digit = fc.integer({ min: 0, max: 9 });
const scripts = ["0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"];
const inScript = (ascii: string, s: number) => ascii.replace(/\d/g, (d) => scripts[s][Number(d)]);

function withCheckDigit(nine: number[]): string {
  const sum = nine.reduce((acc, d, i) => acc + d * (10 - i), 0);
  const r = sum % 11;
  return nine.join("") + String(r < 2 ? r : 11 - r);
}

describe("normalise", () => {
  it("turns Persian and Arabic digits into ASCII", () => {
    expect(toAsciiDigits("۱۴۰۱/۰۵/۱۲")).toBe("1401/05/12");
    expect(toAsciiDigits("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
    expect(toPersianDigits("1401")).toBe("۱۴۰۱");
  });
  it("maps Arabic yeh and kaf to Persian and trims zero-width characters", () => {
    expect(normalise("علي كريمي")).toBe("علی کریمی");
    expect(normalise("\u200Bسلام\u200F")).toBe("سلام");
    expect(normalise("\u200Cمی\u200Cروم\u200C")).toBe("می\u200Cروم");
    expect(normalise("  کار  ")).toBe("کار");
  });
  it("is idempotent for any string", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => normalise(normalise(s)) === normalise(s)));
  });
  it("keeps free text's digits as typed; only parsed values and search fold them", () => {
    expect(normaliseText("۱۲۰۰ دهياري")).toBe("۱۲۰۰ دهیاری");
    expect(normaliseText("\u200Bثبت ۹۸۷۶۵\u0007")).toBe("ثبت ۹۸۷۶۵");
    expect(normalise("۱۲۰۰ دهیاری")).toBe("1200 دهیاری");
    expect(searchForm("۱۲۰۰ دهیاری")).toBe(searchForm("1200 دهياري"));
    // the shared field builders: text as typed, numbers and dates parsed from any digits
    expect(text().parse("  ۱۲۰۰ دهياري ")).toBe("۱۲۰۰ دهیاری");
    expect(optionalText().parse("٣ نفر")).toBe("٣ نفر");
    expect(int().parse("۱٬۲۰۰")).toBe(1200);
    expect(jalaliDate().parse("۱۴۰۵/۰۹/۰۵")).toBe("2026-11-26");
  });
  it("normaliseText is idempotent and never changes digits", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => {
      const once = normaliseText(s);
      expect(normaliseText(once)).toBe(once);
      expect(once.replace(/[^0-9۰-۹٠-٩]/g, "")).toBe(s.normalize("NFC").replace(/[^0-9۰-۹٠-٩]/g, ""));
      return true;
    }));
  });
  it("search form folds ZWNJ and case", () => {
    expect(searchForm("می‌روم ABC")).toBe(searchForm("مي روم abc"));
  });
});

describe("national ID", () => {
  it("accepts a valid ID in every digit script and agrees with persian-tools", () => {
    fc.assert(
      fc.property(fc.array(digit, { minLength: 9, maxLength: 9 }), fc.integer({ min: 0, max: 2 }), (nine, s) => {
        const id = withCheckDigit(nine);
        if (/^(\d)\1{9}$/.test(id) || id.slice(3, 9) === "000000") return true;
        expect(isValidNationalId(inScript(id, s))).toBe(true);
        expect(verifyIranianNationalId(id, { checkPrefix: false })).toBe(true);
        return true;
      }),
    );
  });
  it("rejects a changed check digit, wrong lengths and repeated digits", () => {
    fc.assert(
      fc.property(fc.array(digit, { minLength: 9, maxLength: 9 }), fc.integer({ min: 1, max: 9 }), (nine, delta) => {
        const id = withCheckDigit(nine);
        const wrong = id.slice(0, 9) + String((Number(id[9]) + delta) % 10);
        expect(isValidNationalId(wrong)).toBe(false);
        return true;
      }),
    );
    expect(isValidNationalId("1111111111")).toBe(false);
    expect(isValidNationalId("123")).toBe(false);
    expect(isValidNationalId("")).toBe(false);
    expect(isValidNationalId("abcdefghij")).toBe(false);
  });
  it("agrees with persian-tools on arbitrary 10-digit strings", () => {
    fc.assert(
      fc.property(fc.array(digit, { minLength: 10, maxLength: 10 }), (ds) => {
        const id = ds.join("");
        if (/^(\d)\1{9}$/.test(id)) return true;
        expect(isValidNationalId(id)).toBe(verifyIranianNationalId(id, { checkPrefix: false }));
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

describe("mobile", () => {
  it("accepts 09..., +989..., 00989... and any digit script", () => {
    fc.assert(
      fc.property(fc.array(digit, { minLength: 9, maxLength: 9 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 }), (rest, s, form) => {
        const local = `9${rest.join("")}`;
        const written = [`0${local}`, `+98${local}`, `0098${local}`, `98${local}`][form];
        expect(normaliseMobile(inScript(written, s))).toBe(`0${local}`);
        return true;
      }),
    );
  });
  it("rejects landlines, short numbers and letters", () => {
    expect(normaliseMobile("02112345678")).toBeNull();
    expect(normaliseMobile("0912345678")).toBeNull();
    expect(normaliseMobile("09123456789x")).toBeNull();
    expect(normaliseMobile("")).toBeNull();
  });
});

describe("normalise: control characters", () => {
  it("drops NUL and other control characters (PostgreSQL refuses NUL in text), keeping newlines", () => {
    expect(normalise("ع\u0000لی\u0007\u001b\u007f\u0085")).toBe("علی");
    expect(normalise("line one\nline two")).toBe("line one\nline two");
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => !normalise(s).includes("\u0000")));
  });
});
