import { type Kysely, sql } from "kysely";

// Business clusters (module 3, issue 12 item 6; decision 0039): a cluster groups firms of one product
// or sector in one or more counties. It belongs to an org unit of kind "cluster" (the development
// office whose cluster_agent users run it), moves through stages (history in cluster_events), has a
// diagnosis study (summary fields + a FileStore document), member firms (ledger enterprises; a firm
// that leaves keeps its row with left_on) and joint projects whose jobs are reported per member firm
// through the employment ledger (cluster_project_firms.report_id).
// Frozen in time: never import app code here.

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(","));
const STAGES = ["identification", "diagnosis", "trust_building", "joint_action", "self_management"];
const PROJECT_KINDS = ["marketing", "purchasing", "export", "facility", "training"];
const PROJECT_STATUSES = ["planned", "running", "completed", "cancelled"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("clusters")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("org_unit_id", "integer", (c) => c.notNull().references("org_units.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("product", "text", (c) => c.notNull())
    .addColumn("sector_code", "text", (c) => c.notNull().references("sectors.code"))
    .addColumn("county_codes", sql`text[]`, (c) => c.notNull().check(sql`cardinality(county_codes) >= 1`))
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("identification").check(sql`stage IN (${list(STAGES)})`))
    .addColumn("stage_since", "date", (c) => c.notNull().defaultTo(sql`CURRENT_DATE`))
    .addColumn("diagnosis_strengths", "text")
    .addColumn("diagnosis_weaknesses", "text")
    .addColumn("diagnosis_needs", "text")
    .addColumn("diagnosis_file_id", "uuid", (c) => c.references("files.id"))
    .addColumn("diagnosis_at", "timestamptz")
    .addColumn("firms_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("jobs", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("clusters_unit_idx").on("clusters").columns(["org_unit_id", "id"]).execute();
  await db.schema.createIndex("clusters_stage_idx").on("clusters").columns(["stage", "id"]).execute();
  await db.schema.createIndex("clusters_sector_idx").on("clusters").columns(["sector_code", "id"]).execute();
  await sql`CREATE INDEX clusters_counties_idx ON clusters USING gin (county_codes)`.execute(db);
  await sql`CREATE INDEX clusters_search_idx ON clusters USING gin (search_text gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable("cluster_events")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("cluster_id", "integer", (c) => c.notNull().references("clusters.id"))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_stage", "text")
    .addColumn("to_stage", "text")
    .addColumn("happened_on", "date")
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("cluster_events_cluster_idx").on("cluster_events").columns(["cluster_id", "id"]).execute();

  await db.schema
    .createTable("cluster_firms")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("cluster_id", "integer", (c) => c.notNull().references("clusters.id"))
    .addColumn("enterprise_id", "integer", (c) => c.notNull().references("enterprises.id"))
    .addColumn("joined_on", "date", (c) => c.notNull())
    .addColumn("left_on", "date")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One live membership per firm and cluster (a firm that left and joins again gets a new row).
  await sql`CREATE UNIQUE INDEX cluster_firms_live_idx ON cluster_firms (cluster_id, enterprise_id) WHERE left_on IS NULL`.execute(db);
  await db.schema.createIndex("cluster_firms_enterprise_idx").on("cluster_firms").columns(["enterprise_id"]).execute();

  await db.schema
    .createTable("cluster_projects")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("cluster_id", "integer", (c) => c.notNull().references("clusters.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN (${list(PROJECT_KINDS)})`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("budget", "bigint", (c) => c.notNull().defaultTo(0).check(sql`budget >= 0`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned").check(sql`status IN (${list(PROJECT_STATUSES)})`))
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date")
    .addColumn("results", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("cluster_projects_dates", sql`ends_on IS NULL OR ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex("cluster_projects_cluster_idx").on("cluster_projects").columns(["cluster_id", "id"]).execute();
  await db.schema.createIndex("cluster_projects_status_idx").on("cluster_projects").columns(["status", "starts_on"]).execute();

  await db.schema
    .createTable("cluster_project_firms")
    .addColumn("project_id", "integer", (c) => c.notNull().references("cluster_projects.id"))
    .addColumn("firm_id", "integer", (c) => c.notNull().references("cluster_firms.id"))
    .addColumn("jobs_full_time", "integer", (c) => c.check(sql`jobs_full_time >= 0`))
    .addColumn("jobs_part_time", "integer", (c) => c.check(sql`jobs_part_time >= 0`))
    .addColumn("report_id", "bigint", (c) => c.references("employment_reports.id"))
    .addColumn("reported_on", "date")
    .addPrimaryKeyConstraint("cluster_project_firms_pk", ["project_id", "firm_id"])
    .execute();
  await db.schema.createIndex("cluster_project_firms_firm_idx").on("cluster_project_firms").columns(["firm_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["cluster_project_firms", "cluster_projects", "cluster_firms", "cluster_events", "clusters"]) await db.schema.dropTable(t).ifExists().execute();
}
