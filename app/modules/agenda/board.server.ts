import { sql } from "kysely";
import * as jalaali from "jalaali-js";
import { getDb, type Database } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { scopeUnits } from "~/modules/accounts/roles";
import { referenceEntries } from "~/modules/reference/service.server";
import { addMonths, todayTehran } from "~/i18n/clock";
import type { Locale } from "~/i18n/locale";
import { OBSTACLE_CATEGORIES, type BoardSort } from "./workflow";
import { subjectsIn } from "./queries.server";
import { staffScope, subjectsOfUnits } from "./service.server";

// The employment working group's view of the agencies (issue 14): agencies ranked by the jobs their
// open obstacles hold up, by the number open, by the median days to resolve and by the share overdue;
// a drill-down per agency and category; the jobs unblocked per month. Read models that may be a
// minute late (decision 0014): cached under the "obstacle" tag, which every audited obstacle change drops.
// Medians are PostgreSQL's percentile_cont(0.5), the same as median() in workflow.ts (the mean of the
// two middle values for an even count).

const OPEN = sql.raw(`('open','assigned','in_progress')`);

export interface AgencyRow {
  code: string;
  open: number;
  jobs_blocked: number;
  overdue: number;
  share_overdue: number | null;
  resolved: number;
  median_days: number | null;
  jobs_unblocked: number;
}

/** Centre staff's board counts the obstacles on their centre's records only ("" = the province). */
function scopeKey(actor: UserActor) {
  const units = staffScope(actor, "read:agenda");
  return Array.isArray(units) ? units.join(",") || "none" : "";
}
function scopeWhere(db: Database, key: string) {
  if (!key) return sql``;
  return sql`AND ${subjectsIn(subjectsOfUnits(db, key === "none" ? [] : key.split(",").map(Number)))}`;
}

async function rankingRows(db: Database, today: string, groupBy: "agency" | "category", agency?: string, scope = ""): Promise<(AgencyRow & { key: string })[]> {
  const key = sql.raw(groupBy === "agency" ? "agency_code" : "category");
  const where = sql`${agency ? sql`AND agency_code = ${agency}` : sql``} ${scopeWhere(db, scope)}`;
  const rows = await sql<{ key: string; open: number; jobs_blocked: string; overdue: number; resolved: number; median_days: number | null; jobs_unblocked: string }>`
    WITH open_ones AS (
      SELECT ${key} AS key, count(*)::int AS open, coalesce(sum(jobs_created + jobs_retained), 0) AS jobs_blocked,
        count(*) FILTER (WHERE due_on < ${today})::int AS overdue
      FROM obstacles WHERE status IN ${OPEN} ${where} GROUP BY 1
    ), resolved_ones AS (
      SELECT ${key} AS key, count(*)::int AS resolved, percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_on - raised_on)::float8 AS median_days,
        coalesce(sum(jobs_created + jobs_retained), 0) AS jobs_unblocked
      FROM obstacles WHERE status = 'resolved' ${where} GROUP BY 1
    )
    SELECT coalesce(o.key, r.key) AS key, coalesce(o.open, 0) AS open, coalesce(o.jobs_blocked, 0) AS jobs_blocked, coalesce(o.overdue, 0) AS overdue,
      coalesce(r.resolved, 0) AS resolved, r.median_days, coalesce(r.jobs_unblocked, 0) AS jobs_unblocked
    FROM open_ones o FULL JOIN resolved_ones r ON r.key = o.key`.execute(db);
  return rows.rows.map((r) => ({
    key: r.key, code: r.key, open: r.open, jobs_blocked: Number(r.jobs_blocked), overdue: r.overdue, share_overdue: r.open ? r.overdue / r.open : null,
    resolved: r.resolved, median_days: r.median_days == null ? null : Number(r.median_days), jobs_unblocked: Number(r.jobs_unblocked),
  }));
}

