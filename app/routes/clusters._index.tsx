import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { StageBadge } from "~/modules/clusters/components/bits";
import { clusterList, filtersFrom } from "~/modules/clusters/lists.server";
import { STAGES } from "~/modules/clusters/workflow";
import { FilterForm, filterControl, NextPage, SearchFilter, SelectFilter } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Clusters: staff see every cluster, a cluster agent those of their unit (filters in the URL, keyset pages, CSV).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  return clusterList(actor, filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

export default function ClusterList() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const label = (list: { value: string; label: string }[], code: string) => list.find((o) => o.value === code)?.label ?? code;
  return (
    <div>
      <PageTitle actions={d.canCreate && <Link to="/clusters/new" className={filterControl}>{t("cluster.new")}</Link>}>{t("cluster.list.title")}</PageTitle>
      <FilterForm label={t("cluster.list.filters")} csv="/clusters.csv">
        <SearchFilter label={t("cluster.list.search")} />
        <SelectFilter name="stage" label={t("cluster.field.stage")} options={STAGES.map((s) => ({ value: s, label: t(`cluster.stage.${s}`) }))} />
        <SelectFilter name="county" label={t("cluster.field.county")} options={d.counties} />
        <SelectFilter name="sector" label={t("cluster.field.sector")} options={d.sectors} />
      </FilterForm>
      {d.rows.length === 0 ? <EmptyState>{t("cluster.list.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="cluster-list">
            <thead><tr>
              <th scope="col">{t("cluster.field.name")}</th><th scope="col">{t("cluster.field.product")}</th><th scope="col">{t("cluster.field.stage")}</th>
              <th scope="col">{t("cluster.field.counties")}</th><th scope="col">{t("cluster.field.firms")}</th><th scope="col">{t("cluster.field.jobs")}</th>
              <th scope="col">{t("cluster.field.unit")}</th><th scope="col">{t("cluster.field.stageSince")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/clusters/${r.id}`}>{r.name}</Link></td>
                  <td>{r.product}</td>
                  <td><StageBadge stage={r.stage} /></td>
                  <td>{r.county_codes.map((c) => label(d.counties, c)).join("، ")}</td>
                  <td>{formatNumber(locale, r.firms_count)}</td>
                  <td>{formatNumber(locale, r.jobs)}</td>
                  <td>{locale === "fa" ? r.unit_fa : r.unit_en}</td>
                  <td>{formatDate(locale, r.stage_since)}</td>
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
