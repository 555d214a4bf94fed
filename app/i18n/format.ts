import * as jalaali from "jalaali-js";
import type { Locale } from "./locale";
import { toAsciiDigits, toPersianDigits } from "./normalise";

const TZ = "Asia/Tehran";
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, withTime: boolean) {
  const key = `${locale}:${withTime}`;
  let f = dateFormatters.get(key);
  if (!f) {
    // Both languages show the Jalali calendar (the programme's years are Jalali); Persian with Persian digits.
    f = new Intl.DateTimeFormat(locale === "fa" ? "fa-IR-u-ca-persian-nu-arabext" : "en-GB-u-ca-persian-nu-latn", {
      timeZone: TZ,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" as const } : {}),
    });
    dateFormatters.set(key, f);
  }
  return f;
}

function parts(locale: Locale, d: Date, withTime: boolean) {
  const p = Object.fromEntries(formatter(locale, withTime).formatToParts(d).map((x) => [x.type, x.value]));
  const date = `${p.year}/${p.month}/${p.day}`;
  return withTime ? `${date} ${p.hour}:${p.minute}` : date;
}
/** Intl's own rendering of a date and time, for tests to compare the cached formatDateTime with. */
export const intlDateTime = (locale: Locale, d: Date) => parts(locale, d, true);

// formatToParts is the costly part of a date in a long table. Time-zone offsets are whole half hours,
// so Tehran's calendar day cannot change inside a half hour of UTC: the formatted day is cached per
// locale and half hour (bounded).
const dayCache = new Map<string, string>();

/** A date, timestamp or 'YYYY-MM-DD' rendered as a Jalali date in Tehran time. */
export function formatDate(locale: Locale, value: Date | string | null | undefined): string {
  if (value == null || value === "") return "";
  const d = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  const time = d.getTime();
  if (Number.isNaN(time)) return "";
  const key = `${locale}${Math.floor(time / 1_800_000)}`;
  let out = dayCache.get(key);
  if (out === undefined) {
    if (dayCache.size >= 20_000) dayCache.clear();
    dayCache.set(key, (out = parts(locale, d, false)));
  }
  return out;
}

// A date and time: the same half-hour idea. A half hour of UTC starts at :00 or :30 of Tehran's clock
// (a whole-half-hour offset), so within it only the minute moves, by the minutes since it began, and
// never past the hour. The date and the hour of each half hour's start are formatted once (bounded).
const halfHourCache = new Map<string, { date: string; hour: string; minute: number }>();

export function formatDateTime(locale: Locale, value: Date | string | null | undefined): string {
  if (value == null || value === "") return "";
  const d = new Date(value);
  const time = d.getTime();
  if (Number.isNaN(time)) return "";
  const half = Math.floor(time / 1_800_000);
  const key = `${locale}${half}`;
  let start = halfHourCache.get(key);
  if (start === undefined) {
    if (halfHourCache.size >= 20_000) halfHourCache.clear();
    const p = Object.fromEntries(formatter(locale, true).formatToParts(new Date(half * 1_800_000)).map((x) => [x.type, x.value]));
    start = { date: `${p.year}/${p.month}/${p.day}`, hour: p.hour, minute: Number(toAsciiDigits(p.minute)) };
    halfHourCache.set(key, start);
  }
  const minute = start.minute + Math.floor((time - half * 1_800_000) / 60_000);
  return `${start.date} ${start.hour}:${localDigits(locale, String(minute).padStart(2, "0"))}`;
}

// Building an Intl.NumberFormat costs far more than formatting with one (it showed up at ~0.5 ms per
// signed-in page in `npm run bench`), so formatters are made once per locale and option set.
const numberFormatters = new Map<string, Intl.NumberFormat>();
function numberFormatter(locale: Locale, maxFraction: number, percent = false) {
  const key = `${locale}:${maxFraction}:${percent}`;
  let f = numberFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "fa" ? "fa-IR" : "en-US", { maximumFractionDigits: maxFraction, ...(percent ? { style: "percent" as const } : {}) });
    numberFormatters.set(key, f);
  }
  return f;
}

const FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹";

/** Whole non-negative numbers by hand (what Intl prints, ~10x faster: big tables format thousands). */
function formatWhole(locale: Locale, n: number): string {
  const s = String(n);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += locale === "fa" ? "٬" : ",";
    out += locale === "fa" ? FA_DIGITS[s.charCodeAt(i) - 48] : s[i];
  }
  return out;
}

/**
 * Non-negative fractions by hand, as Intl prints them (~10x faster: the employment dashboard formats
 * hundreds of job figures and shares, decision 0056). ICU rounds the shortest decimal that reads back as
 * the same double (Number#toString's digits) half away from zero, so 1.15 -> 1.2; a percent moves the
 * point two places first. Null where Intl should answer (negative, exponent notation, huge).
 */
