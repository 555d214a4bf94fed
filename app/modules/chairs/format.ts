import type { Locale } from "~/i18n/locale";

// Cached number formatters for the chairs' big tables (the ranking renders thousands of cells;
// building an Intl.NumberFormat per cell cost most of the page's server time in the benchmark).
const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: Locale, maxFraction: number, percent: boolean) {
  const key = `${locale}:${maxFraction}:${percent}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "fa" ? "fa-IR" : "en-US", percent ? { style: "percent", maximumFractionDigits: 1 } : { maximumFractionDigits: maxFraction });
    cache.set(key, f);
  }
  return f;
}

export function fmtNumber(locale: Locale, n: number | null | undefined, maxFraction = 0): string {
  if (n == null || Number.isNaN(n)) return "";
  return nf(locale, maxFraction, false).format(n);
}

export function fmtPercent(locale: Locale, ratio: number): string {
  return nf(locale, 1, true).format(ratio);
}
