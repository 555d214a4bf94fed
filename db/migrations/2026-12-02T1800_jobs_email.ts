import { type Kysely, sql } from "kysely";

// Running it for real (issue 18): the email outbox (written in the same transaction as the
// notification it belongs to, sent by a background job), each user's choice of in-app only or
// in-app and email per kind of notification, one-time tokens for password reset and email
// verification (stored hashed), the verified mark and unsubscribe token on users, and the marks the
// reminder jobs leave so each reminder goes once. The job queue itself is pg-boss's own schema
// ("pgboss"), installed by db/jobs-schema.ts at boot.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().check(sql`locale IN ('fa','en')`))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    // Mail carrying a secret (a reset or verification link): its body is blanked once sent or dead.
    .addColumn("sensitive", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("unsubscribe_url", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status IN ('pending','sent','dead')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at, id) WHERE status = 'pending'`.execute(db);
  await db.schema.createIndex("email_outbox_status_idx").on("email_outbox").columns(["status", "id"]).execute();

  await db.schema
    .createTable("notification_prefs")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel IN ('in_app','email')`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("notification_prefs_pkey", ["user_id", "kind"])
    .execute();

  await db.schema
    .createTable("email_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose IN ('reset','verify')`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("email_tokens_user_idx").on("email_tokens").columns(["user_id", "purpose"]).execute();

  await db.schema.alterTable("users").addColumn("email_verified_at", "timestamptz").execute();
  await db.schema
    .alterTable("users")
    .addColumn("unsubscribe_token", "text", (c) => c.notNull().defaultTo(sql`replace(gen_random_uuid()::text, '-', '')`))
    .execute();
  await sql`CREATE UNIQUE INDEX users_unsubscribe_token_key ON users (unsubscribe_token)`.execute(db);
  // Accounts that exist before verification was asked for count as verified.
  await sql`UPDATE users SET email_verified_at = now()`.execute(db);

  await db.schema.alterTable("cases").addColumn("triage_warned_at", "timestamptz").execute();
  await db.schema.alterTable("case_followups").addColumn("reminded_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("case_followups").dropColumn("reminded_at").execute();
  await db.schema.alterTable("cases").dropColumn("triage_warned_at").execute();
  await sql`DROP INDEX IF EXISTS users_unsubscribe_token_key`.execute(db);
  await db.schema.alterTable("users").dropColumn("unsubscribe_token").dropColumn("email_verified_at").execute();
  await db.schema.dropTable("email_tokens").execute();
  await db.schema.dropTable("notification_prefs").execute();
  await db.schema.dropTable("email_outbox").execute();
}
