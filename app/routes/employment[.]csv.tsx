import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadDashboard, openDataCsv } from "~/modules/employment/http.server";

// Open data (no login): aggregates of the public page; ?year= (Jalali) and the dashboard filters.
export async function loader({ request }: LoaderFunctionArgs) {
  const { d, names } = await loadDashboard(request);
  const table = new URL(request.url).searchParams.get("table") ?? undefined;
  return openDataCsv(d, names, `employment-${d.filters.year}.csv`, table && /^[a-z_]+$/.test(table) ? table : undefined);
}
