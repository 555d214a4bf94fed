import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { providerRanking } from "~/modules/training/outcomes.server";

// The provider ranking as CSV (staff). Rates are fractions (0-1), empty when nobody is known yet.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const rows = await providerRanking(actor);
  const r = (x: number | null) => (x == null ? "" : x.toFixed(4));
  return csvResponse("training-provider-ranking.csv", [
    "rank", "provider_id", "name_fa", "name_en", "provider_type", "county", "places", "women", "priority_groups", "results", "passed", "completion_rate",
    "checked_3m", "employment_rate_3m", "unknown_share_3m", "checked_6m", "employment_rate_6m", "unknown_share_6m",
  ], rows.map((p, i) => [
    i + 1, p.id, p.name_fa, p.name_en, p.provider_type, p.county_code, p.figures.places, p.figures.women, p.figures.priority, p.figures.resulted, p.figures.passed,
    r(p.figures.completion), p.figures.at3.known, r(p.figures.at3.rate), r(p.figures.at3.unknownShare), p.figures.at6.known, r(p.figures.at6.rate), r(p.figures.at6.unknownShare),
  ]));
}
