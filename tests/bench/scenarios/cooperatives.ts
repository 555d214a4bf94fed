// Cooperatives and business clusters (issue 12): with 20,000 cooperatives, 200,000 members and 500
// clusters with 20,000 member firms on real PostgreSQL, the staff queue's first page, a Persian name
// search, the public directories (cooperatives and clusters), a cluster page and a cooperative page
// each keep p95 under 100 ms and at least 50% of the static page's throughput.
//   BENCH_DB=portal_bench_coop npm run bench -- cooperatives
// Generated in SQL with generate_series (deterministic: hashtext of the row number), idempotent (the
// bench cooperatives' names are the marker). The demo founders are the applicants; ten bench cluster
// offices run the clusters; every cluster has 40 firms (ledger enterprises), three joint projects with
// five firms each, and a timeline.
import { sql } from "kysely";
import { addDays, todayTehran } from "../../../app/i18n/clock";
import { alreadyGenerated, firstIdPath, hashPick } from "../data";
import { defineScenario } from "../types";

const COOPS = 20_000;
const MEMBERS = 10; // a cooperative: 200,000 members
const CLUSTERS = 500;
const FIRMS = 40; // a cluster: 20,000 member firms
const WORDS = ["فرش", "کفش", "لبنیات", "عسل", "گردشگری", "نساجی", "سفال", "خشکبار", "مرغداری", "چرم", "زعفران", "پوشاک", "نان", "مبلمان", "گلخانه", "آبزیان", "صنایع دستی", "حمل و نقل", "مسکن", "اعتبار"];
const SEARCH = "زعفران"; // one word of twenty: about 1,000 cooperatives

