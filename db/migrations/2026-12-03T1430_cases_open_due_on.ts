import { sql, type Kysely } from "kysely";

// The case list's "overdue" filter (app/modules/cases/queries.server.ts) asked, for every case it
// passed, whether one of its open milestones was past due: a probe per case, and overdue cases are the
// older ones, so the newest-first list probed hundreds of cases to fill a page (641 probes for 26 rows
// on the benchmark data, the heaviest statement of the staff pages). Each case now carries the earliest
// due date of its open milestones, kept by the milestone writes (app/modules/cases/work.server.ts,
// refreshOpenDue), and the filter compares it with today.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN open_due_on date`.execute(db);
  await sql`
    UPDATE cases c SET open_due_on = m.due
    FROM (SELECT case_id, min(due_on) AS due FROM case_milestones WHERE status = 'open' GROUP BY case_id) m
    WHERE m.case_id = c.id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE cases DROP COLUMN open_due_on`.execute(db);
}
