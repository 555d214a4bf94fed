// The match score in SQL (match.server.ts) equals the pure score (match.ts) on random data: for
// each company the facts are worked out here from the generated rows, independently of the SQL,
// ranked with rank(), and compared with PostgreSQL's order and scores (ties included: few domains,
// few counties and small loads make many equal scores). Also the company rollups equal a plain
// recomputation after random completions.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { addDays, todayTehran } from "~/i18n/clock";
import { rank, type MatchFacts, type Weights, DEFAULT_WEIGHTS, resultsPerMille } from "~/modules/partnerships/match";
import { rankChallenges, rankCompanies } from "~/modules/partnerships/match.server";
import { refreshCompanyRollups } from "~/modules/partnerships/queries.server";
import { achievement } from "~/modules/partnerships/workflow";

// A small deterministic generator (mulberry32), so a failure can be replayed.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const DOMAINS = ["ai-software", "automation-robotics", "quality-testing", "energy-efficiency", "iot-electronics"];
const COUNTIES = ["tabriz", "osku", "marand", "mianeh", "jolfa"];
const SECTORS = ["C", "M", "A"];

interface Company { id: number; county: string; domains: string[]; load: number; resultsCount: number; resultsPm: number; verified: boolean; expired: boolean; experience: Record<string, number> }
const companies: Company[] = [];
let neighbours: Set<string>;
const today = todayTehran();
let industryId: number;

