import { sql } from "kysely";
import { todayTehran } from "~/i18n/clock";
import { getDb } from "./db.server";
import { OBSERVATIONS } from "~/modules/audit/observations";

/**
 * Public pages a shared cache (a proxy, a CDN, the browser) may keep briefly (issue 18 item 8,
 * decision 0034). The express layer (server/public-cache.mjs) answers a conditional GET of these
 * paths from an anonymous reader with 304 when the ETag still matches, without running Remix.
 * A module that adds a public page or open-data file adds its path here.
 */
export const PUBLIC_CACHEABLE = [
  "/employment",
  "/employment.csv",
  "/employment.json",
  "/calls",
  "/chairs",
  "/micro-businesses/summary",
  "/micro-businesses/summary.csv",
  "/micro-businesses/summary.json",
  "/partnerships/showcase",
  "/cooperatives/directory",
  "/clusters/directory",
  "/opportunities",
] as const;

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/**
 * The version of everything the public pages show, from the database, so every instance computes the
 * same value: every change made through a service writes an audit row in the same transaction, so the
 * newest audit id of a change moves with any change (rows that only record a read, a sign-in or a refusal,
 * OBSERVATIONS, are left out: a login must not make every public page new); the number of migrations run moves with a deploy; Tehran's date moves
 * the "today"-dependent figures (run rate, this year's counts). One indexed statement, kept for a
 * second (another instance sees a change within that second; this one at once).
 */
export function publicVersion(): Promise<string> {
  const t = performance.now();
  // Kept for a second so a burst of conditional requests costs no SQL; never while a change made in this
  // process may still be committing (writeAudit calls publicDataChanged() inside the changing transaction).
  if (kept && t - kept.at < KEEP_MS && t - changedAt > KEEP_MS) return kept.value;
  const value = readVersion();
  kept = { at: t, value };
  value.catch(() => (kept = undefined));
  return value;
}

const KEEP_MS = 1000;
let kept: { at: number; value: Promise<string> } | undefined;
let changedAt = -Infinity;

/** Called by writeAudit: this process's next public request reads the version again. */
export function publicDataChanged() {
  changedAt = performance.now();
  kept = undefined;
}

/**
 * The audit rows that are changes, as SQL text with the actions as literals (constants of the code, never
 * input): written out, the condition is the partial index's own predicate, which the planner must see to
 * answer max(id) from that index instead of walking back over the newest observations.
 */
export const CHANGES = sql.raw(`action NOT IN (${OBSERVATIONS.map((a) => {
  if (!/^[a-z_.]+$/.test(a)) throw new Error(`audit action ${a} is not a plain name`);
  return `'${a}'`;
}).join(", ")})`);

async function readVersion(): Promise<string> {
  const db = await getDb();
  const { rows } = await sql<{ audit: number | null; migrations: number }>`
    select (select max(id) from audit_log where ${CHANGES}) as audit, (select count(*) from kysely_migration) as migrations`.execute(db);
  return `${rows[0]?.audit ?? 0}|${rows[0]?.migrations ?? 0}|${todayTehran()}`;
}
