// Ideas (issue 4): the staff queue with 100,000 ideas and 300,000 reviews (issue 4: p95 < 100 ms and
// at least 40% of the static page's req/s for the first page, a page 1,000 pages deep and a Persian search).
//   npm run bench -- ideas            (generates the data once; the bench database is kept)
import { sql } from "kysely";
import { defineScenario, type BenchContext } from "../types";

const IDEAS = 100_000;
const REVIEWS_PER_IDEA = 3; // 300,000 reviews
const MENTORS = 20;
const MARK = "فراخوان بنچ ایده‌ها";
const targets = { p95Ms: 100, minRatioToStatic: 0.4 };

/** The keyset cursor 1,000 pages (25 a page) into the default queue (newest first, drafts excluded). */
async function deepCursor(ctx: BenchContext): Promise<number> {
  const r = await sql<{ id: number }>`SELECT id FROM ideas WHERE status <> 'draft' ORDER BY id DESC OFFSET ${25 * 1000 - 1} LIMIT 1`.execute(ctx.db);
  return r.rows[0].id;
}

export default defineScenario({
  name: "ideas",
  description: "staff idea queue over 100k ideas and 300k reviews: first page, 1,000 pages deep, Persian search (issue 4)",
  async prepare(ctx) {
    const db = ctx.db;
    const have = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ideas i JOIN calls c ON c.id = i.call_id WHERE c.title = ${MARK}`.execute(db);
    if (have.rows[0].n >= IDEAS) {
      ctx.log("ideas: data already generated");
      return;
    }
    ctx.log(`ideas: generating ${IDEAS} ideas, ${IDEAS * REVIEWS_PER_IDEA} reviews, ${MENTORS} mentors`);
    await db.transaction().execute(async (trx) => {
      const call = await sql<{ id: number }>`
        INSERT INTO calls (title, standing, status, blind) VALUES (${MARK}, true, 'open', false) RETURNING id`.execute(trx);
      const callId = call.rows[0].id;
      await sql`
        INSERT INTO call_criteria (call_id, label, weight, position)
        SELECT ${callId}, 'معیار ' || k, k, k FROM generate_series(1, 4) k`.execute(trx);
      await sql`
        INSERT INTO users (email, full_name, password_hash)
        SELECT 'bench-mentor-' || g || '@bench.local', 'داور بنچ ' || g, NULL FROM generate_series(1, ${MENTORS}) g
        ON CONFLICT (email) DO NOTHING`.execute(trx);
      await sql`
        INSERT INTO role_assignments (user_id, role, org_unit_id)
        SELECT u.id, 'mentor', (SELECT id FROM org_units WHERE kind = 'centre' ORDER BY id LIMIT 1)
        FROM users u WHERE u.email LIKE 'bench-mentor-%@bench.local'
        ON CONFLICT DO NOTHING`.execute(trx);
      const owner = await sql<{ id: number }>`SELECT id FROM users WHERE email = 'entrepreneur@demo.karafarini.ir'`.execute(trx);
      // Titles mix a handful of Persian words; search_text is what searchForm() would store.
      await sql`
        INSERT INTO ideas (call_id, owner_id, title, summary, problem, sector_code, county_code, stage, expected_jobs, funding_rials,
                           status, accepted_path, submitted_at, search_text, decided_at)
        SELECT ${callId}, ${owner.rows[0].id}, t.title, t.summary, 'مسئله ' || g,
               (SELECT array_agg(code ORDER BY code) FROM sectors)[1 + g % 10],
               (SELECT array_agg(code ORDER BY code) FROM counties)[1 + g % 20],
               (ARRAY['idea','prototype','mvp','revenue'])[1 + g % 4], 1 + g % 30, (1 + g % 50) * 100000000::bigint,
               s.status, CASE WHEN s.status = 'accepted' THEN (ARRAY['acceleration','consulting','cooperative'])[1 + g % 3] END,
               CASE WHEN s.status <> 'draft' THEN now() - make_interval(mins => ${IDEAS} - g) END,
               lower(t.title || ' ' || t.summary || ' ' || 'مسئله ' || g),
               CASE WHEN s.status IN ('accepted','rejected') THEN now() END
        FROM generate_series(1, ${IDEAS}) g,
             LATERAL (SELECT (ARRAY['draft','submitted','screening','in_review','in_review','accepted','rejected','needs_revision','in_review','in_review'])[1 + g % 10] AS status) s,
             LATERAL (SELECT 'ایده ' || (ARRAY['گلخانه هوشمند','کشاورزی دقیق','پوشاک محلی','نرم‌افزار حسابداری','گردشگری روستایی','صنایع دستی','بسته‌بندی خرما','انرژی خورشیدی','آموزش برخط','لجستیک سرد'])[1 + (g * 7) % 10] || ' ' || g AS title,
                             'خلاصه ایده شماره ' || g AS summary) t`.execute(trx);
      // Three reviewers per submitted idea (distinct mentors), mostly done with a weighted score.
      await sql`
        WITH m AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'bench-mentor-%@bench.local'),
             i AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ideas WHERE call_id = ${callId})
        INSERT INTO idea_reviews (idea_id, reviewer_id, assigned_at, due_at, status, no_conflict_at, recusal_reason, comments,
                                  recommendation, weighted_score, submitted_at, overdue_notified_at)
        SELECT i.id, m.ids[1 + ((i.n + k) % ${MENTORS})], now() - interval '10 days',
               now() + make_interval(days => (i.n % 14)::int - 7),
               st.status, now(), CASE WHEN st.status = 'recused' THEN 'تعارض منافع' END,
               CASE WHEN st.status = 'done' THEN 'نظر داور' END,
               CASE WHEN st.status = 'done' THEN (ARRAY['accept','revise','reject'])[1 + (i.n + k) % 3] END,
               CASE WHEN st.status = 'done' THEN ((i.n * 7 + k * 13) % 50) / 10.0 END,
               CASE WHEN st.status = 'done' THEN now() END,
               CASE WHEN st.status = 'pending' AND (i.n % 14) < 7 THEN now() END -- overdue ones already notified (steady state)
        FROM i, m, generate_series(0, ${REVIEWS_PER_IDEA - 1}) k,
             LATERAL (SELECT (ARRAY['done','done','pending','done','recused','done'])[1 + (i.n + k) % 6] AS status) st`.execute(trx);
    });
    ctx.log("ideas: done");
  },
  requests: [
    { label: "ideas queue, first page", path: "/staff/ideas", role: "staff", targets },
    { label: "ideas queue, 1,000 pages deep (keyset)", path: async (ctx) => `/staff/ideas?after=${await deepCursor(ctx)}`, role: "staff", targets },
    // Arabic-form letters (ك، ي) and the query is normalised to the Persian forms stored in search_text.
    { label: "ideas queue, Persian search", path: `/staff/ideas?q=${encodeURIComponent("كشاورزي دقيق")}`, role: "staff", targets },
    { label: "ideas queue, filtered (in review, county, overdue)", path: "/staff/ideas?status=in_review&county=tabriz&overdue=1", role: "staff", targets },
  ],
});
