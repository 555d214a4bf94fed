// One place for input normalisation: digits in any script to ASCII, Arabic letters to
// their Persian forms, stray zero-width and bidi control characters removed.

const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

export function toAsciiDigits(input: string): string {
  let out = "";
  for (const ch of input) {
    const p = PERSIAN_DIGITS.indexOf(ch);
    if (p >= 0) { out += String(p); continue; }
    const a = ARABIC_DIGITS.indexOf(ch);
    if (a >= 0) { out += String(a); continue; }
    out += ch;
  }
  return out;
}

export function toPersianDigits(input: string): string {
  return input.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]);
}

// ZWNJ (U+200C) is a real Persian character inside words; it is kept between letters and
// dropped at word edges. The other zero-width and direction marks are always dropped.
const ALWAYS_STRIP = /\u200B|\u200D|\u200E|\u200F|[\u202A-\u202E]|[\u2066-\u2069]|\uFEFF|\u00AD/g;
// C0/C1 control characters other than tab, line feed and carriage return: never meaningful in a
// form, and PostgreSQL refuses NUL in text (an error, i.e. a 500, instead of a validation message).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Free text as the user typed it (what `text()`/`optionalText()` store): NFC, Arabic ي/ى/ك to Persian
 * ی/ک, zero-width, bidi and control characters dropped, ZWNJ kept only inside words, trimmed. Digits
 * stay in the script they were typed in ("۱۲۰۰ دهیاری" comes back as typed); only search columns
 * (`searchForm`) and values parsed as numbers, dates, codes or identifiers fold them (`normalise`).
 */
export function normaliseText(input: string | null | undefined): string {
  if (input == null) return "";
  let s = String(input).normalize("NFC");
  s = s.replace(ALWAYS_STRIP, "").replace(CONTROL, "");
  s = s.replace(/\u064A/g, "\u06CC").replace(/\u0649/g, "\u06CC").replace(/\u0643/g, "\u06A9");
  s = s.replace(/\u200C{2,}/g, "\u200C");
  s = s.replace(/(^|[\s\u200C])\u200C+|\u200C+(?=$|\s)/g, "$1");
  s = s.replace(/[\u00A0\t]+/g, " ");
  return s.trim();
}

/**
 * A value that is parsed rather than shown back (numbers, dates, codes, identifiers, filters):
 * `normaliseText` plus digits in any script folded to ASCII.
 */
export function normalise(input: string | null | undefined): string {
  return toAsciiDigits(normaliseText(input));
}

/** Normalised form used for search: also folds ZWNJ to a space and collapses spaces. */
export function searchForm(input: string | null | undefined): string {
  return normalise(input).replace(/\u200C/g, " ").replace(/\s+/g, " ").toLowerCase();
}

/** Iranian national ID (کد ملی): 10 digits, the last a check digit. */
export function isValidNationalId(raw: string): boolean {
  const v = normalise(raw).replace(/[\s-]/g, "");
  if (!/^\d{10}$/.test(v)) return false;
  if (/^(\d)\1{9}$/.test(v)) return false;
  if (v.slice(3, 9) === "000000") return false; // the six-digit serial is never zero
  const check = Number(v[9]);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(v[i]) * (10 - i);
  const r = sum % 11;
  return r < 2 ? check === r : check === 11 - r;
}

export function normaliseNationalId(raw: string): string {
  return normalise(raw).replace(/[\s-]/g, "");
}

/** Iranian mobile numbers: 09xxxxxxxxx, +989xxxxxxxxx, 00989xxxxxxxxx, 989xxxxxxxxx; any digits. Returns 09xxxxxxxxx or null. */
export function normaliseMobile(raw: string): string | null {
  const v = normalise(raw).replace(/[\s\-()]/g, "");
  const m = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(v);
  return m ? `0${m[1]}` : null;
}
