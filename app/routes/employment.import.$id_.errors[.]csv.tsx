import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { getT } from "~/lib/locale.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { importErrors } from "~/modules/employment/import.server";

// Every row error of an import, for fixing the file in a spreadsheet: the uploader's only (as the page).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const errors = await importErrors(actor, params.id ?? "");
  const t = await getT(request);
  return csvResponse(`import-errors-${params.id}.csv`, ["row", "column", "error"], errors.map((e) => [e.row, e.field, t(e.key)]));
}
