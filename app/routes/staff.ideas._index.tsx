import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceOptions } from "~/modules/reference/service.server";
import { getLocale } from "~/lib/locale.server";
import { queueFilters } from "~/modules/ideas/filters";
import { queueOptions, staffQueue } from "~/modules/ideas/queue.server";
import { STAGES } from "~/modules/ideas/schema";
import { IDEA_STATUSES } from "~/modules/ideas/workflow";
import { CheckFilter, FilterForm, NextPage, SearchFilter, SelectFilter, useFilterParams } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const filters = queueFilters(new URL(request.url).searchParams);
  const page = await staffQueue(actor, filters);
  const locale = await getLocale(request);
  const [options, sectors, counties] = await Promise.all([queueOptions(actor), referenceOptions("sectors", locale), referenceOptions("counties", locale)]);
  // Only what the table shows: the page's data is serialised again into the HTML for hydration.
  const rows = page.rows.map((r) => ({
    id: r.id, title: r.title, status: r.status, accepted_path: r.accepted_path, callTitle: r.callTitle, submitted_at: r.submitted_at,
    doneCount: r.doneCount, pendingCount: r.pendingCount, overdueCount: r.overdueCount, avgScore: r.avgScore, spread: r.spread, expected_jobs: r.expected_jobs,
  }));
  return { rows, next: page.next, ...options, sectors, counties };
}

const actionLink = "inline-flex min-h-11 items-center rounded-md border border-slate-400 px-4 py-2";

export default function Queue() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const keep = useFilterParams();
  return (
    <div>
      <PageTitle
        actions={<a href={`/staff/ideas/export?${new URLSearchParams([...keep, ["table", "reviews"]])}`} className={actionLink} data-testid="export-reviews">{t("ideas.exportReviews")}</a>}
      >
        {t("ideas.queueTitle")}
      </PageTitle>
      <FilterForm label={t("ideas.filter.label")} csv="/staff/ideas/export">
        <SearchFilter label={t("ideas.filter.search")} />
        <SelectFilter name="status" label={t("common.status")} options={IDEA_STATUSES.filter((s) => s !== "draft").map((s) => ({ value: s, label: t(`ideas.status.${s}`) }))} />
        <SelectFilter name="call" label={t("ideas.call")} options={d.calls} />
        <SelectFilter name="county" label={t("ideas.field.county")} options={d.counties} />
        <SelectFilter name="sector" label={t("ideas.field.sector")} options={d.sectors} />
        <SelectFilter name="stage" label={t("ideas.field.stage")} options={STAGES.map((s) => ({ value: s, label: t(`ideas.stage.${s}`) }))} />
        <SelectFilter name="reviewer" label={t("ideas.filter.reviewer")} options={d.reviewers} testId="reviewer-filter" />
        <CheckFilter name="overdue" label={t("ideas.filter.overdue")} />
        <SelectFilter name="sort" label={t("ideas.sort")} options={[{ value: "new", label: t("ideas.sort.new") }, { value: "old", label: t("ideas.sort.old") }]} all={false} />
      </FilterForm>
      {d.rows.length === 0 ? (
        <EmptyState>{t("common.empty")}</EmptyState>
      ) : (
        <TableRegion>
        <table className={tableClass}>
          <thead>
            <tr>
              <th>{t("ideas.field.title")}</th>
              <th>{t("common.status")}</th>
              <th>{t("ideas.call")}</th>
              <th>{t("ideas.col.submitted")}</th>
              <th>{t("ideas.col.reviews")}</th>
              <th>{t("ideas.weighted")}</th>
              <th>{t("ideas.spread")}</th>
              <th>{t("ideas.field.expectedJobs")}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.id}>
                <td><Link to={`/ideas/${r.id}`}>{r.title}</Link></td>
                <td>{t(`ideas.status.${r.status}`)}{r.accepted_path ? ` (${t(`ideas.path.${r.accepted_path}`)})` : ""}</td>
                <td>{r.callTitle}</td>
                <td>{formatDate(locale, r.submitted_at)}</td>
                <td>
                  {t("ideas.reviewsSummary", { done: formatNumber(locale, r.doneCount ?? 0), pending: formatNumber(locale, r.pendingCount ?? 0), overdue: formatNumber(locale, r.overdueCount ?? 0) })}
                </td>
                <td>{r.avgScore == null ? "—" : formatNumber(locale, Number(r.avgScore), 2)}</td>
                <td>{r.spread == null ? "—" : formatNumber(locale, Number(r.spread), 2)}</td>
                <td>{r.expected_jobs == null ? "—" : formatNumber(locale, r.expected_jobs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
      <div className="flex flex-wrap gap-4">
        {params.get("after") && <Link className="mt-4 inline-flex min-h-11 items-center" to={`?${keep}`}>{t("common.first")}</Link>}
        <NextPage after={d.next} />
      </div>
    </div>
  );
}
