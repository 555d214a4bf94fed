import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
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
  return { ...page, rows, ...options, sectors, counties };
}

const selectClass = "rounded-md border border-slate-400 bg-white px-3 py-2";

export default function Queue() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filter = (key: string, label: string, options: { value: string; label: string }[]) => (
    <label className="flex flex-col">
      <span className="mb-1">{label}</span>
      <select name={key} defaultValue={params.get(key) ?? ""} className={selectClass}>
        <option value="">{t("common.all")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
  const withoutAfter = new URLSearchParams(params);
  withoutAfter.delete("after");
  const nextParams = new URLSearchParams(withoutAfter);
  if (d.next) nextParams.set("after", String(d.next));
  return (
    <div>
      <PageTitle
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={`/staff/ideas/export?${withoutAfter}`} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 px-4 py-2">{t("common.exportCsv")}</a>
            <a href={`/staff/ideas/export?${new URLSearchParams([...withoutAfter, ["table", "reviews"]])}`} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 px-4 py-2" data-testid="export-reviews">{t("ideas.exportReviews")}</a>
          </div>
        }
      >
        {t("ideas.queueTitle")}
      </PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <label className="flex flex-col">
          <span className="mb-1">{t("ideas.filter.search")}</span>
          <input name="q" defaultValue={params.get("q") ?? ""} className={selectClass} />
        </label>
        {filter("status", t("common.status"), IDEA_STATUSES.filter((s) => s !== "draft").map((s) => ({ value: s, label: t(`ideas.status.${s}`) })))}
        {filter("call", t("ideas.call"), d.calls.map((c) => ({ value: String(c.id), label: c.title })))}
        {filter("county", t("ideas.field.county"), d.counties)}
        {filter("sector", t("ideas.field.sector"), d.sectors)}
        {filter("stage", t("ideas.field.stage"), STAGES.map((s) => ({ value: s, label: t(`ideas.stage.${s}`) })))}
        {filter("reviewer", t("ideas.filter.reviewer"), d.mentors)}
        <label className="flex items-center gap-2 pb-2">
          <input type="checkbox" name="overdue" value="1" defaultChecked={params.get("overdue") === "1"} className="h-5 w-5" />
          <span>{t("ideas.filter.overdue")}</span>
        </label>
        <label className="flex flex-col">
          <span className="mb-1">{t("ideas.sort")}</span>
          <select name="sort" defaultValue={params.get("sort") ?? "new"} className={selectClass}>
            <option value="new">{t("ideas.sort.new")}</option>
            <option value="old">{t("ideas.sort.old")}</option>
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2">{t("common.filter")}</button>
      </Form>
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
      <div className="mt-4 flex gap-4">
        {params.get("after") && <Link to={`?${withoutAfter}`}>{t("common.first")}</Link>}
        {d.next && <Link to={`?${nextParams}`}>{t("common.next")}</Link>}
      </div>
    </div>
  );
}
