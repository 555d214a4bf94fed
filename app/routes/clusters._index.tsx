import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { StageBadge } from "~/modules/clusters/components/bits";
import { clusterList, filtersFrom } from "~/modules/clusters/lists.server";
import { STAGES } from "~/modules/clusters/workflow";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Clusters: staff see every cluster, a cluster agent those of their unit (filters in the URL, keyset pages, CSV).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  return clusterList(actor, filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export default function ClusterList() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const keep = new URLSearchParams(params);
  keep.delete("after");
  const label = (list: { value: string; label: string }[], code: string) => list.find((o) => o.value === code)?.label ?? code;
  const select = (name: string, text: string, options: { value: string; label: string }[]) => (
    <label className="flex flex-col">
      <span className="mb-1">{text}</span>
      <select name={name} defaultValue={params.get(name) ?? ""} className={control}>
        <option value="">{t("common.all")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
  return (
    <div>
      <PageTitle actions={d.canCreate && <Link to="/clusters/new" className={control}>{t("cluster.new")}</Link>}>{t("cluster.list.title")}</PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("cluster.list.filters")}>
        <label className="flex flex-col">
          <span className="mb-1">{t("cluster.list.search")}</span>
          <input name="q" defaultValue={params.get("q") ?? ""} className={control} />
        </label>
        {select("stage", t("cluster.field.stage"), STAGES.map((s) => ({ value: s, label: t(`cluster.stage.${s}`) })))}
        {select("county", t("cluster.field.county"), d.counties)}
        {select("sector", t("cluster.field.sector"), d.sectors)}
        <button type="submit" className={control}>{t("common.search")}</button>
        <a href={`/clusters.csv?${keep}`} download className="px-2 py-2">{t("common.exportCsv")}</a>
      </Form>
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
      {d.next && <Link className="mt-4 inline-block" to={`?${new URLSearchParams([...keep, ["after", String(d.next)]])}`}>{t("common.next")}</Link>}
    </div>
  );
}
