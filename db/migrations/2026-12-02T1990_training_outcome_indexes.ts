import { type Kysely, sql } from "kysely";

// The outcome pages of a provider and the provider ranking count enrolments and checks grouped by
// course (issue 16's benchmark: a provider's rows are spread over thousands of heap pages among
// 200,000 enrolments). Covering indexes let PostgreSQL count them from the index alone.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX training_enrolments_outcome_idx ON training_enrolments (provider_id, course_id)
            INCLUDE (was_accepted, gender, priority_group, result, status)`.execute(db);
  await sql`CREATE INDEX training_checks_outcome_idx ON training_checks (provider_id, course_id, months) INCLUDE (due_on, outcome)`.execute(db);
  // Superseded: both were (provider_id, ...) prefixes of the indexes above.
  await sql`DROP INDEX training_checks_provider_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX training_checks_provider_idx ON training_checks (provider_id, months)`.execute(db);
  await sql`DROP INDEX training_checks_outcome_idx`.execute(db);
  await sql`DROP INDEX training_enrolments_outcome_idx`.execute(db);
}
