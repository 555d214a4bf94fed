import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { scopeUnits } from "~/modules/accounts/roles";
import { currentJalaliYear, todayTehran } from "~/i18n/clock";
import { jalaliYearRange } from "~/i18n/format";

// The module's dashboard (issue 15 item 6): placements of a Jalali year (by their start), retention
// at 3 and 6 months and time to placement, by priority group, county, gender and centre. Staff see
// the province; a counsellor sees the placements of their centres (read:seekers_dashboard scope).
//
// Retention is counted among the checks that are due: "yes" and "no" are known answers, the rate is
// yes / (yes + no), and the unknown share (answered "unknown" or not answered yet although due) is
// shown beside it, never hidden in the rate. A placement is "retained" once its 6-month check said yes.
// Time to placement is the days from registration to the start of work (kept on the placement).

import { DIMENSIONS, type Dimension } from "./rules";
export { DIMENSIONS, type Dimension };

export interface RetentionFigures {
  due: number;
  yes: number;
  no: number;
  unknown: number;
  /** yes / (yes + no); null when nobody is known */
  rate: number | null;
  /** unknown / due; null when nothing is due */
  unknownShare: number | null;
}

export interface DashboardRow {
  dim: "total" | Dimension;
  key: string;
  placements: number;
  fte: number;
  women: number;
  avgDays: number | null;
  medianDays: number | null;
  at3: RetentionFigures;
  at6: RetentionFigures;
  retained: number;
}

interface Raw {
  dim: string; key: string; placements: string | number; fte: string | number; women: string | number; avg_days: string | number | null; median_days: string | number | null;
  due3: string | number; yes3: string | number; no3: string | number; due6: string | number; yes6: string | number; no6: string | number; retained: string | number;
}

/** Retention figures from due / yes / no counts (pure; unit-tested). */
export function retentionFigures(due: number, yes: number, no: number): RetentionFigures {
  const unknown = Math.max(0, due - yes - no);
  return { due, yes, no, unknown, rate: yes + no > 0 ? yes / (yes + no) : null, unknownShare: due > 0 ? unknown / due : null };
}

const n = (x: string | number | null) => (x == null ? 0 : Number(x));

/**
 * The dashboard's figures are a cached read model (decision 0045): kept a minute per scope, year and day,
 * dropped by every audited change of placements (a check recorded) and referrals (a hire makes a placement).
 */
const figures = memo<{ units: "all" | number[]; year: number; today: string }, DashboardRow[]>(["placement", "referral"], 60_000, async ({ units, year, today }) => {
  const { start, end } = jalaliYearRange(year);
  const db = await getDb();
  const centreFilter = units === "all" ? sql`` : units.length ? sql`AND p.centre_id IN (${sql.join(units)})` : sql`AND false`;
  const { rows } = await sql<Raw>`
    WITH p AS (
      SELECT p.id, p.gender, p.county_code, p.centre_id, p.priority_groups, p.fte, p.days_to_placement, p.retained,
        (c3.due_on <= ${today}) AS due3, c3.result AS r3, (c6.due_on <= ${today}) AS due6, c6.result AS r6
      FROM placements p
      LEFT JOIN retention_checks c3 ON c3.placement_id = p.id AND c3.months = 3
      LEFT JOIN retention_checks c6 ON c6.placement_id = p.id AND c6.months = 6
      WHERE p.started_on BETWEEN ${start} AND ${end} ${centreFilter}
    ), d AS (
      SELECT 'total' AS dim, '' AS key, p.* FROM p
      UNION ALL SELECT 'gender', p.gender, p.* FROM p
      UNION ALL SELECT 'county', p.county_code, p.* FROM p
      UNION ALL SELECT 'centre', coalesce(p.centre_id::text, ''), p.* FROM p
      UNION ALL SELECT 'group', g, p.* FROM p
        CROSS JOIN LATERAL unnest(CASE WHEN cardinality(p.priority_groups) = 0 THEN ARRAY['none']::text[] ELSE p.priority_groups END) AS g
    )
    SELECT dim, key, count(*) AS placements, coalesce(sum(fte), 0) AS fte, coalesce(sum(fte) FILTER (WHERE gender = 'female'), 0) AS women,
      avg(days_to_placement) AS avg_days, percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_placement) AS median_days,
      count(*) FILTER (WHERE due3) AS due3, count(*) FILTER (WHERE due3 AND r3 = 'yes') AS yes3, count(*) FILTER (WHERE due3 AND r3 = 'no') AS no3,
      count(*) FILTER (WHERE due6) AS due6, count(*) FILTER (WHERE due6 AND r6 = 'yes') AS yes6, count(*) FILTER (WHERE due6 AND r6 = 'no') AS no6,
      count(*) FILTER (WHERE retained) AS retained
    FROM d GROUP BY dim, key ORDER BY dim, count(*) DESC, key`.execute(db);
  return rows.map((r) => ({
    dim: r.dim as DashboardRow["dim"], key: r.key, placements: n(r.placements), fte: Math.round(n(r.fte) * 100) / 100, women: Math.round(n(r.women) * 100) / 100,
    avgDays: r.avg_days == null ? null : Math.round(Number(r.avg_days)), medianDays: r.median_days == null ? null : Math.round(Number(r.median_days)),
    at3: retentionFigures(n(r.due3), n(r.yes3), n(r.no3)), at6: retentionFigures(n(r.due6), n(r.yes6), n(r.no6)), retained: n(r.retained),
  }));
}, (k) => JSON.stringify(k));

/** The dashboard's rows for a Jalali year: one "total" row, then each dimension's keys (largest first). */
export async function placementsDashboard(actor: UserActor, year: number = currentJalaliYear()) {
  await requireGrant(actor, "read:seekers_dashboard", { entity: "placements_dashboard" });
  const units = scopeUnits(actor.user.roles, "read:seekers_dashboard");
  const out = await figures.get({ units, year, today: todayTehran() });
  const db = await getDb();
  const centreIds = [...new Set(out.filter((r) => r.dim === "centre" && r.key).map((r) => Number(r.key)))];
  const centres = centreIds.length ? await db.selectFrom("org_units").select(["id", "name_fa", "name_en"]).where("id", "in", centreIds).execute() : [];
  const total = out.find((r) => r.dim === "total") ?? null;
  return {
    year,
    years: [0, 1, 2, 3].map((k) => currentJalaliYear() - k),
    total,
    byDim: Object.fromEntries(DIMENSIONS.map((d) => [d, out.filter((r) => r.dim === d)])) as Record<Dimension, DashboardRow[]>,
    centres: Object.fromEntries(centres.map((c) => [String(c.id), { fa: c.name_fa, en: c.name_en }])),
  };
}
