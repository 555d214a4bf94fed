import { sql, type Expression, type SqlBool } from "kysely";
import type { Database } from "~/lib/db.server";
import { searchForm } from "~/i18n/normalise";
import type { RegistryFilters } from "./schema";

// Kysely queries of the micro and home businesses registry. First argument is `db` or `trx`.

export const PAGE = 25;

/** The columns of a business page (no search text). */
export function findBusiness(db: Database, id: number) {
  return db
    .selectFrom("micro_businesses")
    .select([
      "id", "name", "owner_user_id", "owner_national_id", "owner_name", "owner_gender", "owner_mobile", "sector_code", "isic_code",
      "activity", "county_code", "area", "address", "started_on", "home_based", "sales_channels", "permit_status", "permit_number",
      "permit_applied_on", "permit_issued_on", "permit_expires_on", "jobs_fte", "workers", "last_update_year", "last_update_on",
      "enterprise_id", "is_demo", "version", "created_at", "updated_at",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
}
export type BusinessRow = NonNullable<Awaited<ReturnType<typeof findBusiness>>>;

/** The registration of this owner and activity, if any (the unique key). */
export async function findSameActivity(db: Database, nationalId: string, sector: string, isic: string, exceptId?: number) {
  let q = db.selectFrom("micro_businesses").select("id").where("owner_national_id", "=", nationalId).where("sector_code", "=", sector).where("isic_code", "=", isic);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst())?.id ?? null;
}

export async function findByPermitNumber(db: Database, permitNumber: string, exceptId?: number) {
  let q = db.selectFrom("micro_businesses").select("id").where("permit_number", "=", permitNumber);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst())?.id ?? null;
}

/** Does another business of this owner already stand for the owner's national ID in the ledger? */
export async function ownerIdentityTaken(db: Database, nationalId: string, exceptId: number) {
  const row = await db
    .selectFrom("micro_businesses")
    .select("id")
    .where("owner_national_id", "=", nationalId)
    .where("id", "<>", exceptId)
    .where("enterprise_id", "is not", null)
    .executeTakeFirst();
  return !!row;
}

export function supportsOf(db: Database, businessId: number) {
  return db
    .selectFrom("micro_business_supports")
    .select(["id", "kind", "received_on", "description", "loan_amount", "loan_source", "course_id", "created_at"])
    .where("business_id", "=", businessId)
    .orderBy("received_on", "desc")
    .orderBy("id", "desc")
    .limit(100)
    .execute();
}

const updateColumns = [
  "id", "jalali_year", "as_of", "owner_mode", "owner_months", "family_full_time", "family_part_time", "family_seasonal", "family_months",
  "hired_full_time", "hired_part_time", "hired_seasonal", "hired_months", "women", "jobs_fte", "report_id", "created_at",
] as const;

export function updatesOf(db: Database, businessId: number) {
  return db.selectFrom("micro_business_updates").select([...updateColumns]).where("business_id", "=", businessId).orderBy("id", "desc").limit(50).execute();
}
export type UpdateRow = Awaited<ReturnType<typeof updatesOf>>[number];

