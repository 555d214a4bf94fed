import { type Kysely, sql } from "kysely";

// Mentor capacity screen (issue 5): staff edit each mentor's active-case limit; a stale form
// (someone changed the limit since the page was loaded) must answer 409, so the row gets a
// version. A mentor without a row has the default limit and counts as version 0.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mentor_capacity").addColumn("version", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("mentor_capacity").addColumn("updated_by", "integer", (c) => c.references("users.id")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE mentor_capacity DROP COLUMN IF EXISTS updated_by, DROP COLUMN IF EXISTS version`.execute(db);
}
