import { type Kysely, sql } from "kysely";

// Rate limits as token buckets (issue 10, items 1, 2 and 9): one row per (bucket, key) holding the
// tokens left at `at`. Taking a token is one INSERT ... ON CONFLICT DO UPDATE, so the row lock makes
// every take atomic however many requests arrive at once (the old hits table was read, then the
// password checked, then the failure written: 100 parallel guesses all passed the read).
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("tokens", "double precision", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("granted", "boolean", (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint("rate_limits_pkey", ["bucket", "key"])
    .execute();
  await db.schema.createIndex("rate_limits_at_idx").on("rate_limits").column("at").execute();
  await db.schema.dropTable("rate_limit_hits").ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limits").ifExists().execute();
  await db.schema
    .createTable("rate_limit_hits")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("rate_limit_hits_idx").on("rate_limit_hits").columns(["bucket", "key", "at"]).execute();
}
