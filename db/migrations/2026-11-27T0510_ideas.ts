import { type Kysely, sql } from "kysely";

// Ideas and calls (issue 4): calls with rubric criteria, ideas, their status history,
// review assignments and per-criterion scores.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await db.schema
    .createTable("calls")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("theme", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sector_codes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("county_codes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("opens_on", "date")
    .addColumn("closes_on", "date")
    .addColumn("standing", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("reviewers_per_idea", "integer", (c) => c.notNull().defaultTo(2).check(sql`reviewers_per_idea BETWEEN 1 AND 10`))
    .addColumn("review_due_days", "integer", (c) => c.notNull().defaultTo(7).check(sql`review_due_days BETWEEN 1 AND 90`))
    .addColumn("blind", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status IN ('draft','open','closed')`))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("calls_dates_chk", sql`standing OR closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on`)
    .execute();
  await db.schema.createIndex("calls_status_idx").on("calls").columns(["status", "id"]).execute();

  // Rubric: criteria with weights, editable until the call's first submitted review.
  await db.schema
    .createTable("call_criteria")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("call_id", "integer", (c) => c.notNull().references("calls.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull().defaultTo(1).check(sql`weight BETWEEN 1 AND 100`))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("call_criteria_call_idx").on("call_criteria").columns(["call_id", "position"]).execute();

  await db.schema
    .createTable("ideas")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("call_id", "integer", (c) => c.notNull().references("calls.id"))
    .addColumn("owner_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("problem", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("solution", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("market", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sector_code", "text", (c) => c.references("sectors.code"))
    .addColumn("county_code", "text", (c) => c.references("counties.code"))
    .addColumn("stage", "text", (c) => c.check(sql`stage IN ('idea','prototype','mvp','revenue')`))
    .addColumn("knowledge_based", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("expected_jobs", "integer", (c) => c.check(sql`expected_jobs BETWEEN 0 AND 100000`))
    .addColumn("funding_rials", "bigint", (c) => c.check(sql`funding_rials >= 0`))
    .addColumn("team", "text", (c) => c.notNull().defaultTo(""))
    // own | chair (origin_ref = org unit id of the university chair; a chairs module comes later) | cooperative
    .addColumn("origin_kind", "text", (c) => c.notNull().defaultTo("own").check(sql`origin_kind IN ('own','chair','cooperative')`))
    .addColumn("origin_ref", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status IN ('draft','submitted','screening','in_review','needs_revision','resubmitted','accepted','rejected')`),
    )
    .addColumn("accepted_path", "text", (c) => c.check(sql`accepted_path IN ('acceleration','consulting','cooperative')`))
    .addColumn("decision_reason", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("idempotency_key", "text", (c) => c.unique())
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("ideas_accepted_path_chk", sql`(status = 'accepted') = (accepted_path IS NOT NULL)`)
    .execute();
  // Keyset sort is (id desc); every filter leads with its column then id.
  await db.schema.createIndex("ideas_status_idx").on("ideas").columns(["status", "id"]).execute();
  await db.schema.createIndex("ideas_call_idx").on("ideas").columns(["call_id", "id"]).execute();
  await db.schema.createIndex("ideas_county_idx").on("ideas").columns(["county_code", "id"]).execute();
  await db.schema.createIndex("ideas_sector_idx").on("ideas").columns(["sector_code", "id"]).execute();
  await db.schema.createIndex("ideas_stage_idx").on("ideas").columns(["stage", "id"]).execute();
  await db.schema.createIndex("ideas_owner_idx").on("ideas").columns(["owner_id", "id"]).execute();
  await db.schema.createIndex("ideas_accepted_path_idx").on("ideas").columns(["accepted_path", "id"]).where(sql.ref("accepted_path"), "is not", null).execute();
  await sql`CREATE INDEX ideas_search_idx ON ideas USING gin (search_text gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable("idea_status_history")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "integer", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("private", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex("idea_status_history_idea_idx").on("idea_status_history").columns(["idea_id", "id"]).execute();

  // Review assignments: one row per (idea, reviewer); scores live in idea_review_scores.
  await db.schema
    .createTable("idea_reviews")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("idea_id", "integer", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("reviewer_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_by", "integer", (c) => c.references("users.id"))
    .addColumn("assigned_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status IN ('pending','recused','done')`))
    .addColumn("no_conflict_at", "timestamptz")
    .addColumn("recusal_reason", "text")
    .addColumn("comments", "text")
    .addColumn("private_notes", "text")
    .addColumn("recommendation", "text", (c) => c.check(sql`recommendation IN ('accept','revise','reject')`))
    .addColumn("weighted_score", sql`numeric(6,3)`)
    .addColumn("submitted_at", "timestamptz")
    .addColumn("overdue_notified_at", "timestamptz")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("idea_reviews_recusal_chk", sql`status <> 'recused' OR recusal_reason IS NOT NULL`)
    .execute();
  await db.schema.createIndex("idea_reviews_unique").on("idea_reviews").columns(["idea_id", "reviewer_id"]).unique().execute();
  await db.schema.createIndex("idea_reviews_reviewer_idx").on("idea_reviews").columns(["reviewer_id", "status", "due_at"]).execute();
  await db.schema
    .createIndex("idea_reviews_overdue_idx")
    .on("idea_reviews")
    .columns(["due_at", "idea_id"])
    .where(sql.ref("status"), "=", "pending")
    .execute();

  await db.schema
    .createTable("idea_review_scores")
    .addColumn("review_id", "integer", (c) => c.notNull().references("idea_reviews.id").onDelete("cascade"))
    .addColumn("criterion_id", "integer", (c) => c.notNull().references("call_criteria.id"))
    // NULL = n/a (left out of the weighted average)
    .addColumn("score", "smallint", (c) => c.check(sql`score BETWEEN 0 AND 5`))
    .addPrimaryKeyConstraint("idea_review_scores_pk", ["review_id", "criterion_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["idea_review_scores", "idea_reviews", "idea_status_history", "ideas", "call_criteria", "calls"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
