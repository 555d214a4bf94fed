import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { ObstacleStatusBadge, OverdueBadge } from "~/modules/agenda/components/bits";
import { filtersFrom } from "~/modules/agenda/schema";
import { listObstacles } from "~/modules/agenda/service.server";
import { OBSTACLE_CATEGORIES, OBSTACLE_STATUSES } from "~/modules/agenda/workflow";
import { CheckFilter, FilterForm, NextPage, SelectFilter } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const url = new URL(request.url);
  return listObstacles(actor, filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

export default function Obstacles() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const agencyName = (code: string) => d.allAgencies.find((a) => a.value === code)?.label ?? code;
  return (
    <div>
      <PageTitle actions={d.staff && <Link to="/agenda/meeting">{t("agenda.meeting.title")}</Link>}>{t(d.officer ? "agenda.list.queue" : "agenda.list.title")}</PageTitle>
      <FilterForm label={t("agenda.list.filters")}>
        {d.agencies.length > 1 && <SelectFilter name="agency" label={t("agenda.field.agency")} options={d.agencies} />}
        <SelectFilter name="status" label={t("common.status")} options={[{ value: "active", label: t("agenda.status.active") }, ...OBSTACLE_STATUSES.map((s) => ({ value: s, label: t(`agenda.status.${s}`) }))]} />
        <SelectFilter name="category" label={t("agenda.field.category")} options={OBSTACLE_CATEGORIES.map((c) => ({ value: c, label: t(`agenda.category.${c}`) }))} />
        <CheckFilter name="overdue" value="on" label={t("agenda.overdue")} />
        <CheckFilter name="escalated" value="on" label={t("agenda.list.escalated")} />
        {d.officer && <CheckFilter name="mine" value="on" label={t("agenda.list.mine")} />}
      </FilterForm>
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
      <NextPage after={d.next} />
    </div>
  );
}
