import { parseJalaliDate, toJalaliInput } from "~/i18n/format";

// Session hours: pure sums per case, per mentor and per month (minutes in, hours out to 0.01).

export interface SessionMinutes {
  caseId: number;
  mentorId: number;
  heldOn: string; // yyyy-mm-dd
  minutes: number;
}

export const toHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function sumBy(rows: readonly SessionMinutes[], key: (r: SessionMinutes) => string | number) {
  const out = new Map<string | number, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.minutes);
  return new Map([...out].map(([k, m]) => [k, toHours(m)]));
}

export const hoursPerCase = (rows: readonly SessionMinutes[]) => sumBy(rows, (r) => r.caseId);
export const hoursPerMentor = (rows: readonly SessionMinutes[]) => sumBy(rows, (r) => r.mentorId);
/** Jalali month keys "yyyy/mm" (the programme's months are Jalali). */
export const jalaliMonthOf = (iso: string) => toJalaliInput(iso).slice(0, 7);
export const hoursPerMonth = (rows: readonly SessionMinutes[]) => sumBy(rows, (r) => jalaliMonthOf(r.heldOn));

/** First and last Gregorian days (ISO) of the Jalali month holding `iso`. */
export function jalaliMonthRange(iso: string): { start: string; end: string } {
  const [jy, jm] = jalaliMonthOf(iso).split("/").map(Number);
  const start = parseJalaliDate(`${jy}/${jm}/1`)!;
  const next = jm === 12 ? parseJalaliDate(`${jy + 1}/1/1`)! : parseJalaliDate(`${jy}/${jm + 1}/1`)!;
  const end = new Date(Date.parse(`${next}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
  return { start, end };
}
export const totalHours = (rows: readonly SessionMinutes[]) => toHours(rows.reduce((s, r) => s + r.minutes, 0));
