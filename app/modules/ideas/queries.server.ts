import { sql } from "kysely";
import type { Database } from "~/lib/db.server";
import { now, todayTehran } from "~/i18n/clock";

export const QUEUE_PAGE = 25;

/** Calls with whether they accept submissions today (Tehran date). */
export function callsQuery(db: Database) {
  return db
    .selectFrom("calls")
    .selectAll()
    .select(
      sql<boolean>`status = 'open' AND (standing OR ((opens_on IS NULL OR opens_on <= ${todayTehran()}::date) AND (closes_on IS NULL OR closes_on >= ${todayTehran()}::date)))`.as("accepting"),
    );
}

export function criteriaOf(db: Database, callId: number) {
  return db.selectFrom("call_criteria").select(["id", "label", "weight", "position"]).where("call_id", "=", callId).orderBy("position").execute();
}

export function findIdea(db: Database, id: number) {
  return db
    .selectFrom("ideas as i")
    .innerJoin("users as u", "u.id", "i.owner_id")
    .innerJoin("calls as c", "c.id", "i.call_id")
    .selectAll("i")
    .select(["u.full_name as ownerName", "u.email as ownerEmail", "u.mobile as ownerMobile", "c.title as callTitle", "c.blind", "c.reviewers_per_idea"])
    .where("i.id", "=", id)
    .executeTakeFirst();
}

export function historyOf(db: Database, ideaId: number) {
  return db
    .selectFrom("idea_status_history as h")
    .leftJoin("users as u", "u.id", "h.actor_id")
    .select(["h.id", "h.at", "h.from_status", "h.to_status", "h.note", "h.private", "u.full_name as actorName"])
    .where("h.idea_id", "=", ideaId)
    .orderBy("h.id")
    .execute();
}

export function reviewsOf(db: Database, ideaId: number) {
  return db
    .selectFrom("idea_reviews as r")
    .innerJoin("users as u", "u.id", "r.reviewer_id")
    .selectAll("r")
    .select(["u.full_name as reviewerName", sql<boolean>`r.status = 'pending' AND r.due_at < ${now()}`.as("overdue")])
    .where("r.idea_id", "=", ideaId)
    .orderBy("r.id")
    .execute();
}

export function scoresOf(db: Database, reviewIds: number[]) {
  if (!reviewIds.length) return Promise.resolve([]);
  return db.selectFrom("idea_review_scores").selectAll().where("review_id", "in", reviewIds).execute();
}

