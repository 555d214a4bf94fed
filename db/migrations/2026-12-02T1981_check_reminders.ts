import { type Kysely, sql } from "kysely";

// Reminders for the retention checks of placements (3 and 6 months after the start) and the
// employment checks of training graduates (3 and 6 months after the course), sent by daily jobs
// (issue 18): the mark each job leaves in the same transaction as the notification, so a reminder
// goes once even when two instances or a retry run the job.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("retention_checks").addColumn("reminded_at", "timestamptz").execute();
  await db.schema.alterTable("training_checks").addColumn("reminded_at", "timestamptz").execute();
  await sql`CREATE INDEX retention_checks_remind_idx ON retention_checks (due_on) WHERE result IS NULL AND reminded_at IS NULL`.execute(db);
  await sql`CREATE INDEX training_checks_remind_idx ON training_checks (due_on) WHERE outcome IS NULL AND reminded_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX training_checks_remind_idx`.execute(db);
  await sql`DROP INDEX retention_checks_remind_idx`.execute(db);
  await db.schema.alterTable("training_checks").dropColumn("reminded_at").execute();
  await db.schema.alterTable("retention_checks").dropColumn("reminded_at").execute();
}
