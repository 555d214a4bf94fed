import { sql, type SqlBool } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { keysetRows } from "~/lib/csv.server";
import { requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { grantLevel } from "~/modules/accounts/roles";
import { referenceOptions } from "~/modules/reference/service.server";
import { nowMs } from "~/i18n/clock";
import { searchForm, normalise } from "~/i18n/normalise";
import { ENTITY } from "./access.server";
import { COOP_TYPES } from "./rules";
import { COOP_STATUSES, IN_QUEUE } from "./workflow";

// Lists of the cooperatives module: the staff queue (filters in the URL, keyset pages by id, a
// Persian search over the names, CSV), "my cooperatives" (as applicant or member), the public
// directory of active cooperatives (no national IDs, mobiles or shares), and the home widgets.

export const PAGE = 25;
/** An application waiting in review longer than this is overdue. */
export const REVIEW_DAYS = 14;

export interface QueueFilters {
  status?: string;
  type?: string;
  county?: string;
  sector?: string;
  waiting?: boolean;
  overdue?: boolean;
  q?: string;
}

const pick = (v: string | null, ok: (s: string) => boolean) => {
  const s = normalise(v ?? "").trim();
  return s && ok(s) ? s : undefined;
};
const isCode = (s: string) => /^[A-Za-z0-9_-]{1,20}$/.test(s);

export function filtersFrom(url: URL): QueueFilters {
  const p = url.searchParams;
  return {
    status: pick(p.get("status"), (s) => (COOP_STATUSES as readonly string[]).includes(s)),
    type: pick(p.get("type"), (s) => (COOP_TYPES as readonly string[]).includes(s)),
    county: pick(p.get("county"), isCode),
    sector: pick(p.get("sector"), isCode),
    waiting: p.get("waiting") === "1",
    overdue: p.get("overdue") === "1",
    q: (p.get("q") ?? "").slice(0, 100) || undefined,
  };
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (m) => `\\${m}`);

function queueWhere(f: QueueFilters) {
  return sql<SqlBool>`${sql.join(
    [
      sql`true`,
      f.status ? sql`c.status = ${f.status}` : sql`c.status <> 'draft'`,
      ...(f.type ? [sql`c.type_code = ${f.type}`] : []),
      ...(f.county ? [sql`c.county_code = ${f.county}`] : []),
      ...(f.sector ? [sql`c.sector_code = ${f.sector}`] : []),
      ...(f.waiting ? [sql`c.status = 'members_confirming'`] : []),
      ...(f.overdue ? [sql`c.status IN ('submitted', 'under_review') AND c.status_changed_at < ${new Date(nowMs() - REVIEW_DAYS * 86_400_000)}`] : []),
      ...(f.q && searchForm(f.q) ? [sql`c.search_text LIKE ${`%${escapeLike(searchForm(f.q))}%`}`] : []),
    ],
    sql` AND `,
  )}`;
}

function queuePage(db: Database, f: QueueFilters, after: number | null, limit = PAGE) {
  let q = db
    .selectFrom("cooperatives as c")
    .innerJoin("users as u", "u.id", "c.applicant_id")
    .select(["c.id", "c.name1", "c.status", "c.type_code", "c.county_code", "c.sector_code", "c.members_count", "c.status_changed_at", "c.registration_no", "u.full_name as applicant"])
    .where(queueWhere(f))
    .orderBy("c.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where("c.id", "<", after);
  return q.execute().then((rows) => ({ rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].id : null }));
}

/** The staff queue (every status but draft unless a status is chosen). */
export async function queue(actor: UserActor, f: QueueFilters, after: number | null, locale: "fa" | "en") {
  await requirePermission(actor, "decide:cooperative");
  const db = await getDb();
  const [page, counties, sectors] = await Promise.all([queuePage(db, f, after), referenceOptions("counties", locale), referenceOptions("sectors", locale)]);
  // Only the columns the table shows (the CSV has the rest); the time as ISO, not Date's long toString().
  const rows = page.rows.map((r) => ({
    id: r.id, name1: r.name1, applicant: r.applicant, status: r.status, type_code: r.type_code, county_code: r.county_code, members_count: r.members_count,
    status_changed_at: new Date(r.status_changed_at as unknown as string).toISOString(),
  }));
  return { next: page.next, rows, counties, sectors };
}

export const CSV_HEADER = ["id", "name", "status", "type", "county", "sector", "members", "applicant", "registration_no", "status_changed_at"];

export async function queueCsv(actor: UserActor, f: QueueFilters) {
  await requirePermission(actor, "decide:cooperative");
  const db = await getDb();
  return keysetRows((after: number | null) => queuePage(db, f, after, 1000), (r) => [
    r.id, r.name1, r.status, r.type_code, r.county_code, r.sector_code, r.members_count, r.applicant, r.registration_no, new Date(r.status_changed_at as unknown as string).toISOString(),
  ]);
}

/** Applications the actor made or is listed on (any status). */
export async function mine(actor: UserActor) {
  const level = await requireGrant(actor, "read:cooperative", { entity: ENTITY });
  const db = await getDb();
  const nid = (await db.selectFrom("users").select("national_id").where("id", "=", actor.user.id).executeTakeFirst())?.national_id ?? null;
  const rows = await db
    .selectFrom("cooperatives as c")
    .select(["c.id", "c.name1", "c.status", "c.members_count", "c.applicant_id"])
    .where((eb) => eb.or([
      eb("c.applicant_id", "=", actor.user.id),
      eb.exists(eb.selectFrom("cooperative_members as m").select("m.id").whereRef("m.cooperative_id", "=", "c.id").where("m.status", "not in", ["removed"])
        .where((e2) => (nid ? e2.or([e2("m.user_id", "=", actor.user.id), e2("m.national_id", "=", nid)]) : e2("m.user_id", "=", actor.user.id)))),
    ]))
    .orderBy("c.id", "desc")
    .limit(200)
    .execute();
  return { rows: rows.map((r) => ({ ...r, asApplicant: r.applicant_id === actor.user.id })), canCreate: grantLevel(actor.user.roles, "create:cooperative") != null, staff: level === "any" };
}

/** The public directory: active cooperatives, without IDs, mobiles or shares. */
export async function directory(f: { q?: string; county?: string; type?: string }, after: number | null, locale: "fa" | "en") {
  const db = await getDb();
  let q = db
    .selectFrom("cooperatives as c")
    .select(["c.id", "c.name1", "c.type_code", "c.activity", "c.county_code", "c.members_count", sql<number>`c.jobs_members + c.jobs_hires`.as("jobs")])
    .where("c.status", "=", "active")
    .orderBy("c.id", "desc")
    .limit(PAGE + 1);
  if (f.county) q = q.where("c.county_code", "=", f.county);
  if (f.type) q = q.where("c.type_code", "=", f.type);
  const s = f.q ? searchForm(f.q) : "";
  if (s) q = q.where(sql<SqlBool>`c.search_text LIKE ${`%${escapeLike(s)}%`}`);
  if (after) q = q.where("c.id", "<", after);
  const [rows, counties] = await Promise.all([q.execute(), referenceOptions("counties", locale)]);
  return { rows: rows.slice(0, PAGE), next: rows.length > PAGE ? rows[PAGE - 1].id : null, counties };
}

// The staff widget's figures (a count over the queue): kept a minute and dropped by any audited change
// of a cooperative, on every instance through the cache bus (decision 0014). The age is worked out per request.
const waitingCount = memo(ENTITY, 60_000, async (_all: "all") => (await getDb())
  .selectFrom("cooperatives")
  .select([sql<number>`count(*)::int`.as("waiting"), sql<string | null>`min(status_changed_at)`.as("oldest")])
  .where("status", "in", IN_QUEUE)
  .executeTakeFirstOrThrow());

/** Home widgets: staff see the applications waiting and the oldest one's age in days. */
export async function coopHome(actor: UserActor) {
  if (grantLevel(actor.user.roles, "decide:cooperative") === "any") {
    const r = await waitingCount.get("all");
    const oldestDays = r.oldest ? Math.floor((nowMs() - new Date(r.oldest).getTime()) / 86_400_000) : null;
    return { staff: true as const, waiting: r.waiting, oldestDays, mine: [] as { id: number; name1: string; status: string }[] };
  }
  if (!grantLevel(actor.user.roles, "read:cooperative")) return null;
  const { rows } = await mine(actor);
  if (!rows.length) return null;
  return { staff: false as const, waiting: 0, oldestDays: null, mine: rows.slice(0, 5).map((r) => ({ id: r.id, name1: r.name1, status: r.status })) };
}
export type CoopHomeData = Awaited<ReturnType<typeof coopHome>>;
