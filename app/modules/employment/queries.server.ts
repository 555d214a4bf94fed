import { sql, type Expression, type SqlBool } from "kysely";
import type { Database } from "~/lib/db.server";
import type { DashboardFilters } from "./schema";

// Kysely queries of the employment module (first argument: db or trx).

/**
 * Keeps the rollup row of one (enterprise, year) equal to the counting rule: the latest verified,
 * non-superseded report of that year (as-of date, then id), or no row. One indexed lookup
 * (employment_reports_counting_idx); call it in the transaction of every change to a report's
 * status, supersession, or its enterprise's dimensions.
 */
export async function refreshCounted(trx: Database, enterpriseId: number, year: number) {
  await trx.deleteFrom("employment_counted").where("jalali_year", "=", year).where("enterprise_id", "=", enterpriseId).execute();
  await sql`
    INSERT INTO employment_counted (enterprise_id, jalali_year, report_id, jalali_month, county_code, agency_code, sector_code,
      programme, jobs_created, jobs_retained, women, priority_groups)
    SELECT r.enterprise_id, r.jalali_year, r.id, r.jalali_month, e.county_code, e.agency_code, e.sector_code,
      r.programme, r.jobs_created, r.jobs_retained, r.women, r.priority_groups
    FROM employment_reports r JOIN enterprises e ON e.id = r.enterprise_id
    WHERE r.enterprise_id = ${enterpriseId} AND r.jalali_year = ${year} AND r.status = 'verified' AND r.superseded_by IS NULL
    ORDER BY r.as_of DESC, r.id DESC
    LIMIT 1`.execute(trx);
}

const VERSION_KEY = "employment.ledger_version";

/**
 * Bumps the ledger version in the caller's transaction. Every write that can change a dashboard number
 * (a new report, a decision, a merge) calls it, so cached dashboard numbers (dashboardNumbersCached) are
 * never stale: a cache entry is used only while the version it was computed at is still current.
 */
export async function bumpLedgerVersion(trx: Database) {
  await sql`INSERT INTO settings (key, value, updated_at) VALUES (${VERSION_KEY}, to_jsonb(1), now())
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb((settings.value #>> '{}')::bigint + 1), updated_at = now()`.execute(trx);
}

async function ledgerVersion(db: Database): Promise<string> {
  const r = await db.selectFrom("settings").select("value").where("key", "=", VERSION_KEY).executeTakeFirst();
  return r ? JSON.stringify(r.value) : "0";
}

const cache = new Map<string, { version: string; value: Awaited<ReturnType<typeof dashboardNumbers>> }>();

