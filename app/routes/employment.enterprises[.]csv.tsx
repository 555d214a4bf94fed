import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, keysetRows } from "~/lib/csv.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { searchEnterprises } from "~/modules/employment/enterprises.server";

// The enterprise list as CSV (same search as the page), streamed page by page.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const url = new URL(request.url);
  const q = { text: url.searchParams.get("q") ?? undefined, county: url.searchParams.get("county") || undefined };
  await searchEnterprises(actor, { ...q, limit: 1 });
  return csvResponse("enterprises.csv", ["id", "name", "registration_no", "national_id", "kind", "county", "sector", "agency", "size_class", "merged_into"],
    keysetRows((after: number | null) => searchEnterprises(actor, { ...q, after: after ?? undefined, limit: 1000 }), (r) => [r.id, r.name, r.registration_no, r.national_id, r.kind, r.county_code, r.sector_code, r.agency_code, r.size_class, r.merged_into]));
}
