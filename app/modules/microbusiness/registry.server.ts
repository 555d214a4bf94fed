import { getDb, type Database } from "~/lib/db.server";
import { keysetRows } from "~/lib/csv.server";
import { memo } from "~/lib/memo.server";
import { auditMeta, refuse, requireGrant, type Actor, type UserActor } from "~/modules/accounts/actor.server";
import { grantLevel, holds } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import { referenceEntries, referenceOptions } from "~/modules/reference/service.server";
import { addDays, currentJalaliYear, todayTehran } from "~/i18n/clock";
import { jalaliYearRange } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";
import * as q from "./queries.server";
import { permitStatusOn } from "./rules";
import type { RegistryFilters } from "./schema";

// Lists, the public summary, home widgets and the due work of the registry (the expiry job).

/** Days ahead the "permits expiring" widget looks. */
export const EXPIRY_WINDOW_DAYS = 30;

/** The registry list: staff see every business, an owner their own (same page, narrowed by the grant). */
export async function listRegistry(actor: UserActor, f: RegistryFilters, after: number | null, locale: Locale) {
  const level = await requireGrant(actor, "read:micro_business", { entity: "micro_business" });
  const db = await getDb();
  const today = todayTehran();
  const [page, counties, sectors] = await Promise.all([
    q.listBusinesses(db, f, today, { after, ownerUserId: level === "any" ? undefined : actor.user.id }),
    referenceOptions("counties", locale),
    referenceOptions("sectors", locale),
  ]);
  return {
    // Only the columns the table shows (page data is serialised into the HTML too): the expiry date
    // only decides the status; gender, home-based and workers are filters, not columns.
    rows: page.rows.map((r) => ({
      id: r.id, name: r.name, owner_name: r.owner_name, sector_code: r.sector_code, county_code: r.county_code, area: r.area,
      permit_status: permitStatusOn(r, today), jobs_fte: Number(r.jobs_fte), last_update_year: r.last_update_year,
    })),
    next: page.next,
    counties,
    sectors,
    staffView: level === "any",
    canRegister: holds(actor.user, "create:micro_business"),
  };
}

export const CSV_HEADER = [
  "id", "name", "owner_name", "owner_national_id", "owner_gender", "sector", "isic", "activity", "county", "area", "home_based", "started_on",
  "permit_status", "permit_number", "permit_issued_on", "permit_expires_on", "supports", "workers", "jobs_fte", "last_update_year",
];

/** The filtered registry as CSV rows (staff only: it carries owners' national IDs), streamed page by page. */
export async function registryCsv(actor: UserActor, f: RegistryFilters) {
  const level = await requireGrant(actor, "read:micro_business", { entity: "micro_business" });
  if (level !== "any") await refuse(actor, "read:micro_business", { entity: "micro_business" });
  const db = await getDb();
  const today = todayTehran();
  return keysetRows(
    (after: number | null) => q.csvPage(db, f, today, after),
    (r) => [
      r.id, r.name, r.owner_name, r.owner_national_id, r.owner_gender, r.sector_code, r.isic_code, r.activity, r.county_code, r.area, r.home_based ? 1 : 0,
      String(r.started_on), permitStatusOn(r, today), r.permit_number ?? "", r.permit_issued_on ? String(r.permit_issued_on) : "",
      r.permit_expires_on ? String(r.permit_expires_on) : "", r.supports ?? "", r.workers, Number(r.jobs_fte), r.last_update_year,
    ],
  );
}

// The public summary reads every business; it may be a minute late (decision 0014) and no rule depends
// on it. Any audited change of a business drops it on this process.
const summaryCache = memo("micro_business", 60_000, async (key: string) => {
  const [today, yearText] = key.split("|");
  const year = Number(yearText);
  return q.summaryNumbers(await getDb(), today, jalaliYearRange(year));
});

/** Aggregates only (no names, no national IDs): counts by county and activity, permits in force and issued this year, jobs. */
export async function publicSummary(year = currentJalaliYear()) {
  const today = todayTehran();
  const rows = await summaryCache.get(`${today}|${year}`);
  const [counties, sectors] = await Promise.all([referenceEntries("counties"), referenceEntries("sectors")]);
  const name = (list: typeof counties, code: string | null) => list.find((c) => c.code === code);
  const shape = (r: (typeof rows)[number]) => ({
    businesses: r.n, women_owned: r.women, rural: r.rural, home_based: r.home, permits_in_force: r.permits, permits_issued_this_year: r.issued_year,
    workers: r.workers, jobs: Math.round(r.jobs * 100) / 100,
  });
  const total = rows.find((r) => r.g === 3);
  const empty = { n: 0, women: 0, rural: 0, home: 0, permits: 0, issued_year: 0, jobs: 0, workers: 0, g: 3, county_code: null, sector_code: null };
  const by = (g: number, list: typeof counties, key: "county_code" | "sector_code") =>
    rows
      .filter((r) => r.g === g)
      .map((r) => ({ code: r[key] ?? "", name_fa: name(list, r[key])?.name_fa ?? r[key] ?? "", name_en: name(list, r[key])?.name_en ?? r[key] ?? "", ...shape(r) }))
      .sort((a, b) => b.businesses - a.businesses || a.code.localeCompare(b.code));
  return {
    jalali_year: year,
    totals: shape(total ?? empty),
    // GROUPING(county_code, sector_code): 1 = grouped by county only, 2 = by sector only, 3 = total.
    by_county: by(1, counties, "county_code"),
    by_activity: by(2, sectors, "sector_code"),
  };
}
export type PublicSummary = Awaited<ReturnType<typeof publicSummary>>;

