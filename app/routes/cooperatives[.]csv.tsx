import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { currentJalaliYear } from "~/i18n/clock";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { CSV_HEADER, filtersFrom, queueCsv } from "~/modules/cooperatives/lists.server";

// The staff queue as CSV, with the queue's filters (UTF-8 with BOM, streamed). No national IDs.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const rows = await queueCsv(actor, filtersFrom(new URL(request.url)));
  return csvResponse(`cooperatives-${currentJalaliYear()}.csv`, CSV_HEADER, rows);
}