beforeAll(async () => {
  const db = await getDb();
  const r = rng(1401);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  neighbours = new Set((await db.selectFrom("county_neighbours").select(["county_code", "neighbour_code"]).execute()).map((n) => `${n.county_code}>${n.neighbour_code}`));
  for (let i = 0; i < 120; i++) {
    const county = pick(COUNTIES);
    const unit = await db.insertInto("org_units").values({ kind: "company", code: `match-co-${i}`, name_fa: `شرکت ${i}`, name_en: `Co ${i}`, county_code: county }).returning("id").executeTakeFirstOrThrow();
    const domains = DOMAINS.filter(() => r() < 0.35);
    const c: Company = {
      id: unit.id, county, domains, load: Math.floor(r() * 5), resultsCount: r() < 0.5 ? 0 : 1 + Math.floor(r() * 4), resultsPm: Math.floor(r() * 4) * 250,
      verified: r() < 0.7, expired: r() < 0.2, experience: {},
    };
    for (const s of SECTORS) if (r() < 0.3) c.experience[s] = 1 + Math.floor(r() * 4);
    await db.insertInto("partner_companies").values({
      org_unit_id: c.id, certificate_no: `M-${i}`, certificate_type: "type1", certificate_expires_on: c.expired ? addDays(today, -3) : addDays(today, 90),
      certificate_verified_at: c.verified ? new Date() : null, county_code: county, sector_code: "M", employees: 5,
      load_count: c.load, results_count: c.resultsCount, results_pm: c.resultsPm,
    }).execute();
    if (domains.length) await db.insertInto("partner_company_domains").values(domains.map((d) => ({ company_id: c.id, domain_code: d }))).execute();
    const exp = Object.entries(c.experience);
    if (exp.length) await db.insertInto("partner_company_experience").values(exp.map(([s, n]) => ({ company_id: c.id, sector_code: s, completed: n }))).execute();
    companies.push(c);
  }
  const ind = await db.insertInto("org_units").values({ kind: "industry", code: "match-ind", name_fa: "صنعت", name_en: "Industry", county_code: "tabriz" }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("partner_industries").values({ org_unit_id: ind.id, sector_code: "C", size_class: "medium", county_code: "tabriz", employees: 100 }).execute();
  industryId = ind.id;
});

const proximity = (a: string, b: string): 0 | 1 | 2 => (a === b ? 2 : neighbours.has(`${a}>${b}`) ? 1 : 0);
const certOf = (c: Company) => (c.expired ? "expired" : c.verified ? "verified" : "unverified") as MatchFacts["certificate"];

function factsFor(c: Company, ch: { domains: string[]; sector: string; county: string }): MatchFacts {
  return {
    overlap: c.domains.filter((d) => ch.domains.includes(d)).length, domainCount: ch.domains.length, sectorDone: c.experience[ch.sector] ?? 0,
    proximity: proximity(ch.county, c.county), resultsCount: c.resultsCount, resultsPm: c.resultsPm, load: c.load, certificate: certOf(c),
  };
}

const WEIGHT_SETS: Weights[] = [
  DEFAULT_WEIGHTS,
  { domains: 1, sector: 1, county: 1, results: 1, load: 1, certificate: 1 },
  { domains: 0, sector: 0, county: 3, results: 0, load: 0, certificate: 7 },
  { domains: 100, sector: 0, county: 0, results: 0, load: 33, certificate: 0 },
  { domains: 17, sector: 29, county: 3, results: 41, load: 7, certificate: 13 },
];

describe("match score: SQL equals the pure function", () => {
  it("ranks every company for challenges of many shapes and weights exactly as rank() does", async () => {
    const db = await getDb();
    const r = rng(7);
    let compared = 0;
    for (let k = 0; k < 12; k++) {
      const ch = { id: 0, domains: DOMAINS.filter(() => r() < 0.5), sector: SECTORS[k % 3], county: COUNTIES[k % COUNTIES.length] };
      if (!ch.domains.length) ch.domains = [DOMAINS[k % DOMAINS.length]];
      for (const w of WEIGHT_SETS) {
        const sqlRows = await rankCompanies(db, ch, w, today, { limit: 1000, only: companies.map((c) => c.id) });
        const pure = rank(companies.map((c) => ({ id: c.id, facts: factsFor(c, ch) })), w);
        expect(sqlRows.map((x) => [x.id, x.score])).toEqual(pure.map((x) => [x.id, x.score]));
        compared += sqlRows.length;
        // A page is the same slice of the same order.
        const page = await rankCompanies(db, ch, w, today, { limit: 10, offset: 20, only: companies.map((c) => c.id) });
        expect(page.map((x) => x.id)).toEqual(pure.slice(20, 30).map((x) => x.id));
      }
    }
    expect(compared).toBe(12 * WEIGHT_SETS.length * companies.length);
  });

  it("ranks the open challenges a company may see exactly as rank() does, and only those", async () => {
    const db = await getDb();
    const r = rng(99);
    const chs: { id: number; domains: string[]; sector: string; county: string; visibility: string; open: boolean; invited: Set<number> }[] = [];
    for (let i = 0; i < 60; i++) {
      const domains = DOMAINS.filter(() => r() < 0.4);
      if (!domains.length) domains.push(DOMAINS[i % DOMAINS.length]);
      const ch = { id: 0, domains, sector: SECTORS[i % 3], county: COUNTIES[Math.floor(r() * COUNTIES.length)], visibility: r() < 0.7 ? "verified" : "invited", open: r() < 0.8, invited: new Set<number>() };
      const row = await db.insertInto("partner_challenges").values({
        industry_id: industryId, category: "quality", title: `چالش ${i}`, description: "شرح", expected_result: "نتیجه", budget_min: 1_000_000, budget_max: 2_000_000,
        deadline: ch.open ? addDays(today, 5 + i) : addDays(today, -1), visibility: ch.visibility, status: "open", sector_code: ch.sector, county_code: ch.county, domain_count: domains.length,
      }).returning("id").executeTakeFirstOrThrow();
      ch.id = row.id;
      await db.insertInto("partner_challenge_domains").values(domains.map((d) => ({ challenge_id: row.id, domain_code: d }))).execute();
      for (const c of companies.slice(0, 30)) {
        if (r() < 0.15) {
          ch.invited.add(c.id);
          await db.insertInto("partner_invitations").values({ challenge_id: row.id, company_id: c.id }).execute();
        }
      }
      chs.push(ch);
    }
    for (const c of companies.slice(0, 30)) {
      for (const w of WEIGHT_SETS.slice(0, 3)) {
        const rows = await rankChallenges(db, { id: c.id, domains: c.domains, county: c.county, loadCount: c.load, resultsCount: c.resultsCount, resultsPm: c.resultsPm, cert: certOf(c), verified: c.verified }, w, today, { limit: 1000 });
        const visible = chs.filter((ch) => ch.open && ((ch.visibility === "verified" && c.verified) || ch.invited.has(c.id)));
        const pure = rank(visible.map((ch) => ({ id: ch.id, facts: { ...factsFor(c, ch), proximity: proximity(ch.county, c.county) } })), w);
        expect(rows.map((x) => [x.id, x.score, x.invited])).toEqual(pure.map((x) => [x.id, x.score, chs.find((ch) => ch.id === x.id)!.invited.has(c.id)]));
      }
    }
  });
});

describe("company rollups", () => {
  it("equal a plain recomputation from the partnerships after random completions and terminations", async () => {
    const db = await getDb();
    const r = rng(5);
    const company = companies[0];
    const chIds = (await db.selectFrom("partner_challenges").select("id").where("industry_id", "=", industryId).orderBy("id").limit(12).execute()).map((x) => x.id);
    const expected: number[] = [];
    let load = 0;
    const sectors: Record<string, number> = {};
    for (const [i, chId] of chIds.entries()) {
      const prop = await db.insertInto("partner_proposals").values({ challenge_id: chId, company_id: company.id, approach: "a", work_plan: "w", price: 1, duration_weeks: 4, team: "t" }).returning("id").executeTakeFirstOrThrow();
      const status = (["completed", "in_progress", "signed", "terminated", "proposed"] as const)[i % 5];
      const ps = await db.insertInto("partnerships").values({ challenge_id: chId, proposal_id: prop.id, company_id: company.id, industry_id: industryId, status }).returning("id").executeTakeFirstOrThrow();
      if (status === "signed" || status === "in_progress") load++;
      const sector = (await db.selectFrom("partner_challenges").select("sector_code").where("id", "=", chId).executeTakeFirstOrThrow()).sector_code;
      if (status === "completed") sectors[sector] = (sectors[sector] ?? 0) + 1;
      for (let k = 0; k < 2; k++) {
        const baseline = Math.round(r() * 100), target = baseline + (r() < 0.5 ? -10 : 10), measured = r() < 0.8 ? Math.round(baseline + (r() - 0.3) * 25) : null;
        await db.insertInto("partnership_results").values({ partnership_id: ps.id, metric: "other", label: "x", baseline, target, measured }).execute();
        const a = achievement({ baseline, target, measured });
        if (status === "completed" && a != null) expected.push(a);
      }
    }
    await db.transaction().execute((trx) => refreshCompanyRollups(trx, company.id));
    const row = await db.selectFrom("partner_companies").select(["load_count", "results_count", "results_pm"]).where("org_unit_id", "=", company.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ load_count: load, results_count: expected.length, results_pm: resultsPerMille(expected) });
    const exp = await db.selectFrom("partner_company_experience").select(["sector_code", "completed"]).where("company_id", "=", company.id).orderBy("sector_code").execute();
    expect(Object.fromEntries(exp.map((e) => [e.sector_code, e.completed]))).toEqual(sectors);
  });
});
