import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { COURSE_CSV_HEADER, coursesCsv } from "~/modules/training/courses.server";
import { courseFiltersFrom } from "~/modules/training/schema";

// The course list as CSV with the list's filters (staff: every course; a training manager: their
// provider's), UTF-8 with BOM, streamed page by page.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const rows = await coursesCsv(actor, courseFiltersFrom(new URL(request.url)));
  return csvResponse("training-courses.csv", COURSE_CSV_HEADER, rows);
}
