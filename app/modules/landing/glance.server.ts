import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { currentJalaliYear, now as clockNow, tehranDate } from "~/i18n/clock";
import { jalaliYearRange } from "~/i18n/format";
import { dashboard } from "~/modules/employment/dashboard.server";

// The landing page's "province at a glance" (issue 17, item 2): a public read model, aggregates only.
// Jobs come from the employment module's dashboard (its own cache and the counting rule); the other
// figures are counts in one statement over the modules' tables. Cached for a minute (decision 0014:
// a landing page may be a little late; every audited change to these entities drops the tags).

export interface Glance {
  year: number;
  jobs: { year: number; verified: number; target: number | null; projection: number; progress: number | null };
  openCalls: number;
  ideasThisYear: number;
  activeCases: number;
  emergenciesHandled: number;
  emergenciesOpen: number;
  activeChairs: number;
  universities: number;
}

const TERMINAL = ["graduated", "closed_unresolved", "withdrawn"];

const cached = memo(["ideas", "idea", "calls", "call", "cases", "case", "chairs", "chair", "job_target", "employment_report"], 60_000, async (key: string) => {
  const [year] = key.split("|").map(Number);
  const db = await getDb();
  const { start, end } = jalaliYearRange(year);
  const today = key.split("|")[1];
  // The jobs figure: this year when it has a target, else the latest year that has one (1401 in the reference data).
  const targetYear = await db.selectFrom("job_targets").select("jalali_year").where("jalali_year", "<=", year).orderBy("jalali_year", "desc").executeTakeFirst();
  const jobsYear = targetYear?.jalali_year ?? year;
  const [d, counts] = await Promise.all([
    dashboard({ year: jobsYear }),
    sql<{ open_calls: number; ideas: number; active_cases: number; handled: number; emergencies_open: number; chairs: number; universities: number }>`
      SELECT
        (SELECT count(*)::int FROM calls WHERE status = 'open' AND (closes_on IS NULL OR closes_on >= ${today}::date)) AS open_calls,
        (SELECT count(*)::int FROM ideas WHERE submitted_at >= ${start}::date AND submitted_at < (${end}::date + 1)) AS ideas,
        (SELECT count(*)::int FROM cases WHERE status NOT IN (${sql.join(TERMINAL)})) AS active_cases,
        (SELECT count(*)::int FROM cases WHERE kind = 'business_emergency' AND triaged_at IS NOT NULL) AS handled,
        (SELECT count(*)::int FROM cases WHERE kind = 'business_emergency' AND status NOT IN (${sql.join(TERMINAL)})) AS emergencies_open,
        (SELECT count(*)::int FROM chairs WHERE status = 'active') AS chairs,
        (SELECT count(DISTINCT university_id)::int FROM chairs WHERE status = 'active') AS universities`.execute(db),
  ]);
  const c = counts.rows[0];
  return {
    year,
    jobs: { year: jobsYear, verified: d.totals.created, target: d.target, projection: Math.round(d.projection), progress: d.target ? d.totals.created / d.target : null },
    openCalls: c.open_calls,
    ideasThisYear: c.ideas,
    activeCases: c.active_cases,
    emergenciesHandled: c.handled,
    emergenciesOpen: c.emergencies_open,
    activeChairs: c.chairs,
    universities: c.universities,
  } satisfies Glance;
});

/** The province at a glance for the landing page (public; aggregates only). */
export async function provinceAtAGlance(at: Date = clockNow()): Promise<Glance> {
  return cached.get(`${currentJalaliYear(at)}|${tehranDate(at)}`);
}
