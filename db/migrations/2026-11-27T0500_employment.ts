import { type Kysely, sql } from "kysely";

// Employment outcomes ledger (module 6): enterprises, employment reports with status history,
// the counted rollup (one row per enterprise and Jalali year: its latest verified report),
// job targets with revisions and allocations, and CSV import batches.
// Frozen in time: never import app code here.
//
// Counting rule in SQL (must match countFte() in app/modules/employment/rules.ts):
//   jobs = full_time + part_time / 2 + temporary_person_months / 12, rounded to 2 decimals;
//   volunteers are stored but never counted.

const FTE = (p: string) =>
  sql.raw(`round(${p}_full_time + ${p}_part_time / 2.0 + ${p}_temp_months / 12.0, 2)`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("enterprises")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("registration_no", "text")
    .addColumn("national_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind IN ('company','cooperative','self_employed','home_business','other')`),
    )
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("sector_code", "text", (c) => c.notNull().references("sectors.code"))
    .addColumn("agency_code", "text", (c) => c.references("agencies.code"))
    .addColumn("size_class", "text", (c) => c.notNull().check(sql`size_class IN ('micro','small','medium','large')`))
    .addColumn("baseline_headcount", "integer", (c) => c.notNull().defaultTo(0).check(sql`baseline_headcount >= 0`))
    .addColumn("merged_into", "integer", (c) => c.references("enterprises.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("enterprises_identity", sql`registration_no IS NOT NULL OR national_id IS NOT NULL`)
    .execute();
  // Unique among live enterprises (a merged duplicate keeps its numbers for the record).
  await sql`CREATE UNIQUE INDEX enterprises_registration_no_key ON enterprises (registration_no) WHERE registration_no IS NOT NULL AND merged_into IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX enterprises_national_id_key ON enterprises (national_id) WHERE national_id IS NOT NULL AND merged_into IS NULL`.execute(db);
  await sql`CREATE INDEX enterprises_name_trgm ON enterprises USING gin (lower(name) gin_trgm_ops)`.execute(db);
  await db.schema.createIndex("enterprises_county_idx").on("enterprises").columns(["county_code", "id"]).execute();
  await db.schema.createIndex("enterprises_sector_idx").on("enterprises").columns(["sector_code", "id"]).execute();
  await db.schema.createIndex("enterprises_agency_idx").on("enterprises").columns(["agency_code", "id"]).execute();
  await db.schema.createIndex("enterprises_merged_idx").on("enterprises").column("merged_into").execute();

  await db.schema
    .createTable("employment_reports")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("enterprise_id", "integer", (c) => c.notNull().references("enterprises.id"))
    .addColumn("as_of", "date", (c) => c.notNull())
    .addColumn("jalali_year", "smallint", (c) => c.notNull())
    .addColumn("jalali_month", "smallint", (c) => c.notNull().check(sql`jalali_month BETWEEN 1 AND 12`))
    .addColumn("source_module", "text", (c) => c.notNull())
    .addColumn("source_id", "text")
    .addColumn("external_ref", "text", (c) => c.unique())
    .addColumn("programme", "text", (c) => c.notNull())
    .addColumn("fte_baseline", sql`numeric(8,2)`, (c) => c.notNull().defaultTo(0).check(sql`fte_baseline >= 0`))
    .addColumn("fte_now", sql`numeric(8,2)`, (c) => c.notNull().defaultTo(0).check(sql`fte_now >= 0`))
    .addColumn("created_full_time", "integer", (c) => c.notNull().defaultTo(0).check(sql`created_full_time >= 0`))
    .addColumn("created_part_time", "integer", (c) => c.notNull().defaultTo(0).check(sql`created_part_time >= 0`))
    .addColumn("created_temp_months", "integer", (c) => c.notNull().defaultTo(0).check(sql`created_temp_months >= 0`))
    .addColumn("retained_full_time", "integer", (c) => c.notNull().defaultTo(0).check(sql`retained_full_time >= 0`))
    .addColumn("retained_part_time", "integer", (c) => c.notNull().defaultTo(0).check(sql`retained_part_time >= 0`))
    .addColumn("retained_temp_months", "integer", (c) => c.notNull().defaultTo(0).check(sql`retained_temp_months >= 0`))
    .addColumn("volunteers", "integer", (c) => c.notNull().defaultTo(0).check(sql`volunteers >= 0`))
    .addColumn("jobs_created", sql`numeric(8,2)`, (c) => c.notNull().generatedAlwaysAs(FTE("created")).stored())
    .addColumn("jobs_retained", sql`numeric(8,2)`, (c) => c.notNull().generatedAlwaysAs(FTE("retained")).stored())
    .addColumn("women", sql`numeric(8,2)`, (c) => c.notNull().defaultTo(0).check(sql`women >= 0`))
    .addColumn("priority_groups", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("evidence_file_id", "uuid", (c) => c.references("files.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("reported").check(sql`status IN ('reported','verified','rejected')`))
    .addColumn("verified_by", "integer", (c) => c.references("users.id"))
    .addColumn("verified_at", "timestamptz")
    .addColumn("verification_note", "text")
    .addColumn("supersedes_id", "bigint", (c) => c.references("employment_reports.id").unique())
    .addColumn("superseded_by", "bigint", (c) => c.references("employment_reports.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The counting rule's lookup: latest verified live report of an enterprise in a year.
  await sql`CREATE INDEX employment_reports_counting_idx ON employment_reports (enterprise_id, jalali_year, as_of DESC, id DESC) WHERE status = 'verified' AND superseded_by IS NULL`.execute(db);
  // Verification queue (oldest first) and the "reported, not yet verified" headline.
  await sql`CREATE INDEX employment_reports_queue_idx ON employment_reports (created_at, id) WHERE status = 'reported' AND superseded_by IS NULL`.execute(db);
  await sql`CREATE INDEX employment_reports_pending_year_idx ON employment_reports (jalali_year, programme) INCLUDE (jobs_created, jobs_retained) WHERE status = 'reported' AND superseded_by IS NULL`.execute(db);
  await db.schema.createIndex("employment_reports_enterprise_idx").on("employment_reports").columns(["enterprise_id", "as_of", "id"]).execute();
  await db.schema.createIndex("employment_reports_source_idx").on("employment_reports").columns(["source_module", "source_id"]).execute();
  await db.schema.createIndex("employment_reports_year_status_idx").on("employment_reports").columns(["jalali_year", "status", "id"]).execute();

  await db.schema
    .createTable("employment_report_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("report_id", "bigint", (c) => c.notNull().references("employment_reports.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .execute();
  await db.schema.createIndex("employment_report_events_report_idx").on("employment_report_events").columns(["report_id", "at"]).execute();

  // Rollup: one row per (enterprise, year) holding the counted report and its dimensions.
  // Maintained by the service in the same transaction as every verify/reject/supersede/merge
  // (one indexed lookup per change, never a table scan); a test compares it with the plain query.
  await db.schema
    .createTable("employment_counted")
    .addColumn("enterprise_id", "integer", (c) => c.notNull().references("enterprises.id"))
    .addColumn("jalali_year", "smallint", (c) => c.notNull())
    .addColumn("report_id", "bigint", (c) => c.notNull().references("employment_reports.id"))
    .addColumn("jalali_month", "smallint", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("agency_code", "text")
    .addColumn("sector_code", "text", (c) => c.notNull())
    .addColumn("programme", "text", (c) => c.notNull())
    .addColumn("jobs_created", sql`numeric(10,2)`, (c) => c.notNull())
    .addColumn("jobs_retained", sql`numeric(10,2)`, (c) => c.notNull())
    .addColumn("women", sql`numeric(10,2)`, (c) => c.notNull())
    .addColumn("priority_groups", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addPrimaryKeyConstraint("employment_counted_pk", ["jalali_year", "enterprise_id"])
    .execute();
  for (const col of ["county_code", "agency_code", "programme", "sector_code"]) {
    await db.schema.createIndex(`employment_counted_${col}_idx`).on("employment_counted").columns(["jalali_year", col]).execute();
  }

  await db.schema
    .createTable("job_targets")
    .addColumn("jalali_year", "smallint", (c) => c.primaryKey())
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("current_target", "integer", (c) => c.notNull().check(sql`current_target >= 0`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("job_target_revisions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("jalali_year", "smallint", (c) => c.notNull().references("job_targets.jalali_year"))
    .addColumn("revised_on", "date", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('commitment','raised','lowered','correction')`))
    .addColumn("note_fa", "text")
    .addColumn("note_en", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("job_target_revisions_year_idx").on("job_target_revisions").columns(["jalali_year", "id"]).execute();
  await db.schema
    .createTable("job_target_allocations")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("jalali_year", "smallint", (c) => c.notNull().references("job_targets.jalali_year"))
    .addColumn("dimension", "text", (c) => c.notNull().check(sql`dimension IN ('agency','county','programme')`))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("note", "text")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("job_target_allocations_key", ["jalali_year", "dimension", "code"])
    .execute();

  // CSV import batches: the parsed preview is kept so a form without JavaScript can confirm it.
  await db.schema
    .createTable("employment_imports")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("rows", "jsonb", (c) => c.notNull())
    .addColumn("errors", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("preview").check(sql`status IN ('preview','imported','cancelled')`))
    .addColumn("imported_count", "integer")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("employment_imports_user_idx").on("employment_imports").columns(["created_by", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "employment_imports", "job_target_allocations", "job_target_revisions", "job_targets",
    "employment_counted", "employment_report_events", "employment_reports", "enterprises",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
