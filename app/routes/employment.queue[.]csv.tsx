import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentJalaliYear } from "~/i18n/format";
import { csvResponse, keysetRows } from "~/lib/csv.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { verificationQueue } from "~/modules/employment/reports.server";
import { filtersFrom } from "~/modules/employment/schema";

// The verification queue as CSV (same filters as the page), streamed page by page.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const url = new URL(request.url);
  const ff = filtersFrom(url, currentJalaliYear());
  const f = { year: url.searchParams.get("year") ? ff.year : undefined, county: ff.county, agency: ff.agency, programme: ff.programme };
  await verificationQueue(actor, f, 1);
  return csvResponse("employment-queue.csv", ["id", "as_of", "enterprise_id", "enterprise", "county", "agency", "programme", "source_module", "source_id", "jobs_created", "jobs_retained", "women"],
    keysetRows((after: number | null) => verificationQueue(actor, { ...f, after: after ?? undefined }, 1000),
      (r) => [r.id, r.as_of, r.enterprise_id, r.enterprise_name, r.county_code, r.agency_code, r.programme, r.source_module, r.source_id, r.jobs_created, r.jobs_retained, r.women]));
}
