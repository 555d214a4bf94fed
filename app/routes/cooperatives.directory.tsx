import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { directory, filtersFrom } from "~/modules/cooperatives/lists.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Public: active cooperatives (name, type, activity, county, members, jobs); no IDs, mobiles or shares.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const f = filtersFrom(url);
  return directory({ q: f.q, county: f.county, type: f.type }, parseId(url.searchParams.get("after")), await getLocale(request));
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export default function CoopDirectory() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const keep = new URLSearchParams(params);
  keep.delete("after");
  const county = (code: string | null) => (code ? d.counties.find((o) => o.value === code)?.label ?? code : "—");
  return (
    <div>
      <PageTitle>{t("coop.directory.title")}</PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("coop.queue.filters")}>
        <label className="flex flex-col">
          <span className="mb-1">{t("coop.queue.search")}</span>
          <input name="q" defaultValue={params.get("q") ?? ""} className={control} />
        </label>
        <label className="flex flex-col">
          <span className="mb-1">{t("coop.field.county")}</span>
          <select name="county" defaultValue={params.get("county") ?? ""} className={control}>
            <option value="">{t("common.all")}</option>
            {d.counties.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
        <button type="submit" className={control}>{t("common.search")}</button>
      </Form>
      {d.rows.length === 0 ? <EmptyState>{t("coop.directory.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="coop-directory">
            <thead><tr>
              <th scope="col">{t("coop.field.name1")}</th><th scope="col">{t("coop.field.type")}</th><th scope="col">{t("coop.field.activity")}</th>
              <th scope="col">{t("coop.field.county")}</th><th scope="col">{t("coop.members")}</th><th scope="col">{t("coop.field.jobs")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.name1}</td><td>{r.type_code ? t(`coop.type.${r.type_code}`) : "—"}</td><td>{r.activity}</td>
                  <td>{county(r.county_code)}</td><td>{formatNumber(locale, r.members_count)}</td><td>{formatNumber(locale, r.jobs)}</td>
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