/** Jobs unblocked (resolved obstacles' jobs) per Jalali month over the last 12 months, oldest first. */
async function trendRows(db: Database, today: string, scope = "") {
  const from = addMonths(today, -12);
  const rows = await sql<{ day: string; jobs: string; n: number }>`
    SELECT closed_on::text AS day, sum(jobs_created + jobs_retained) AS jobs, count(*)::int AS n
    FROM obstacles WHERE status = 'resolved' AND closed_on > ${from} AND closed_on <= ${today} ${scopeWhere(db, scope)} GROUP BY closed_on`.execute(db);
  const months = new Map<string, { month: string; jobs: number; resolved: number }>();
  const [ty, tm, td] = today.split("-").map(Number);
  const t = jalaali.toJalaali(ty, tm, td);
  for (let i = 11; i >= 0; i--) {
    const total = t.jy * 12 + (t.jm - 1) - i;
    const key = `${Math.floor(total / 12)}/${String((total % 12) + 1).padStart(2, "0")}`;
    months.set(key, { month: key, jobs: 0, resolved: 0 });
  }
  for (const r of rows.rows) {
    const [y, m, d] = r.day.split("-").map(Number);
    const j = jalaali.toJalaali(y, m, d);
    const m2 = months.get(`${j.jy}/${String(j.jm).padStart(2, "0")}`);
    if (m2) {
      m2.jobs += Number(r.jobs);
      m2.resolved += r.n;
    }
  }
  return [...months.values()];
}

const boardCache = memo("obstacle", 60_000, async (key: string) => {
  const [today, scope] = key.split("|");
  const db = await getDb();
  const [agencies, trend] = await Promise.all([rankingRows(db, today, "agency", undefined, scope), trendRows(db, today, scope)]);
  return { agencies, trend };
});
const agencyCache = memo("obstacle", 60_000, async (key: string) => {
  const [today, code, scope] = key.split("|");
  return rankingRows(await getDb(), today, "category", code, scope);
});

export { SORTS, type BoardSort } from "./workflow";

function sortRows<T extends AgencyRow>(rows: T[], sort: BoardSort): T[] {
  const v = (r: AgencyRow) => (sort === "jobs" ? r.jobs_blocked : sort === "open" ? r.open : sort === "median" ? r.median_days ?? -1 : r.share_overdue ?? -1);
  return [...rows].sort((a, b) => v(b) - v(a) || b.jobs_blocked - a.jobs_blocked || a.code.localeCompare(b.code));
}

/** The working group's ranking: every agency (those with no obstacle too), sorted, with the monthly trend. */
export async function agencyBoard(actor: UserActor, sort: BoardSort, locale: Locale) {
  await requireGrant(actor, "read:agenda", { entity: "agenda" });
  const today = todayTehran();
  const [{ agencies, trend }, names] = await Promise.all([boardCache.get(`${today}|${scopeKey(actor)}`), referenceEntries("agencies")]);
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const empty = (code: string): AgencyRow => ({ code, open: 0, jobs_blocked: 0, overdue: 0, share_overdue: null, resolved: 0, median_days: null, jobs_unblocked: 0 });
  const rows = names.map((n) => ({ ...(byCode.get(n.code) ?? empty(n.code)), name: locale === "fa" ? n.name_fa : n.name_en }));
  const sorted = sortRows(rows, sort);
  const totals = { open: rows.reduce((s, r) => s + r.open, 0), jobs_blocked: rows.reduce((s, r) => s + r.jobs_blocked, 0), overdue: rows.reduce((s, r) => s + r.overdue, 0) };
  const scope = scopeKey(actor);
  return { rows: sorted, trend, totals, sort, today, centreOnly: scope !== "", canMeet: scopeUnits(actor.user.roles, "escalate:obstacle") === "all" };
}

