import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { StageBadge } from "~/modules/clusters/components/bits";
import { clusterDirectory, filtersFrom } from "~/modules/clusters/lists.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Public: business clusters (name, product, sector, counties, stage, firms, jobs); no people's data.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return clusterDirectory(filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export default function ClusterDirectory() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const keep = new URLSearchParams(params);
  keep.delete("after");
  const label = (list: { value: string; label: string }[], code: string) => list.find((o) => o.value === code)?.label ?? code;
  return (
    <div>
      <PageTitle>{t("cluster.directory.title")}</PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("cluster.list.filters")}>
        <label className="flex flex-col">
          <span className="mb-1">{t("cluster.list.search")}</span>
          <input name="q" defaultValue={params.get("q") ?? ""} className={control} />
        </label>
        <label className="flex flex-col">
          <span className="mb-1">{t("cluster.field.county")}</span>
          <select name="county" defaultValue={params.get("county") ?? ""} className={control}>
            <option value="">{t("common.all")}</option>
            {d.counties.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
        <button type="submit" className={control}>{t("common.search")}</button>
      </Form>
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
      {d.next && <Link className="mt-4 inline-block" to={`?${new URLSearchParams([...keep, ["after", String(d.next)]])}`}>{t("common.next")}</Link>}
    </div>
  );
}
