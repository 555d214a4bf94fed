import * as jalaali from "jalaali-js";

// The one clock. "Now" is an instant; "today" is always Tehran's calendar day (the programme's day),
// never UTC's and never the database server's `current_date`. Everything that asks what time or day
// it is goes through here, so a test can move the clock with `setClock()` (or vitest's
// `vi.setSystemTime`, which moves `Date.now()` underneath it).
//
//   now()            the current instant (a Date)
//   todayTehran()    'YYYY-MM-DD', Tehran's calendar day now (pass it to SQL instead of current_date)
//   nowTehran()      { date: 'YYYY-MM-DD', time: 'HH:MM' } in Tehran
//   currentJalaliYear()  the Jalali year of Tehran's today
//   addDays(iso, n)  calendar arithmetic on 'YYYY-MM-DD'

export const TEHRAN = "Asia/Tehran";

let fixed: number | null = null;

/** Test hook: pins the clock at an instant (a Date, ms or ISO string); `setClock(null)` releases it. */
export function setClock(at: Date | number | string | null) {
  fixed = at == null ? null : new Date(at).getTime();
}

export function now(): Date {
  return new Date(fixed ?? Date.now());
}

export function nowMs(): number {
  return fixed ?? Date.now();
}

// Intl.DateTimeFormat is costly to build; one per process.
let tehranParts: Intl.DateTimeFormat | undefined;

// formatToParts is costly too, and every page asks for today (the root loader, the lists' due dates):
// the parts of the last minute asked are kept. Tehran's offset from UTC is whole minutes, so every
// instant of one UTC minute has the same Tehran date, hour and minute.
let lastMinute = NaN;
let lastParts: Readonly<Record<string, string>> = {};

function partsAt(at: Date): Readonly<Record<string, string>> {
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute === lastMinute) return lastParts;
  tehranParts ??= new Intl.DateTimeFormat("en-US", {
    timeZone: TEHRAN, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });
  const p: Record<string, string> = {};
  for (const x of tehranParts.formatToParts(at)) p[x.type] = x.value;
  lastMinute = minute;
  lastParts = p;
  return p;
}

/** Tehran's calendar day of an instant, as 'YYYY-MM-DD'. */
export function tehranDate(at: Date | number | string): string {
  const p = partsAt(new Date(at));
  return `${p.year}-${p.month}-${p.day}`;
}

export function todayTehran(): string {
  return tehranDate(now());
}

export function nowTehran(): { date: string; time: string } {
  const p = partsAt(now());
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The Jalali year of Tehran's day at `at` (default: now). */
export function currentJalaliYear(at: Date = now()): number {
  const [y, m, d] = tehranDate(at).split("-").map(Number);
  return jalaali.toJalaali(y, m, d).jy;
}

/** Calendar arithmetic on an ISO day ('YYYY-MM-DD'); months keep the day where it exists. */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}