/** One agency, by category. */
export async function agencyDrill(actor: UserActor, code: string, locale: Locale) {
  await requireGrant(actor, "read:agenda", { entity: "agenda" });
  const names = await referenceEntries("agencies");
  const agency = names.find((n) => n.code === code);
  if (!agency) return null;
  const rows = await agencyCache.get(`${todayTehran()}|${code}|${scopeKey(actor)}`);
  const byCat = new Map(rows.map((r) => [r.key, r]));
  return {
    code, name: locale === "fa" ? agency.name_fa : agency.name_en,
    rows: OBSTACLE_CATEGORIES.map((c) => ({ ...(byCat.get(c) ?? { code: c, open: 0, jobs_blocked: 0, overdue: 0, share_overdue: null, resolved: 0, median_days: null, jobs_unblocked: 0 }), category: c })),
  };
}

export const RANKING_FIELDS = ["agency", "name", "open", "jobs_blocked", "overdue", "share_overdue", "resolved", "median_days_to_resolve", "jobs_unblocked"];
export const TREND_FIELDS = ["jalali_month", "obstacles_resolved", "jobs_unblocked"];
export const CATEGORY_FIELDS = ["agency", "category", "open", "jobs_blocked", "overdue", "share_overdue", "resolved", "median_days_to_resolve", "jobs_unblocked"];

const round = (v: number | null, d = 2) => (v == null ? "" : Math.round(v * 10 ** d) / 10 ** d);

/** The board's tables as CSV rows: ranking, trend, or one agency's categories. */
export async function boardCsv(actor: UserActor, table: string, agency: string | null, locale: Locale): Promise<{ name: string; header: string[]; rows: unknown[][] } | null> {
  if (table === "categories" && agency) {
    const d = await agencyDrill(actor, agency, locale);
    if (!d) return null;
    return { name: `agenda-${agency}-categories.csv`, header: CATEGORY_FIELDS, rows: d.rows.map((r) => [agency, r.category, r.open, r.jobs_blocked, r.overdue, round(r.share_overdue, 4), r.resolved, round(r.median_days, 1), r.jobs_unblocked]) };
  }
  const b = await agencyBoard(actor, "jobs", locale);
  if (table === "trend") return { name: "agenda-trend.csv", header: TREND_FIELDS, rows: b.trend.map((t) => [t.month, t.resolved, t.jobs]) };
  if (table === "ranking") return { name: "agenda-ranking.csv", header: RANKING_FIELDS, rows: b.rows.map((r) => [r.code, r.name, r.open, r.jobs_blocked, r.overdue, round(r.share_overdue, 4), r.resolved, round(r.median_days, 1), r.jobs_unblocked]) };
  return null;
}

// ---------------------------------------------------------------- the employment dashboards

const blockedCache = memo("obstacle", 60_000, async (key: string) => {
  const [county, agency] = key.split("|");
  const rows = await sql<{ agency_code: string; n: number; jobs: string }>`
    SELECT agency_code, count(*)::int AS n, coalesce(sum(jobs_created + jobs_retained), 0) AS jobs FROM obstacles
    WHERE status IN ${OPEN} ${county ? sql`AND county_code = ${county}` : sql``} ${agency ? sql`AND agency_code = ${agency}` : sql``}
    GROUP BY agency_code`.execute(await getDb());
  return rows.rows.map((r) => ({ code: r.agency_code, open: r.n, jobs: Number(r.jobs) }));
});

/**
 * Jobs held up by open obstacles, in total and per agency (aggregates only: no subject, no name), for
 * the employment dashboard beside verified and reported jobs and for the public employment page.
 * Never added to the ledger's numbers: an obstacle reports no jobs.
 */
export async function blockedJobs(filters: { county?: string | null; agency?: string | null }, locale: Locale) {
  const [rows, names] = await Promise.all([blockedCache.get(`${filters.county ?? ""}|${filters.agency ?? ""}`), referenceEntries("agencies")]);
  const name = (code: string) => {
    const a = names.find((n) => n.code === code);
    return a ? (locale === "fa" ? a.name_fa : a.name_en) : code;
  };
  return {
    total: rows.reduce((s, r) => s + r.jobs, 0),
    open: rows.reduce((s, r) => s + r.open, 0),
    byAgency: rows.map((r) => ({ ...r, name: name(r.code) })).sort((a, b) => b.jobs - a.jobs || a.code.localeCompare(b.code)),
  };
}
