import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { notFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { boardCsv } from "~/modules/agenda/board.server";

// The working group's tables as CSV: ?table=ranking | trend | categories&agency=<code>.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const url = new URL(request.url);
  const agency = url.searchParams.get("agency");
  const out = await boardCsv(actor, url.searchParams.get("table") ?? "ranking", agency && /^[\w-]{1,80}$/.test(agency) ? agency : null, await getLocale(request));
  if (!out) throw notFound();
  return csvResponse(out.name, out.header, out.rows);
}
