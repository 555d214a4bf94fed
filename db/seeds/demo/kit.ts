import type { Kysely } from "kysely";
import * as jalaali from "jalaali-js";
import { currentJalaliYear, now, tehranDate } from "../../../app/i18n/clock";

import { parseJalaliDate } from "../../../app/i18n/format";

export { addDays } from "../../../app/i18n/clock";
export { jalaliYearRange } from "../../../app/i18n/format";

// Tools shared by the demo seeds of every module (db/seeds/demo/<module>.ts). Nothing here writes:
// each module's seed owns its rows.
//
// Rules for a module's demo seed (see db/seeds/demo.ts for the list that runs them):
//  - Deterministic: no Math.random(), no Date.now(). Use `ctx.random("<module>")` (the same sequence
//    every run) and dates relative to `ctx.today` (Tehran's day from the one clock), so a given day
//    always gives the same data set.
//  - Marked as demo: names and titles end in DEMO_MARK "(نمایشی)" (the Persian pages show it), emails
//    are @demo.karafarini.ir, references/external keys start with "demo".
//  - Idempotent: seeding twice adds nothing. Check a marker row first (e.g. "do my demo rows exist?")
//    and return, or insert with ON CONFLICT DO NOTHING on a natural key.
//  - Fast: the embedded first start must stay under 30 s with every module's demo. Insert in bulk
//    (`insertChunks`), never row by row through services that write audit rows per record; keep
//    rollups right (e.g. the employment ledger's rebuildCounted()).

export const DEMO_MARK = "(نمایشی)";
export const DEMO_DOMAIN = "demo.karafarini.ir";

export interface DemoContext {
  db: Kysely<any>;
  /** Tehran's day the seed runs on, 'YYYY-MM-DD'. */
  today: string;
  /** The Jalali year of `today`. */
  year: number;
  /** A deterministic pseudo-random sequence per name: the same numbers on every run. */
  random(name: string): Random;
  /** The id of an org unit by code (throws when missing: the reference seed makes them). */
  unitId(code: string): Promise<number>;
  /** The id of a (demo) user by email, or throws. */
  userId(email: string): Promise<number>;
}

export function demoContext(db: Kysely<any>, at: Date = now()): DemoContext {
  const today = tehranDate(at);
  const units = new Map<string, number>();
  const users = new Map<string, number>();
  return {
    db,
    today,
    year: currentJalaliYear(at),
    random: (name) => new Random(name),
    async unitId(code) {
      if (!units.has(code)) {
        const u = await db.selectFrom("org_units").select("id").where("code", "=", code).executeTakeFirst();
        if (!u) throw new Error(`demo seed: org unit ${code} is missing`);
        units.set(code, u.id);
      }
      return units.get(code)!;
    },
    async userId(email) {
      if (!users.has(email)) {
        const u = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
        if (!u) throw new Error(`demo seed: user ${email} is missing`);
        users.set(email, u.id);
      }
      return users.get(email)!;
    },
  };
}

/** mulberry32 seeded from the name: small, fast, and the same sequence everywhere. */
export class Random {
  private s: number;
  constructor(name: string) {
    let h = 2166136261;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
    this.s = h >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Picks by weight: `weighted([["a", 3], ["b", 1]])` gives "a" three times as often. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of items) if ((x -= w) < 0) return v;
    return items[items.length - 1][0];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Inserts many rows in statements of `size` rows (PostgreSQL allows 65,535 parameters a statement). */
export async function insertChunks(db: Kysely<any>, table: string, rows: Record<string, unknown>[], size = 500) {
  for (let i = 0; i < rows.length; i += size) await db.insertInto(table).values(rows.slice(i, i + size)).execute();
}

/** Same, returning the ids in row order. */
export async function insertChunksReturningIds(db: Kysely<any>, table: string, rows: Record<string, unknown>[], size = 500): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const got = await db.insertInto(table).values(rows.slice(i, i + size)).returning("id").execute();
    for (const r of got) ids.push(Number(r.id));
  }
  return ids;
}

/** 'YYYY-MM-DD' of a Jalali date. */
export function isoOfJalali(jy: number, jm: number, jd: number): string {
  const iso = parseJalaliDate(`${jy}/${jm}/${jd}`);
  if (!iso) throw new Error(`demo seed: no Jalali date ${jy}/${jm}/${jd}`);
  return iso;
}

/** The Jalali year, month and day of an ISO date. */
export function jalaliOf(iso: string): { jy: number; jm: number; jd: number } {
  const [y, m, d] = iso.split("-").map(Number);
  return jalaali.toJalaali(y, m, d);
}

/** An instant on Tehran's day `iso` at `hour` (for timestamptz columns). */
export function tehranInstant(iso: string, hour = 10): Date {
  return new Date(`${iso}T${String(hour).padStart(2, "0")}:00:00+03:30`);
}
