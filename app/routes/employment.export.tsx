import type { LoaderFunctionArgs } from "@remix-run/node";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { loadDashboard, openDataCsv } from "~/modules/employment/http.server";
import { requireDashboardReader } from "~/modules/employment/service.server";

// Staff CSV of one dashboard table (?table=county|agency|programme|sector|groups|monthly) or all.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  await requireDashboardReader(actor);
  const { d, names } = await loadDashboard(request);
  const table = new URL(request.url).searchParams.get("table");
  const only = table && /^[a-z_]+$/.test(table) ? table : undefined;
  return openDataCsv(d, names, `employment-${d.filters.year}-${only ?? "all"}.csv`, only);
}
