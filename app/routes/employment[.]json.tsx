import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadDashboard, openDataJson } from "~/modules/employment/http.server";

// Open data (no login), stable field names; documented in the README.
export async function loader({ request }: LoaderFunctionArgs) {
  const { d, names } = await loadDashboard(request);
  return Response.json(openDataJson(d, names), { headers: { "Cache-Control": "public, max-age=60" } });
}
