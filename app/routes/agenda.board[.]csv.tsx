import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { notFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { sharesCsv, shareYears } from "~/modules/agenda/advantages.server";
import { boardCsv } from "~/modules/agenda/board.server";

// The working group's tables as CSV: ?table=ranking | trend | categories&agency=<code> | shares&year=<Jalali year>.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export"); // decision 0050: every signed-in export
  const url = new URL(request.url);
  const agency = url.searchParams.get("agency");
  if (url.searchParams.get("table") === "shares") {
    const year = Number(url.searchParams.get("year") ?? shareYears()[0]);
    const out = await sharesCsv(actor, year, await getLocale(request));
    return csvResponse(out.name, out.header, out.rows);
  }
  const out = await boardCsv(actor, url.searchParams.get("table") ?? "ranking", agency && /^[\w-]{1,80}$/.test(agency) ? agency : null, await getLocale(request));
  if (!out) throw notFound();
  return csvResponse(out.name, out.header, out.rows);
}
