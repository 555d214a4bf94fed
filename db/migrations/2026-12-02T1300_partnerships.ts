import { type Kysely, sql } from "kysely";

// Knowledge-based companies and industries (module 4, issue 13): profiles kept on the org units the
// company_rep / industry_rep roles are held in (the unit's enterprise_id links it to the ledger),
// challenges with their technology domains and invitations, proposals with threaded messages,
// partnerships with milestones and measured results, one timeline for all of them, and the
// neighbouring counties the match score reads.
// Rollups kept in the writing transaction (decision 0021): a company's current load, its measured
// results and its completed partnerships per ISIC sector, so ranking 5,000 companies is one scan.
// Frozen in time: never import app code here.

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(","));
const CERTIFICATE_TYPES = ["emerging", "type1", "type2", "production"];
const SIZE_CLASSES = ["micro", "small", "medium", "large"];
const CATEGORIES = ["productivity", "quality", "marketing", "technology", "energy", "supply_chain"];
const CHALLENGE_STATUSES = ["draft", "open", "reviewing_proposals", "awarded", "closed_without_award", "withdrawn"];
const PROPOSAL_STATUSES = ["submitted", "shortlisted", "awarded", "declined", "withdrawn"];
const PARTNERSHIP_STATUSES = ["proposed", "negotiating", "signed", "in_progress", "completed", "terminated"];
const MILESTONE_STATUSES = ["open", "delivered", "accepted"];
const METRICS = ["productivity", "defect_rate", "sales", "energy_use", "cost", "other"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("county_neighbours")
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("neighbour_code", "text", (c) => c.notNull().references("counties.code"))
    .addPrimaryKeyConstraint("county_neighbours_pk", ["county_code", "neighbour_code"])
    .addCheckConstraint("county_neighbours_not_self", sql`county_code <> neighbour_code`)
    .execute();

  // ---------------------------------------------------------------- profiles
  await db.schema
    .createTable("partner_companies")
    .addColumn("org_unit_id", "integer", (c) => c.primaryKey().references("org_units.id"))
    .addColumn("certificate_no", "text", (c) => c.notNull())
    .addColumn("certificate_type", "text", (c) => c.notNull().check(sql`certificate_type IN (${list(CERTIFICATE_TYPES)})`))
    .addColumn("certificate_expires_on", "date", (c) => c.notNull())
    .addColumn("certificate_verified_at", "timestamptz")
    .addColumn("certificate_verified_by", "integer", (c) => c.references("users.id"))
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("sector_code", "text", (c) => c.notNull().references("sectors.code"))
    .addColumn("employees", "integer", (c) => c.notNull().defaultTo(0).check(sql`employees >= 0`))
    .addColumn("portfolio", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sectors_served", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // Rollups (maintained with every partnership change of the company): partnerships signed or in
    // progress, measured results of completed partnerships (count and mean achievement in per mille).
    .addColumn("load_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("results_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("results_pm", "integer", (c) => c.notNull().defaultTo(0).check(sql`results_pm BETWEEN 0 AND 1000`))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("partner_companies_county_idx").on("partner_companies").columns(["county_code", "org_unit_id"]).execute();
  await sql`CREATE INDEX partner_companies_unverified_idx ON partner_companies (org_unit_id) WHERE certificate_verified_at IS NULL`.execute(db);
  await db.schema.createIndex("partner_companies_expiry_idx").on("partner_companies").columns(["certificate_expires_on", "org_unit_id"]).execute();

  // One row per (company, technology domain): the domain-overlap part reads it by domain.
  await db.schema
    .createTable("partner_company_domains")
    .addColumn("company_id", "integer", (c) => c.notNull().references("partner_companies.org_unit_id").onDelete("cascade"))
    .addColumn("domain_code", "text", (c) => c.notNull().references("technology_domains.code"))
    .addPrimaryKeyConstraint("partner_company_domains_pk", ["company_id", "domain_code"])
    .execute();
  await db.schema.createIndex("partner_company_domains_domain_idx").on("partner_company_domains").columns(["domain_code", "company_id"]).execute();

  // Completed partnerships per (company, ISIC sector of the industry): the sector-experience part.
  await db.schema
    .createTable("partner_company_experience")
    .addColumn("sector_code", "text", (c) => c.notNull())
    .addColumn("company_id", "integer", (c) => c.notNull().references("partner_companies.org_unit_id").onDelete("cascade"))
    .addColumn("completed", "integer", (c) => c.notNull().check(sql`completed > 0`))
    .addPrimaryKeyConstraint("partner_company_experience_pk", ["sector_code", "company_id"])
    .execute();
  await db.schema.createIndex("partner_company_experience_company_idx").on("partner_company_experience").columns(["company_id"]).execute();

  await db.schema
    .createTable("partner_industries")
    .addColumn("org_unit_id", "integer", (c) => c.primaryKey().references("org_units.id"))
    .addColumn("sector_code", "text", (c) => c.notNull().references("sectors.code"))
    .addColumn("size_class", "text", (c) => c.notNull().check(sql`size_class IN (${list(SIZE_CLASSES)})`))
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("employees", "integer", (c) => c.notNull().defaultTo(0).check(sql`employees >= 0`))
    .addColumn("main_products", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // ---------------------------------------------------------------- challenges
  await db.schema
    .createTable("partner_challenges")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("industry_id", "integer", (c) => c.notNull().references("partner_industries.org_unit_id"))
    .addColumn("category", "text", (c) => c.notNull().check(sql`category IN (${list(CATEGORIES)})`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("current_figures", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("expected_result", "text", (c) => c.notNull())
    .addColumn("budget_min", "bigint", (c) => c.notNull().check(sql`budget_min > 0`))
    .addColumn("budget_max", "bigint", (c) => c.notNull())
    .addColumn("deadline", "date", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull().check(sql`visibility IN ('verified','invited')`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status IN (${list(CHALLENGE_STATUSES)})`))
    // The industry's sector and county when the challenge was written (the match reads them per challenge).
    .addColumn("sector_code", "text", (c) => c.notNull().references("sectors.code"))
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    // How many technology domains the challenge names (its rows in partner_challenge_domains, written together).
    .addColumn("domain_count", "smallint", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "timestamptz")
    .addColumn("awarded_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("awarded_proposal_id", "integer")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("partner_challenges_budget", sql`budget_max >= budget_min`)
    .execute();
  await db.schema.createIndex("partner_challenges_industry_idx").on("partner_challenges").columns(["industry_id", "id"]).execute();
  await db.schema.createIndex("partner_challenges_status_idx").on("partner_challenges").columns(["status", "id"]).execute();
  await db.schema.createIndex("partner_challenges_category_idx").on("partner_challenges").columns(["category", "id"]).execute();
  // "Challenges that fit you" reads the open ones still taking proposals.
  await sql`CREATE INDEX partner_challenges_open_idx ON partner_challenges (deadline, id) INCLUDE (visibility) WHERE status = 'open'`.execute(db);

  await db.schema
    .createTable("partner_challenge_domains")
    .addColumn("challenge_id", "integer", (c) => c.notNull().references("partner_challenges.id").onDelete("cascade"))
    .addColumn("domain_code", "text", (c) => c.notNull().references("technology_domains.code"))
    .addPrimaryKeyConstraint("partner_challenge_domains_pk", ["challenge_id", "domain_code"])
    .execute();
  await db.schema.createIndex("partner_challenge_domains_domain_idx").on("partner_challenge_domains").columns(["domain_code", "challenge_id"]).execute();

  await db.schema
    .createTable("partner_invitations")
    .addColumn("challenge_id", "integer", (c) => c.notNull().references("partner_challenges.id"))
    .addColumn("company_id", "integer", (c) => c.notNull().references("partner_companies.org_unit_id"))
    .addColumn("invited_by", "integer", (c) => c.references("users.id"))
    .addColumn("invited_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("partner_invitations_pk", ["challenge_id", "company_id"])
    .execute();
  await db.schema.createIndex("partner_invitations_company_idx").on("partner_invitations").columns(["company_id", "challenge_id"]).execute();

  // ---------------------------------------------------------------- proposals
  await db.schema
    .createTable("partner_proposals")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("challenge_id", "integer", (c) => c.notNull().references("partner_challenges.id"))
    .addColumn("company_id", "integer", (c) => c.notNull().references("partner_companies.org_unit_id"))
    .addColumn("approach", "text", (c) => c.notNull())
    .addColumn("work_plan", "text", (c) => c.notNull())
    .addColumn("milestones", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("price", "bigint", (c) => c.notNull().check(sql`price > 0`))
    .addColumn("duration_weeks", "integer", (c) => c.notNull().check(sql`duration_weeks BETWEEN 1 AND 520`))
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("submitted").check(sql`status IN (${list(PROPOSAL_STATUSES)})`))
    .addColumn("decision_note", "text")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("submitted_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("partner_proposals_one_per_company", ["challenge_id", "company_id"])
    .execute();
  await db.schema.createIndex("partner_proposals_company_idx").on("partner_proposals").columns(["company_id", "id"]).execute();
  await sql`ALTER TABLE partner_challenges ADD CONSTRAINT partner_challenges_awarded_fk FOREIGN KEY (awarded_proposal_id) REFERENCES partner_proposals(id)`.execute(db);

  await db.schema
    .createTable("partner_messages")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("partner_proposals.id"))
    .addColumn("parent_id", "integer", (c) => c.references("partner_messages.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("side", "text", (c) => c.notNull().check(sql`side IN ('company','industry')`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("partner_messages_proposal_idx").on("partner_messages").columns(["proposal_id", "id"]).execute();

  // ---------------------------------------------------------------- partnerships
  await db.schema
    .createTable("partnerships")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("challenge_id", "integer", (c) => c.notNull().unique().references("partner_challenges.id"))
    .addColumn("proposal_id", "integer", (c) => c.notNull().unique().references("partner_proposals.id"))
    .addColumn("company_id", "integer", (c) => c.notNull().references("partner_companies.org_unit_id"))
    .addColumn("industry_id", "integer", (c) => c.notNull().references("partner_industries.org_unit_id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("proposed").check(sql`status IN (${list(PARTNERSHIP_STATUSES)})`))
    .addColumn("scope", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contract_value", "bigint", (c) => c.check(sql`contract_value > 0`))
    .addColumn("starts_on", "date")
    .addColumn("ends_on", "date")
    .addColumn("signed_document_id", "uuid", (c) => c.references("files.id"))
    .addColumn("signed_at", "timestamptz")
    .addColumn("completed_at", "timestamptz")
    .addColumn("terminated_at", "timestamptz")
    .addColumn("termination_reason", "text")
    .addColumn("publish_consent", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("company_report_id", "bigint", (c) => c.references("employment_reports.id"))
    .addColumn("industry_report_id", "bigint", (c) => c.references("employment_reports.id"))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("partnerships_dates", sql`ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex("partnerships_company_idx").on("partnerships").columns(["company_id", "status", "id"]).execute();
  await db.schema.createIndex("partnerships_industry_idx").on("partnerships").columns(["industry_id", "status", "id"]).execute();
  await db.schema.createIndex("partnerships_status_idx").on("partnerships").columns(["status", "id"]).execute();
  await sql`CREATE INDEX partnerships_showcase_idx ON partnerships (completed_at DESC, id DESC) WHERE status = 'completed' AND publish_consent`.execute(db);

  await db.schema
    .createTable("partnership_milestones")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("partnership_id", "integer", (c) => c.notNull().references("partnerships.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_on", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status IN (${list(MILESTONE_STATUSES)})`))
    .addColumn("delivered_at", "timestamptz")
    .addColumn("accepted_at", "timestamptz")
    .addColumn("accepted_by", "integer", (c) => c.references("users.id"))
    .addColumn("note", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("partnership_milestones_partnership_idx").on("partnership_milestones").columns(["partnership_id", "due_on", "id"]).execute();

  await db.schema
    .createTable("partnership_results")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("partnership_id", "integer", (c) => c.notNull().references("partnerships.id"))
    .addColumn("metric", "text", (c) => c.notNull().check(sql`metric IN (${list(METRICS)})`))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("baseline", sql`numeric(16,2)`, (c) => c.notNull())
    .addColumn("target", sql`numeric(16,2)`, (c) => c.notNull())
    .addColumn("measured", sql`numeric(16,2)`)
    .addColumn("measured_at", "timestamptz")
    .addColumn("evidence_file_id", "uuid", (c) => c.references("files.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("partnership_results_target", sql`target <> baseline`)
    .execute();
  await db.schema.createIndex("partnership_results_partnership_idx").on("partnership_results").columns(["partnership_id", "id"]).execute();

  // One timeline for challenges, proposals, partnerships and milestones (who, when, from, to, note).
  await db.schema
    .createTable("partner_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("subject", "text", (c) => c.notNull().check(sql`subject IN ('challenge','proposal','partnership','milestone')`))
    .addColumn("subject_id", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("note", "text")
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("partner_events_subject_idx").on("partner_events").columns(["subject", "subject_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE IF EXISTS partner_challenges DROP CONSTRAINT IF EXISTS partner_challenges_awarded_fk`.execute(db);
  for (const t of [
    "partner_events", "partnership_results", "partnership_milestones", "partnerships", "partner_messages", "partner_proposals",
    "partner_invitations", "partner_challenge_domains", "partner_challenges", "partner_industries", "partner_company_experience",
    "partner_company_domains", "partner_companies", "county_neighbours",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