/** dashboardNumbers() behind a per-process cache keyed by the filters and the ledger version. */
export async function dashboardNumbersCached(db: Database, f: DashboardFilters) {
  const version = await ledgerVersion(db);
  const key = `${f.year}|${f.county ?? ""}|${f.agency ?? ""}|${f.programme ?? ""}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value;
  const value = await dashboardNumbers(db, f);
  if (cache.size > 500) cache.clear();
  cache.set(key, { version, value });
  return value;
}

/** Rebuilds the whole rollup from the plain rule (bench generator, repairs). */
export async function rebuildCounted(db: Database) {
  await sql`TRUNCATE employment_counted`.execute(db);
  await sql`
    INSERT INTO employment_counted (enterprise_id, jalali_year, report_id, jalali_month, county_code, agency_code, sector_code,
      programme, jobs_created, jobs_retained, women, priority_groups)
    SELECT DISTINCT ON (r.enterprise_id, r.jalali_year) r.enterprise_id, r.jalali_year, r.id, r.jalali_month, e.county_code,
      e.agency_code, e.sector_code, r.programme, r.jobs_created, r.jobs_retained, r.women, r.priority_groups
    FROM employment_reports r JOIN enterprises e ON e.id = r.enterprise_id
    WHERE r.status = 'verified' AND r.superseded_by IS NULL
    ORDER BY r.enterprise_id, r.jalali_year, r.as_of DESC, r.id DESC`.execute(db);
  await bumpLedgerVersion(db);
}

/** The counting rule as one plain query over the reports (no rollup): used by tests to check the rollup. */
export async function plainTotals(db: Database, f: DashboardFilters) {
  const r = await sql<{ created: string | null; retained: string | null; women: string | null; enterprises: number }>`
    SELECT sum(jobs_created) AS created, sum(jobs_retained) AS retained, sum(women) AS women, count(*)::int AS enterprises
    FROM (
      SELECT DISTINCT ON (r.enterprise_id) r.jobs_created, r.jobs_retained, r.women, r.programme, e.county_code, e.agency_code
      FROM employment_reports r JOIN enterprises e ON e.id = r.enterprise_id
      WHERE r.jalali_year = ${f.year} AND r.status = 'verified' AND r.superseded_by IS NULL
      ORDER BY r.enterprise_id, r.as_of DESC, r.id DESC
    ) c
    WHERE (${f.county ?? null}::text IS NULL OR county_code = ${f.county ?? null})
      AND (${f.agency ?? null}::text IS NULL OR agency_code = ${f.agency ?? null})
      AND (${f.programme ?? null}::text IS NULL OR programme = ${f.programme ?? null})`.execute(db);
  const row = r.rows[0];
  return { created: Number(row.created ?? 0), retained: Number(row.retained ?? 0), women: Number(row.women ?? 0), enterprises: row.enterprises };
}

function countedWhere(f: DashboardFilters): Expression<SqlBool> {
  const parts = [sql<SqlBool>`c.jalali_year = ${f.year}`];
  if (f.county) parts.push(sql<SqlBool>`c.county_code = ${f.county}`);
  if (f.agency) parts.push(sql<SqlBool>`c.agency_code = ${f.agency}`);
  if (f.programme) parts.push(sql<SqlBool>`c.programme = ${f.programme}`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

export interface BreakdownRow {
  dimension: "county" | "agency" | "programme" | "sector";
  code: string | null;
  created: number;
  retained: number;
  women: number;
  enterprises: number;
}

/** Headline totals, breakdowns and the monthly series from the rollup, in two scans. */
export async function dashboardNumbers(db: Database, f: DashboardFilters) {
  const where = countedWhere(f);
  const grouped = await sql<{ g: number; county_code: string | null; agency_code: string | null; programme: string | null; sector_code: string | null; jalali_month: number | null; created: string; retained: string; women: string; n: number }>`
    SELECT GROUPING(county_code, agency_code, programme, sector_code, jalali_month)::int AS g,
      county_code, agency_code, programme, sector_code, jalali_month,
      sum(jobs_created) AS created, sum(jobs_retained) AS retained, sum(women) AS women, count(*)::int AS n
    FROM employment_counted c WHERE ${where}
    GROUP BY GROUPING SETS ((), (county_code), (agency_code), (programme), (sector_code), (jalali_month))`.execute(db);
  const groups = await sql<{ code: string; created: string; women: string; n: number }>`
    SELECT g.code, sum(c.jobs_created) AS created, sum(c.women) AS women, count(*)::int AS n
    FROM employment_counted c CROSS JOIN LATERAL unnest(c.priority_groups) AS g(code)
    WHERE ${where} GROUP BY g.code ORDER BY sum(c.jobs_created) DESC`.execute(db);
  const pending = await sql<{ created: string | null; retained: string | null; n: number }>`
    SELECT sum(r.jobs_created) AS created, sum(r.jobs_retained) AS retained, count(*)::int AS n
    FROM employment_reports r ${f.county || f.agency ? sql`JOIN enterprises e ON e.id = r.enterprise_id` : sql``}
    WHERE r.status = 'reported' AND r.superseded_by IS NULL AND r.jalali_year = ${f.year}
      ${f.county ? sql`AND e.county_code = ${f.county}` : sql``}
      ${f.agency ? sql`AND e.agency_code = ${f.agency}` : sql``}
      ${f.programme ? sql`AND r.programme = ${f.programme}` : sql``}`.execute(db);

  // GROUPING bits: county=16, agency=8, programme=4, sector=2, month=1 (1 = not grouped by it).
  const ALL = 31;
  const num = (s: string | null | undefined) => Number(s ?? 0);
  const totalsRow = grouped.rows.find((r) => r.g === ALL);
  const breakdown: BreakdownRow[] = [];
  const monthly: { month: number; created: number; retained: number }[] = [];
  for (const r of grouped.rows) {
    const base = { created: num(r.created), retained: num(r.retained), women: num(r.women), enterprises: r.n };
    if (r.g === ALL - 16) breakdown.push({ dimension: "county", code: r.county_code, ...base });
    else if (r.g === ALL - 8) breakdown.push({ dimension: "agency", code: r.agency_code, ...base });
    else if (r.g === ALL - 4) breakdown.push({ dimension: "programme", code: r.programme, ...base });
    else if (r.g === ALL - 2) breakdown.push({ dimension: "sector", code: r.sector_code, ...base });
    else if (r.g === ALL - 1 && r.jalali_month != null) monthly.push({ month: r.jalali_month, created: base.created, retained: base.retained });
  }
  breakdown.sort((a, b) => b.created - a.created || String(a.code).localeCompare(String(b.code)));
  monthly.sort((a, b) => a.month - b.month);
  const p = pending.rows[0];
  return {
    totals: { created: num(totalsRow?.created), retained: num(totalsRow?.retained), women: num(totalsRow?.women), enterprises: totalsRow?.n ?? 0 },
    pending: { created: num(p?.created), retained: num(p?.retained), reports: p?.n ?? 0 },
    breakdown,
    monthly,
    priorityGroups: groups.rows.map((r) => ({ code: r.code, created: num(r.created), women: num(r.women), enterprises: r.n })),
  };
}

export async function targetOf(db: Database, year: number) {
  const target = await db.selectFrom("job_targets").selectAll().where("jalali_year", "=", year).executeTakeFirst();
  const revisions = await db.selectFrom("job_target_revisions").selectAll().where("jalali_year", "=", year).orderBy("id").execute();
  const allocations = await db.selectFrom("job_target_allocations").selectAll().where("jalali_year", "=", year).orderBy("dimension").orderBy("code").execute();
  return { target: target ?? null, revisions, allocations };
}

/**
 * The staff home widget in ONE statement, all indexed: reports awaiting verification counted up to
 * `cap` (employment_reports_queue_idx, never a scan of the table), the oldest one's filing time,
 * the year's target and the ledger version (to reuse cached dashboard numbers, see homeDashboardHit).
 */
export async function homeHeadline(db: Database, year: number, cap: number) {
  const r = await sql<{ pending: number; oldest: Date | string | null; target: number | null; version: unknown }>`
    SELECT
      (SELECT count(*)::int FROM (SELECT 1 FROM employment_reports WHERE status = 'reported' AND superseded_by IS NULL
        ORDER BY created_at, id LIMIT ${cap}) p) AS pending,
      (SELECT created_at FROM employment_reports WHERE status = 'reported' AND superseded_by IS NULL ORDER BY created_at, id LIMIT 1) AS oldest,
      (SELECT current_target FROM job_targets WHERE jalali_year = ${year}) AS target,
      (SELECT value FROM settings WHERE key = ${VERSION_KEY}) AS version`.execute(db);
  const row = r.rows[0];
  return { pending: row.pending, oldest: row.oldest, target: row.target, version: row.version == null ? "0" : JSON.stringify(row.version) };
}

/** The dashboard numbers of these filters if cached at this ledger version (no query), else undefined. */
export function homeDashboardHit(f: DashboardFilters, version: string) {
  const hit = cache.get(`${f.year}|${f.county ?? ""}|${f.agency ?? ""}|${f.programme ?? ""}`);
  return hit && hit.version === version ? hit.value : undefined;
}
