import { type Kysely, sql } from "kysely";

// Issue 11 item 4: a case opened from an idea wrote "idea #12" as its first timeline note; the case
// page now names the idea (title and link) from cases.idea_id, so the raw note goes.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE case_status_history SET note = NULL WHERE from_status IS NULL AND note ~ '^idea #[0-9]+$'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`UPDATE case_status_history h SET note = 'idea #' || c.idea_id FROM cases c
            WHERE c.id = h.case_id AND c.idea_id IS NOT NULL AND h.from_status IS NULL AND h.note IS NULL`.execute(db);
}
