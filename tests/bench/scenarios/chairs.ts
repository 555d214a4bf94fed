// Chairs (issue 6): a chair page and the staff ranking with 200 chairs, 50,000 activities and
// 100,000 ideas naming chairs (plus 3,000 enterprises with verified reports sourced to those ideas,
// so the jobs read through the employment ledger's reports has work to do).
//   npm run bench -- chairs            (generates the data once; the bench database is kept)
import { sql } from "kysely";
import { currentJalaliYear, jalaliYearRange } from "../../../app/i18n/format";
import { defineScenario, type BenchContext } from "../types";

const CHAIRS = 200;
const ACTIVITIES = 50_000;
const IDEAS = 100_000;
const ENTERPRISES = 3_000;
const MARK = "کرسی بنچ ";

async function benchChairId(ctx: BenchContext): Promise<number> {
  const r = await sql<{ id: number }>`SELECT id FROM chairs WHERE title = ${MARK + "17"}`.execute(ctx.db);
  return r.rows[0].id;
}

export default defineScenario({
  name: "chairs",
  description: "chair page and ranking over 200 chairs, 50k activities, 100k ideas (issue 6: p95 < 100 ms)",
  async prepare(ctx) {
    const db = ctx.db;
    const have = await sql<{ n: number }>`SELECT count(*)::int AS n FROM chairs WHERE title LIKE ${MARK + "%"}`.execute(db);
    if (have.rows[0].n >= CHAIRS) {
      ctx.log("chairs: data already generated");
      return;
    }
    const year = currentJalaliYear();
    const cur = jalaliYearRange(year);
    const prev = jalaliYearRange(year - 1);
    ctx.log(`chairs: generating ${CHAIRS} chairs, ${ACTIVITIES} activities, ${IDEAS} ideas, ${ENTERPRISES} enterprises`);
    await db.transaction().execute(async (trx) => {
      await sql`
        INSERT INTO chairs (university_id, title, field, holder_name, holder_rank, holder_email, status, established_on)
        SELECT u.ids[1 + (g % array_length(u.ids, 1))], ${MARK} || g, 'حوزه ' || (g % 12), 'دکتر بنچ ' || g,
               (ARRAY['instructor','assistant_professor','associate_professor','professor'])[1 + g % 4],
               'holder' || g || '@bench.local', CASE WHEN g % 10 = 0 THEN 'proposed' ELSE 'active' END, DATE '2020-01-01' + g
        FROM generate_series(1, ${CHAIRS}) g,
             (SELECT array_agg(id ORDER BY id) AS ids FROM org_units WHERE kind = 'university') u`.execute(trx);
      await sql`
        WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM chairs WHERE title LIKE ${MARK + "%"})
        INSERT INTO chair_activities (chair_id, kind, title, held_on, jalali_year, hours, participants, women, partners, external_ref)
        SELECT c.ids[1 + (g % ${CHAIRS})],
               (ARRAY['course','workshop','bootcamp','competition','mentoring'])[1 + g % 5],
               'فعالیت بنچ ' || g,
               CASE WHEN g % 5 < 3 THEN ${cur.start}::date + (g % 360) ELSE ${prev.start}::date + (g % 360) END,
               CASE WHEN g % 5 < 3 THEN ${year}::int ELSE ${year - 1}::int END,
               1 + g % 24, 10 + g % 90, (10 + g % 90) / 2, '', 'bench-' || g
        FROM generate_series(1, ${ACTIVITIES}) g, c`.execute(trx);
      const call = await sql<{ id: number }>`INSERT INTO calls (title, standing, status) VALUES ('فراخوان بنچ کرسی‌ها', true, 'open') RETURNING id`.execute(trx);
      const owner = await sql<{ id: number }>`SELECT id FROM users ORDER BY id LIMIT 1`.execute(trx);
      await sql`
        WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM chairs WHERE title LIKE ${MARK + "%"})
        INSERT INTO ideas (call_id, owner_id, title, origin_kind, origin_ref, status, accepted_path, submitted_at)
        SELECT ${call.rows[0].id}, ${owner.rows[0].id}, 'ایده بنچ ' || g, 'chair', c.ids[1 + (g % ${CHAIRS})]::text,
               s.status, CASE WHEN s.status = 'accepted' THEN (ARRAY['acceleration','consulting','cooperative'])[1 + g % 3] END,
               CASE WHEN s.status = 'draft' THEN NULL
                    WHEN g % 2 = 0 THEN (${cur.start}::date + (g % 360))::timestamp AT TIME ZONE 'Asia/Tehran'
                    ELSE (${prev.start}::date + (g % 360))::timestamp AT TIME ZONE 'Asia/Tehran' END
        FROM generate_series(1, ${IDEAS}) g, c,
             LATERAL (SELECT (ARRAY['draft','submitted','screening','in_review','accepted','rejected','accepted','needs_revision'])[1 + (g / ${CHAIRS}) % 8] AS status) s`.execute(trx);
      // Enterprises formed from accepted chair ideas, each with two verified reports (the later counts).
      await sql`
        INSERT INTO enterprises (name, registration_no, kind, county_code, sector_code, size_class)
        SELECT 'بنگاه کرسی ' || g, 'bench-chair-' || g, 'company', (SELECT code FROM counties ORDER BY code LIMIT 1),
               (SELECT code FROM sectors ORDER BY code LIMIT 1), 'micro'
        FROM generate_series(1, ${ENTERPRISES}) g`.execute(trx);
      await sql`
        WITH e AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM enterprises WHERE registration_no LIKE 'bench-chair-%'),
             i AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ideas WHERE origin_kind = 'chair' AND status = 'accepted' AND title LIKE 'ایده بنچ %' LIMIT ${ENTERPRISES})
        INSERT INTO employment_reports (enterprise_id, as_of, jalali_year, jalali_month, source_module, source_id, programme, created_full_time, status)
        SELECT e.id, ${cur.start}::date + k * 60, ${year}::int, 1 + k * 2, 'ideas', i.id::text, 'ideas', 1 + (e.n % 7) + k, 'verified'
        FROM e JOIN i ON i.n = e.n, generate_series(0, 1) k`.execute(trx);
    });
    ctx.log("chairs: done");
  },
  requests: [
    {
      label: "chair page (staff)",
      path: async (ctx) => `/chairs/${await benchChairId(ctx)}`,
      role: "staff",
      targets: { p95Ms: 100 },
    },
    {
      label: "chair yearly report (staff)",
      path: async (ctx) => `/chairs/${await benchChairId(ctx)}/report`,
      role: "staff",
      targets: { p95Ms: 100 },
    },
    { label: "chairs ranking (staff)", path: "/chairs/ranking", role: "staff", targets: { p95Ms: 100 } },
    { label: "public chairs", path: "/chairs", targets: { p95Ms: 100 } },
  ],
});
