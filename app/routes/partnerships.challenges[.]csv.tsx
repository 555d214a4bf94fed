import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, keysetRows } from "~/lib/csv.server";
import { getT } from "~/lib/locale.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { challengePageForCsv, daysApart } from "~/modules/partnerships/challenges.server";
import { CHALLENGE_CATEGORIES, CHALLENGE_STATUSES } from "~/modules/partnerships/workflow";
import { toJalaliInput } from "~/i18n/format";
import { tehranDate } from "~/i18n/clock";

// Staff: every challenge (the list's filters) with its proposals and time to award, streamed.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const sp = new URL(request.url).searchParams;
  const filters = { status: CHALLENGE_STATUSES.find((s) => s === sp.get("status")), category: CHALLENGE_CATEGORIES.find((c) => c === sp.get("category")) };
  const first = await challengePageForCsv(actor, filters); // 403 before the response starts
  const t = await getT(request);
  const header = ["id", "title", "industry", "category", "status", "deadline", "budget_min_rials", "budget_max_rials", "proposals", "proposals_waiting", "published_on", "awarded_on", "days_to_award"];
  const rows = keysetRows(
    async (after: number | null) => (after == null ? first : challengePageForCsv(actor, { ...filters, after })),
    (r) => [
      r.id, r.title, r.industry_fa, t(`partnerships.category.${r.category}`), r.status, toJalaliInput(r.deadline), r.budget_min, r.budget_max, r.proposals, r.waiting,
      r.published_at ? toJalaliInput(tehranDate(r.published_at)) : "", r.awarded_at ? toJalaliInput(tehranDate(r.awarded_at)) : "",
      r.published_at && r.awarded_at ? daysApart(r.published_at, r.awarded_at) : "",
    ],
  );
  return csvResponse("challenges.csv", header, rows);
}
