import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { currentJalaliYear } from "~/i18n/clock";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { CSV_HEADER, registryCsv } from "~/modules/microbusiness/registry.server";
import { filtersFrom } from "~/modules/microbusiness/schema";

// The staff registry as CSV, with the list's filters (UTF-8 with BOM, streamed).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const rows = await registryCsv(actor, filtersFrom(new URL(request.url)));
  return csvResponse(`micro-businesses-${currentJalaliYear()}.csv`, CSV_HEADER, rows);
}
