import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { getLocale } from "~/lib/locale.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceOptions } from "~/modules/reference/service.server";
import { DIMENSIONS, placementsDashboard } from "~/modules/seekers/dashboard.server";
import { dashboardYear } from "~/modules/seekers/schema";

// The placements dashboard as CSV: one line per dimension and key (the total first). Rates are fractions
// (0-1), empty when nobody is known; the label is in the reader's language, the code beside it.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const locale = await getLocale(request);
  const d = await placementsDashboard(actor, dashboardYear(new URL(request.url).searchParams.get("year")));
  const [counties, groups] = await Promise.all([referenceOptions("counties", locale), referenceOptions("priority_groups", locale)]);
  const names: Record<string, Record<string, string>> = {
    county: Object.fromEntries(counties.map((o) => [o.value, o.label])),
    group: Object.fromEntries(groups.map((o) => [o.value, o.label])),
    centre: Object.fromEntries(Object.entries(d.centres).map(([k, c]) => [k, locale === "fa" ? c.fa : c.en || c.fa])),
  };
  const r = (x: number | null) => (x == null ? "" : x.toFixed(4));
  const rows = [...(d.total ? [d.total] : []), ...DIMENSIONS.flatMap((dim) => d.byDim[dim])];
  return csvResponse(`placements-${d.year}.csv`, [
    "year", "dimension", "code", "label", "placements", "fte", "women_fte", "avg_days_to_placement", "median_days_to_placement",
    "due_3m", "yes_3m", "no_3m", "unknown_3m", "retention_rate_3m", "unknown_share_3m",
    "due_6m", "yes_6m", "no_6m", "unknown_6m", "retention_rate_6m", "unknown_share_6m", "retained",
  ], rows.map((x) => [
    d.year, x.dim, x.key, names[x.dim]?.[x.key] ?? "", x.placements, x.fte, x.women, x.avgDays ?? "", x.medianDays ?? "",
    x.at3.due, x.at3.yes, x.at3.no, x.at3.unknown, r(x.at3.rate), r(x.at3.unknownShare),
    x.at6.due, x.at6.yes, x.at6.no, x.at6.unknown, r(x.at6.rate), r(x.at6.unknownShare), x.retained,
  ]));
}
