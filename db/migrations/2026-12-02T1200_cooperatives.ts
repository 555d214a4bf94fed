import { type Kysely, sql } from "kysely";

// Cooperatives (module 3, issue 12): formation rules as settings rows (one per rule, staff edit them,
// audited), the formation application that becomes the cooperative (one row from draft to dissolved),
// its founding and later members (never deleted: removed/left rows keep the history), the timeline
// of every step, and its documents (FileStore files by kind). Decision 0019.
// Frozen in time: never import app code here.

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(","));
const STATUSES = ["draft", "members_confirming", "submitted", "under_review", "needs_revision", "approved", "active", "dormant", "dissolved", "rejected"];
const MEMBER_ROLES = ["founder", "board", "inspector"];
const MEMBER_STATUSES = ["listed", "invited", "confirmed", "declined", "removed", "left"];
const DOC_KINDS = ["charter", "minutes", "id_scan", "other"];
const RULES: [string, unknown][] = [
  ["cooperatives.min_members", 7],
  ["cooperatives.min_capital", 100_000_000],
  ["cooperatives.max_share", { num: 1, den: 3 }],
  ["cooperatives.min_board", 3],
  ["cooperatives.min_inspectors", 1],
  ["cooperatives.allowed_types", ["producer", "distribution", "services", "housing", "credit", "multipurpose", "agricultural", "handicrafts"]],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [key, value] of RULES) {
    await sql`INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)}::jsonb) ON CONFLICT (key) DO NOTHING`.execute(db);
  }

  await db.schema
    .createTable("cooperatives")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status IN (${list(STATUSES)})`))
    .addColumn("applicant_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("idea_id", "integer", (c) => c.references("ideas.id"))
    .addColumn("name1", "text", (c) => c.notNull())
    .addColumn("name2", "text")
    .addColumn("name3", "text")
    .addColumn("type_code", "text")
    .addColumn("activity", "text")
    .addColumn("sector_code", "text", (c) => c.references("sectors.code"))
    .addColumn("isic_code", "text")
    .addColumn("county_code", "text", (c) => c.references("counties.code"))
    .addColumn("address", "text")
    .addColumn("capital", "bigint", (c) => c.notNull().defaultTo(0).check(sql`capital >= 0`))
    .addColumn("jobs_members", "integer", (c) => c.notNull().defaultTo(0).check(sql`jobs_members >= 0`))
    .addColumn("jobs_hires", "integer", (c) => c.notNull().defaultTo(0).check(sql`jobs_hires >= 0`))
    // The formation rules the application was checked against when it went to its members (decision 0019).
    .addColumn("rules", "jsonb")
    .addColumn("registration_no", "text", (c) => c.unique())
    .addColumn("registered_on", "date")
    .addColumn("enterprise_id", "integer", (c) => c.references("enterprises.id"))
    .addColumn("members_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status_changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("submitted_at", "timestamptz")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX cooperatives_idea_idx ON cooperatives (idea_id) WHERE idea_id IS NOT NULL`.execute(db);
  await db.schema.createIndex("cooperatives_status_idx").on("cooperatives").columns(["status", "id"]).execute();
  await db.schema.createIndex("cooperatives_status_age_idx").on("cooperatives").columns(["status", "status_changed_at"]).execute();
  await db.schema.createIndex("cooperatives_county_idx").on("cooperatives").columns(["county_code", "id"]).execute();
  await db.schema.createIndex("cooperatives_type_idx").on("cooperatives").columns(["type_code", "id"]).execute();
  await db.schema.createIndex("cooperatives_sector_idx").on("cooperatives").columns(["sector_code", "id"]).execute();
  await db.schema.createIndex("cooperatives_applicant_idx").on("cooperatives").columns(["applicant_id", "id"]).execute();
  await sql`CREATE INDEX cooperatives_search_idx ON cooperatives USING gin (search_text gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable("cooperative_members")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("national_id", "text", (c) => c.notNull())
    .addColumn("mobile", "text")
    .addColumn("share", "bigint", (c) => c.notNull().check(sql`share >= 0`))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role IN (${list(MEMBER_ROLES)})`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("listed").check(sql`status IN (${list(MEMBER_STATUSES)})`))
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("token", "text", (c) => c.unique())
    .addColumn("decline_reason", "text")
    .addColumn("invited_at", "timestamptz")
    .addColumn("answered_at", "timestamptz")
    .addColumn("joined_on", "date")
    .addColumn("left_on", "date")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One live row per national ID in an application (removed and left rows stay as history).
  await sql`CREATE UNIQUE INDEX cooperative_members_live_idx ON cooperative_members (cooperative_id, national_id) WHERE status NOT IN ('removed', 'left')`.execute(db);
  await db.schema.createIndex("cooperative_members_coop_idx").on("cooperative_members").columns(["cooperative_id", "position"]).execute();
  await db.schema.createIndex("cooperative_members_nid_idx").on("cooperative_members").columns(["national_id"]).execute();
  await db.schema.createIndex("cooperative_members_user_idx").on("cooperative_members").columns(["user_id"]).execute();

  await db.schema
    .createTable("cooperative_events")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("member_id", "integer", (c) => c.references("cooperative_members.id"))
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("cooperative_events_coop_idx").on("cooperative_events").columns(["cooperative_id", "id"]).execute();

  await db.schema
    .createTable("cooperative_documents")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("file_id", "uuid", (c) => c.notNull().references("files.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN (${list(DOC_KINDS)})`))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("cooperative_documents_coop_idx").on("cooperative_documents").columns(["cooperative_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["cooperative_documents", "cooperative_events", "cooperative_members", "cooperatives"]) await db.schema.dropTable(t).ifExists().execute();
  await sql`DELETE FROM settings WHERE key LIKE 'cooperatives.%'`.execute(db);
}
