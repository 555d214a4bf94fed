import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { currentJalaliYear } from "~/i18n/clock";
import { publicSummary } from "~/modules/microbusiness/registry.server";
import { SUMMARY_FIELDS, summaryRows, summaryYear } from "~/modules/microbusiness/summary";

// Open data (no login): the public summary as CSV, ?year= (Jalali). Field names are stable (README).
export async function loader({ request }: LoaderFunctionArgs) {
  const s = await publicSummary(summaryYear(new URL(request.url), currentJalaliYear()));
  return csvResponse(`micro-businesses-summary-${s.jalali_year}.csv`, [...SUMMARY_FIELDS], summaryRows(s));
}
