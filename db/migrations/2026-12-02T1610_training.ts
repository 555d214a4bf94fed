import { type Kysely, sql } from "kysely";

// Skills training that leads to work (issue 16, module 8): providers (org units of kind "provider"
// with their type), courses (workflow draft -> open -> running -> finished | cancelled), enrolments
// (accepted up to capacity, a waiting list in arrival order, withdrawals that free the place for the
// first waiting), attendance and results, and the employment checks 3 and 6 months after completion.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("training_providers")
    .addColumn("org_unit_id", "integer", (c) => c.primaryKey().references("org_units.id"))
    .addColumn("provider_type", "text", (c) => c.notNull().check(sql`provider_type IN ('public_tvto','private_institute','university')`))
    .addColumn("phone", "text")
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("training_courses")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("provider_id", "integer", (c) => c.notNull().references("training_providers.org_unit_id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("occupation_code", "text", (c) => c.notNull().references("occupations.code"))
    .addColumn("skills", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("hours", "integer", (c) => c.notNull().check(sql`hours > 0`))
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode IN ('in_person','online','workshop')`))
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn("fee", "bigint", (c) => c.notNull().defaultTo(0).check(sql`fee >= 0`))
    .addColumn("priority_groups", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("min_education", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status IN ('draft','open','running','finished','cancelled')`))
    // Places taken (accepted enrolments) and the waiting list's length: kept by the enrolment service
    // under the course row's lock, so the list pages never count.
    .addColumn("accepted_count", "integer", (c) => c.notNull().defaultTo(0).check(sql`accepted_count >= 0`))
    .addColumn("waiting_count", "integer", (c) => c.notNull().defaultTo(0).check(sql`waiting_count >= 0`))
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("training_courses_dates", sql`ends_on >= starts_on`)
    .addCheckConstraint("training_courses_places", sql`accepted_count <= capacity`)
    .execute();
  for (const col of ["provider_id", "status", "county_code", "occupation_code"]) {
    await db.schema.createIndex(`training_courses_${col}_idx`).on("training_courses").columns([col, "id"]).execute();
  }

  await db.schema
    .createTable("training_enrolments")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("course_id", "integer", (c) => c.notNull().references("training_courses.id"))
    .addColumn("provider_id", "integer", (c) => c.notNull().references("training_providers.org_unit_id"))
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("national_id", "text", (c) => c.notNull())
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("gender", "text", (c) => c.notNull().check(sql`gender IN ('female','male')`))
    .addColumn("mobile", "text")
    .addColumn("priority_group", "text")
    // accepted (holds a place), waiting (the list, in arrival order = id), withdrawn.
    .addColumn("status", "text", (c) => c.notNull().check(sql`status IN ('accepted','waiting','withdrawn')`))
    .addColumn("was_accepted", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("attendance_pct", "smallint", (c) => c.check(sql`attendance_pct BETWEEN 0 AND 100`))
    .addColumn("sessions_attended", "smallint")
    .addColumn("sessions_total", "smallint")
    .addColumn("result", "text", (c) => c.check(sql`result IN ('passed','failed','dropped')`))
    .addColumn("certificate_no", "text")
    .addColumn("certificate_file_id", "uuid", (c) => c.references("files.id"))
    .addColumn("completed_on", "date")
    // A home or micro business its holder registered after passing (linked automatically).
    .addColumn("business_id", "integer", (c) => c.references("micro_businesses.id"))
    .addColumn("enrolled_by", "integer", (c) => c.references("users.id"))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One live enrolment per person and course.
  await sql`CREATE UNIQUE INDEX training_enrolments_person_key ON training_enrolments (course_id, national_id) WHERE status <> 'withdrawn'`.execute(db);
  await sql`CREATE UNIQUE INDEX training_enrolments_certificate_key ON training_enrolments (provider_id, certificate_no) WHERE certificate_no IS NOT NULL`.execute(db);
  await db.schema.createIndex("training_enrolments_course_idx").on("training_enrolments").columns(["course_id", "status", "id"]).execute();
  await db.schema.createIndex("training_enrolments_provider_idx").on("training_enrolments").columns(["provider_id", "id"]).execute();
  await db.schema.createIndex("training_enrolments_user_idx").on("training_enrolments").columns(["user_id", "id"]).execute();
  await db.schema.createIndex("training_enrolments_national_idx").on("training_enrolments").columns(["national_id", "result"]).execute();

  // Employment 3 and 6 months after a pass: made when the result is recorded, due on the provider's home.
  await db.schema
    .createTable("training_checks")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("enrolment_id", "integer", (c) => c.notNull().references("training_enrolments.id"))
    .addColumn("course_id", "integer", (c) => c.notNull().references("training_courses.id"))
    .addColumn("provider_id", "integer", (c) => c.notNull().references("training_providers.org_unit_id"))
    .addColumn("months", "smallint", (c) => c.notNull().check(sql`months IN (3, 6)`))
    .addColumn("due_on", "date", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.check(sql`outcome IN ('employed','self_employed','not_employed','unknown')`))
    .addColumn("wage", "bigint", (c) => c.check(sql`wage IS NULL OR wage > 0`))
    .addColumn("method", "text", (c) => c.check(sql`method IN ('phone','visit','self_report','portal')`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("checked_on", "date")
    .addColumn("checked_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX training_checks_key ON training_checks (enrolment_id, months)`.execute(db);
  await db.schema.createIndex("training_checks_course_idx").on("training_checks").columns(["course_id", "months"]).execute();
  await db.schema.createIndex("training_checks_provider_idx").on("training_checks").columns(["provider_id", "months"]).execute();
  await sql`CREATE INDEX training_checks_due_idx ON training_checks (provider_id, due_on, id) WHERE outcome IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("training_checks").ifExists().execute();
  await db.schema.dropTable("training_enrolments").ifExists().execute();
  await db.schema.dropTable("training_courses").ifExists().execute();
  await db.schema.dropTable("training_providers").ifExists().execute();
}