export default defineScenario({
  name: "cooperatives",
  description: "staff cooperative queue, a Persian name search, the public cooperative and cluster directories, a cluster page and a cooperative page over 20k cooperatives, 200k members, 500 clusters with 20k firms (issue 12: p95 < 100 ms, >= 50% of static)",
  async prepare(ctx) {
    const db = ctx.db;
    if (await alreadyGenerated(ctx, "cooperatives", sql<{ n: number }>`SELECT count(*)::int AS n FROM cooperatives WHERE name1 LIKE 'تعاونی بنچ %'`, COOPS)) return;
    const today = todayTehran();
    const words = sql.raw(`ARRAY[${WORDS.map((w) => `'${w}'`).join(",")}]`);
    const h = hashPick;
    ctx.log(`cooperatives: generating ${COOPS} cooperatives with ${COOPS * MEMBERS} members, ${CLUSTERS} clusters with ${CLUSTERS * FIRMS} firms`);
    await db.transaction().execute(async (trx) => {
      // Cooperatives in every status (half active); the demo founders are the applicants.
      await sql`
        WITH f AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'founder%@demo.karafarini.ir'),
             c AS (SELECT array_agg(code ORDER BY code) AS codes FROM counties),
             s AS (SELECT array_agg(code ORDER BY code) AS codes FROM sectors)
        INSERT INTO cooperatives (status, applicant_id, name1, type_code, activity, sector_code, county_code, address, capital, jobs_members, jobs_hires,
                                  registration_no, registered_on, members_count, search_text, status_changed_at, submitted_at, rules)
        SELECT st.status, f.ids[1 + g % array_length(f.ids, 1)], 'تعاونی بنچ ' || w.word || ' ' || g,
               (ARRAY['producer','distribution','services','housing','credit','multipurpose','agricultural','handicrafts'])[1 + g % 8],
               'فعالیت ' || w.word, s.codes[1 + ${h("cs", 1000)} % array_length(s.codes, 1)], c.codes[1 + ${h("cc", 1000)} % array_length(c.codes, 1)],
               'نشانی بنچ', 200000000, 5 + g % 6, g % 4, CASE WHEN st.registered THEN 'BENCH-COOP-' || g END,
               CASE WHEN st.registered THEN ${addDays(today, -700)}::date + g % 600 END, ${MEMBERS},
               'تعاونی بنچ ' || w.word || ' ' || g, now() - (g % 90) * interval '1 day',
               CASE WHEN st.status NOT IN ('draft','members_confirming') THEN now() - (g % 120) * interval '1 day' END,
               '{"minMembers":7,"minCapital":100000000,"maxShare":{"num":1,"den":3},"minBoard":3,"minInspectors":1}'::jsonb
        FROM generate_series(1, ${COOPS}) g CROSS JOIN f CROSS JOIN c CROSS JOIN s
        CROSS JOIN LATERAL (SELECT (${words})[1 + ${h("cw", WORDS.length)}] AS word) w
        CROSS JOIN LATERAL (SELECT x.status, x.status IN ('approved','active','dormant','dissolved') AS registered FROM (SELECT
          (ARRAY['active','active','active','active','active','active','active','active','active','active',
                 'approved','dormant','dissolved','submitted','submitted','under_review','under_review','needs_revision','members_confirming','members_confirming',
                 'draft','draft','rejected'])[1 + g % 23] AS status) x) st`.execute(trx);
      // Ten members each (3 board, 1 inspector, 6 founders), confirmed except in applications still with their members.
      await sql`
        INSERT INTO cooperative_members (cooperative_id, position, full_name, national_id, mobile, share, role, status, joined_on)
        SELECT c.id, k, 'عضو بنچ ' || k || ' ' || c.id, lpad((c.id * 16 + k)::text, 10, '0'), '0914' || lpad((c.id * 16 + k)::text, 7, '0'), 20000000,
               CASE WHEN k < 3 THEN 'board' WHEN k = 3 THEN 'inspector' ELSE 'founder' END,
               CASE WHEN c.status IN ('draft') THEN 'listed' WHEN c.status = 'members_confirming' AND k % 3 = 0 THEN 'invited' ELSE 'confirmed' END,
               c.registered_on
        FROM cooperatives c CROSS JOIN generate_series(0, ${MEMBERS - 1}) k
        WHERE c.name1 LIKE 'تعاونی بنچ %'`.execute(trx);
      await sql`
        INSERT INTO cooperative_events (cooperative_id, actor_id, action, from_status, to_status, created_at)
        SELECT c.id, c.applicant_id, e.action, e.from_status, e.to_status, c.created_at - e.age * interval '1 day'
        FROM cooperatives c CROSS JOIN (VALUES ('created', NULL, 'draft', 30), ('send_to_members', 'draft', 'members_confirming', 20), ('all_confirmed', 'members_confirming', 'submitted', 10)) AS e(action, from_status, to_status, age)
        WHERE c.name1 LIKE 'تعاونی بنچ %'`.execute(trx);

      // Clusters: ten bench offices, 500 clusters in every stage, 40 firms each (ledger enterprises),
      // three joint projects with five firms taking part, a timeline.
      await sql`
        INSERT INTO org_units (kind, code, name_fa, name_en, county_code)
        SELECT 'cluster', 'bench-cl-' || g, 'دفتر خوشه بنچ ' || g, 'Bench cluster office ' || g, c.codes[1 + g % array_length(c.codes, 1)]
        FROM generate_series(1, 10) g, (SELECT array_agg(code ORDER BY code) AS codes FROM counties) c`.execute(trx);
      await sql`
        WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM org_units WHERE code LIKE 'bench-cl-%'),
             c AS (SELECT array_agg(code ORDER BY code) AS codes FROM counties),
             s AS (SELECT array_agg(code ORDER BY code) AS codes FROM sectors),
             staff AS (SELECT id FROM users WHERE email = 'staff@demo.karafarini.ir')
        INSERT INTO clusters (org_unit_id, name, product, sector_code, county_codes, stage, stage_since, firms_count, jobs, search_text, created_by)
        SELECT u.ids[1 + g % 10], 'خوشه بنچ ' || w.word || ' ' || g, w.word, s.codes[1 + g % array_length(s.codes, 1)],
               ARRAY[c.codes[1 + g % array_length(c.codes, 1)], c.codes[1 + (g + 7) % array_length(c.codes, 1)]],
               (ARRAY['identification','diagnosis','trust_building','joint_action','self_management'])[1 + g % 5], ${addDays(today, -200)}::date + g % 150,
               ${FIRMS}, 10 + g % 40, 'خوشه بنچ ' || w.word || ' ' || g, staff.id
        FROM generate_series(1, ${CLUSTERS}) g CROSS JOIN u CROSS JOIN c CROSS JOIN s CROSS JOIN staff
        CROSS JOIN LATERAL (SELECT (${words})[1 + ${h("kw", WORDS.length)}] AS word) w`.execute(trx);
      await sql`
        WITH staff AS (SELECT id FROM users WHERE email = 'staff@demo.karafarini.ir')
        INSERT INTO enterprises (registration_no, name, kind, county_code, sector_code, size_class, created_by)
        SELECT 'BENCH-CF-' || cl.id || '-' || k, 'بنگاه بنچ ' || k || ' ' || cl.name, 'company', cl.county_codes[1], cl.sector_code, 'small', staff.id
        FROM clusters cl CROSS JOIN generate_series(1, ${FIRMS}) k CROSS JOIN staff
        WHERE cl.name LIKE 'خوشه بنچ %'`.execute(trx);
      await sql`
        INSERT INTO cluster_firms (cluster_id, enterprise_id, joined_on, created_by)
        SELECT cl.id, e.id, cl.stage_since - 30, cl.created_by
        FROM clusters cl CROSS JOIN generate_series(1, ${FIRMS}) k JOIN enterprises e ON e.registration_no = 'BENCH-CF-' || cl.id || '-' || k
        WHERE cl.name LIKE 'خوشه بنچ %' AND e.merged_into IS NULL`.execute(trx);
      await sql`
        INSERT INTO cluster_projects (cluster_id, kind, title, budget, status, starts_on, ends_on, created_by)
        SELECT cl.id, (ARRAY['marketing','purchasing','export','facility','training'])[1 + (cl.id + k) % 5], 'پروژه مشترک بنچ ' || k || ' ' || cl.id,
               1000000000, (ARRAY['planned','running','completed'])[k], cl.stage_since + k * 10, cl.stage_since + k * 10 + 90, cl.created_by
        FROM clusters cl CROSS JOIN generate_series(1, 3) k
        WHERE cl.name LIKE 'خوشه بنچ %'`.execute(trx);
      await sql`
        INSERT INTO cluster_project_firms (project_id, firm_id)
        SELECT p.id, f.id
        FROM cluster_projects p
        CROSS JOIN LATERAL (SELECT id FROM cluster_firms WHERE cluster_id = p.cluster_id ORDER BY id OFFSET (p.id % 7) LIMIT 5) f
        WHERE p.title LIKE 'پروژه مشترک بنچ %'`.execute(trx);
      await sql`
        INSERT INTO cluster_events (cluster_id, actor_id, action, from_stage, to_stage, happened_on, note)
        SELECT cl.id, cl.created_by, e.action, e.from_stage, e.to_stage, cl.stage_since - e.age, 'رویداد بنچ'
        FROM clusters cl CROSS JOIN (VALUES ('created', NULL, 'identification', 60), ('move', 'identification', 'diagnosis', 30)) AS e(action, from_stage, to_stage, age)
        WHERE cl.name LIKE 'خوشه بنچ %'`.execute(trx);
    });
    const counts = await sql<{ t: string; n: number }>`
      SELECT 'cooperatives' AS t, count(*)::int AS n FROM cooperatives UNION ALL SELECT 'members', count(*)::int FROM cooperative_members
      UNION ALL SELECT 'clusters', count(*)::int FROM clusters UNION ALL SELECT 'cluster firms', count(*)::int FROM cluster_firms`.execute(db);
    ctx.log(`cooperatives: done (${counts.rows.map((r) => `${r.n} ${r.t}`).join(", ")})`);
  },
  requests: [
    // Not a target: what any signed-in page costs (session, navigation, bell, layout), so the module's own
    // cost on the signed-in pages below is visible beside it (issue 12 asks for the static page's ratio).
    { label: "signed-in baseline: notifications (staff)", path: "/notifications", role: "staff" },
    { label: "cooperative queue, first page (staff)", path: "/cooperatives", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
    { label: "cooperative queue, Persian name search (staff)", path: `/cooperatives?q=${encodeURIComponent(SEARCH)}`, role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
    { label: "cooperative directory (public)", path: "/cooperatives/directory", targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
    { label: "cluster directory (public)", path: "/clusters/directory", targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
    {
      label: "cluster page, 40 firms (staff)",
      path: firstIdPath(sql`SELECT id FROM clusters WHERE name LIKE 'خوشه بنچ %' AND stage = 'joint_action' ORDER BY id LIMIT 1`, (id) => `/clusters/${id}`),
      role: "staff",
      targets: { p95Ms: 100, minRatioToStatic: 0.5 },
    },
    {
      label: "cooperative page, 10 members (staff)",
      path: firstIdPath(sql`SELECT id FROM cooperatives WHERE name1 LIKE 'تعاونی بنچ %' AND status = 'active' ORDER BY id LIMIT 1`, (id) => `/cooperatives/${id}`),
      role: "staff",
      targets: { p95Ms: 100, minRatioToStatic: 0.5 },
    },
  ],
});
