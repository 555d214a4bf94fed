import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, keysetRows } from "~/lib/csv.server";
import { getT } from "~/lib/locale.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { partnershipPageForCsv } from "~/modules/partnerships/partnerships.server";
import { PARTNERSHIP_STATUSES } from "~/modules/partnerships/workflow";
import { toJalaliInput } from "~/i18n/format";
import { tehranDate } from "~/i18n/clock";

// Staff: every partnership (the list's status filter), streamed.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const status = PARTNERSHIP_STATUSES.find((s) => s === new URL(request.url).searchParams.get("status"));
  const first = await partnershipPageForCsv(actor, { status });
  const t = await getT(request);
  const header = ["id", "challenge", "category", "industry", "company", "status", "contract_value_rials", "starts_on", "ends_on", "completed_on"];
  const rows = keysetRows(
    async (after: number | null) => (after == null ? first : partnershipPageForCsv(actor, { status, after })),
    (r) => [
      r.id, r.challenge_title, t(`partnerships.category.${r.category}`), r.industry_fa, r.company_fa, r.status, r.contract_value ?? "",
      toJalaliInput(r.starts_on), toJalaliInput(r.ends_on), r.completed_at ? toJalaliInput(tehranDate(r.completed_at)) : "",
    ],
  );
  return csvResponse("partnerships.csv", header, rows);
}
