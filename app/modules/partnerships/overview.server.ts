import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { addDays, todayTehran } from "~/i18n/clock";
import { explain } from "./match";
import { factsOf, rankChallenges } from "./match.server";
import * as q from "./queries.server";
import { certificateState, companyIdsOf, industryIdsOf, matchWeights } from "./service.server";
import { achievement, CHALLENGE_CATEGORIES, PARTNERSHIP_STATUSES, CHALLENGE_STATUSES } from "./workflow";

// Read models of module 4: the staff overview, the public showcase and the two home widgets.
// The overview and the showcase read whole tables, so they are cached (memo, decision 0014) and
// dropped by every audited change of a challenge, proposal or partnership.

const overviewMemo = memo(["challenge", "proposal", "partnership"], 60_000, async () => {
  const db = await getDb();
  const [challenges, partnerships, proposals, award, results] = await Promise.all([
    db.selectFrom("partner_challenges").select(["status", sql<number>`count(*)::int`.as("n")]).groupBy("status").execute(),
    db.selectFrom("partnerships").select(["status", sql<number>`count(*)::int`.as("n")]).groupBy("status").execute(),
    db.selectFrom("partner_proposals").select([sql<number>`count(*)::int`.as("n"), sql<number>`count(DISTINCT challenge_id)::int`.as("challenges")]).executeTakeFirstOrThrow(),
    db.selectFrom("partner_challenges")
      .select([
        sql<number>`count(*)::int`.as("n"),
        sql<number | null>`round(avg(extract(epoch FROM awarded_at - published_at) / 86400)::numeric, 1)`.as("avg_days"),
        sql<number | null>`round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM awarded_at - published_at) / 86400))::numeric, 1)`.as("median_days"),
      ])
      .where("status", "=", "awarded")
      .where("published_at", "is not", null)
      .executeTakeFirstOrThrow(),
    sql<{ category: string; partnerships: number; measured: number; reached: number; mean_pct: number | null }>`
      SELECT ch.category, count(DISTINCT ps.id)::int AS partnerships,
             count(r.id) FILTER (WHERE r.measured IS NOT NULL)::int AS measured,
             count(r.id) FILTER (WHERE r.measured IS NOT NULL AND (r.measured - r.baseline) / (r.target - r.baseline) >= 1)::int AS reached,
             round(100 * avg(LEAST(1, GREATEST(0, (r.measured - r.baseline) / (r.target - r.baseline)))) FILTER (WHERE r.measured IS NOT NULL), 1)::float AS mean_pct
      FROM partnerships ps
      JOIN partner_challenges ch ON ch.id = ps.challenge_id
      LEFT JOIN partnership_results r ON r.partnership_id = ps.id
      WHERE ps.status = 'completed'
      GROUP BY ch.category`.execute(db),
  ]);
  const by = (rows: { status: string; n: number }[], keys: readonly string[]) => keys.map((k) => ({ status: k, n: rows.find((r) => r.status === k)?.n ?? 0 }));
  return {
    challenges: by(challenges, CHALLENGE_STATUSES),
    partnerships: by(partnerships, PARTNERSHIP_STATUSES),
    proposals: { total: proposals.n, perChallenge: proposals.challenges ? Math.round((proposals.n / proposals.challenges) * 10) / 10 : 0 },
    award: { awarded: award.n, avgDays: award.avg_days == null ? null : Number(award.avg_days), medianDays: award.median_days == null ? null : Number(award.median_days) },
    results: CHALLENGE_CATEGORIES.map((c) => {
      const r = results.rows.find((x) => x.category === c);
      return { category: c, partnerships: r?.partnerships ?? 0, measured: r?.measured ?? 0, reached: r?.reached ?? 0, meanPct: r?.mean_pct ?? null };
    }),
  };
});

/** Staff: challenges and partnerships by status, proposals, time to award, results by category. */
export async function staffOverview(actor: UserActor) {
  await requirePermission(actor, "read:partnership", { entity: "partnership" }); // read:partnership:any
  return overviewMemo.get("all");
}

// ---------------------------------------------------------------- public showcase

export const SHOWCASE_ROWS = 50;

const showcaseMemo = memo(["partnership", "company", "industry"], 60_000, async () => {
  const db = await getDb();
  const [rows, totals] = await Promise.all([
    sql<{
      id: number; category: string; title: string; completed_at: Date; company_fa: string; company_en: string; industry_fa: string; industry_en: string;
      results: { metric: string; label: string; unit: string; baseline: number; target: number; measured: number | null }[];
    }>`
      SELECT ps.id, ch.category, ch.title, ps.completed_at, cu.name_fa AS company_fa, cu.name_en AS company_en, iu.name_fa AS industry_fa, iu.name_en AS industry_en,
             coalesce((SELECT json_agg(json_build_object('metric', r.metric, 'label', r.label, 'unit', r.unit, 'baseline', r.baseline, 'target', r.target, 'measured', r.measured) ORDER BY r.id)
                       FROM partnership_results r WHERE r.partnership_id = ps.id AND r.measured IS NOT NULL), '[]') AS results
      FROM partnerships ps
      JOIN partner_challenges ch ON ch.id = ps.challenge_id
      JOIN org_units cu ON cu.id = ps.company_id
      JOIN org_units iu ON iu.id = ps.industry_id
      WHERE ps.status = 'completed' AND ps.publish_consent
      ORDER BY ps.completed_at DESC, ps.id DESC
      LIMIT ${SHOWCASE_ROWS}`.execute(db),
    sql<{ category: string; n: number; mean_pct: number | null }>`
      SELECT ch.category, count(DISTINCT ps.id)::int AS n,
             round(100 * avg(LEAST(1, GREATEST(0, (r.measured - r.baseline) / (r.target - r.baseline)))), 1)::float AS mean_pct
      FROM partnerships ps
      JOIN partner_challenges ch ON ch.id = ps.challenge_id
      LEFT JOIN partnership_results r ON r.partnership_id = ps.id AND r.measured IS NOT NULL
      WHERE ps.status = 'completed' AND ps.publish_consent
      GROUP BY ch.category`.execute(db),
  ]);
  return {
    rows: rows.rows.map((r) => ({
      ...r,
      results: r.results.map((x) => ({ ...x, baseline: Number(x.baseline), target: Number(x.target), measured: x.measured == null ? null : Number(x.measured),
        achievement: achievement({ baseline: Number(x.baseline), target: Number(x.target), measured: x.measured == null ? null : Number(x.measured) }) })),
    })),
    totals: CHALLENGE_CATEGORIES.map((c) => {
      const t = totals.rows.find((x) => x.category === c);
      return { category: c, partnerships: t?.n ?? 0, meanPct: t?.mean_pct ?? null };
    }).filter((t) => t.partnerships > 0),
  };
});

