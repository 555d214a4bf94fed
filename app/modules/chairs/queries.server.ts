import { sql } from "kysely";
import type { Database } from "~/lib/db.server";
import { jalaliYearRange } from "~/i18n/format";
import { EMPTY_COUNTS, type ChairCounts } from "./measures";

// Kysely queries of the chairs module. First argument is `db` or `trx`.
//
// Two reads here touch tables of modules that had no service for them yet (decision 0013):
//  - ideas naming a chair: ideas.origin_kind = 'chair' AND ideas.origin_ref = chairs.id::text
//    (read only; the ideas module owns the table);
//  - jobs: enterprises linked to those ideas by a verified report's source (source_module 'ideas',
//    source_id = the idea id); their jobs are the ledger's counted figures (employment_counted, the
//    rollup of rules.ts pickCounted), never recounted here.
//    Each enterprise is attributed to one chair only (the one of its first linked report), so a
//    university's or the province's sum never counts an enterprise twice.

export const chairColumns = [
  "chairs.id", "chairs.university_id", "chairs.title", "chairs.field", "chairs.holder_name", "chairs.holder_rank",
  "chairs.holder_email", "chairs.holder_phone", "chairs.established_on", "chairs.status", "chairs.version",
  "chairs.created_at", "chairs.updated_at",
] as const;

export function findChair(db: Database, id: number) {
  return db
    .selectFrom("chairs")
    .innerJoin("org_units as u", "u.id", "chairs.university_id")
    .select([...chairColumns, "u.name_fa as university_fa", "u.name_en as university_en", "u.code as university_code"])
    .where("chairs.id", "=", id)
    .executeTakeFirst();
}

export function listChairs(db: Database, opts: { universityIds?: number[] | null; status?: string | null }) {
  let q = db
    .selectFrom("chairs")
    .innerJoin("org_units as u", "u.id", "chairs.university_id")
    .select([...chairColumns, "u.name_fa as university_fa", "u.name_en as university_en"]);
  if (opts.universityIds) q = q.where("chairs.university_id", "in", opts.universityIds.length ? opts.universityIds : [-1]);
  if (opts.status) q = q.where("chairs.status", "=", opts.status);
  return q.orderBy("u.name_fa").orderBy("chairs.title").orderBy("chairs.id").limit(1000).execute();
}

export function universities(db: Database, ids?: number[]) {
  let q = db.selectFrom("org_units").select(["id", "code", "name_fa", "name_en"]).where("kind", "=", "university").where("active", "=", true);
  if (ids) q = q.where("id", "in", ids.length ? ids : [-1]);
  return q.orderBy("name_fa").execute();
}

export function planFor(db: Database, chairId: number, year: number) {
  return db.selectFrom("chair_plans").selectAll().where("chair_id", "=", chairId).where("jalali_year", "=", year).executeTakeFirst();
}

