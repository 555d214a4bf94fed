import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { directory, filtersFrom } from "~/modules/cooperatives/lists.server";
import { FilterForm, NextPage, SearchFilter, SelectFilter } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Public: active cooperatives (name, type, activity, county, members, jobs); no IDs, mobiles or shares.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const f = filtersFrom(url);
  return directory({ q: f.q, county: f.county, type: f.type }, parseId(url.searchParams.get("after")), await getLocale(request));
}

export default function CoopDirectory() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const county = (code: string | null) => (code ? d.counties.find((o) => o.value === code)?.label ?? code : "—");
  return (
    <div>
      <PageTitle>{t("coop.directory.title")}</PageTitle>
      <FilterForm label={t("coop.queue.filters")}>
        <SearchFilter label={t("coop.queue.search")} />
        <SelectFilter name="county" label={t("coop.field.county")} options={d.counties} />
      </FilterForm>
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
      <NextPage after={d.next} />
    </div>
  );
}
