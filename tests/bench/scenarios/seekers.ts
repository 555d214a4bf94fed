// Job seekers, vacancies and placements (issue 15): with 100,000 seekers, 10,000 open vacancies and 50,000
// placements on real PostgreSQL, the ranked candidates of a vacancy, the ranked vacancies of a seeker, the
// placements dashboard and the staff seeker list with a county filter each keep p95 under 100 ms and at
// least 50% of the static page's throughput.
//   BENCH_DB=portal_bench_<name> npm run bench -- seekers
// Generated in SQL with generate_series (deterministic: hashtext of the row number), idempotent (the bench
// seekers are counted first). 200 bench employer units hold 10,000 open vacancies and 5,000 filled ones;
// the 50,000 placements (each with its hired referral and its 3- and 6-month checks) are on the filled
// vacancies, ten a vacancy, started over the last 700 days. A fifth of the seekers belong to the demo
// counsellor's centre; a quarter have a confirmed priority group; one in twenty is hidden.
import { sql } from "kysely";
import { addDays, todayTehran } from "../../../app/i18n/clock";
import { defineScenario } from "../types";

const SEEKERS = 100_000;
const EMPLOYERS = 200;
const OPEN = 10_000;
const FILLED = 5_000;
const PER_FILLED = 10; // 50,000 placements
const PREFIX = "کارجوی بنچ ";

