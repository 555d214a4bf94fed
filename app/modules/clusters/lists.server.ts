import { sql, type SqlBool } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { keysetRows } from "~/lib/csv.server";
import { requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { grantLevel, hasRole, scopeUnits } from "~/modules/accounts/roles";
import { referenceOptions } from "~/modules/reference/service.server";
import { todayTehran } from "~/i18n/clock";
import { normalise, searchForm } from "~/i18n/normalise";
import { ENTITY } from "./access.server";
import { STAGES } from "./workflow";

// Lists of the clusters module: the staff and agent list (filters in the URL, keyset pages by id, a
// Persian search over name and product, CSV; an agent sees their unit's clusters), the public
// directory (no people's data), and the cluster agent's home widget.

export const PAGE = 25;

export interface ClusterFilters {
  stage?: string;
  county?: string;
  sector?: string;
  q?: string;
}

const pick = (v: string | null, ok: (s: string) => boolean) => {
  const s = normalise(v ?? "").trim();
  return s && ok(s) ? s : undefined;
};
const isCode = (s: string) => /^[A-Za-z0-9_-]{1,20}$/.test(s);

export function filtersFrom(url: URL): ClusterFilters {
  const p = url.searchParams;
  return {
    stage: pick(p.get("stage"), (s) => (STAGES as readonly string[]).includes(s)),
    county: pick(p.get("county"), isCode),
    sector: pick(p.get("sector"), isCode),
    q: (p.get("q") ?? "").slice(0, 100) || undefined,
  };
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (m) => `\\${m}`);

function where(f: ClusterFilters, units: "all" | number[]) {
  const s = f.q ? searchForm(f.q) : "";
  return sql<SqlBool>`${sql.join(
    [
      sql`true`,
      ...(units === "all" ? [] : [sql`c.org_unit_id = ANY(${units.length ? units : [-1]}::int[])`]),
      ...(f.stage ? [sql`c.stage = ${f.stage}`] : []),
      ...(f.county ? [sql`c.county_codes @> ARRAY[${f.county}]::text[]`] : []),
      ...(f.sector ? [sql`c.sector_code = ${f.sector}`] : []),
      ...(s ? [sql`c.search_text LIKE ${`%${escapeLike(s)}%`}`] : []),
    ],
    sql` AND `,
  )}`;
}

function listPage(db: Database, f: ClusterFilters, units: "all" | number[], after: number | null, limit = PAGE) {
  let q = db
    .selectFrom("clusters as c")
    .innerJoin("org_units as o", "o.id", "c.org_unit_id")
    .select(["c.id", "c.name", "c.product", "c.stage", "c.stage_since", "c.county_codes", "c.sector_code", "c.firms_count", "c.jobs", "o.name_fa as unit_fa", "o.name_en as unit_en"])
    .where(where(f, units))
    .orderBy("c.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where("c.id", "<", after);
  return q.execute().then((rows) => ({ rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].id : null }));
}

/** Staff see every cluster; a cluster agent those of their units. */
export async function clusterList(actor: UserActor, f: ClusterFilters, after: number | null, locale: "fa" | "en") {
  await requireGrant(actor, "read:cluster", { entity: ENTITY });
  const db = await getDb();
  const units = scopeUnits(actor.user.roles, "read:cluster");
  const [page, counties, sectors] = await Promise.all([listPage(db, f, units, after), referenceOptions("counties", locale), referenceOptions("sectors", locale)]);
  return { ...page, rows: page.rows.map((r) => ({ ...r, stage_since: String(r.stage_since) })), counties, sectors, canCreate: grantLevel(actor.user.roles, "create:cluster") != null };
}

export const CSV_HEADER = ["id", "name", "product", "stage", "stage_since", "counties", "sector", "firms", "jobs", "unit"];

export async function clusterCsv(actor: UserActor, f: ClusterFilters) {
  await requireGrant(actor, "read:cluster", { entity: ENTITY });
  const db = await getDb();
  const units = scopeUnits(actor.user.roles, "read:cluster");
  return keysetRows((after: number | null) => listPage(db, f, units, after, 1000), (r) => [
    r.id, r.name, r.product, r.stage, String(r.stage_since), r.county_codes.join(" "), r.sector_code, r.firms_count, r.jobs, r.unit_fa,
  ]);
}

/** The public directory: every cluster (name, product, sector, counties, stage, firms, jobs). */
export async function clusterDirectory(f: ClusterFilters, after: number | null, locale: "fa" | "en") {
  const db = await getDb();
  let q = db
    .selectFrom("clusters as c")
    .select(["c.id", "c.name", "c.product", "c.stage", "c.county_codes", "c.sector_code", "c.firms_count", "c.jobs"])
    .where(where({ county: f.county, sector: f.sector, stage: f.stage, q: f.q }, "all"))
    .orderBy("c.id", "desc")
    .limit(PAGE + 1);
  if (after) q = q.where("c.id", "<", after);
  const [rows, counties, sectors] = await Promise.all([q.execute(), referenceOptions("counties", locale), referenceOptions("sectors", locale)]);
  return { rows: rows.slice(0, PAGE), next: rows.length > PAGE ? rows[PAGE - 1].id : null, counties, sectors };
}

/** The cluster agent's home: their clusters and the next joint-project dates. */
export async function clusterHome(actor: UserActor) {
  if (!hasRole(actor.user, "cluster_agent")) return null;
  const units = scopeUnits(actor.user.roles, "read:cluster");
  const db = await getDb();
  const today = todayTehran();
  const clusters = await db
    .selectFrom("clusters as c")
    .select(["c.id", "c.name", "c.stage", "c.firms_count",
      sql<string | null>`(SELECT min(d) FROM cluster_projects p, LATERAL (VALUES (CASE WHEN p.status = 'planned' THEN p.starts_on ELSE p.ends_on END)) v(d) WHERE p.cluster_id = c.id AND p.status IN ('planned', 'running') AND d >= ${today}::date)`.as("next_date")])
    .where(where({}, units))
    .orderBy("c.id", "desc")
    .limit(10)
    .execute();
  const next = await db
    .selectFrom("cluster_projects as p")
    .innerJoin("clusters as c", "c.id", "p.cluster_id")
    .select(["p.id", "p.title", "p.status", "p.starts_on", "p.ends_on", "c.id as cluster_id", "c.name as cluster"])
    .where(where({}, units))
    .where("p.status", "in", ["planned", "running"])
    .orderBy(sql`CASE WHEN p.status = 'planned' THEN p.starts_on ELSE coalesce(p.ends_on, p.starts_on) END`)
    .limit(5)
    .execute();
  return {
    clusters: clusters.map((c) => ({ ...c, next_date: c.next_date ? String(c.next_date) : null })),
    next: next.map((p) => ({ ...p, starts_on: String(p.starts_on), ends_on: p.ends_on ? String(p.ends_on) : null })),
  };
}
export type ClusterHomeData = Awaited<ReturnType<typeof clusterHome>>;
