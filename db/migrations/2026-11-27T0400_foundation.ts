import { type Kysely, sql } from "kysely";

// Foundation schema: reference data, organisation units, accounts, sessions,
// rate limits, audit log, notifications and file metadata.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  for (const table of ["counties", "sectors", "agencies", "priority_groups"]) {
    await db.schema
      .createTable(table)
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("name_fa", "text", (c) => c.notNull())
      .addColumn("name_en", "text", (c) => c.notNull())
      .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
      .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  }
  await db.schema.alterTable("agencies").addColumn("lead", "boolean", (c) => c.notNull().defaultTo(false)).execute();

  // Organisation units: the directorate, centres, universities, companies, industries.
  await db.schema
    .createTable("org_units")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind IN ('directorate','centre','university','company','industry')`),
    )
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name_fa", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("centre_kind", "text", (c) => c.check(sql`centre_kind IN ('consulting','accelerator')`))
    .addColumn("county_code", "text", (c) => c.references("counties.code"))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("org_units_kind_idx").on("org_units").columns(["kind", "active"]).execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text")
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("mobile", "text")
    .addColumn("national_id", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("fa"))
    .addColumn("disabled_at", "timestamptz")
    .addColumn("invite_token_hash", "text")
    .addColumn("invite_expires_at", "timestamptz")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX users_search_idx ON users USING gin (lower(full_name || ' ' || email) gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable("role_assignments")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role IN ('entrepreneur','mentor','chair_manager','company_rep','industry_rep','staff','admin')`),
    )
    .addColumn("org_unit_id", "integer", (c) => c.references("org_units.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX role_assignments_unique ON role_assignments (user_id, role, coalesce(org_unit_id, 0))`.execute(db);
  await db.schema.createIndex("role_assignments_org_idx").on("role_assignments").columns(["org_unit_id", "role"]).execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("rate_limit_hits")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("rate_limit_hits_idx").on("rate_limit_hits").columns(["bucket", "key", "at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("request_id", "text")
    .addColumn("ip", "text")
    .addColumn("details", "jsonb")
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").columns(["at desc", "id desc"]).execute();
  await db.schema.createIndex("audit_log_entity_idx").on("audit_log").columns(["entity", "entity_id"]).execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_id", "at"]).execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("message_key", "text", (c) => c.notNull())
    .addColumn("params", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("link", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("read_at", "timestamptz")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "read_at", "id"]).execute();

  await db.schema
    .createTable("files")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("store", "text", (c) => c.notNull().check(sql`store IN ('local','uploadthing')`))
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("extension", "text", (c) => c.notNull())
    .addColumn("size_bytes", "bigint", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("owner_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("entity", "text")
    .addColumn("entity_id", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("files_entity_idx").on("files").columns(["entity", "entity_id"]).execute();
  await db.schema.createIndex("files_owner_idx").on("files").column("owner_id").execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "settings", "files", "notifications", "audit_log", "rate_limit_hits", "sessions",
    "role_assignments", "users", "org_units", "priority_groups", "agencies", "sectors", "counties",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
