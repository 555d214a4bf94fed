import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { listAdvantages } from "~/modules/agenda/advantages.server";
import { AdvantageStatusBadge } from "~/modules/agenda/components/bits";
import { advantageFiltersFrom } from "~/modules/agenda/schema";
import { ADVANTAGE_STATUSES } from "~/modules/agenda/workflow";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Sector advantages: staff see every agency's, an officer their agency's (with "record an advantage").
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const url = new URL(request.url);
  return listAdvantages(actor, advantageFiltersFrom(url), parseId(url.searchParams.get("after")), await getLocale(request));
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export default function Advantages() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (d.next) next.set("after", String(d.next));
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
      <PageTitle actions={
        <div className="flex flex-wrap gap-3">
          {d.canCreate && <Link to="/agenda/advantages/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-3 py-2 text-white">{t("agenda.advantage.new")}</Link>}
          {d.staff && <Link to="/agenda/targets">{t("agenda.targets.title")}</Link>}
          <Link to="/opportunities">{t("agenda.opportunities.title")}</Link>
        </div>
      }>{t("agenda.advantage.list")}</PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("agenda.advantage.filters")}>
        {d.agencies.length > 1 && select("agency", t("agenda.field.agency"), d.agencies)}
        {select("status", t("common.status"), ADVANTAGE_STATUSES.map((s) => ({ value: s, label: t(`agenda.advantage.status.${s}`) })))}
        <button type="submit" className={control}>{t("common.search")}</button>
      </Form>
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
      {d.next && <p className="mt-4"><Link to={`?${next}`}>{t("common.next")}</Link></p>}
    </div>
  );
}
