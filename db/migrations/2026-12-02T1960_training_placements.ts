import { type Kysely, sql } from "kysely";

// Issue 16 item 3: "a completer who ... is placed through the portal is linked automatically". An
// enrolment that passed points to the placement (issue 15's referrals) of the same person made after
// the course started; the placement links when it is made, or the pass finds an earlier placement.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("training_enrolments").addColumn("placement_id", "integer", (c) => c.references("placements.id")).execute();
  await sql`CREATE INDEX training_enrolments_placement_idx ON training_enrolments (placement_id) WHERE placement_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("training_enrolments").dropColumn("placement_id").execute();
}
