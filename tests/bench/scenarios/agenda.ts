// The agencies' agenda (issue 14): with 100,000 obstacles over the 13 agencies and every subject kind
// and 5,000 sector advantages on real PostgreSQL, the working group's agency ranking, one agency's
// queue (the banks' officer), the working group's advantages view (target shares), the employment
// dashboard with its blocked-jobs figure, the advantages list and the public opportunities keep
// p95 < 100 ms and at least 50% of the static page's throughput.
//   BENCH_DB=portal_bench_agenda npm run bench -- agenda
// Generated in SQL with generate_series (deterministic: hashtext of the row number), idempotent.
// Subjects point at the demo records of each kind (cases, ideas, cooperatives, partnerships, micro
// businesses, enterprises; clusters have no module yet, so their ids point at nothing and show "—").
import { sql } from "kysely";
import { defineScenario } from "../types";

const OBSTACLES = 100_000;
const ADVANTAGES = 5_000;
const MARK = "مانع بنچ";
const ADV_MARK = "مزیت بنچ";
const TARGETS = { p95Ms: 100, minRatioToStatic: 0.5 };

export default defineScenario({
  name: "agenda",
  description: "agency ranking, one agency's queue, target shares, the employment dashboard's blocked jobs over 100k obstacles and 5k advantages (issue 14: p95 < 100 ms, >= 50% of static)",
  async prepare(ctx) {
    const db = ctx.db;
    const have = await sql<{ n: number }>`SELECT count(*)::int AS n FROM obstacles WHERE description LIKE ${MARK + "%"}`.execute(db);
    const haveAdv = await sql<{ n: number }>`SELECT count(*)::int AS n FROM advantages WHERE description LIKE ${ADV_MARK + "%"}`.execute(db);
    if (have.rows[0].n >= OBSTACLES && haveAdv.rows[0].n >= ADVANTAGES) {
      ctx.log("agenda: data already generated");
      return;
    }
    ctx.log(`agenda: generating ${OBSTACLES} obstacles and ${ADVANTAGES} advantages`);
    const t0 = Date.now();
    await db.transaction().execute(async (trx) => {
      await sql`DELETE FROM obstacle_events WHERE obstacle_id IN (SELECT id FROM obstacles WHERE description LIKE ${MARK + "%"})`.execute(trx);
      await sql`DELETE FROM obstacles WHERE description LIKE ${MARK + "%"}`.execute(trx);
      await sql`DELETE FROM advantage_events WHERE advantage_id IN (SELECT id FROM advantages WHERE description LIKE ${ADV_MARK + "%"})`.execute(trx);
      await sql`DELETE FROM advantages WHERE description LIKE ${ADV_MARK + "%"}`.execute(trx);
      const h = (expr: string, n: number) => sql.raw(`(abs(hashtext('${expr}' || g)) % ${n})`);
      // Subjects: the ids of each kind's records (a placeholder range where a module has none).
      await sql`
        CREATE TEMP TABLE bench_subjects ON COMMIT DROP AS
        SELECT 'case' AS kind, coalesce((SELECT array_agg(id ORDER BY id) FROM cases), ARRAY[1]) AS ids
        UNION ALL SELECT 'idea', coalesce((SELECT array_agg(id ORDER BY id) FROM ideas), ARRAY[1])
        UNION ALL SELECT 'cooperative', coalesce((SELECT array_agg(id ORDER BY id) FROM cooperatives), ARRAY[1])
        UNION ALL SELECT 'cluster', ARRAY(SELECT generate_series(1, 50))
        UNION ALL SELECT 'partnership', coalesce((SELECT array_agg(id ORDER BY id) FROM partnerships), ARRAY[1])
        UNION ALL SELECT 'micro_business', coalesce((SELECT array_agg(id ORDER BY id) FROM micro_businesses), ARRAY[1])
        UNION ALL SELECT 'enterprise', (SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM enterprises WHERE merged_into IS NULL ORDER BY id LIMIT 5000) e)`.execute(trx);
      // 30% open (open / assigned / in progress), 55% resolved, 15% unresolvable; raised over the last 400 days.
      await sql`
        INSERT INTO obstacles (subject_kind, subject_id, county_code, category, agency_code, description, jobs_created, jobs_retained,
                               began_on, raised_on, due_on, status, raised_by, closed_on, closing_note, escalated_on, escalation_note, escalated_by)
        SELECT x.kind, s.ids[1 + (g % array_length(s.ids, 1))], c.codes[1 + ${h("c", 21)}], cat.codes[1 + ${h("k", 8)}],
               a.codes[1 + ${h("a", 13)} % array_length(a.codes, 1)], ${MARK} || ' ' || g, (g % 9)::numeric, (g % 17)::numeric,
               current_date - x.age - 10, current_date - x.age, current_date - x.age + 30, x.status, st.id,
               CASE WHEN x.status IN ('resolved','unresolvable') THEN current_date - x.age + least(x.age, 3 + g % 90) END,
               CASE WHEN x.status = 'resolved' THEN 'پیگیری شد' WHEN x.status = 'unresolvable' THEN 'در اختیار استان نیست' END,
               CASE WHEN x.status IN ('open','assigned','in_progress') AND g % 40 = 0 THEN current_date - 5 END,
               CASE WHEN x.status IN ('open','assigned','in_progress') AND g % 40 = 0 THEN 'ارجاع بنچ' END,
               CASE WHEN x.status IN ('open','assigned','in_progress') AND g % 40 = 0 THEN st.id END
        FROM generate_series(1, ${OBSTACLES}) g
        CROSS JOIN LATERAL (SELECT (ARRAY['case','idea','cooperative','cluster','partnership','micro_business','enterprise'])[1 + g % 7] AS kind,
                                   ${h("d", 400)} AS age,
                                   CASE WHEN ${h("s", 100)} < 10 THEN 'open' WHEN ${h("s", 100)} < 20 THEN 'assigned' WHEN ${h("s", 100)} < 30 THEN 'in_progress'
                                        WHEN ${h("s", 100)} < 85 THEN 'resolved' ELSE 'unresolvable' END AS status) x
        JOIN bench_subjects s ON s.kind = x.kind,
             (SELECT array_agg(code ORDER BY code) AS codes FROM counties) c,
             (SELECT array_agg(code ORDER BY sort_order) AS codes FROM obstacle_categories) cat,
             (SELECT array_agg(code ORDER BY code) AS codes FROM agencies) a,
             (SELECT id FROM users WHERE email = 'staff@demo.karafarini.ir') st`.execute(trx);
      await sql`
        INSERT INTO obstacle_events (obstacle_id, action, from_status, to_status, actor_id, at)
        SELECT id, 'raise', NULL, 'open', raised_by, raised_on::timestamptz FROM obstacles WHERE description LIKE ${MARK + "%"}`.execute(trx);
      // Advantages: every agency and status; offered and activated ones link to the demo's open calls,
      // courses and challenges (their ledger jobs are summed per programme for the target-share view).
      await sql`
        INSERT INTO advantages (agency_code, sector_code, isic_code, activity, county_codes, area, description, potential_jobs, investment_rials,
                                programme_kind, programme_id, status, drop_reason, how_to_join, published, created_by)
        SELECT a.codes[1 + g % array_length(a.codes, 1)], s.codes[1 + ${h("x", 100)} % array_length(s.codes, 1)], '', 'فعالیت بنچ ' || g,
               ARRAY[c.codes[1 + ${h("c", 21)}]], (ARRAY['rural','urban','both'])[1 + g % 3], ${ADV_MARK} || ' ' || g,
               (5 + g % 200)::numeric, (g % 400) * 1000000000::bigint, p.kind,
               CASE WHEN y.status IN ('offered','activated') THEN p.ids[1 + g % array_length(p.ids, 1)] END,
               y.status, CASE WHEN y.status = 'dropped' THEN 'بازار ندارد' END, 'از راه برنامه', g % 3 <> 0 AND y.status <> 'dropped', st.id
        FROM generate_series(1, ${ADVANTAGES}) g
        CROSS JOIN LATERAL (SELECT (ARRAY['identified','studied','offered','activated','dropped'])[1 + ${h("t", 5)}] AS status) y
        CROSS JOIN LATERAL (
          SELECT k.kind, k.ids FROM (
            SELECT 'call' AS kind, (SELECT array_agg(id ORDER BY id) FROM calls WHERE status = 'open') AS ids
            UNION ALL SELECT 'course', (SELECT array_agg(id ORDER BY id) FROM training_courses WHERE status IN ('open','running'))
            UNION ALL SELECT 'challenge', (SELECT array_agg(id ORDER BY id) FROM partner_challenges WHERE status IN ('open','reviewing_proposals','awarded'))
          ) k WHERE k.ids IS NOT NULL ORDER BY abs(hashtext(k.kind || g)) LIMIT 1) p,
             (SELECT array_agg(code ORDER BY code) AS codes FROM agencies) a,
             (SELECT array_agg(code ORDER BY code) AS codes FROM sectors) s,
             (SELECT array_agg(code ORDER BY code) AS codes FROM counties) c,
             (SELECT id FROM users WHERE email = 'agri@demo.karafarini.ir') st`.execute(trx);
      await sql`
        INSERT INTO advantage_events (advantage_id, action, from_status, to_status, actor_id)
        SELECT id, 'record', NULL, 'identified', created_by FROM advantages WHERE description LIKE ${ADV_MARK + "%"}`.execute(trx);
    });
    ctx.log(`agenda: generated in ${Math.round((Date.now() - t0) / 1000)} s`);
  },
  requests: [
    { label: "agenda: agency ranking (staff)", path: "/agenda", role: "staff", targets: TARGETS },
    { label: "agenda: banks' queue (officer)", path: "/agenda/obstacles", role: { email: "bank@demo.karafarini.ir" }, targets: TARGETS },
    { label: "agenda: banks' open overdue (officer)", path: "/agenda/obstacles?status=active&overdue=on", role: { email: "bank@demo.karafarini.ir" }, targets: TARGETS },
    { label: "agenda: target shares (staff)", path: "/agenda/targets", role: "staff", targets: TARGETS },
    { label: "agenda: advantages list (staff)", path: "/agenda/advantages", role: "staff", targets: TARGETS },
    { label: "employment dashboard + blocked jobs", path: "/employment/dashboard", role: "staff", targets: TARGETS },
    { label: "public opportunities", path: "/opportunities", targets: TARGETS },
  ],
});
