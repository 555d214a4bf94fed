import { sql, type Kysely } from "kysely";

// Accelerator, consulting and business-emergency cases (module 2): the case, its mentors and their
// capacity, status history, milestones, session logs, private notes, messages, referrals and follow-ups.

const STATUSES = `'intake','triage','diagnosis','action_plan','in_progress','graduated','closed_unresolved','withdrawn'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await db.schema
    .createTable("cases")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('acceleration','consulting','business_emergency')`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("intake").check(sql.raw(`status IN (${STATUSES})`)))
    .addColumn("centre_id", "integer", (c) => c.references("org_units.id"))
    .addColumn("idea_id", "integer", (c) => c.references("ideas.id").unique())
    .addColumn("entrepreneur_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("lead_mentor_id", "integer", (c) => c.references("users.id"))
    .addColumn("firm_name", "text", (c) => c.notNull())
    .addColumn("registration_no", "text")
    .addColumn("county_code", "text", (c) => c.references("counties.code"))
    .addColumn("sector_code", "text", (c) => c.references("sectors.code"))
    .addColumn("baseline_employees", "integer", (c) => c.notNull().defaultTo(0).check(sql`baseline_employees BETWEEN 0 AND 100000`))
    .addColumn("problem_areas", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("urgency", "text", (c) => c.notNull().defaultTo("normal").check(sql`urgency IN ('normal','high','critical')`))
    .addColumn("triage_due_at", "timestamptz")
    .addColumn("triaged_at", "timestamptz")
    .addColumn("diagnosis", "text")
    .addColumn("root_causes", "text")
    .addColumn("confirmed_areas", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("employees_now", "integer", (c) => c.check(sql`employees_now BETWEEN 0 AND 100000`))
    .addColumn("jobs_created", "integer", (c) => c.check(sql`jobs_created BETWEEN 0 AND 100000`))
    .addColumn("jobs_retained", "integer", (c) => c.check(sql`jobs_retained BETWEEN 0 AND 100000`))
    .addColumn("revenue_rials", "bigint", (c) => c.check(sql`revenue_rials >= 0`))
    .addColumn("funding_rials", "bigint", (c) => c.check(sql`funding_rials >= 0`))
    .addColumn("outcome_note", "text")
    .addColumn("closed_at", "timestamptz")
    .addColumn("employment_report_id", "text")
    .addColumn("idempotency_key", "text", (c) => c.unique())
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Keyset sort is (id desc); each filter leads with its column then id.
  for (const col of ["status", "kind", "centre_id", "county_code", "sector_code", "entrepreneur_id"]) {
    await db.schema.createIndex(`cases_${col}_idx`).on("cases").columns([col, "id"]).execute();
  }
  await db.schema.createIndex("cases_lead_status_idx").on("cases").columns(["lead_mentor_id", "status", "id"]).execute();
  await sql`CREATE INDEX cases_triage_due_idx ON cases (triage_due_at) WHERE status IN ('intake','triage') AND triage_due_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX cases_search_trgm ON cases USING gin (search_text gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable("case_mentors")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("case_id", "integer", (c) => c.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("mentor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role IN ('lead','co')`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("over_capacity_reason", "text")
    .addColumn("assigned_by", "integer", (c) => c.references("users.id"))
    .addColumn("assigned_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("ended_at", "timestamptz")
    .execute();
  await sql`CREATE UNIQUE INDEX case_mentors_active_key ON case_mentors (case_id, mentor_id) WHERE active`.execute(db);
  await sql`CREATE INDEX case_mentors_mentor_idx ON case_mentors (mentor_id, case_id) WHERE active`.execute(db);

  await db.schema
    .createTable("mentor_capacity")
    .addColumn("mentor_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("max_active", "integer", (c) => c.notNull().defaultTo(8).check(sql`max_active BETWEEN 0 AND 200`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("case_status_history")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("case_id", "integer", (c) => c.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("note", "text")
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("case_status_history_case_idx").on("case_status_history").columns(["case_id", "id"]).execute();

  await db.schema
    .createTable("case_milestones")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("case_id", "integer", (c) => c.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_on", "date", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull().defaultTo("entrepreneur").check(sql`owner IN ('entrepreneur','mentor','centre')`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status IN ('open','done','dropped')`))
    .addColumn("done_at", "timestamptz")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("case_milestones_case_idx").on("case_milestones").columns(["case_id", "due_on"]).execute();
  await sql`CREATE INDEX case_milestones_open_due_idx ON case_milestones (due_on, case_id) WHERE status = 'open'`.execute(db);

  await db.schema
    .createTable("case_sessions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("case_id", "integer", (c) => c.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("mentor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("held_on", "date", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull().check(sql`minutes BETWEEN 5 AND 720`))
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode IN ('in_person','online','phone','site_visit')`))
    .addColumn("topics", "text", (c) => c.notNull())
    .addColumn("next_steps", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("case_sessions_case_idx").on("case_sessions").columns(["case_id", "held_on"]).execute();
  await db.schema.createIndex("case_sessions_mentor_idx").on("case_sessions").columns(["mentor_id", "held_on"]).execute();

  for (const table of ["case_notes", "case_messages"]) {
    await db.schema
      .createTable(table)
      .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
      .addColumn("case_id", "integer", (c) => c.notNull().references("cases.id").onDelete("cascade"))
      .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex(`${table}_case_idx`).on(table).columns(["case_id", "id"]).execute();
  }

  await db.schema
    .createTable("case_referrals")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("case_id", "integer", (c) => c.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("agency_code", "text", (c) => c.notNull().references("agencies.code"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("case_referrals_case_idx").on("case_referrals").columns(["case_id", "id"]).execute();

  await db.schema
    .createTable("case_followups")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("case_id", "integer", (c) => c.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("months", "integer", (c) => c.notNull().check(sql`months IN (6, 12)`))
    .addColumn("due_on", "date", (c) => c.notNull())
    .addColumn("done_at", "timestamptz")
    .addColumn("done_by", "integer", (c) => c.references("users.id"))
    .addColumn("employees_now", "integer", (c) => c.check(sql`employees_now BETWEEN 0 AND 100000`))
    .addColumn("jobs_retained", "integer", (c) => c.check(sql`jobs_retained BETWEEN 0 AND 100000`))
    .addColumn("note", "text")
    .addColumn("employment_report_id", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("case_followups_case_months_key", ["case_id", "months"])
    .execute();
  await sql`CREATE INDEX case_followups_due_idx ON case_followups (due_on, case_id) WHERE done_at IS NULL`.execute(db);

  await sql`INSERT INTO settings (key, value) VALUES ('cases.emergency_sla_hours', '72'::jsonb), ('cases.default_mentor_capacity', '8'::jsonb) ON CONFLICT (key) DO NOTHING`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM settings WHERE key IN ('cases.emergency_sla_hours', 'cases.default_mentor_capacity')`.execute(db);
  for (const t of [
    "case_followups", "case_referrals", "case_messages", "case_notes", "case_sessions", "case_milestones",
    "case_status_history", "mentor_capacity", "case_mentors", "cases",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