/**
 * The public summary page: only the figures its tables show, and each row's name in the reader's
 * language (the CSV and JSON files carry every figure and both names).
 */
export async function publicSummaryPage(year: number, locale: Locale) {
  const s = await publicSummary(year);
  const shown = (r: PublicSummary["totals"]) => ({
    businesses: r.businesses, women_owned: r.women_owned, rural: r.rural, permits_in_force: r.permits_in_force, permits_issued_this_year: r.permits_issued_this_year, jobs: r.jobs,
  });
  const rows = (list: PublicSummary["by_county"]) => list.map((r) => ({ code: r.code, name: locale === "fa" ? r.name_fa : r.name_en, ...shown(r) }));
  return { jalali_year: s.jalali_year, totals: shown(s.totals), by_county: rows(s.by_county), by_activity: rows(s.by_activity) };
}

/** Home widgets: staff see permits expiring within 30 days and businesses without an update this year; owners their own expiring permits. */
export async function microHome(actor: UserActor) {
  const db = await getDb();
  const today = todayTehran();
  const until = addDays(today, EXPIRY_WINDOW_DAYS);
  const level = grantLevel(actor.user.roles, "read:micro_business");
  if (level === "any") {
    const [expiring, expiringCount, stale] = await Promise.all([
      expiringList.get(today),
      homeCounts.get(`expiring|${today}`),
      homeCounts.get(`stale|${currentJalaliYear()}`),
    ]);
    return { staff: true as const, expiring, expiringCount, withoutUpdate: stale, year: currentJalaliYear() };
  }
  if (!level) return null;
  const mine = await q.expiringPermits(db, today, until, { ownerUserId: actor.user.id, limit: 5 });
  if (!mine.length) return null;
  return { staff: false as const, expiring: mine.map(shapeExpiring), expiringCount: mine.length, withoutUpdate: 0, year: currentJalaliYear() };
}
export type MicroHomeData = Awaited<ReturnType<typeof microHome>>;

// The staff widget's first five permits expiring (province-wide), per day, like its counts below.
const expiringList = memo("micro_business", 60_000, async (today: string) =>
  (await q.expiringPermits(await getDb(), today, addDays(today, EXPIRY_WINDOW_DAYS), { limit: 5 })).map(shapeExpiring));

const shapeExpiring = (r: { id: number; name: string; permit_number: string | null; permit_expires_on: string | Date | null }) => ({
  id: r.id, name: r.name, permit_number: r.permit_number, permit_expires_on: r.permit_expires_on ? String(r.permit_expires_on).slice(0, 10) : null,
});

const homeCounts = memo("micro_business", 60_000, async (key: string) => {
  const [what, arg] = key.split("|");
  const db = await getDb();
  if (what === "expiring") return q.countExpiring(db, arg, addDays(arg, EXPIRY_WINDOW_DAYS));
  return q.countWithoutUpdate(db, Number(arg));
});

// ---------------------------------------------------------------------------------------------------
// Due work for the background-job runner (issue 18). Never run from a GET request.

/** Businesses whose issued permit expired before `today` (what expirePermits would store). */
export function permitsDueToExpire(db: Database, today = todayTehran()) {
  return q.permitsPastExpiry(db, today);
}

/** Permits expiring within the window (for reminders to owners). */
export function permitsExpiringSoon(db: Database, today = todayTehran(), days = EXPIRY_WINDOW_DAYS) {
  return q.expiringPermits(db, today, addDays(today, days), { limit: 1000 });
}

/**
 * Stores "expired" on issued permits whose expiry date has passed (they already read as expired
 * everywhere), with an audit row and a notification to the owner each. Idempotent: a second run on the
 * same day finds nothing. Returns the ids it expired.
 */
export async function expirePermits(actor: Actor, today = todayTehran()): Promise<number[]> {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const due = await q.permitsPastExpiry(trx, today);
    if (!due.length) return [];
    const ids = due.map((d) => d.id);
    await trx.updateTable("micro_businesses").set((eb) => ({ permit_status: "expired", version: eb("version", "+", 1) }))
      .where("id", "in", ids).where("permit_status", "=", "issued").execute();
    for (const d of due) {
      await writeAudit(trx, auditMeta(actor), { action: "micro_business.permit_expired", entity: "micro_business", entityId: d.id, details: { expiresOn: String(d.permit_expires_on).slice(0, 10) } });
      if (d.owner_user_id) await notify(trx, d.owner_user_id, "micro.notify.expired", { name: d.name }, `/micro-businesses/${d.id}`);
    }
    return ids;
  });
}
