// Employment ledger (issue 3): staff dashboard, public page and open data over 200,000 enterprises and
// 1,000,000 employment reports. Targets: p95 < 100 ms and >= 40% of the static page's req/s.
// Data generator (idempotent; set-based generate_series SQL, about a minute):
//   npm run bench -- employment            (generates on first run, then benchmarks)
//   npm run bench -- employment --skip-prepare
// Reports spread over Jalali years 1400-1404: 70% verified, 10% rejected, 20% awaiting verification;
// the counted rollup is then rebuilt with the same rule as rebuildCounted() in
// app/modules/employment/queries.server.ts (latest verified, non-superseded report per enterprise and year).
import { sql } from "kysely";
import { defineScenario } from "../types";

const ENTERPRISES = 200_000;
const REPORTS = 1_000_000;

export default defineScenario({
  name: "employment",
  description: "employment dashboard, public page, CSV and JSON over 200k enterprises / 1M reports (issue 3: p95 < 100 ms, >= 40% of static)",
  async prepare(ctx) {
    const { db } = ctx;
    const have = await sql<{ n: number }>`SELECT count(*)::int AS n FROM employment_reports WHERE external_ref LIKE 'empbench-%'`.execute(db);
    if (have.rows[0].n >= REPORTS) {
      ctx.log(`employment: ${have.rows[0].n} bench reports already there`);
      return;
    }
    ctx.log("employment: generating 200,000 enterprises and 1,000,000 reports...");
    const t0 = Date.now();
    await sql`DELETE FROM employment_counted WHERE report_id IN (SELECT id FROM employment_reports WHERE external_ref LIKE 'empbench-%')`.execute(db);
    await sql`DELETE FROM employment_report_events WHERE report_id IN (SELECT id FROM employment_reports WHERE external_ref LIKE 'empbench-%')`.execute(db);
    await sql`DELETE FROM employment_reports WHERE external_ref LIKE 'empbench-%'`.execute(db);
    await sql`DELETE FROM enterprises WHERE registration_no LIKE 'empbench-%'`.execute(db);
    await sql`
      INSERT INTO enterprises (registration_no, name, kind, county_code, sector_code, agency_code, size_class, baseline_headcount)
      SELECT 'empbench-' || g, 'bench enterprise ' || g,
             (ARRAY['company','cooperative','self_employed','home_business'])[1 + g % 4],
             c.codes[1 + g % array_length(c.codes, 1)], s.codes[1 + (g / 7) % array_length(s.codes, 1)],
             a.codes[1 + (g / 3) % array_length(a.codes, 1)], (ARRAY['micro','small','medium','large'])[1 + g % 4], g % 20
      FROM generate_series(1, ${ENTERPRISES}) g,
           (SELECT array_agg(code ORDER BY code) codes FROM counties) c,
           (SELECT array_agg(code ORDER BY code) codes FROM sectors) s,
           (SELECT array_agg(code ORDER BY code) codes FROM agencies) a`.execute(db);
    // Jalali years 1400..1404 start on these Gregorian days; months 1-6 have 31 days, 7-11 have 30.
    await sql`
      INSERT INTO employment_reports (enterprise_id, as_of, jalali_year, jalali_month, source_module, source_id, external_ref, programme,
        fte_baseline, fte_now, created_full_time, created_part_time, created_temp_months, retained_full_time, women, priority_groups,
        status, verified_at, created_at)
      SELECT e0.min_id + (g % ${ENTERPRISES}), d.as_of, d.jy, LEAST(12, CASE WHEN d.off < 186 THEN d.off / 31 + 1 ELSE (d.off - 186) / 30 + 7 END),
             'import', NULL, 'empbench-' || g, (ARRAY['ideas','cases','cooperatives','clusters','partnerships','chairs','placements','micro','training','other'])[1 + g % 10],
             10, 20, 1 + g % 5, g % 3, g % 13, g % 4, (g % 3)::numeric,
             CASE WHEN g % 5 = 0 THEN ARRAY['unemployed-graduates'] WHEN g % 7 = 0 THEN ARRAY['low-income-deciles','marginal-areas'] ELSE '{}' END,
             CASE WHEN g % 10 < 7 THEN 'verified' WHEN g % 10 = 7 THEN 'rejected' ELSE 'reported' END,
             CASE WHEN g % 10 < 8 THEN now() END,
             now() - ((g % 1000) || ' minutes')::interval
      FROM generate_series(1, ${REPORTS}) g
      CROSS JOIN (SELECT min(id) AS min_id FROM enterprises WHERE registration_no LIKE 'empbench-%') e0
      CROSS JOIN LATERAL (
        SELECT x.as_of, y.jy, (x.as_of - y.starts) AS off
        FROM (SELECT (date '2021-03-21' + ((g * 37) % 1826))::date AS as_of) x
        JOIN (VALUES (1400, date '2021-03-21'), (1401, date '2022-03-21'), (1402, date '2023-03-21'), (1403, date '2024-03-20'), (1404, date '2025-03-21')) y(jy, starts)
          ON x.as_of >= y.starts
        ORDER BY y.starts DESC LIMIT 1
      ) d`.execute(db);
    await sql`
      INSERT INTO employment_counted (enterprise_id, jalali_year, report_id, jalali_month, county_code, agency_code, sector_code,
        programme, jobs_created, jobs_retained, women, priority_groups)
      SELECT DISTINCT ON (r.enterprise_id, r.jalali_year) r.enterprise_id, r.jalali_year, r.id, r.jalali_month, e.county_code,
        e.agency_code, e.sector_code, r.programme, r.jobs_created, r.jobs_retained, r.women, r.priority_groups
      FROM employment_reports r JOIN enterprises e ON e.id = r.enterprise_id
      WHERE r.status = 'verified' AND r.superseded_by IS NULL AND r.external_ref LIKE 'empbench-%'
      ORDER BY r.enterprise_id, r.jalali_year, r.as_of DESC, r.id DESC
      ON CONFLICT (jalali_year, enterprise_id) DO NOTHING`.execute(db);
    ctx.log(`employment: generated in ${Math.round((Date.now() - t0) / 1000)} s`);
  },
  requests: [
    { label: "employment dashboard (staff, 1401)", path: "/employment/dashboard?year=1401", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
    { label: "employment dashboard (staff, county)", path: "/employment/dashboard?year=1401&county=tabriz", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
    { label: "employment public page", path: "/employment?year=1401", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
    { label: "employment.csv", path: "/employment.csv?year=1401", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
    { label: "employment.json", path: "/employment.json?year=1401", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
    { label: "verification queue (staff)", path: "/employment/queue?year=1401", role: "staff", targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
  ],
});
