import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { currentJalaliYear } from "~/i18n/clock";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { CSV_HEADER, clusterCsv, filtersFrom } from "~/modules/clusters/lists.server";

// The cluster list as CSV, with the list's filters (UTF-8 with BOM, streamed); no people's data.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const rows = await clusterCsv(actor, filtersFrom(new URL(request.url)));
  return csvResponse(`clusters-${currentJalaliYear()}.csv`, CSV_HEADER, rows);
}
