import { type Kysely, sql } from "kysely";

// University entrepreneurship chairs (issue 6): chairs held by a university org unit, their
// yearly plans, activities (with an idempotent import key) and staff comments.
// Ideas name a chair with ideas.origin_kind = 'chair' and ideas.origin_ref = chairs.id (as text).
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("chairs")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("university_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("holder_name", "text", (c) => c.notNull())
    .addColumn("holder_rank", "text", (c) =>
      c.notNull().check(sql`holder_rank IN ('instructor','assistant_professor','associate_professor','professor')`),
    )
    .addColumn("holder_email", "text")
    .addColumn("holder_phone", "text")
    .addColumn("established_on", "date")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("proposed").check(sql`status IN ('proposed','active','suspended','closed')`))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("chairs_university_idx").on("chairs").columns(["university_id", "id"]).execute();
  await db.schema.createIndex("chairs_status_idx").on("chairs").columns(["status", "university_id"]).execute();

  await db.schema
    .createTable("chair_plans")
    .addColumn("chair_id", "integer", (c) => c.notNull().references("chairs.id").onDelete("cascade"))
    .addColumn("jalali_year", "smallint", (c) => c.notNull().check(sql`jalali_year BETWEEN 1390 AND 1500`))
    .addColumn("goal_activities", "integer", (c) => c.notNull().defaultTo(0).check(sql`goal_activities >= 0`))
    .addColumn("goal_participants", "integer", (c) => c.notNull().defaultTo(0).check(sql`goal_participants >= 0`))
    .addColumn("goal_ideas", "integer", (c) => c.notNull().defaultTo(0).check(sql`goal_ideas >= 0`))
    .addColumn("goal_startups", "integer", (c) => c.notNull().defaultTo(0).check(sql`goal_startups >= 0`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("chair_plans_pk", ["chair_id", "jalali_year"])
    .execute();

  await db.schema
    .createTable("chair_activities")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("chair_id", "integer", (c) => c.notNull().references("chairs.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('course','workshop','bootcamp','competition','mentoring')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("held_on", "date", (c) => c.notNull())
    .addColumn("jalali_year", "smallint", (c) => c.notNull())
    .addColumn("hours", sql`numeric(6,1)`, (c) => c.notNull().defaultTo(0).check(sql`hours >= 0 AND hours <= 2000`))
    .addColumn("participants", "integer", (c) => c.notNull().defaultTo(0).check(sql`participants >= 0`))
    .addColumn("women", "integer", (c) => c.notNull().defaultTo(0).check(sql`women >= 0`))
    .addColumn("partners", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evidence_file_ids", sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    // Idempotent import: the same external reference within a chair is the same activity.
    .addColumn("external_ref", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("chair_activities_women_chk", sql`women <= participants`)
    .execute();
  // Duplicates refused: one activity per chair, kind, date and title.
  await sql`CREATE UNIQUE INDEX chair_activities_dedupe ON chair_activities (chair_id, kind, held_on, lower(title))`.execute(db);
  await db.schema
    .createIndex("chair_activities_external_ref")
    .on("chair_activities")
    .columns(["chair_id", "external_ref"])
    .unique()
    .where(sql.ref("external_ref"), "is not", null)
    .execute();
  await db.schema.createIndex("chair_activities_chair_year_idx").on("chair_activities").columns(["chair_id", "jalali_year", "held_on"]).execute();
  await db.schema.createIndex("chair_activities_held_on_idx").on("chair_activities").columns(["held_on", "chair_id"]).execute();

  await db.schema
    .createTable("chair_comments")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("chair_id", "integer", (c) => c.notNull().references("chairs.id").onDelete("cascade"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("chair_comments_chair_idx").on("chair_comments").columns(["chair_id", "id"]).execute();

  // Chair pages look up ideas by their origin (origin_kind = 'chair', origin_ref = chair id).
  // Covering, so the chair page and the ranking count ideas with an index-only scan.
  await sql`CREATE INDEX IF NOT EXISTS ideas_origin_chair_idx ON ideas (origin_ref, submitted_at) INCLUDE (status, accepted_path, id) WHERE origin_kind = 'chair'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS ideas_origin_chair_idx`.execute(db);
  for (const t of ["chair_comments", "chair_activities", "chair_plans", "chairs"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
