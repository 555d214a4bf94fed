import { type Kysely, sql } from "kysely";

// Issue 11 item 5 (decision 0037): blind review is decided per idea when reviewers are assigned
// (defaulting from the call) and kept on each review, so switching the call's setting never changes
// reviews already assigned. Existing reviews keep what their call said when this ran.
// An idea's attachment may be marked by the applicant as containing no names; with blind review only
// those are shown to reviewers. Older attachments carry no mark (withheld from blind reviewers).
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("idea_reviews").addColumn("blind", "boolean", (c) => c.notNull().defaultTo(false)).execute();
  await sql`UPDATE idea_reviews r SET blind = c.blind FROM ideas i JOIN calls c ON c.id = i.call_id WHERE i.id = r.idea_id`.execute(db);
  await db.schema
    .createTable("idea_attachments")
    .addColumn("file_id", "uuid", (c) => c.primaryKey().references("files.id").onDelete("cascade"))
    .addColumn("idea_id", "integer", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("no_names", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex("idea_attachments_idea_idx").on("idea_attachments").column("idea_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("idea_attachments").execute();
  await db.schema.alterTable("idea_reviews").dropColumn("blind").execute();
}
