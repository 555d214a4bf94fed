import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { ObstacleStatusBadge, OverdueBadge } from "~/modules/agenda/components/bits";
import { filtersFrom } from "~/modules/agenda/schema";
import { listObstacles } from "~/modules/agenda/service.server";
import { OBSTACLE_CATEGORIES, OBSTACLE_STATUSES } from "~/modules/agenda/workflow";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const url = new URL(request.url);
  return listObstacles(actor, filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export default function Obstacles() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (d.next) next.set("after", String(d.next));
  const agencyName = (code: string) => d.allAgencies.find((a) => a.value === code)?.label ?? code;
  const select = (name: string, text: string, options: { value: string; label: string }[]) => (
    <label className="flex flex-col">
      <span className="mb-1">{text}</span>
      <select name={name} defaultValue={params.get(name) ?? ""} className={control}>
        <option value="">{t("common.all")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
  const check = (name: string, text: string) => (
    <label className="flex items-center gap-2 py-2"><input type="checkbox" name={name} value="on" defaultChecked={params.get(name) === "on"} />{text}</label>
  );
  return (
    <div>
      <PageTitle actions={d.staff && <Link to="/agenda/meeting">{t("agenda.meeting.title")}</Link>}>{t(d.officer ? "agenda.list.queue" : "agenda.list.title")}</PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("agenda.list.filters")}>
        {d.agencies.length > 1 && select("agency", t("agenda.field.agency"), d.agencies)}
        {select("status", t("common.status"), [{ value: "active", label: t("agenda.status.active") }, ...OBSTACLE_STATUSES.map((s) => ({ value: s, label: t(`agenda.status.${s}`) }))])}
        {select("category", t("agenda.field.category"), OBSTACLE_CATEGORIES.map((c) => ({ value: c, label: t(`agenda.category.${c}`) })))}
        {check("overdue", t("agenda.overdue"))}
        {check("escalated", t("agenda.list.escalated"))}
        {d.officer && check("mine", t("agenda.list.mine"))}
        <button type="submit" className={control}>{t("common.search")}</button>
      </Form>
      {d.rows.length === 0 ? <EmptyState>{t("agenda.list.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="obstacles">
            <thead><tr>
              <th scope="col">{t("agenda.field.subject")}</th>
              <th scope="col">{t("agenda.field.category")}</th>
              <th scope="col">{t("agenda.field.agency")}</th>
              <th scope="col">{t("agenda.field.jobs")}</th>
              <th scope="col">{t("common.status")}</th>
              <th scope="col">{t("agenda.field.assignee")}</th>
              <th scope="col">{t("agenda.field.dueOn")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((o) => (
                <tr key={o.id}>
                  <td><Link to={`/agenda/obstacles/${o.id}`}>{o.subject ?? t("agenda.obstacle.title", { id: formatNumber(locale, o.id) })}</Link></td>
                  <td>{t(`agenda.category.${o.category}`)}</td>
                  <td>{agencyName(o.agency_code)}</td>
                  <td>{formatNumber(locale, o.jobs, 2)}</td>
                  <td><ObstacleStatusBadge status={o.status} /> {o.overdue && <OverdueBadge />} {o.escalated && t("agenda.list.escalatedMark")}</td>
                  <td>{o.assignee_name ?? "—"}</td>
                  <td>{formatDate(locale, o.due_on)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {d.next && <p className="mt-4"><Link to={`?${next}`}>{t("common.next")}</Link></p>}
    </div>
  );
}