export function activitiesOf(db: Database, chairId: number, year: number, limit = 500) {
  return db
    .selectFrom("chair_activities")
    .select(["id", "kind", "title", "held_on", "hours", "participants", "women", "partners", "evidence_file_ids", "external_ref"])
    .where("chair_id", "=", chairId)
    .where("jalali_year", "=", year)
    .orderBy("held_on", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** A chair's activities of a year summed per kind (the printable report's activity table). */
export function activitiesByKind(db: Database, chairId: number, year: number) {
  return db
    .selectFrom("chair_activities")
    .select(["kind", sql<number>`count(*)::int`.as("count"), sql<number>`coalesce(sum(hours), 0)::float8`.as("hours"),
      sql<number>`coalesce(sum(participants), 0)::int`.as("participants"), sql<number>`coalesce(sum(women), 0)::int`.as("women")])
    .where("chair_id", "=", chairId)
    .where("jalali_year", "=", year)
    .groupBy("kind")
    .orderBy("kind")
    .execute();
}

/** Names of evidence files (by primary key) for the activities shown on a chair page. */
export function evidenceFiles(db: Database, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom("files").select(["id", "original_name"]).where("id", "in", ids).execute();
}

/** Does an activity of this chair list this file as evidence? */
export function activityWithEvidence(db: Database, chairId: number, fileId: string) {
  return db
    .selectFrom("chair_activities")
    .select("id")
    .where("chair_id", "=", chairId)
    .where(sql<boolean>`evidence_file_ids @> ARRAY[${fileId}]::uuid[]`)
    .executeTakeFirst();
}

export function commentsOf(db: Database, chairId: number) {
  return db
    .selectFrom("chair_comments")
    .innerJoin("users", "users.id", "chair_comments.author_id")
    .select(["chair_comments.id", "chair_comments.body", "chair_comments.created_at", "users.full_name as author"])
    .where("chair_id", "=", chairId)
    .orderBy("chair_comments.id", "desc")
    .limit(200)
    .execute();
}

/** Tehran-time bounds of a Jalali year as timestamptz SQL expressions. */
function yearBounds(year: number) {
  const { start, end } = jalaliYearRange(year);
  return {
    from: sql`(${start}::date::timestamp AT TIME ZONE 'Asia/Tehran')`,
    to: sql`((${end}::date + 1)::timestamp AT TIME ZONE 'Asia/Tehran')`,
  };
}

/** Ideas naming the chair (read only, newest first, keyset by id), with whether an enterprise reported jobs for it. */
export function ideasOfChair(db: Database, chairId: number, opts: { after?: number | null; limit?: number } = {}) {
  let q = db
    .selectFrom("ideas")
    .select((eb) => [
      "ideas.id", "ideas.title", "ideas.status", "ideas.accepted_path", "ideas.submitted_at",
      eb
        .exists(
          eb.selectFrom("employment_reports as r")
            .select(sql`1`.as("one"))
            .where("r.source_module", "=", "ideas")
            .whereRef("r.source_id", "=", sql<string>`ideas.id::text`)
            .where("r.status", "=", "verified"),
        )
        .as("enterprise"),
    ])
    .where("ideas.origin_kind", "=", "chair")
    .where("ideas.origin_ref", "=", String(chairId))
    .where("ideas.status", "<>", "draft");
  if (opts.after) q = q.where("ideas.id", "<", opts.after);
  return q.orderBy("ideas.id", "desc").limit(opts.limit ?? 50).execute();
}

interface CountRow {
  chair: string;
  n: string | number;
  [k: string]: unknown;
}

/**
 * The measures of chairs for a Jalali year (all chairs when `chairIds` is null), one query per
 * source: activities, ideas, and the employment ledger's counted reports.
 */
export async function countsFor(db: Database, year: number, chairIds: number[] | null): Promise<Map<number, ChairCounts>> {
  const out = new Map<number, ChairCounts>();
  const get = (id: number) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = { ...EMPTY_COUNTS }));
    return c;
  };
  if (chairIds && chairIds.length === 0) return out;
  const ids = chairIds ? sql`AND chair_id = ANY(${chairIds}::int[])` : sql``;
  const refs = chairIds ? sql`AND origin_ref = ANY(${chairIds.map(String)}::text[])` : sql``;
  const { from, to } = yearBounds(year);
  // Enterprises reached through the asked chairs' ideas (index on the report's source for a few
  // chairs; for all chairs, the 'ideas' reports joined to ideas by primary key).
  const candidates = chairIds
    ? sql`SELECT DISTINCT r.enterprise_id FROM ideas i
          JOIN employment_reports r ON r.source_module = 'ideas' AND r.source_id = i.id::text
          WHERE i.origin_kind = 'chair' AND i.origin_ref = ANY(${chairIds.map(String)}::text[]) AND r.status = 'verified'`
    : sql`SELECT DISTINCT r.enterprise_id FROM employment_reports r
          JOIN ideas i ON i.id = (CASE WHEN r.source_id ~ '^[0-9]{1,9}$' THEN r.source_id::int END)
          WHERE r.source_module = 'ideas' AND r.status = 'verified' AND i.origin_kind = 'chair'`;
  const chairFilter = chairIds ? sql`WHERE chair = ANY(${chairIds.map(String)}::text[])` : sql``;

  const [acts, ideas, jobs] = await Promise.all([
    sql<CountRow>`
      SELECT chair_id::text AS chair, count(*) AS n, coalesce(sum(hours), 0) AS hours,
             coalesce(sum(participants), 0) AS participants, coalesce(sum(women), 0) AS women
      FROM chair_activities WHERE jalali_year = ${year} ${ids} GROUP BY chair_id`.execute(db),
    sql<CountRow>`
      SELECT origin_ref AS chair, count(*) AS n,
             count(*) FILTER (WHERE status = 'accepted') AS accepted,
             count(*) FILTER (WHERE accepted_path = 'acceleration') AS accelerated
      FROM ideas
      WHERE origin_kind = 'chair' ${refs} AND submitted_at >= ${from} AND submitted_at < ${to}
      GROUP BY origin_ref`.execute(db),
    sql<CountRow>`
      WITH cand AS (${candidates}),
      links AS (
        -- Attribution over ALL chairs: an enterprise belongs to the chair of its first verified report
        -- sourced from a chair's idea, whatever chairs are asked for.
        -- (The idea is looked up by primary key per report: a join let the planner hash all ideas.)
        SELECT DISTINCT ON (x.enterprise_id) x.enterprise_id, x.chair
        FROM (
          SELECT r.enterprise_id, r.id,
                 (SELECT i.origin_ref FROM ideas i
                  WHERE i.id = (CASE WHEN r.source_id ~ '^[0-9]{1,9}$' THEN r.source_id::int END) AND i.origin_kind = 'chair') AS chair
          FROM employment_reports r
          WHERE r.enterprise_id IN (SELECT enterprise_id FROM cand) AND r.source_module = 'ideas' AND r.status = 'verified'
        ) x
        WHERE x.chair IS NOT NULL
        ORDER BY x.enterprise_id, x.id
      ), counted AS (
        -- The ledger's counted figure of each enterprise for the year (its employment_counted rollup,
        -- kept by the employment module with every decision, supersession and merge): never a second
        -- copy of the counting rule here.
        SELECT c.enterprise_id, c.jobs_created
        FROM employment_counted c
        WHERE c.enterprise_id IN (SELECT enterprise_id FROM links ${chairFilter}) AND c.jalali_year = ${year}
      )
      SELECT l.chair, count(*) AS n, coalesce(sum(c.jobs_created), 0) AS jobs
      FROM links l JOIN counted c ON c.enterprise_id = l.enterprise_id
      ${chairFilter}
      GROUP BY l.chair`.execute(db),
  ]);
  for (const r of acts.rows) {
    const c = get(Number(r.chair));
    c.activities = Number(r.n);
    c.hours = Number(r.hours);
    c.participants = Number(r.participants);
    c.women = Number(r.women);
  }
  for (const r of ideas.rows) {
    const id = Number(r.chair);
    if (!Number.isInteger(id)) continue;
    const c = get(id);
    c.ideasSubmitted = Number(r.n);
    c.ideasAccepted = Number(r.accepted);
    c.ideasAccelerated = Number(r.accelerated);
  }
  for (const r of jobs.rows) {
    const id = Number(r.chair);
    if (!Number.isInteger(id)) continue;
    const c = get(id);
    c.startups = Number(r.n);
    c.jobs = Math.round(Number(r.jobs) * 100) / 100;
  }
  return out;
}