/** Public: completed partnerships whose industry agreed to publish them, and totals by category. */
export function showcase() {
  return showcaseMemo.get("all");
}

// ---------------------------------------------------------------- homes

const HOME_ROWS = 5;

/** The company rep's home: certificate, challenges that fit, proposals, partnerships, milestones due. Null for others. */
export async function companyHome(actor: UserActor) {
  const ids = companyIdsOf(actor);
  if (!ids.length) return null;
  const db = await getDb();
  const today = todayTehran();
  const company = await q.findCompany(db, ids[0]);
  if (!company) return null;
  const weights = await matchWeights();
  const cert = company.profile_id ? certificateState(company, today) : null;
  const [fitting, proposals, partnerships, due] = await Promise.all([
    company.profile_id
      ? rankChallenges(db, { id: company.id, domains: company.domains, county: company.county_code!, loadCount: company.load_count ?? 0, resultsCount: company.results_count ?? 0, resultsPm: company.results_pm ?? 0, cert: cert!, verified: company.certificate_verified_at != null }, weights, today, { limit: 3 })
      : Promise.resolve([]),
    db.selectFrom("partner_proposals as p").innerJoin("partner_challenges as ch", "ch.id", "p.challenge_id")
      .select(["p.id", "p.status", "ch.title"]).where("p.company_id", "in", ids).orderBy("p.id", "desc").limit(HOME_ROWS).execute(),
    db.selectFrom("partnerships as ps").innerJoin("partner_challenges as ch", "ch.id", "ps.challenge_id")
      .select(["ps.id", "ps.status", "ch.title"]).where("ps.company_id", "in", ids).where("ps.status", "not in", ["completed", "terminated"]).orderBy("ps.id", "desc").limit(HOME_ROWS).execute(),
    db.selectFrom("partnership_milestones as m").innerJoin("partnerships as ps", "ps.id", "m.partnership_id")
      .select(["m.id", "m.title", "m.due_on", "ps.id as partnership_id"])
      .where("ps.company_id", "in", ids).where("ps.status", "in", ["signed", "in_progress"]).where("m.status", "=", "open").where("m.due_on", "<=", addDays(today, 30))
      .orderBy("m.due_on").limit(HOME_ROWS).execute(),
  ]);
  return {
    company: { id: company.id, name_fa: company.name_fa, name_en: company.name_en, hasProfile: !!company.profile_id, certificate: cert, certificateUntil: company.certificate_expires_on },
    fitting: fitting.map((r) => ({ id: r.id, title: r.title, score: explain(factsOf(r, r.domain_count), weights).score, deadline: r.deadline })),
    proposals,
    partnerships,
    due: due.map((m) => ({ ...m, overdue: m.due_on < today })),
  };
}
export type CompanyHomeData = Awaited<ReturnType<typeof companyHome>>;

/** The industry rep's home: its challenges with proposals waiting, partnerships, milestones to accept. Null for others. */
export async function industryHome(actor: UserActor) {
  const ids = industryIdsOf(actor);
  if (!ids.length) return null;
  const db = await getDb();
  const [units, challenges, partnerships, toAccept] = await Promise.all([
    q.unitsByIds(db, ids),
    db.selectFrom("partner_challenges as ch")
      .select(["ch.id", "ch.title", "ch.status", "ch.deadline",
        sql<number>`(SELECT count(*)::int FROM partner_proposals p WHERE p.challenge_id = ch.id AND p.status IN ('submitted','shortlisted'))`.as("waiting")])
      .where("ch.industry_id", "in", ids).where("ch.status", "in", ["draft", "open", "reviewing_proposals"]).orderBy("ch.id", "desc").limit(HOME_ROWS).execute(),
    db.selectFrom("partnerships as ps").innerJoin("partner_challenges as ch", "ch.id", "ps.challenge_id")
      .select(["ps.id", "ps.status", "ch.title"]).where("ps.industry_id", "in", ids).where("ps.status", "not in", ["completed", "terminated"]).orderBy("ps.id", "desc").limit(HOME_ROWS).execute(),
    db.selectFrom("partnership_milestones as m").innerJoin("partnerships as ps", "ps.id", "m.partnership_id")
      .select(["m.id", "m.title", "m.due_on", "ps.id as partnership_id"])
      .where("ps.industry_id", "in", ids).where("m.status", "=", "delivered").orderBy("m.due_on").limit(HOME_ROWS).execute(),
  ]);
  return { industry: units[0] ?? null, challenges, partnerships, toAccept };
}
export type IndustryHomeData = Awaited<ReturnType<typeof industryHome>>;