export interface QueueFilters {
  status?: string;
  callId?: number;
  county?: string;
  sector?: string;
  stage?: string;
  reviewerId?: number;
  overdue?: boolean;
  q?: string; // already in searchForm()
  sort?: "new" | "old";
  after?: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The staff queue: submitted ideas (never drafts) with review counts and scores, keyset by id. */
export function queueQuery(db: Database, f: QueueFilters, limit = QUEUE_PAGE + 1) {
  const asc = f.sort === "old";
  let q = db
    .selectFrom("ideas as i")
    .innerJoin("calls as c", "c.id", "i.call_id")
    .select([
      "i.id", "i.title", "i.status", "i.call_id", "c.title as callTitle", "i.county_code", "i.sector_code", "i.stage",
      "i.expected_jobs", "i.funding_rials", "i.submitted_at", "i.accepted_path", "i.updated_at",
    ])
    // Each row's review figures in one pass over its reviews (one subplan, not five: the statement is
    // planned on every request, and five correlated subqueries cost more to plan than to run).
    .leftJoinLateral(
      (eb) => eb.selectFrom("idea_reviews as r").whereRef("r.idea_id", "=", "i.id").select([
        sql<number | null>`round(avg(r.weighted_score) FILTER (WHERE r.status = 'done'), 2)`.as("avgScore"),
        sql<number | null>`max(r.weighted_score) FILTER (WHERE r.status = 'done') - min(r.weighted_score) FILTER (WHERE r.status = 'done')`.as("spread"),
        sql<number>`(count(*) FILTER (WHERE r.status = 'done'))::int`.as("doneCount"),
        sql<number>`(count(*) FILTER (WHERE r.status = 'pending'))::int`.as("pendingCount"),
        sql<number>`(count(*) FILTER (WHERE r.status = 'pending' AND r.due_at < ${now()}))::int`.as("overdueCount"),
      ]).as("rv"),
      (join) => join.onTrue(),
    )
    .select(["rv.avgScore", "rv.spread", "rv.doneCount", "rv.pendingCount", "rv.overdueCount"])
    .where("i.status", "<>", "draft")
    .orderBy("i.id", asc ? "asc" : "desc")
    .limit(limit);
  if (f.status) q = q.where("i.status", "=", f.status);
  if (f.callId) q = q.where("i.call_id", "=", f.callId);
  if (f.county) q = q.where("i.county_code", "=", f.county);
  if (f.sector) q = q.where("i.sector_code", "=", f.sector);
  if (f.stage) q = q.where("i.stage", "=", f.stage);
  if (f.reviewerId) {
    const rid = f.reviewerId;
    q = q.where((eb) => eb.exists(eb.selectFrom("idea_reviews as r").select("r.id").whereRef("r.idea_id", "=", "i.id").where("r.reviewer_id", "=", rid)));
  }
  if (f.overdue) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("idea_reviews as r").select("r.id").whereRef("r.idea_id", "=", "i.id").where("r.status", "=", "pending").where("r.due_at", "<", now())),
    );
  }
  if (f.q) q = q.where(sql<boolean>`i.search_text LIKE ${"%" + likeEscape(f.q) + "%"}`);
  if (f.after) q = q.where("i.id", asc ? ">" : "<", f.after);
  return q;
}

/**
 * The reviewer filter's choices: the enabled mentors (whom the filter offered before) who hold at least
 * one review, by name. The filter keeps ideas one of whose reviews is theirs, so any other mentor would
 * only ever give an empty list. One index probe (idea_reviews_reviewer_idx) per mentor: ~2 ms at 300,000
 * reviews, where a DISTINCT over the reviews read them all (~320 ms).
 */
export function reviewerOptions(db: Database) {
  return db
    .selectFrom("role_assignments as ra")
    .innerJoin("users as u", "u.id", "ra.user_id")
    .select(["u.id", "u.full_name"])
    .distinct()
    .where("ra.role", "=", "mentor")
    .where("u.disabled_at", "is", null)
    .where((eb) => eb.exists(eb.selectFrom("idea_reviews as r").select("r.id").whereRef("r.reviewer_id", "=", "u.id")))
    .orderBy("u.full_name")
    .orderBy("u.id")
    .execute();
}

export function mentors(db: Database) {
  return db
    .selectFrom("role_assignments as ra")
    .innerJoin("users as u", "u.id", "ra.user_id")
    .leftJoin("org_units as o", "o.id", "ra.org_unit_id")
    .select(["u.id", "u.full_name", "o.name_fa as unitFa", "o.name_en as unitEn"])
    .where("ra.role", "=", "mentor")
    .where("u.disabled_at", "is", null)
    .distinctOn("u.id")
    .orderBy("u.id")
    .execute();
}

/** Names of the sectors and counties calls list (inactive entries too: a call keeps its names). */
export async function scopeNames(db: Database, sectorCodes: string[], countyCodes: string[]) {
  const [sectors, counties] = await Promise.all([
    sectorCodes.length ? db.selectFrom("sectors").select(["code", "name_fa", "name_en"]).where("code", "in", sectorCodes).orderBy("sort_order").orderBy("name_fa").execute() : [],
    countyCodes.length ? db.selectFrom("counties").select(["code", "name_fa", "name_en"]).where("code", "in", countyCodes).orderBy("sort_order").orderBy("name_fa").execute() : [],
  ]);
  return { sectors, counties };
}
