import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { holds } from "~/modules/accounts/roles";
import { CoopStatusBadge } from "~/modules/cooperatives/components/bits";
import { filtersFrom, queue } from "~/modules/cooperatives/lists.server";
import { COOP_TYPES } from "~/modules/cooperatives/rules";
import { COOP_STATUSES } from "~/modules/cooperatives/workflow";
import { CheckFilter, FilterForm, filterControl, NextPage, SearchFilter, SelectFilter } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// The staff queue of applications; everyone else is sent to their own list.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  if (!holds(actor.user, "decide:cooperative") && holds(actor.user, "read:cooperative")) throw redirect("/cooperatives/mine");
  const url = new URL(request.url);
  return queue(actor, filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

export default function CoopQueue() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const label = (list: { value: string; label: string }[], code: string | null) => (code ? list.find((o) => o.value === code)?.label ?? code : "—");
  return (
    <div>
      <PageTitle actions={<Link to="/cooperatives/rules" className={filterControl}>{t("coop.rules.title")}</Link>}>{t("coop.queue.title")}</PageTitle>
      <FilterForm label={t("coop.queue.filters")} csv="/cooperatives.csv">
        <SearchFilter label={t("coop.queue.search")} />
        <SelectFilter name="status" label={t("common.status")} options={COOP_STATUSES.map((s) => ({ value: s, label: t(`coop.status.${s}`) }))} />
        <SelectFilter name="type" label={t("coop.field.type")} options={COOP_TYPES.map((s) => ({ value: s, label: t(`coop.type.${s}`) }))} />
        <SelectFilter name="county" label={t("coop.field.county")} options={d.counties} />
        <SelectFilter name="sector" label={t("coop.field.sector")} options={d.sectors} />
        <CheckFilter name="waiting" label={t("coop.queue.waiting")} />
        <CheckFilter name="overdue" label={t("coop.queue.overdue")} />
      </FilterForm>
      {d.rows.length === 0 ? <EmptyState>{t("coop.queue.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="coop-queue">
            <thead><tr>
              <th scope="col">{t("coop.field.name1")}</th><th scope="col">{t("coop.queue.applicant")}</th><th scope="col">{t("common.status")}</th>
              <th scope="col">{t("coop.field.type")}</th><th scope="col">{t("coop.field.county")}</th><th scope="col">{t("coop.members")}</th><th scope="col">{t("coop.queue.since")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/cooperatives/${r.id}`}>{r.name1}</Link></td>
                  <td>{r.applicant}</td>
                  <td><CoopStatusBadge status={r.status} /></td>
                  <td>{r.type_code ? t(`coop.type.${r.type_code}`) : "—"}</td>
                  <td>{label(d.counties, r.county_code)}</td>
                  <td>{formatNumber(locale, r.members_count)}</td>
                  <td>{formatDateTime(locale, r.status_changed_at)}</td>
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