/**
 * The chair manager's home: their universities' chairs with the year's activities and
 * participants against the plan, in one grouped query (index chair_activities_chair_year_idx).
 */
export async function homeChairs(db: Database, universityIds: number[], year: number, limit = 50) {
  if (!universityIds.length) return [];
  const r = await sql<{
    id: number; title: string; status: string; university_id: number; university_fa: string; university_en: string;
    goal_activities: number | null; goal_participants: number | null; activities: number; participants: number;
  }>`
    SELECT c.id, c.title, c.status, c.university_id, u.name_fa AS university_fa, u.name_en AS university_en,
           p.goal_activities, p.goal_participants,
           coalesce(a.n, 0)::int AS activities, coalesce(a.participants, 0)::int AS participants
    FROM chairs c
    JOIN org_units u ON u.id = c.university_id
    LEFT JOIN chair_plans p ON p.chair_id = c.id AND p.jalali_year = ${year}
    LEFT JOIN LATERAL (
      SELECT count(*) AS n, sum(x.participants) AS participants
      FROM chair_activities x WHERE x.chair_id = c.id AND x.jalali_year = ${year}
    ) a ON true
    WHERE c.university_id = ANY(${universityIds}::int[])
    ORDER BY (c.status = 'active') DESC, c.title, c.id
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Active chairs for the idea form's origin select. */
export function activeChairs(db: Database) {
  return db
    .selectFrom("chairs")
    .innerJoin("org_units as u", "u.id", "chairs.university_id")
    .select(["chairs.id", "chairs.title", "u.name_fa as university_fa", "u.name_en as university_en"])
    .where("chairs.status", "=", "active")
    .orderBy("u.name_fa")
    .orderBy("chairs.title")
    .execute();
}

/** Upcoming activities of active chairs (public page): date from today on. */
export function upcomingActivities(db: Database, fromIso: string, limit = 200) {
  return db
    .selectFrom("chair_activities as a")
    .innerJoin("chairs", "chairs.id", "a.chair_id")
    .select(["a.id", "a.chair_id", "a.kind", "a.title", "a.held_on", "a.hours"])
    .where("chairs.status", "=", "active")
    .where("a.held_on", ">=", fromIso)
    .orderBy("a.held_on")
    .orderBy("a.id")
    .limit(limit)
    .execute();
}
