import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { localDigits } from "~/i18n/format";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames, type ReferenceNames } from "~/modules/employment/service.server";
import { searchEnterprises } from "~/modules/employment/enterprises.server";
import { StaffLinks, useLabel } from "~/modules/employment/components/DashboardView";
import { FilterForm, NextPage, SearchFilter, SelectFilter } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { parseId } from "~/lib/ids";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  const q = { text: url.searchParams.get("q") ?? undefined, county: url.searchParams.get("county") || undefined };
  const [list, names] = await Promise.all([searchEnterprises(actor, { ...q, after: parseId(url.searchParams.get("after")) ?? undefined }), referenceNames()]);
  return { ...list, names };
}

export default function Enterprises() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>() as unknown as Awaited<ReturnType<typeof searchEnterprises>> & { names: ReferenceNames };
  const label = useLabel(d.names);
  return (
    <div>
      <PageTitle actions={<Link to="/employment/enterprises/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("employment.enterprises.new")}</Link>}>
        {t("employment.enterprises.title")}
      </PageTitle>
      <StaffLinks />
      <FilterForm label={t("employment.enterprises.filters")} csv="/employment/enterprises.csv">
        <SearchFilter label={t("employment.enterprises.search")} />
        <SelectFilter name="county" label={t("employment.filter.county")} options={d.names.county.map((c) => ({ value: c.code, label: locale === "fa" ? c.fa : c.en }))} />
      </FilterForm>
      {d.rows.length === 0 ? <EmptyState>{t("employment.enterprises.empty")}</EmptyState> : (
        <TableRegion>
        <table className={tableClass}>
          <thead><tr>
            <th scope="col">{t("employment.enterprise.name")}</th>
            <th scope="col">{t("employment.enterprise.registrationNo")}</th>
            <th scope="col">{t("employment.enterprise.kind")}</th>
            <th scope="col">{t("employment.filter.county")}</th>
            <th scope="col">{t("employment.enterprise.sector")}</th>
          </tr></thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.id}>
                <td><Link to={`/employment/enterprises/${r.id}`}>{r.name}</Link></td>
                <td dir="ltr">{localDigits(locale, r.registration_no ?? r.national_id)}</td>
                <td>{t(`employment.kind.${r.kind}`)}</td>
                <td>{label("county", r.county_code)}</td>
                <td>{label("sector", r.sector_code)}</td>
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