/** The latest update of a year before `year` (the base a yearly report is measured against). */
export function lastUpdateBefore(db: Database, businessId: number, year: number) {
  return db
    .selectFrom("micro_business_updates")
    .select([...updateColumns])
    .where("business_id", "=", businessId)
    .where("jalali_year", "<", year)
    .orderBy("jalali_year", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
}

export function latestUpdate(db: Database, businessId: number) {
  return db.selectFrom("micro_business_updates").select([...updateColumns]).where("business_id", "=", businessId).orderBy("id", "desc").executeTakeFirst();
}

/** The permit condition of a filter as of `today` (an issued permit past its expiry is expired). */
function permitWhere(permit: NonNullable<RegistryFilters["permit"]>, today: string): Expression<SqlBool> {
  if (permit === "issued") return sql<SqlBool>`b.permit_status = 'issued' AND b.permit_expires_on >= ${today}`;
  if (permit === "expired") return sql<SqlBool>`(b.permit_status = 'expired' OR (b.permit_status = 'issued' AND b.permit_expires_on < ${today}))`;
  return sql<SqlBool>`b.permit_status = ${permit}`;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (m) => `\\${m}`);

/** The list filters as one condition on `micro_businesses AS b` (each has an index on (column, id)). */
function registryWhere(f: RegistryFilters, today: string): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`true`];
  if (f.county) parts.push(sql<SqlBool>`b.county_code = ${f.county}`);
  if (f.sector) parts.push(sql<SqlBool>`b.sector_code = ${f.sector}`);
  if (f.permit) parts.push(permitWhere(f.permit, today));
  if (f.women) parts.push(sql<SqlBool>`b.owner_gender = 'female'`);
  if (f.rural) parts.push(sql<SqlBool>`b.area = 'rural'`);
  if (f.support) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM micro_business_supports s WHERE s.business_id = b.id AND s.kind = ${f.support})`);
  const s = f.q ? searchForm(f.q) : "";
  if (s) parts.push(sql<SqlBool>`b.search_text LIKE ${`%${escapeLike(s)}%`}`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/**
 * One page of the registry, newest first (keyset on id). `ownerUserId` narrows it to an owner's own
 * businesses. Each filter has an index on (column, id); the support filter probes the supports index.
 */
export function listBusinesses(db: Database, f: RegistryFilters, today: string, opts: { after?: number | null; ownerUserId?: number; limit?: number } = {}) {
  const limit = opts.limit ?? PAGE;
  let q = db
    .selectFrom("micro_businesses as b")
    .select([
      "b.id", "b.name", "b.owner_name", "b.owner_gender", "b.sector_code", "b.county_code", "b.area", "b.home_based", "b.permit_status",
      "b.permit_expires_on", "b.jobs_fte", "b.workers", "b.last_update_year",
    ])
    .orderBy("b.id", "desc")
    .limit(limit + 1);
  if (opts.ownerUserId != null) q = q.where("b.owner_user_id", "=", opts.ownerUserId);
  q = q.where(registryWhere(f, today));
  if (opts.after) q = q.where("b.id", "<", opts.after);
  return q.execute().then((rows) => ({ rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].id : null }));
}
export type ListRow = Awaited<ReturnType<typeof listBusinesses>>["rows"][number];

/** CSV columns of the registry (everything the list filters on plus the permit and jobs). */
export function csvPage(db: Database, f: RegistryFilters, today: string, after: number | null) {
  let q = db
    .selectFrom("micro_businesses as b")
    .select([
      "b.id", "b.name", "b.owner_name", "b.owner_national_id", "b.owner_gender", "b.sector_code", "b.isic_code", "b.activity", "b.county_code",
      "b.area", "b.home_based", "b.started_on", "b.permit_status", "b.permit_number", "b.permit_issued_on", "b.permit_expires_on",
      "b.jobs_fte", "b.workers", "b.last_update_year",
      sql<string>`(SELECT string_agg(DISTINCT s.kind, ';' ORDER BY s.kind) FROM micro_business_supports s WHERE s.business_id = b.id)`.as("supports"),
    ])
    .orderBy("b.id", "desc")
    .limit(1000);
  q = q.where(registryWhere(f, today));
  if (after) q = q.where("b.id", "<", after);
  return q.execute().then((rows) => ({ rows, next: rows.length === 1000 ? rows[999].id : null }));
}

/**
 * The public summary's numbers in one scan: businesses, with a permit in force, jobs (FTE) and
 * workers per county and per activity (ISIC section), the totals, and permits issued in the year.
 */
export async function summaryNumbers(db: Database, today: string, year: { start: string; end: string }) {
  const r = await sql<{ g: number; county_code: string | null; sector_code: string | null; n: number; women: number; rural: number; home: number; permits: number; issued_year: number; jobs: string; workers: number }>`
    SELECT GROUPING(county_code, sector_code)::int AS g, county_code, sector_code,
      count(*)::int AS n,
      count(*) FILTER (WHERE owner_gender = 'female')::int AS women,
      count(*) FILTER (WHERE area = 'rural')::int AS rural,
      count(*) FILTER (WHERE home_based)::int AS home,
      count(*) FILTER (WHERE permit_status = 'issued' AND permit_expires_on >= ${today})::int AS permits,
      count(*) FILTER (WHERE permit_issued_on BETWEEN ${year.start} AND ${year.end})::int AS issued_year,
      coalesce(sum(jobs_fte), 0) AS jobs, coalesce(sum(workers), 0)::int AS workers
    FROM micro_businesses
    GROUP BY GROUPING SETS ((), (county_code), (sector_code))`.execute(db);
  return r.rows.map((x) => ({ ...x, jobs: Number(x.jobs) }));
}

/** Businesses whose permit expires between today and `until` (inclusive), soonest first. */
export function expiringPermits(db: Database, today: string, until: string, opts: { ownerUserId?: number; limit?: number } = {}) {
  let q = db
    .selectFrom("micro_businesses")
    .select(["id", "name", "permit_number", "permit_expires_on", "owner_user_id"])
    .where("permit_status", "=", "issued")
    .where("permit_expires_on", ">=", today)
    .where("permit_expires_on", "<=", until)
    .orderBy("permit_expires_on")
    .orderBy("id")
    .limit(opts.limit ?? 10);
  if (opts.ownerUserId != null) q = q.where("owner_user_id", "=", opts.ownerUserId);
  return q.execute();
}

export async function countExpiring(db: Database, today: string, until: string) {
  const r = await db
    .selectFrom("micro_businesses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("permit_status", "=", "issued")
    .where("permit_expires_on", ">=", today)
    .where("permit_expires_on", "<=", until)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countWithoutUpdate(db: Database, year: number) {
  const r = await db.selectFrom("micro_businesses").select((eb) => eb.fn.countAll<number>().as("n")).where("last_update_year", "<", year).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Issued permits whose expiry date is before `today` (what the expiry job stores as expired). */
export function permitsPastExpiry(db: Database, today: string, limit = 1000) {
  return db
    .selectFrom("micro_businesses")
    .select(["id", "name", "owner_user_id", "permit_number", "permit_expires_on"])
    .where("permit_status", "=", "issued")
    .where("permit_expires_on", "<", today)
    .orderBy("permit_expires_on")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export function titlesOf(db: Database, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom("micro_businesses").select(["id", "name", "county_code", "owner_user_id"]).where("id", "in", [...ids]).execute();
}
