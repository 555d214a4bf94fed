import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { listAdvantages } from "~/modules/agenda/advantages.server";
import { AdvantageStatusBadge } from "~/modules/agenda/components/bits";
import { advantageFiltersFrom } from "~/modules/agenda/schema";
import { ADVANTAGE_STATUSES } from "~/modules/agenda/workflow";
import { FilterForm, NextPage, SelectFilter } from "~/ui/ListFilters";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Sector advantages: staff see every agency's, an officer their agency's (with "record an advantage").
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const url = new URL(request.url);
  return listAdvantages(actor, advantageFiltersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

export default function Advantages() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={
        <div className="flex flex-wrap gap-3">
          {d.canCreate && <Link to="/agenda/advantages/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-3 py-2 text-white">{t("agenda.advantage.new")}</Link>}
          {d.staff && <Link to="/agenda/targets">{t("agenda.targets.title")}</Link>}
          <Link to="/opportunities">{t("agenda.opportunities.title")}</Link>
        </div>
      }>{t("agenda.advantage.list")}</PageTitle>
      <FilterForm label={t("agenda.advantage.filters")}>
        {d.agencies.length > 1 && <SelectFilter name="agency" label={t("agenda.field.agency")} options={d.agencies} />}
        <SelectFilter name="status" label={t("common.status")} options={ADVANTAGE_STATUSES.map((s) => ({ value: s, label: t(`agenda.advantage.status.${s}`) }))} />
      </FilterForm>
      {d.rows.length === 0 ? <EmptyState>{t("agenda.advantage.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="advantages">
            <thead><tr>
              <th scope="col">{t("agenda.advantage.field.activity")}</th>
              <th scope="col">{t("agenda.field.agency")}</th>
              <th scope="col">{t("agenda.advantage.field.sector")}</th>
              <th scope="col">{t("agenda.advantage.field.potentialJobs")}</th>
              <th scope="col">{t("common.status")}</th>
              <th scope="col">{t("agenda.advantage.field.published")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((a) => (
                <tr key={a.id}>
                  <td><Link to={`/agenda/advantages/${a.id}`}>{a.activity}</Link></td>
                  <td>{a.agency}</td>
                  <td>{a.sector}</td>
                  <td>{formatNumber(locale, a.potential_jobs, 2)}</td>
                  <td><AdvantageStatusBadge status={a.status} /></td>
                  <td>{a.published ? t("common.yes") : t("common.no")}</td>
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
