import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentJalaliYear } from "~/i18n/clock";
import { publicSummary } from "~/modules/microbusiness/registry.server";
import { summaryJson, summaryYear } from "~/modules/microbusiness/summary";

// Open data (no login): the public summary as JSON, ?year= (Jalali). Field names are stable (README).
export async function loader({ request }: LoaderFunctionArgs) {
  const s = await publicSummary(summaryYear(new URL(request.url), currentJalaliYear()));
  return Response.json(summaryJson(s), { headers: { "Cache-Control": "public, max-age=60" } });
}
