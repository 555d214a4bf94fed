// Knowledge-based companies and industries (issue 13): with 5,000 companies, 3,000 industries, 2,000
// open challenges, 20,000 proposals and 5,000 partnerships on real PostgreSQL, the ranked match list
// for one challenge (the demo industry's) and "challenges that fit you" for one company (the demo
// company) keep p95 < 100 ms and at least 50% of the static page's throughput. Matching runs in SQL
// (app/modules/partnerships/match.server.ts) over the indexed domain rows and the company rollups.
//   BENCH_DB=portal_bench_partner npm run bench -- partnerships
// Generated in SQL with generate_series (deterministic: hashtext of the row number), idempotent.
import { sql } from "kysely";
import { addDays, todayTehran } from "../../../app/i18n/clock";
import { defineScenario, type BenchContext } from "../types";

const COMPANIES = 5_000;
const INDUSTRIES = 3_000;
const OPEN = 2_000;
const PARTNERSHIPS = 5_000;
const PROPOSALS = 20_000; // 5,000 of them won a partnership, 15,000 answer open challenges
const MARK = "چالش بنچ ";

async function benchChallenge(ctx: BenchContext): Promise<number> {
  const r = await sql<{ id: number }>`
    SELECT ch.id FROM partner_challenges ch JOIN org_units u ON u.id = ch.industry_id
    WHERE u.code = 'demo-industry' AND ch.status = 'open' AND ch.title LIKE ${MARK + "%"} ORDER BY ch.id LIMIT 1`.execute(ctx.db);
  return r.rows[0].id;
}

