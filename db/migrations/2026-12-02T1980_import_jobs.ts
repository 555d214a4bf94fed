import { type Kysely, sql } from "kysely";

// The employment CSV import runs in the background (issue 18): the upload keeps the file's text
// until a job has checked every row ("validating"), the staff member confirms the preview, and a job
// writes the rows in small transactions ("importing"), each one moving rows_done forward, so the
// progress page can show rows done of total and a restart resumes where the last commit ended.
// heartbeat_at is touched by every step; an import whose heartbeat stops is picked up again.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("employment_imports")
    .addColumn("source", "text")
    .addColumn("total_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rows_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skipped_count", "integer")
    .addColumn("mode", "text", (c) => c.check(sql`mode IN ('all','valid')`))
    .addColumn("failure", "text")
    .addColumn("heartbeat_at", "timestamptz")
    .execute();
  await sql`ALTER TABLE employment_imports DROP CONSTRAINT employment_imports_status_check`.execute(db);
  await sql`ALTER TABLE employment_imports ADD CONSTRAINT employment_imports_status_check
    CHECK (status IN ('validating','preview','importing','imported','failed','cancelled'))`.execute(db);
  await sql`CREATE INDEX employment_imports_active_idx ON employment_imports (heartbeat_at) WHERE status IN ('validating','importing')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX employment_imports_active_idx`.execute(db);
  await sql`DELETE FROM employment_imports WHERE status NOT IN ('preview','imported','cancelled')`.execute(db);
  await sql`ALTER TABLE employment_imports DROP CONSTRAINT employment_imports_status_check`.execute(db);
  await sql`ALTER TABLE employment_imports ADD CONSTRAINT employment_imports_status_check CHECK (status IN ('preview','imported','cancelled'))`.execute(db);
  await db.schema
    .alterTable("employment_imports")
    .dropColumn("source").dropColumn("total_rows").dropColumn("rows_done").dropColumn("skipped_count")
    .dropColumn("mode").dropColumn("failure").dropColumn("heartbeat_at")
    .execute();
}
