import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { StageBadge } from "~/modules/clusters/components/bits";
import { clusterDirectory, filtersFrom } from "~/modules/clusters/lists.server";
import { FilterForm, NextPage, SearchFilter, SelectFilter } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Public: business clusters (name, product, sector, counties, stage, firms, jobs); no people's data.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return clusterDirectory(filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

export default function ClusterDirectory() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const label = (list: { value: string; label: string }[], code: string) => list.find((o) => o.value === code)?.label ?? code;
  return (
    <div>
      <PageTitle>{t("cluster.directory.title")}</PageTitle>
      <FilterForm label={t("cluster.list.filters")}>
        <SearchFilter label={t("cluster.list.search")} />
        <SelectFilter name="county" label={t("cluster.field.county")} options={d.counties} />
      </FilterForm>
      {d.rows.length === 0 ? <EmptyState>{t("cluster.directory.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="cluster-directory">
            <thead><tr>
              <th scope="col">{t("cluster.field.name")}</th><th scope="col">{t("cluster.field.product")}</th><th scope="col">{t("cluster.field.sector")}</th>
              <th scope="col">{t("cluster.field.counties")}</th><th scope="col">{t("cluster.field.stage")}</th><th scope="col">{t("cluster.field.firms")}</th><th scope="col">{t("cluster.field.jobs")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td><td>{r.product}</td><td>{label(d.sectors, r.sector_code)}</td>
                  <td>{r.county_codes.map((c) => label(d.counties, c)).join("، ")}</td><td><StageBadge stage={r.stage} /></td>
                  <td>{formatNumber(locale, r.firms_count)}</td><td>{formatNumber(locale, r.jobs)}</td>
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
