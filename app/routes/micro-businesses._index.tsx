import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { limitSearch } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { PermitBadge } from "~/modules/microbusiness/components/bits";
import { listRegistry } from "~/modules/microbusiness/registry.server";
import { filtersFrom, SUPPORT_KINDS } from "~/modules/microbusiness/schema";
import { PERMIT_STATUSES } from "~/modules/microbusiness/workflow";
import { CheckFilter, FilterForm, NextPage, SearchFilter, SelectFilter } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitSearch(request, actor);
  const url = new URL(request.url);
  return listRegistry(actor, filtersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

export default function Registry() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const label = (list: { value: string; label: string }[], code: string) => list.find((o) => o.value === code)?.label ?? code;
  return (
    <div>
      <PageTitle actions={d.canRegister && <Link to="/micro-businesses/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("micro.new")}</Link>}>
        {t(d.staffView ? "micro.list.title" : "micro.list.mine")}
      </PageTitle>
      {d.staffView && (
        <FilterForm label={t("micro.list.filters")} csv="/micro-businesses.csv">
          <SearchFilter label={t("micro.list.search")} />
          <SelectFilter name="county" label={t("micro.field.county")} options={d.counties} />
          <SelectFilter name="sector" label={t("micro.field.sector")} options={d.sectors} />
          <SelectFilter name="permit" label={t("micro.field.permitStatus")} options={PERMIT_STATUSES.map((s) => ({ value: s, label: t(`micro.permit.${s}`) }))} />
          <SelectFilter name="support" label={t("micro.list.support")} options={SUPPORT_KINDS.map((s) => ({ value: s, label: t(`micro.support.${s}`) }))} />
          <CheckFilter name="women" label={t("micro.list.women")} />
          <CheckFilter name="rural" label={t("micro.list.rural")} />
        </FilterForm>
      )}
      {d.rows.length === 0 ? <EmptyState>{t(d.staffView ? "micro.list.empty" : "micro.list.emptyMine")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="micro-list">
            <thead><tr>
              <th scope="col">{t("micro.field.name")}</th>
              <th scope="col">{t("micro.field.ownerName")}</th>
              <th scope="col">{t("micro.field.sector")}</th>
              <th scope="col">{t("micro.field.county")}</th>
              <th scope="col">{t("micro.field.permitStatus")}</th>
              <th scope="col">{t("micro.field.jobs")}</th>
              <th scope="col">{t("micro.field.lastUpdate")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/micro-businesses/${r.id}`}>{r.name}</Link></td>
                  <td>{r.owner_name}</td>
                  <td>{label(d.sectors, r.sector_code)}</td>
                  <td>{label(d.counties, r.county_code)}{r.area === "rural" ? ` (${t("micro.area.rural")})` : ""}</td>
                  <td><PermitBadge status={r.permit_status} /></td>
                  <td>{formatNumber(locale, r.jobs_fte, 2)}</td>
                  <td>{formatNumber(locale, r.last_update_year).replace(/[,٬]/g, "")}</td>
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