function formatFraction(locale: Locale, n: number, maxFraction: number, percent: boolean): string | null {
  if (!(n >= 0) || n >= (percent ? 1e13 : 1e15)) return null;
  const s = String(n);
  if (s.includes("e")) return null;
  const dot = s.indexOf(".");
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? "" : s.slice(dot + 1);
  if (percent) {
    int = String(Number(int + (frac + "00").slice(0, 2)));
    frac = frac.slice(2);
  }
  const kept = Math.min(frac.length, maxFraction);
  let digits = int + frac.slice(0, kept);
  if (frac.length > maxFraction && frac.charCodeAt(maxFraction) >= 53 /* "5" */) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === "9") i--;
    digits = (i < 0 ? "1" : digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1)) + "0".repeat(digits.length - 1 - i);
  }
  let fracDigits = digits.slice(digits.length - kept);
  let end = fracDigits.length;
  while (end > 0 && fracDigits[end - 1] === "0") end--;
  fracDigits = fracDigits.slice(0, end);
  const whole = formatWhole(locale, Number(digits.slice(0, digits.length - kept)));
  const point = fracDigits ? (locale === "fa" ? "٫" + toPersianDigits(fracDigits) : "." + fracDigits) : "";
  return whole + point + (percent ? (locale === "fa" ? "٪" : "%") : "");
}

export function formatNumber(locale: Locale, n: number | null | undefined, maxFraction = 0): string {
  if (n == null || Number.isNaN(n)) return "";
  if (Number.isInteger(n) && n >= 0 && n < 1e15) return formatWhole(locale, n);
  return formatFraction(locale, n, maxFraction, false) ?? numberFormatter(locale, maxFraction).format(n);
}

export function formatPercent(locale: Locale, ratio: number): string {
  return formatFraction(locale, ratio, 1, true) ?? numberFormatter(locale, 1, true).format(ratio);
}

/** Parses a typed Jalali date (1401/05/12, 1401-5-12, any digits) to ISO 'YYYY-MM-DD'; null when invalid. */
export function parseJalaliDate(raw: string): string | null {
  const v = toAsciiDigits(raw).trim();
  const m = /^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$/.exec(v);
  if (!m) return null;
  const [jy, jm, jd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!jalaali.isValidJalaaliDate(jy, jm, jd)) return null;
  const { gy, gm, gd } = jalaali.toGregorian(jy, jm, jd);
  return `${gy}-${String(gm).padStart(2, "0")}-${String(gd).padStart(2, "0")}`;
}

/**
 * ISO 'YYYY-MM-DD' to the Jalali 'YYYY/MM/DD' of a date field: in the reader's digits when a locale
 * is given (what a form shows), ASCII without one (CSV, month keys).
 */
export function toJalaliInput(iso: string | Date | null | undefined, locale?: Locale): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(typeof iso === "string" ? iso : iso.toISOString());
  if (!m) return "";
  const { jy, jm, jd } = jalaali.toJalaali(Number(m[1]), Number(m[2]), Number(m[3]));
  const out = `${jy}/${String(jm).padStart(2, "0")}/${String(jd).padStart(2, "0")}`;
  return locale ? localDigits(locale, out) : out;
}

/**
 * Digits of an identifier, code or number the user typed (a registration number, a refilled number
 * field) in the reader's script: Persian digits in Persian, Latin in English. Letters are untouched.
 */
export function localDigits(locale: Locale, value: string | number | null | undefined): string {
  if (value == null) return "";
  const s = String(value);
  return locale === "fa" ? toPersianDigits(s) : toAsciiDigits(s);
}

/** First and last Gregorian days of a Jalali year. */
export function jalaliYearRange(jy: number): { start: string; end: string } {
  const s = jalaali.toGregorian(jy, 1, 1);
  const e = jalaali.toGregorian(jy + 1, 1, 1);
  const endDate = new Date(Date.UTC(e.gy, e.gm - 1, e.gd - 1));
  return {
    start: `${s.gy}-${String(s.gm).padStart(2, "0")}-${String(s.gd).padStart(2, "0")}`,
    end: endDate.toISOString().slice(0, 10),
  };
}

export { currentJalaliYear } from "./clock";

const JALALI_MONTHS = {
  fa: ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
  en: ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"],
} as const;

/** The name of Jalali month 1..12 in the reader's language (فروردین … اسفند; Farvardin … Esfand). */
export function jalaliMonthName(locale: Locale, month: number): string {
  return JALALI_MONTHS[locale === "fa" ? "fa" : "en"][month - 1] ?? localDigits(locale, month);
}
