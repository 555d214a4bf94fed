import { type Kysely, sql } from "kysely";

// Job seekers, counselling, vacancies, referrals, placements and retention checks (issue 15, module 7).
// Decisions 0025 (counsellors, privacy) and 0026 (vacancies, matching, placements).
// Frozen in time: never import app code here.

const EDUCATION = "('none','primary','secondary','diploma','associate','bachelor','master','doctorate')";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_seekers")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    // The person's account once they registered themselves or claimed the profile (national ID + mobile).
    .addColumn("user_id", "integer", (c) => c.references("users.id").unique())
    .addColumn("national_id", "text", (c) => c.notNull().unique())
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("mobile", "text", (c) => c.notNull())
    .addColumn("birth_year", "smallint", (c) => c.notNull())
    .addColumn("gender", "text", (c) => c.notNull().check(sql`gender IN ('female','male')`))
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("marginal_area", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("education_level", "text", (c) => c.notNull().check(sql.raw(`education_level IN ${EDUCATION}`)))
    .addColumn("education_field", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("occupations", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("skills", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("experience_years", "smallint", (c) => c.notNull().defaultTo(0).check(sql`experience_years BETWEEN 0 AND 60`))
    .addColumn("desired_work", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("desired_counties", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("availability", "text", (c) => c.notNull().check(sql`availability IN ('immediate','within_month','later')`))
    .addColumn("hidden", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("cv_file_id", "uuid", (c) => c.references("files.id"))
    // The centre whose counsellors follow the person, and the one counsellor assigned.
    .addColumn("centre_id", "integer", (c) => c.references("org_units.id"))
    .addColumn("counsellor_id", "integer", (c) => c.references("users.id"))
    // Where counselling ended: wage_employment | skills_training | self_employment | cooperative.
    .addColumn("path", "text", (c) => c.check(sql`path IN ('wage_employment','skills_training','self_employment','cooperative')`))
    .addColumn("path_href", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active").check(sql`status IN ('active','placed','inactive')`))
    // Confirmed priority groups, kept as an array for matching and reports (rewritten with job_seeker_groups).
    .addColumn("confirmed_groups", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  for (const col of ["centre_id", "counsellor_id", "county_code", "status"]) {
    await db.schema.createIndex(`job_seekers_${col}_idx`).on("job_seekers").columns([col, "id"]).execute();
  }
  for (const col of ["occupations", "skills", "desired_counties"]) {
    await sql`CREATE INDEX ${sql.raw(`job_seekers_${col}_gin`)} ON job_seekers USING gin (${sql.ref(col)})`.execute(db);
  }
  await sql`CREATE INDEX job_seekers_search_idx ON job_seekers USING gin (search_text gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable("job_seeker_groups")
    .addColumn("seeker_id", "integer", (c) => c.notNull().references("job_seekers.id").onDelete("cascade"))
    .addColumn("group_code", "text", (c) => c.notNull().references("priority_groups.code"))
    .addColumn("claimed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("confirmed_by", "integer", (c) => c.references("users.id"))
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("note", "text")
    .addPrimaryKeyConstraint("job_seeker_groups_pk", ["seeker_id", "group_code"])
    .execute();

  await db.schema
    .createTable("counselling_sessions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("seeker_id", "integer", (c) => c.notNull().references("job_seekers.id").onDelete("cascade"))
    .addColumn("counsellor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("held_on", "date", (c) => c.notNull())
    .addColumn("minutes", "smallint", (c) => c.notNull().check(sql`minutes BETWEEN 5 AND 480`))
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode IN ('in_person','phone','online')`))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("next_steps", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("next_step_due", "date")
    .addColumn("next_step_done", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("outcome", "text", (c) => c.check(sql`outcome IN ('wage_employment','skills_training','self_employment','cooperative')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("counselling_sessions_seeker_idx").on("counselling_sessions").columns(["seeker_id", "held_on"]).execute();
  await sql`CREATE INDEX counselling_sessions_due_idx ON counselling_sessions (counsellor_id, next_step_due) WHERE NOT next_step_done AND next_step_due IS NOT NULL`.execute(db);

  await db.schema
    .createTable("vacancies")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("employer_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("occupation_code", "text", (c) => c.notNull().references("occupations.code"))
    .addColumn("skills", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("education_level", "text", (c) => c.notNull().check(sql.raw(`education_level IN ${EDUCATION}`)))
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("posts", "smallint", (c) => c.notNull().check(sql`posts BETWEEN 1 AND 500`))
    .addColumn("contract_type", "text", (c) => c.notNull().check(sql`contract_type IN ('full_time','part_time','temporary')`))
    .addColumn("temp_months", "smallint", (c) => c.check(sql`temp_months BETWEEN 1 AND 12`))
    .addColumn("min_experience", "smallint", (c) => c.notNull().defaultTo(0).check(sql`min_experience BETWEEN 0 AND 40`))
    .addColumn("wage_min", "bigint", (c) => c.notNull().check(sql`wage_min > 0`))
    .addColumn("wage_max", "bigint", (c) => c.notNull())
    .addColumn("closes_on", "date", (c) => c.notNull())
    .addColumn("priority_opt_in", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status IN ('draft','open','filled','closed','withdrawn')`))
    .addColumn("hired_count", "smallint", (c) => c.notNull().defaultTo(0))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("vacancies_wage_range", sql`wage_max >= wage_min`)
    .addCheckConstraint("vacancies_hired", sql`hired_count BETWEEN 0 AND posts`)
    .addCheckConstraint("vacancies_temp", sql`(contract_type = 'temporary') = (temp_months IS NOT NULL)`)
    .execute();
  await db.schema.createIndex("vacancies_employer_idx").on("vacancies").columns(["employer_id", "id"]).execute();
  await sql`CREATE INDEX vacancies_open_idx ON vacancies (closes_on, id) WHERE status = 'open'`.execute(db);
  await db.schema.createIndex("vacancies_status_idx").on("vacancies").columns(["status", "id"]).execute();

  await db.schema
    .createTable("referrals")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("vacancy_id", "integer", (c) => c.notNull().references("vacancies.id"))
    .addColumn("seeker_id", "integer", (c) => c.notNull().references("job_seekers.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('referral','application')`))
    .addColumn("referred_by", "integer", (c) => c.references("users.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status IN ('pending','interview','hired','rejected','withdrawn')`))
    .addColumn("reason", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("referrals_vacancy_seeker_key", ["vacancy_id", "seeker_id"])
    .execute();
  await db.schema.createIndex("referrals_seeker_idx").on("referrals").columns(["seeker_id", "id"]).execute();

  await db.schema
    .createTable("placements")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("referral_id", "integer", (c) => c.notNull().unique().references("referrals.id"))
    .addColumn("vacancy_id", "integer", (c) => c.notNull().references("vacancies.id"))
    .addColumn("seeker_id", "integer", (c) => c.notNull().references("job_seekers.id"))
    .addColumn("employer_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("started_on", "date", (c) => c.notNull())
    .addColumn("contract_type", "text", (c) => c.notNull())
    .addColumn("fte", sql`numeric(6,2)`, (c) => c.notNull())
    .addColumn("gender", "text", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("centre_id", "integer", (c) => c.references("org_units.id"))
    .addColumn("priority_groups", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("days_to_placement", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("report_id", "bigint", (c) => c.references("employment_reports.id"))
    .addColumn("retained", "boolean")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("placements_seeker_idx").on("placements").columns(["seeker_id"]).execute();
  await db.schema.createIndex("placements_started_idx").on("placements").columns(["started_on", "id"]).execute();

  await db.schema
    .createTable("retention_checks")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("placement_id", "integer", (c) => c.notNull().references("placements.id").onDelete("cascade"))
    .addColumn("months", "smallint", (c) => c.notNull().check(sql`months IN (3, 6)`))
    .addColumn("due_on", "date", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.check(sql`result IN ('yes','no','unknown')`))
    .addColumn("method", "text", (c) => c.check(sql`method IN ('phone','visit','employer','seeker')`))
    .addColumn("note", "text")
    .addColumn("checked_by", "integer", (c) => c.references("users.id"))
    .addColumn("checked_at", "timestamptz")
    .addUniqueConstraint("retention_checks_key", ["placement_id", "months"])
    .execute();
  await sql`CREATE INDEX retention_checks_due_idx ON retention_checks (due_on, id) WHERE result IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["retention_checks", "placements", "referrals", "vacancies", "counselling_sessions", "job_seeker_groups", "job_seekers"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