export default defineScenario({
  name: "partnerships",
  description: "ranked companies for a challenge and challenges that fit a company over 5k companies, 3k industries, 2k open challenges, 20k proposals, 5k partnerships (issue 13: p95 < 100 ms, >= 50% of static)",
  async prepare(ctx) {
    const db = ctx.db;
    const have = await sql<{ n: number }>`SELECT count(*)::int AS n FROM partnerships WHERE NOT is_demo`.execute(db);
    if (have.rows[0].n >= PARTNERSHIPS) {
      ctx.log("partnerships: data already generated");
      return;
    }
    const today = todayTehran();
    ctx.log(`partnerships: generating ${COMPANIES} companies, ${INDUSTRIES} industries, ${OPEN} open challenges, ${PROPOSALS} proposals, ${PARTNERSHIPS} partnerships`);
    await db.transaction().execute(async (trx) => {
      const h = (expr: string, n: number) => sql.raw(`(abs(hashtext('${expr}' || g)) % ${n})`);
      // Enterprises and units: one enterprise per registration number, linked from the unit.
      await sql`
        INSERT INTO enterprises (name, registration_no, kind, county_code, sector_code, size_class, baseline_headcount)
        SELECT 'شرکت بنچ ' || g, 'bench-pc-' || g, 'company', c.codes[1 + ${h("c", 21)}], 'M', 'small', 5 + g % 40
        FROM generate_series(1, ${COMPANIES}) g, (SELECT array_agg(code ORDER BY code) AS codes FROM counties) c`.execute(trx);
      await sql`
        INSERT INTO enterprises (name, registration_no, kind, county_code, sector_code, size_class, baseline_headcount)
        SELECT 'صنعت بنچ ' || g, 'bench-pi-' || g, 'company', c.codes[1 + ${h("i", 21)}], (ARRAY['C','C','C','C','A','D','E','F'])[1 + ${h("s", 8)}],
               (ARRAY['small','medium','large'])[1 + g % 3], 20 + g % 400
        FROM generate_series(1, ${INDUSTRIES}) g, (SELECT array_agg(code ORDER BY code) AS codes FROM counties) c`.execute(trx);
      await sql`
        INSERT INTO org_units (kind, code, name_fa, name_en, county_code, enterprise_id)
        SELECT 'company', 'bench-co-' || e.n, e.name, 'Bench company ' || e.n, e.county_code, e.id
        FROM (SELECT id, name, county_code, substr(registration_no, 10)::int AS n FROM enterprises WHERE registration_no LIKE 'bench-pc-%') e`.execute(trx);
      await sql`
        INSERT INTO org_units (kind, code, name_fa, name_en, county_code, enterprise_id)
        SELECT 'industry', 'bench-in-' || e.n, e.name, 'Bench industry ' || e.n, e.county_code, e.id
        FROM (SELECT id, name, county_code, substr(registration_no, 10)::int AS n FROM enterprises WHERE registration_no LIKE 'bench-pi-%') e`.execute(trx);
      // Company profiles: 70% verified, 15% expired; 1-4 technology domains each.
      await sql`
        INSERT INTO partner_companies (org_unit_id, certificate_no, certificate_type, certificate_expires_on, certificate_verified_at,
                                       county_code, sector_code, employees, portfolio, sectors_served)
        SELECT u.id, 'B-' || g, (ARRAY['emerging','type1','type2','production'])[1 + g % 4],
               CASE WHEN ${h("x", 100)} < 15 THEN ${addDays(today, -30)}::date ELSE ${addDays(today, 200)}::date + g % 300 END,
               CASE WHEN ${h("v", 100)} < 70 THEN now() END, u.county_code, 'M', 5 + g % 40, 'سوابق بنچ', ARRAY['C']
        FROM generate_series(1, ${COMPANIES}) g JOIN org_units u ON u.code = 'bench-co-' || g`.execute(trx);
      await sql`
        INSERT INTO partner_company_domains (company_id, domain_code)
        SELECT DISTINCT u.id, d.codes[1 + (abs(hashtext('d' || g || '-' || k)) % array_length(d.codes, 1))]
        FROM generate_series(1, ${COMPANIES}) g JOIN org_units u ON u.code = 'bench-co-' || g,
             generate_series(0, 3) k, (SELECT array_agg(code ORDER BY code) AS codes FROM technology_domains) d
        WHERE k <= g % 4`.execute(trx);
      await sql`
        INSERT INTO partner_industries (org_unit_id, sector_code, size_class, county_code, employees, main_products)
        SELECT u.id, e.sector_code, e.size_class, u.county_code, e.baseline_headcount, 'محصولات بنچ'
        FROM org_units u JOIN enterprises e ON e.id = u.enterprise_id WHERE u.code LIKE 'bench-in-%'`.execute(trx);

      // Challenges: 2,000 open (every 30th of the demo industry, so its representative has some),
      // and 5,000 awarded ones, one per partnership. 1-3 domains each.
      await sql`
        WITH i AS (SELECT array_agg(id ORDER BY id) AS ids FROM org_units WHERE code LIKE 'bench-in-%'),
             demo AS (SELECT id FROM org_units WHERE code = 'demo-industry')
        INSERT INTO partner_challenges (industry_id, category, title, description, current_figures, expected_result, budget_min, budget_max,
                                        deadline, visibility, status, sector_code, county_code, published_at, awarded_at, created_at)
        SELECT CASE WHEN g <= ${OPEN} AND g % 30 = 0 THEN demo.id ELSE i.ids[1 + ${h("ci", INDUSTRIES)}] END,
               (ARRAY['productivity','quality','marketing','technology','energy','supply_chain'])[1 + g % 6],
               ${MARK} || g, 'شرح چالش بنچ ' || g, 'ارقام فعلی', 'نتیجه مورد انتظار', 500000000, 2000000000,
               CASE WHEN g <= ${OPEN} THEN ${addDays(today, 5)}::date + g % 90 ELSE ${addDays(today, -200)}::date + g % 100 END,
               CASE WHEN ${h("vis", 100)} < 80 THEN 'verified' ELSE 'invited' END,
               CASE WHEN g <= ${OPEN} THEN 'open' ELSE 'awarded' END, 'C', 'tabriz',
               now() - make_interval(days => 30 + g % 200), CASE WHEN g > ${OPEN} THEN now() - make_interval(days => g % 180) END, now() - make_interval(days => 40 + g % 200)
        FROM generate_series(1, ${OPEN + PARTNERSHIPS}) g, i, demo`.execute(trx);
      await sql`
        UPDATE partner_challenges ch SET sector_code = ind.sector_code, county_code = ind.county_code
        FROM partner_industries ind WHERE ind.org_unit_id = ch.industry_id AND ch.title LIKE ${MARK + "%"}`.execute(trx);
      await sql`
        INSERT INTO partner_challenge_domains (challenge_id, domain_code)
        SELECT DISTINCT ch.id, d.codes[1 + (abs(hashtext('cd' || ch.id || '-' || k)) % array_length(d.codes, 1))]
        FROM partner_challenges ch, generate_series(0, 2) k, (SELECT array_agg(code ORDER BY code) AS codes FROM technology_domains) d
        WHERE ch.title LIKE ${MARK + "%"} AND k <= ch.id % 3`.execute(trx);
      await sql`
        UPDATE partner_challenges ch SET domain_count = (SELECT count(*) FROM partner_challenge_domains d WHERE d.challenge_id = ch.id)
        WHERE ch.title LIKE ${MARK + "%"}`.execute(trx);
      // Invitations: three companies per invited-only open challenge.
      await sql`
        WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM org_units WHERE code LIKE 'bench-co-%')
        INSERT INTO partner_invitations (challenge_id, company_id)
        SELECT DISTINCT ch.id, c.ids[1 + (abs(hashtext('inv' || ch.id || '-' || k)) % ${COMPANIES})]
        FROM partner_challenges ch, generate_series(0, 2) k, c
        WHERE ch.title LIKE ${MARK + "%"} AND ch.status = 'open' AND ch.visibility = 'invited'`.execute(trx);

      // Proposals: 15,000 on open challenges (distinct companies per challenge), 5,000 awarded ones.
      await sql`
        WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM org_units WHERE code LIKE 'bench-co-%'),
             o AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM partner_challenges WHERE title LIKE ${MARK + "%"} AND status = 'open')
        INSERT INTO partner_proposals (challenge_id, company_id, approach, work_plan, milestones, price, duration_weeks, team, status)
        SELECT o.id, c.ids[1 + ((o.n * 7 + k * 977) % ${COMPANIES})], 'رویکرد بنچ', 'برنامه بنچ', '[{"title":"مرحله","week":4}]', 900000000, 12, 'تیم بنچ',
               (ARRAY['submitted','submitted','shortlisted','declined','withdrawn'])[1 + k % 5]
        FROM o, c, generate_series(0, 7) k
        WHERE k < 7 OR o.n % 2 = 0`.execute(trx); // 7.5 a challenge: 15,000
      await sql`
        WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM org_units WHERE code LIKE 'bench-co-%'),
             a AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM partner_challenges WHERE title LIKE ${MARK + "%"} AND status = 'awarded')
        INSERT INTO partner_proposals (challenge_id, company_id, approach, work_plan, milestones, price, duration_weeks, team, status)
        SELECT a.id, c.ids[1 + (abs(hashtext('aw' || a.n)) % ${COMPANIES})], 'رویکرد برنده', 'برنامه', '[{"title":"مرحله","week":4}]', 900000000, 16, 'تیم', 'awarded'
        FROM a, c`.execute(trx);
      await sql`
        UPDATE partner_challenges ch SET awarded_proposal_id = p.id FROM partner_proposals p
        WHERE p.challenge_id = ch.id AND p.status = 'awarded' AND ch.title LIKE ${MARK + "%"}`.execute(trx);
      // Partnerships: half completed (with measured results), the rest along the way.
      await sql`
        INSERT INTO partnerships (challenge_id, proposal_id, company_id, industry_id, status, scope, contract_value, starts_on, ends_on, completed_at, publish_consent)
        SELECT ch.id, p.id, p.company_id, ch.industry_id,
               (ARRAY['completed','completed','completed','completed','completed','in_progress','in_progress','signed','negotiating','terminated'])[1 + ch.id % 10],
               'دامنه بنچ', 850000000, ${addDays(today, -150)}::date, ${addDays(today, 30)}::date,
               CASE WHEN ch.id % 10 < 5 THEN now() - make_interval(days => ch.id % 100) END, ch.id % 3 = 0
        FROM partner_challenges ch JOIN partner_proposals p ON p.id = ch.awarded_proposal_id
        WHERE ch.title LIKE ${MARK + "%"}`.execute(trx);
      await sql`
        INSERT INTO partnership_results (partnership_id, metric, label, unit, baseline, target, measured)
        SELECT ps.id, (ARRAY['productivity','defect_rate','sales','energy_use','cost'])[1 + (ps.id + k) % 5], 'شاخص بنچ', '٪',
               10 + ps.id % 50, 10 + ps.id % 50 + CASE WHEN k = 0 THEN 10 ELSE -5 END,
               CASE WHEN ps.status = 'completed' THEN 10 + ps.id % 50 + (ps.id % 13) - 3 END
        FROM partnerships ps, generate_series(0, 1) k WHERE ps.challenge_id IN (SELECT id FROM partner_challenges WHERE title LIKE ${MARK + "%"})`.execute(trx);
      // The company rollups, in bulk, with the formulas of refreshCompanyRollups (queries.server.ts).
      await sql`
        UPDATE partner_companies c SET load_count = x.n
        FROM (SELECT company_id, count(*)::int AS n FROM partnerships WHERE status IN ('signed','in_progress') GROUP BY company_id) x
        WHERE x.company_id = c.org_unit_id`.execute(trx);
      await sql`
        INSERT INTO partner_company_experience (sector_code, company_id, completed)
        SELECT ch.sector_code, p.company_id, count(*)::int FROM partnerships p JOIN partner_challenges ch ON ch.id = p.challenge_id
        WHERE p.status = 'completed' GROUP BY ch.sector_code, p.company_id
        ON CONFLICT (sector_code, company_id) DO UPDATE SET completed = excluded.completed`.execute(trx);
      await sql`
        UPDATE partner_companies c SET results_count = x.n, results_pm = x.pm
        FROM (SELECT p.company_id, count(*)::int AS n,
                     round(1000 * avg(LEAST(1, GREATEST(0, (r.measured - r.baseline) / (r.target - r.baseline)))))::int AS pm
              FROM partnership_results r JOIN partnerships p ON p.id = r.partnership_id
              WHERE p.status = 'completed' AND r.measured IS NOT NULL GROUP BY p.company_id) x
        WHERE x.company_id = c.org_unit_id`.execute(trx);
    });
    const counts = await sql<{ t: string; n: number }>`
      SELECT 'companies' AS t, count(*)::int AS n FROM partner_companies UNION ALL SELECT 'industries', count(*)::int FROM partner_industries
      UNION ALL SELECT 'open challenges', count(*)::int FROM partner_challenges WHERE status = 'open'
      UNION ALL SELECT 'proposals', count(*)::int FROM partner_proposals UNION ALL SELECT 'partnerships', count(*)::int FROM partnerships`.execute(db);
    ctx.log(`partnerships: done (${counts.rows.map((r) => `${r.n} ${r.t}`).join(", ")})`);
  },
  requests: [
    {
      label: "ranked companies for a challenge (industry)",
      path: async (ctx) => `/partnerships/challenges/${await benchChallenge(ctx)}/matches`,
      role: "industry_rep",
      targets: { p95Ms: 100, minRatioToStatic: 0.5 },
    },
    {
      label: "challenges that fit you (company)",
      path: "/partnerships/fit",
      role: "company_rep",
      targets: { p95Ms: 100, minRatioToStatic: 0.5 },
    },
    { label: "challenge list (staff)", path: "/partnerships/challenges", role: "staff", targets: { p95Ms: 100 } },
    { label: "public showcase", path: "/partnerships/showcase", targets: { p95Ms: 100 } },
  ],
});
