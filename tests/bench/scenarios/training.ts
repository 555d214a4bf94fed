// Skills training and micro and home businesses (issue 16): with 5,000 courses, 200,000 enrolments and
// 100,000 micro businesses on real PostgreSQL, the provider outcome page (the demo training manager's
// provider), the staff registry list with a county filter and the public summary each keep p95 under
// 100 ms and at least 50% of the static page's throughput.
//   BENCH_DB=portal_bench_<name> npm run bench -- training
// Generated in SQL with generate_series (deterministic: hashtext of the row number), idempotent (a marker
// provider unit says it is done). 100 bench providers share the courses; the demo provider (training@demo)
// gets every 50th course, so its outcome page aggregates 100 courses and about 4,000 enrolments.
import { sql } from "kysely";
import { addDays, todayTehran } from "../../../app/i18n/clock";
import { alreadyGenerated, firstIdPath, hashPick } from "../data";
import { defineScenario } from "../types";

const PROVIDERS = 100;
const COURSES = 5_000;
const PER_COURSE = 43; // 4,750 courses with enrolments (drafts have none) x 43 = 204,250 enrolments
const BUSINESSES = 100_000;
const TRAINING_MANAGER = "training@demo.karafarini.ir";

export default defineScenario({
  name: "training",
  description: "provider outcome page, staff micro-business registry by county and the public summary over 5k courses, 200k enrolments, 100k micro businesses (issue 16: p95 < 100 ms, >= 50% of static)",
  async prepare(ctx) {
    const db = ctx.db;
    if (await alreadyGenerated(ctx, "training", sql<{ n: number }>`SELECT count(*)::int AS n FROM training_courses WHERE title LIKE 'دوره بنچ %'`, COURSES)) return;
    const today = todayTehran();
    ctx.log(`training: generating ${PROVIDERS} providers, ${COURSES} courses, ${COURSES * PER_COURSE} enrolments with their checks, ${BUSINESSES} micro businesses`);
    await db.transaction().execute(async (trx) => {
      const h = hashPick;
      await sql`
        INSERT INTO org_units (kind, code, name_fa, name_en, county_code)
        SELECT 'provider', 'bench-tp-' || g, 'آموزشگاه بنچ ' || g, 'Bench provider ' || g, c.codes[1 + ${h("pc", 21)}]
        FROM generate_series(1, ${PROVIDERS}) g, (SELECT array_agg(code ORDER BY code) AS codes FROM counties) c`.execute(trx);
      await sql`
        INSERT INTO training_providers (org_unit_id, provider_type)
        SELECT id, (ARRAY['public_tvto','private_institute','university'])[1 + id % 3] FROM org_units WHERE code LIKE 'bench-tp-%'`.execute(trx);
      // Courses: 60% finished, 15% running, 15% open, 5% draft, 5% cancelled; capacity 36, 43 people each.
      await sql`
        WITH p AS (SELECT array_agg(id ORDER BY id) AS ids FROM org_units WHERE code LIKE 'bench-tp-%'),
             demo AS (SELECT id FROM org_units WHERE code = 'demo-provider'),
             o AS (SELECT array_agg(code ORDER BY code) AS codes FROM occupations),
             c AS (SELECT array_agg(code ORDER BY code) AS codes FROM counties)
        INSERT INTO training_courses (provider_id, title, occupation_code, hours, mode, county_code, starts_on, ends_on, capacity, priority_groups,
                                      status, accepted_count, waiting_count, search_text)
        SELECT CASE WHEN g % 50 = 0 THEN demo.id ELSE p.ids[1 + ${h("cp", PROVIDERS)}] END,
               'دوره بنچ ' || g, o.codes[1 + (abs(hashtext('co' || g)) % array_length(o.codes, 1))], 40 + g % 200,
               (ARRAY['in_person','online','workshop'])[1 + g % 3], c.codes[1 + ${h("cc", 21)}],
               ${addDays(today, -400)}::date + g % 500, ${addDays(today, -400)}::date + g % 500 + 60, 36,
               CASE WHEN g % 4 = 0 THEN ARRAY['low-income-deciles'] ELSE '{}'::text[] END,
               s.status, CASE WHEN s.status IN ('draft') THEN 0 ELSE 36 END, CASE WHEN s.status IN ('draft') THEN 0 ELSE 2 END, 'دوره بنچ ' || g
        FROM generate_series(1, ${COURSES}) g CROSS JOIN p CROSS JOIN demo CROSS JOIN o CROSS JOIN c
        CROSS JOIN LATERAL (SELECT (ARRAY['finished','finished','finished','finished','finished','finished','finished','finished','finished','finished','finished','finished',
                                          'running','running','running','open','open','open','draft','cancelled'])[1 + g % 20] AS status) s`.execute(trx);
      // Enrolments: 43 a course (none for drafts): 36 accepted, 2 waiting, 5 withdrawn; finished courses have results
      // (75% passed, 15% failed, 10% dropped); 60% women; a quarter in a priority group.
      await sql`
        INSERT INTO training_enrolments (course_id, provider_id, national_id, full_name, gender, priority_group, status, was_accepted,
                                         attendance_pct, result, certificate_no, completed_on)
        SELECT c.id, c.provider_id, lpad((c.id * 100 + k)::text, 10, '0'), 'کارآموز بنچ ' || k,
               CASE WHEN ${h("gd", 10, "c.id * 100 + k")} < 6 THEN 'female' ELSE 'male' END,
               CASE WHEN k % 4 = 0 THEN 'low-income-deciles' END,
               CASE WHEN k <= 36 THEN 'accepted' WHEN k <= 38 THEN 'waiting' ELSE 'withdrawn' END, k <= 36 OR k > 38,
               CASE WHEN c.status = 'finished' AND k <= 36 THEN 50 + (c.id + k) % 51 END,
               CASE WHEN c.status = 'finished' AND k <= 36 THEN (CASE WHEN r.x < 75 THEN 'passed' WHEN r.x < 90 THEN 'failed' ELSE 'dropped' END) END,
               CASE WHEN c.status = 'finished' AND k <= 36 AND r.x < 75 THEN 'B-' || c.id || '-' || k END,
               CASE WHEN c.status = 'finished' AND k <= 36 THEN c.ends_on END
        FROM training_courses c CROSS JOIN generate_series(1, ${PER_COURSE}) k
        CROSS JOIN LATERAL (SELECT ${h("rs", 100, "c.id * 100 + k")} AS x) r
        WHERE c.title LIKE 'دوره بنچ %' AND c.status <> 'draft'`.execute(trx);
      // Checks at 3 and 6 months of every pass: those due are mostly recorded (a tenth unknown).
      await sql`
        INSERT INTO training_checks (enrolment_id, course_id, provider_id, months, due_on, outcome, method, checked_on)
        SELECT e.id, e.course_id, e.provider_id, m, e.completed_on + m * 30,
               CASE WHEN e.completed_on + m * 30 <= ${today}::date AND r.x < 90 THEN (ARRAY['employed','self_employed','not_employed','unknown'])[1 + r.x % 4] END,
               CASE WHEN e.completed_on + m * 30 <= ${today}::date AND r.x < 90 THEN 'phone' END,
               CASE WHEN e.completed_on + m * 30 <= ${today}::date AND r.x < 90 THEN e.completed_on + m * 30 END
        FROM training_enrolments e JOIN training_courses c ON c.id = e.course_id CROSS JOIN (VALUES (3), (6)) AS mm(m)
        CROSS JOIN LATERAL (SELECT ${h("ck", 100, "e.id * 10 + m")} AS x) r
        WHERE e.result = 'passed' AND c.title LIKE 'دوره بنچ %'`.execute(trx);
      // Micro and home businesses: owners, activity, county, permits in every state, jobs.
      await sql`
        WITH c AS (SELECT array_agg(code ORDER BY code) AS codes FROM counties),
             s AS (SELECT array_agg(code ORDER BY code) AS codes FROM sectors)
        INSERT INTO micro_businesses (name, owner_national_id, owner_name, owner_gender, sector_code, isic_code, activity, county_code, area, address,
                                      started_on, home_based, sales_channels, permit_status, permit_number, permit_applied_on, permit_issued_on, permit_expires_on,
                                      jobs_fte, workers, last_update_year, last_update_on, search_text)
        SELECT 'کسب‌وکار بنچ ' || g, 'mb' || lpad(g::text, 8, '0'), 'مالک بنچ ' || g,
               CASE WHEN ${h("mg", 10)} < 6 THEN 'female' ELSE 'male' END,
               s.codes[1 + (abs(hashtext('ms' || g)) % array_length(s.codes, 1))], '', 'فعالیت بنچ', c.codes[1 + ${h("mc", 21)}],
               CASE WHEN g % 3 = 0 THEN 'rural' ELSE 'urban' END, 'نشانی بنچ', ${addDays(today, -1500)}::date + g % 1400, g % 5 <> 0,
               ARRAY['local'], p.status,
               CASE WHEN p.status IN ('issued','expired') THEN 'BMB-' || g END,
               ${addDays(today, -800)}::date + g % 700,
               CASE WHEN p.status IN ('issued','expired') THEN ${addDays(today, -700)}::date + g % 650 END,
               CASE WHEN p.status = 'issued' THEN ${addDays(today, 10)}::date + g % 700 WHEN p.status = 'expired' THEN ${addDays(today, -30)}::date END,
               1 + (g % 4) * 0.5, 1 + g % 4, 1403 + g % 2, ${addDays(today, -100)}::date, 'کسب‌وکار بنچ ' || g
        FROM generate_series(1, ${BUSINESSES}) g CROSS JOIN c CROSS JOIN s
        CROSS JOIN LATERAL (SELECT (ARRAY['none','applied','issued','issued','issued','expired'])[1 + ${h("mp", 6)}] AS status) p`.execute(trx);
      await sql`
        INSERT INTO micro_business_supports (business_id, kind, received_on, description, loan_amount, loan_source)
        SELECT id, (ARRAY['training','loan','marketing','booth','equipment'])[1 + id % 5], started_on + 30, 'حمایت بنچ',
               CASE WHEN id % 5 = 1 THEN 300000000 END, CASE WHEN id % 5 = 1 THEN 'بانک بنچ' END
        FROM micro_businesses WHERE name LIKE 'کسب‌وکار بنچ %' AND id % 3 = 0`.execute(trx);
    });
    const counts = await sql<{ t: string; n: number }>`
      SELECT 'courses' AS t, count(*)::int AS n FROM training_courses UNION ALL SELECT 'enrolments', count(*)::int FROM training_enrolments
      UNION ALL SELECT 'checks', count(*)::int FROM training_checks UNION ALL SELECT 'micro businesses', count(*)::int FROM micro_businesses`.execute(db);
    ctx.log(`training: done (${counts.rows.map((r) => `${r.n} ${r.t}`).join(", ")})`);
  },
  requests: [
    {
      label: "provider outcome page (training manager)",
      path: firstIdPath(sql`SELECT id FROM org_units WHERE code = 'demo-provider'`, (id) => `/training/providers/${id}/outcomes`),
      role: { email: TRAINING_MANAGER },
      targets: { p95Ms: 100, minRatioToStatic: 0.5 },
    },
    { label: "micro-business registry, county filter (staff)", path: "/micro-businesses?county=tabriz", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
    { label: "micro-business public summary", path: "/micro-businesses/summary", targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
  ],
});
