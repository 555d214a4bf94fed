import { type Kysely, sql } from "kysely";

// Micro and home businesses registry (issue 16, module 8): the business (owner, activity, place,
// permit), the support it received, and its yearly updates (who works in it). Each registration and
// yearly update files an employment report through the ledger (source "micro_businesses"); the
// business keeps the ledger enterprise it became (enterprise_id) and the report of each update.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("micro_businesses")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("owner_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("owner_national_id", "text", (c) => c.notNull())
    .addColumn("owner_name", "text", (c) => c.notNull())
    .addColumn("owner_gender", "text", (c) => c.notNull().check(sql`owner_gender IN ('female','male')`))
    .addColumn("owner_mobile", "text")
    // Activity: the ISIC section (sectors reference list), an optional ISIC class and a free description.
    .addColumn("sector_code", "text", (c) => c.notNull().references("sectors.code"))
    .addColumn("isic_code", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("area", "text", (c) => c.notNull().check(sql`area IN ('urban','rural')`))
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("started_on", "date", (c) => c.notNull())
    .addColumn("home_based", "boolean", (c) => c.notNull())
    .addColumn("sales_channels", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // Permit: none -> applied -> issued -> expired. An issued permit whose expiry date has passed reads
    // as expired at once (computed from Tehran's today); the expiry job also stores it.
    .addColumn("permit_status", "text", (c) => c.notNull().defaultTo("none").check(sql`permit_status IN ('none','applied','issued','expired')`))
    .addColumn("permit_number", "text")
    .addColumn("permit_applied_on", "date")
    .addColumn("permit_issued_on", "date")
    .addColumn("permit_expires_on", "date")
    // The latest yearly update (the jobs it declared, in full-time equivalents, by the ledger's rule).
    .addColumn("jobs_fte", sql`numeric(8,2)`, (c) => c.notNull().defaultTo(0))
    .addColumn("workers", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("last_update_year", "smallint", (c) => c.notNull())
    .addColumn("last_update_on", "date", (c) => c.notNull())
    .addColumn("enterprise_id", "integer", (c) => c.references("enterprises.id"))
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("micro_businesses_permit_number", sql`permit_status IN ('none','applied') OR permit_number IS NOT NULL`)
    .addCheckConstraint("micro_businesses_permit_dates", sql`permit_expires_on IS NULL OR permit_issued_on IS NULL OR permit_expires_on > permit_issued_on`)
    .execute();
  // One registration per owner and activity (section + class): a second one is refused with a link to the first.
  await sql`CREATE UNIQUE INDEX micro_businesses_owner_activity_key ON micro_businesses (owner_national_id, sector_code, isic_code)`.execute(db);
  await sql`CREATE UNIQUE INDEX micro_businesses_permit_key ON micro_businesses (permit_number) WHERE permit_number IS NOT NULL`.execute(db);
  // Staff list: newest first (keyset on id), one index per filter.
  for (const col of ["county_code", "sector_code", "permit_status", "owner_gender", "area", "owner_user_id", "last_update_year"]) {
    await db.schema.createIndex(`micro_businesses_${col}_idx`).on("micro_businesses").columns([col, "id"]).execute();
  }
  await sql`CREATE INDEX micro_businesses_expiry_idx ON micro_businesses (permit_expires_on, id) WHERE permit_status = 'issued'`.execute(db);
  await sql`CREATE INDEX micro_businesses_search_idx ON micro_businesses USING gin (search_text gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable("micro_business_supports")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("business_id", "integer", (c) => c.notNull().references("micro_businesses.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('training','loan','marketing','booth','equipment')`))
    .addColumn("received_on", "date", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("loan_amount", "bigint", (c) => c.check(sql`loan_amount IS NULL OR loan_amount > 0`))
    .addColumn("loan_source", "text")
    // A training course (the training module's record), when the support is a course.
    .addColumn("course_id", "integer")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("micro_business_supports_loan", sql`kind <> 'loan' OR (loan_amount IS NOT NULL AND loan_source IS NOT NULL)`)
    .execute();
  await db.schema.createIndex("micro_business_supports_kind_idx").on("micro_business_supports").columns(["kind", "business_id"]).execute();
  await db.schema.createIndex("micro_business_supports_business_idx").on("micro_business_supports").columns(["business_id", "received_on"]).execute();
  await sql`CREATE UNIQUE INDEX micro_business_supports_course_key ON micro_business_supports (business_id, course_id) WHERE course_id IS NOT NULL`.execute(db);

  // Who works in the business at each update (registration is the first): the owner, family members
  // and hired people: full-time, part-time, and seasonal (people and the months each works a year).
  // The employment report it filed is kept.
  await db.schema
    .createTable("micro_business_updates")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("business_id", "integer", (c) => c.notNull().references("micro_businesses.id").onDelete("cascade"))
    .addColumn("jalali_year", "smallint", (c) => c.notNull())
    .addColumn("as_of", "date", (c) => c.notNull())
    .addColumn("owner_mode", "text", (c) => c.notNull().check(sql`owner_mode IN ('full_time','part_time','seasonal')`))
    .addColumn("owner_months", "smallint", (c) => c.notNull().defaultTo(0).check(sql`owner_months BETWEEN 0 AND 12`))
    .addColumn("family_full_time", "smallint", (c) => c.notNull().defaultTo(0).check(sql`family_full_time >= 0`))
    .addColumn("family_part_time", "smallint", (c) => c.notNull().defaultTo(0).check(sql`family_part_time >= 0`))
    .addColumn("family_seasonal", "smallint", (c) => c.notNull().defaultTo(0).check(sql`family_seasonal >= 0`))
    .addColumn("family_months", "smallint", (c) => c.notNull().defaultTo(0).check(sql`family_months BETWEEN 0 AND 12`))
    .addColumn("hired_full_time", "smallint", (c) => c.notNull().defaultTo(0).check(sql`hired_full_time >= 0`))
    .addColumn("hired_part_time", "smallint", (c) => c.notNull().defaultTo(0).check(sql`hired_part_time >= 0`))
    .addColumn("hired_seasonal", "smallint", (c) => c.notNull().defaultTo(0).check(sql`hired_seasonal >= 0`))
    .addColumn("hired_months", "smallint", (c) => c.notNull().defaultTo(0).check(sql`hired_months BETWEEN 0 AND 12`))
    .addColumn("women", "smallint", (c) => c.notNull().defaultTo(0).check(sql`women >= 0`))
    .addColumn("jobs_fte", sql`numeric(8,2)`, (c) => c.notNull())
    .addColumn("report_id", "bigint", (c) => c.references("employment_reports.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("micro_business_updates_business_idx").on("micro_business_updates").columns(["business_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("micro_business_updates").ifExists().execute();
  await db.schema.dropTable("micro_business_supports").ifExists().execute();
  await db.schema.dropTable("micro_businesses").ifExists().execute();
}
