import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { currentJalaliYear } from "~/i18n/clock";
import { PROGRAMMES } from "~/modules/employment/schema";
import { plainTotals } from "~/modules/employment/queries.server";
import { IDEA_STATUSES } from "~/modules/ideas/workflow";
import { CASE_STATUSES } from "~/modules/cases/workflow";
import { provinceAtAGlance } from "~/modules/landing/glance.server";
import { seedDemo } from "../../db/seeds/demo";

// The living demo province (issue 17, item 1): the ledger adds up near the 1401 commitment in every
// county, agency and programme, ideas and cases sit in every status, chairs at the ten universities.

const codes = async (q: string) => (await sql<{ c: string }>`${sql.raw(q)}`.execute(await getDb())).rows.map((r) => r.c).sort();

describe("demo province", () => {
  it("is alive in every module", async () => {
    const db = await getDb();
    await seedDemo(db);
    const total1401 = await plainTotals(db, { year: 1401 });
    expect(total1401.created).toBeGreaterThan(43_000);
    expect(total1401.created).toBeLessThan(46_000);
    expect(total1401.enterprises).toBeGreaterThan(300);
    // The rollup the dashboards read equals the counting rule.
    const rolled = await sql<{ s: string }>`SELECT sum(jobs_created) AS s FROM employment_counted WHERE jalali_year = 1401`.execute(db);
    expect(Number(rolled.rows[0].s)).toBeCloseTo(total1401.created, 2);
    expect(await codes("SELECT DISTINCT county_code AS c FROM employment_counted WHERE jalali_year = 1401")).toEqual(await codes("SELECT code AS c FROM counties"));
    expect(await codes("SELECT DISTINCT agency_code AS c FROM employment_counted WHERE jalali_year = 1401")).toEqual(await codes("SELECT code AS c FROM agencies"));
    expect(await codes("SELECT DISTINCT programme AS c FROM employment_counted WHERE jalali_year = 1401")).toEqual([...PROGRAMMES].sort());
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM employment_reports WHERE status = 'reported' AND external_ref LIKE 'demo-emp-%'`.execute(db);
    expect(pending.rows[0].n).toBeGreaterThan(10);
    const allocations = await sql<{ dimension: string; s: number }>`SELECT dimension, sum(amount)::int AS s FROM job_target_allocations WHERE jalali_year = 1401 GROUP BY dimension`.execute(db);
    for (const a of allocations.rows) expect(a.s, a.dimension).toBeGreaterThan(50_000);
    expect(allocations.rows.map((a) => a.dimension).sort()).toEqual(["agency", "county", "programme"]);
    const year = currentJalaliYear();
    if (year > 1401) expect((await plainTotals(db, { year })).created).toBeGreaterThan(1_000);

    expect(await codes("SELECT DISTINCT status AS c FROM ideas")).toEqual([...IDEA_STATUSES].sort());
    const reviews = await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM idea_reviews GROUP BY status`.execute(db);
    expect(reviews.rows.map((r) => r.status).sort()).toEqual(["done", "pending", "recused"]);
    expect(await codes("SELECT DISTINCT status AS c FROM cases")).toEqual([...CASE_STATUSES].sort());
    const late = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE kind = 'business_emergency' AND status IN ('intake','triage') AND triage_due_at < now()`.execute(db);
    expect(late.rows[0].n).toBeGreaterThanOrEqual(2);
    const universities = await sql<{ n: number }>`SELECT count(DISTINCT university_id)::int AS n FROM chairs`.execute(db);
    expect(universities.rows[0].n).toBe(10);

    const marks = await sql<{ n: number }>`SELECT count(*)::int AS n FROM enterprises WHERE registration_no LIKE 'demo-ent-%' AND name NOT LIKE '%(نمایشی)'`.execute(db);
    expect(marks.rows[0].n).toBe(0);
  });

  it("gives the landing page the province at a glance", async () => {
    const db = await getDb();
    await seedDemo(db);
    const g = await provinceAtAGlance();
    expect(g.jobs.verified).toBeGreaterThan(1_000);
    expect(g.jobs.target).toBeGreaterThan(0);
    expect(g.jobs.projection).toBeGreaterThanOrEqual(g.jobs.verified);
    expect(g.openCalls).toBeGreaterThanOrEqual(2); // the standing call and the demo tourism call
    expect(g.ideasThisYear).toBeGreaterThan(10);
    expect(g.activeCases).toBeGreaterThan(10);
    expect(g.emergenciesHandled).toBeGreaterThan(3);
    expect(g.activeChairs).toBeGreaterThanOrEqual(8);
    expect(g.universities).toBeGreaterThanOrEqual(8);
  });
});