export default defineScenario({
  name: "seekers",
  description: "ranked candidates of a vacancy, ranked vacancies of a seeker, placements dashboard, seeker list by county over 100k seekers, 10k open vacancies, 50k placements (issue 15: p95 < 100 ms, >= 50% of static)",
  async prepare(ctx) {
    const db = ctx.db;
    const have = await sql<{ n: number }>`SELECT count(*)::int AS n FROM job_seekers WHERE full_name LIKE ${PREFIX + "%"}`.execute(db);
    if (have.rows[0].n >= SEEKERS) {
      ctx.log("seekers: data already generated");
      return;
    }
    const today = todayTehran();
    ctx.log(`seekers: generating ${SEEKERS} seekers, ${EMPLOYERS} employers, ${OPEN} open + ${FILLED} filled vacancies, ${FILLED * PER_FILLED} placements with referrals and checks`);
    await db.transaction().execute(async (trx) => {
      const h = (salt: string, n: number, v = "g") => sql.raw(`(abs(hashtext('${salt}' || ${v})) % ${n})`);
      const refs = sql`(SELECT array_agg(code ORDER BY code) AS codes FROM counties) c, (SELECT array_agg(code ORDER BY code) AS codes FROM occupations) o,
                       (SELECT array_agg(code ORDER BY code) AS codes FROM skills) k, (SELECT array_agg(code ORDER BY code) AS codes FROM priority_groups) pg`;
      const pick = (arr: string, salt: string, v = "g") => sql.raw(`${arr}.codes[1 + (abs(hashtext('${salt}' || ${v})) % array_length(${arr}.codes, 1))]`);
      const levels = sql.raw(`(ARRAY['none','primary','secondary','diploma','associate','bachelor','master','doctorate'])`);
      await sql`
        INSERT INTO job_seekers (national_id, full_name, mobile, birth_year, gender, county_code, marginal_area, education_level, education_field,
                                 occupations, skills, experience_years, desired_work, desired_counties, availability, hidden, centre_id, status,
                                 confirmed_groups, search_text)
        SELECT 'bs' || lpad(g::text, 8, '0'), ${PREFIX} || g, '0914' || lpad(g::text, 7, '0'), 1350 + g % 50,
               CASE WHEN ${h("sg", 10)} < 5 THEN 'female' ELSE 'male' END, ${pick("c", "sc")}, g % 7 = 0,
               ${levels}[1 + ${h("se", 8)}], 'رشته بنچ',
               ARRAY[${pick("o", "so1")}, ${pick("o", "so2")}], ARRAY[${pick("k", "sk1")}, ${pick("k", "sk2")}, ${pick("k", "sk3")}],
               ${h("sx", 15)}, 'کار بنچ', ARRAY[${pick("c", "sd")}],
               (ARRAY['immediate','immediate','within_month','later'])[1 + ${h("sa", 4)}], g % 20 = 0,
               CASE WHEN g % 5 = 0 THEN (SELECT id FROM org_units WHERE code = 'consult-tabriz-1') END,
               CASE WHEN g % 10 = 0 THEN 'inactive' ELSE 'active' END,
               CASE WHEN g % 4 = 0 THEN ARRAY[${pick("pg", "sp")}] ELSE '{}'::text[] END,
               'کارجوی بنچ ' || g
        FROM generate_series(1, ${SEEKERS}) g CROSS JOIN ${refs}`.execute(trx);
      await sql`
        INSERT INTO org_units (kind, code, name_fa, name_en, county_code)
        SELECT 'employer', 'bench-emp-' || g, 'کارفرمای بنچ ' || g, 'Bench employer ' || g, ${pick("c", "ec")}
        FROM generate_series(1, ${EMPLOYERS}) g, (SELECT array_agg(code ORDER BY code) AS codes FROM counties) c
        ON CONFLICT (code) DO NOTHING`.execute(trx);
      // Vacancies: the first OPEN are open (closing 1..200 days ahead), the next FILLED are filled with ten hires each.
      await sql`
        WITH e AS (SELECT array_agg(id ORDER BY id) AS ids FROM org_units WHERE code LIKE 'bench-emp-%')
        INSERT INTO vacancies (employer_id, title, occupation_code, skills, education_level, county_code, posts, contract_type, temp_months,
                               min_experience, wage_min, wage_max, closes_on, priority_opt_in, status, hired_count)
        SELECT e.ids[1 + ${h("ve", EMPLOYERS)}], 'فرصت بنچ ' || g, ${pick("o", "vo")}, ARRAY[${pick("k", "vk1")}, ${pick("k", "vk2")}],
               ${levels}[1 + ${h("vl", 6)}], ${pick("c", "vc")},
               CASE WHEN g <= ${OPEN} THEN 1 + g % 5 ELSE ${PER_FILLED} END,
               (ARRAY['full_time','full_time','part_time','temporary'])[1 + g % 4], CASE WHEN g % 4 = 3 THEN 6 END,
               g % 6, 100000000, 150000000,
               CASE WHEN g <= ${OPEN} THEN ${addDays(today, 1)}::date + g % 200 ELSE ${addDays(today, -30)}::date END,
               g % 3 = 0, CASE WHEN g <= ${OPEN} THEN 'open' ELSE 'filled' END, CASE WHEN g <= ${OPEN} THEN 0 ELSE ${PER_FILLED} END
        FROM generate_series(1, ${OPEN + FILLED}) g CROSS JOIN e CROSS JOIN ${refs}`.execute(trx);
      // Hired referrals: placement n goes to filled vacancy 1 + (n - 1) / 10 and seeker n (the first 50,000).
      await sql`
        WITH v AS (SELECT array_agg(id ORDER BY id) AS ids FROM vacancies WHERE title LIKE 'فرصت بنچ %' AND status = 'filled'),
             s AS (SELECT array_agg(id ORDER BY id) AS ids FROM job_seekers WHERE full_name LIKE ${PREFIX + "%"})
        INSERT INTO referrals (vacancy_id, seeker_id, kind, status, decided_at)
        SELECT v.ids[1 + (n - 1) / ${PER_FILLED}], s.ids[n], CASE WHEN n % 3 = 0 THEN 'application' ELSE 'referral' END, 'hired', now()
        FROM generate_series(1, ${FILLED * PER_FILLED}) n CROSS JOIN v CROSS JOIN s`.execute(trx);
      await sql`
        INSERT INTO placements (referral_id, vacancy_id, seeker_id, employer_id, started_on, contract_type, fte, gender, county_code, centre_id,
                                priority_groups, days_to_placement, retained)
        SELECT r.id, r.vacancy_id, r.seeker_id, v.employer_id, ${addDays(today, -700)}::date + (r.id % 700), v.contract_type,
               CASE v.contract_type WHEN 'full_time' THEN 1 WHEN 'part_time' THEN 0.5 ELSE 0.5 END, s.gender, s.county_code, s.centre_id,
               s.confirmed_groups, 5 + r.id % 120, CASE WHEN r.id % 700 < 500 THEN r.id % 5 <> 0 END
        FROM referrals r JOIN vacancies v ON v.id = r.vacancy_id JOIN job_seekers s ON s.id = r.seeker_id
        WHERE v.title LIKE 'فرصت بنچ %' AND r.status = 'hired'`.execute(trx);
      await sql`
        INSERT INTO retention_checks (placement_id, months, due_on, result, method, checked_at)
        SELECT p.id, m, p.started_on + m * 30,
               CASE WHEN p.started_on + m * 30 <= ${today}::date AND x < 90 THEN (ARRAY['yes','yes','yes','no','unknown'])[1 + x % 5] END,
               CASE WHEN p.started_on + m * 30 <= ${today}::date AND x < 90 THEN 'phone' END,
               CASE WHEN p.started_on + m * 30 <= ${today}::date AND x < 90 THEN now() END
        FROM placements p JOIN vacancies v ON v.id = p.vacancy_id CROSS JOIN (VALUES (3), (6)) AS mm(m)
        CROSS JOIN LATERAL (SELECT abs(hashtext('rc' || p.id || m)) % 100 AS x) r
        WHERE v.title LIKE 'فرصت بنچ %'`.execute(trx);
    });
    const counts = await sql<{ t: string; n: number }>`
      SELECT 'seekers' AS t, count(*)::int AS n FROM job_seekers UNION ALL SELECT 'open vacancies', count(*)::int FROM vacancies WHERE status = 'open'
      UNION ALL SELECT 'placements', count(*)::int FROM placements UNION ALL SELECT 'checks', count(*)::int FROM retention_checks`.execute(db);
    ctx.log(`seekers: done (${counts.rows.map((r) => `${r.n} ${r.t}`).join(", ")})`);
  },
  requests: [
    {
      label: "ranked candidates of a vacancy (staff)",
      path: async (ctx) => {
        const r = await sql<{ id: number }>`SELECT id FROM vacancies WHERE title = 'فرصت بنچ 3000' AND status = 'open'`.execute(ctx.db);
        return `/vacancies/${r.rows[0].id}/matches`;
      },
      role: "staff",
      targets: { p95Ms: 100, minRatioToStatic: 0.5 },
    },
    {
      label: "ranked vacancies of a seeker (staff)",
      path: async (ctx) => {
        const r = await sql<{ id: number }>`SELECT id FROM job_seekers WHERE full_name = ${PREFIX + "77777"}`.execute(ctx.db);
        return `/seekers/${r.rows[0].id}/matches`;
      },
      role: "staff",
      targets: { p95Ms: 100, minRatioToStatic: 0.5 },
    },
    { label: "placements dashboard (staff)", path: "/placements", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
    { label: "seeker list, county filter (staff)", path: "/seekers?county=tabriz", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
    // The demo job seeker's home ranks every open vacancy for them (a cached read model, decision 0045).
    { label: "the seeker's home (job seeker)", path: "/home", role: { email: "seeker@demo.karafarini.ir" }, targets: { p95Ms: 100, minRatioToStatic: 0.5 } },
  ],
});
