import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, keysetRows } from "~/lib/csv.server";
import { getT } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { queueFilters } from "~/modules/ideas/filters";
import { queuePages } from "~/modules/ideas/queue.server";

// CSV of the filtered staff queue, with review counts, weighted average and spread.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const filters = queueFilters(new URL(request.url).searchParams);
  const fetchPage = await queuePages(actor, filters);
  const t = await getT(request);
  const header = [
    "id", t("ideas.field.title"), t("common.status"), t("ideas.acceptedPath"), t("ideas.call"), t("ideas.field.county"), t("ideas.field.sector"),
    t("ideas.field.stage"), t("ideas.field.expectedJobs"), t("ideas.field.fundingRials"), t("ideas.col.submitted"),
    t("ideas.reviewStatus.done"), t("ideas.reviewStatus.pending"), t("ideas.overdue"), t("ideas.weighted"), t("ideas.spread"),
  ];
  type Row = Awaited<ReturnType<typeof fetchPage>>["rows"][number];
  const rows = keysetRows<Row, number>(fetchPage, (r) => [
    r.id, r.title, t(`ideas.status.${r.status}`), r.accepted_path ? t(`ideas.path.${r.accepted_path}`) : "", r.callTitle, r.county_code ?? "", r.sector_code ?? "",
    r.stage ? t(`ideas.stage.${r.stage}`) : "", r.expected_jobs ?? "", r.funding_rials ?? "", r.submitted_at ? new Date(r.submitted_at).toISOString() : "",
    r.doneCount ?? 0, r.pendingCount ?? 0, r.overdueCount ?? 0, r.avgScore ?? "", r.spread ?? "",
  ]);
  return csvResponse("ideas.csv", header, rows);
}
