// Cases (issue 5): with 50,000 cases, 500,000 session logs and 200,000 milestones on real PostgreSQL,
// the mentor home and the staff case list keep p95 < 100 ms and >= 40% of the static page's req/s.
// Data: 200 generated mentors across the centres plus the demo mentor (lead on every 1000th case, 50
// cases), all generated in SQL with generate_series; idempotent (each step skips when its rows are there).
import { sql } from "kysely";
import type { Database } from "../../../db/connect";
import { refreshOpenDue } from "../../../app/modules/cases/queries.server";
import { defineScenario } from "../types";

const CASES = 50_000;
const SESSIONS = 500_000;
const MILESTONES = 200_000;

export default defineScenario({
  name: "cases",
  description: "mentor home and staff case list over 50k cases, 500k sessions, 200k milestones",
  async prepare({ db, log }) {
    const count = async (table: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0].n;
    // Each step checks its own table: a run stopped half-way finishes the rest next time.
    if ((await count("cases")) >= CASES && (await count("case_sessions")) >= SESSIONS && (await count("case_milestones")) >= MILESTONES) {
      log("cases: data already there");
      return;
    }
    log("cases: generating mentors, cases, mentors on cases, sessions and milestones...");
    if ((await count("cases")) < CASES) await generateCases(db);
    // The demo's own cases may have no lead mentor yet: sessions go on the generated ones (a session names its mentor).
    if ((await count("case_sessions")) < SESSIONS) await sql`
      WITH ids AS (SELECT array_agg(id ORDER BY id) AS a FROM cases WHERE lead_mentor_id IS NOT NULL)
      INSERT INTO case_sessions (case_id, mentor_id, held_on, minutes, mode, topics)
      SELECT c.id, c.lead_mentor_id, current_date - (i % 365), 30 + i % 90, 'in_person', 'موضوع ' || i
      FROM generate_series(1, ${SESSIONS}) i, ids JOIN LATERAL (SELECT id, lead_mentor_id FROM cases WHERE id = ids.a[1 + i % array_length(ids.a, 1)]) c ON true`.execute(db);
    if ((await count("case_milestones")) < MILESTONES) await sql`
      WITH ids AS (SELECT array_agg(id ORDER BY id) AS a FROM cases)
      INSERT INTO case_milestones (case_id, title, due_on, owner, status)
      SELECT ids.a[1 + i % array_length(ids.a, 1)], 'گام ' || i, current_date + (i % 120 - 60), 'entrepreneur',
             (ARRAY['open','open','done'])[1 + i % 3]
      FROM generate_series(1, ${MILESTONES}) i, ids`.execute(db);
    await refreshOpenDue(db);
    log("cases: done");
  },
  requests: [
    { label: "mentor home", path: "/home", role: "mentor", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
    { label: "staff case list", path: "/cases", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
    { label: "staff case list, overdue emergencies", path: "/cases?kind=business_emergency&overdue=1", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
    { label: "staff home", path: "/home", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
  ],
});

/** Mentors, their roles, the cases and each case's lead mentor row. */
async function generateCases(db: Database) {
  await sql`
    INSERT INTO users (email, full_name)
    SELECT 'bench-mentor-' || i || '@bench.local', 'مربی آزمون ' || i FROM generate_series(1, 200) i
    ON CONFLICT (email) DO NOTHING`.execute(db);
  await sql`
    INSERT INTO role_assignments (user_id, role, org_unit_id)
    SELECT u.id, 'mentor', (SELECT id FROM org_units WHERE kind = 'centre' ORDER BY id OFFSET (u.id % (SELECT count(*) FROM org_units WHERE kind = 'centre')) LIMIT 1)
    FROM users u WHERE u.email LIKE 'bench-mentor-%' AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id)`.execute(db);
  await sql`
    WITH m AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'bench-mentor-%'),
         c AS (SELECT array_agg(id ORDER BY id) AS ids FROM org_units WHERE kind = 'centre'),
         co AS (SELECT array_agg(code ORDER BY code) AS codes FROM counties),
         se AS (SELECT array_agg(code ORDER BY code) AS codes FROM sectors),
         ent AS (SELECT id FROM users WHERE email = 'entrepreneur@demo.karafarini.ir'),
         dm AS (SELECT id FROM users WHERE email = 'mentor@demo.karafarini.ir')
    INSERT INTO cases (kind, status, centre_id, entrepreneur_id, lead_mentor_id, firm_name, registration_no, county_code, sector_code,
                       baseline_employees, problem_areas, description, urgency, triage_due_at, search_text, created_at)
    SELECT (ARRAY['acceleration','consulting','business_emergency'])[1 + i % 3],
           (ARRAY['intake','triage','diagnosis','action_plan','in_progress','in_progress','in_progress','graduated','closed_unresolved','withdrawn'])[1 + i % 10],
           c.ids[1 + i % array_length(c.ids, 1)], ent.id,
           CASE WHEN i % 1000 = 0 THEN dm.id ELSE m.ids[1 + i % array_length(m.ids, 1)] END,
           'بنگاه آزمون ' || i, (100000 + i)::text, co.codes[1 + i % array_length(co.codes, 1)], se.codes[1 + i % array_length(se.codes, 1)],
           i % 50, ARRAY['financing'], 'شرح ' || i, 'normal',
           CASE WHEN i % 3 = 2 THEN now() + make_interval(hours => 72 - i % 100) END,
           'بنگاه آزمون ' || i, now() - make_interval(days => i % 700)
    FROM generate_series(1, ${CASES}) i, m, c, co, se, ent, dm`.execute(db);
  await sql`
    INSERT INTO case_mentors (case_id, mentor_id, role)
    SELECT id, lead_mentor_id, 'lead' FROM cases WHERE lead_mentor_id IS NOT NULL
    ON CONFLICT DO NOTHING`.execute(db);
}
