import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceOptions } from "~/modules/reference/service.server";
import { placementsDashboard, type DashboardRow, type RetentionFigures } from "~/modules/seekers/dashboard.server";
import { DIMENSIONS } from "~/modules/seekers/rules";
import { dashboardYear } from "~/modules/seekers/schema";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Placements and retention (issue 15 item 6): staff see the province, counsellors their centres.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const locale = await getLocale(request);
  const d = await placementsDashboard(actor, dashboardYear(new URL(request.url).searchParams.get("year")));
  const [counties, groups] = await Promise.all([referenceOptions("counties", locale), referenceOptions("priority_groups", locale)]);
  return { ...d, labels: { county: Object.fromEntries(counties.map((o) => [o.value, o.label])), group: Object.fromEntries(groups.map((o) => [o.value, o.label])) } };
}

export default function PlacementsDashboard() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const pct = (x: number | null) => (x == null ? "—" : formatPercent(locale, x));
  const days = (x: number | null) => (x == null ? "—" : t("seekers.dash.days", { n: formatNumber(locale, x) }));
  const label = (r: DashboardRow) => {
    if (r.dim === "group") return r.key === "none" ? t("seekers.dash.noGroup") : d.labels.group[r.key] ?? r.key;
    if (r.dim === "county") return d.labels.county[r.key] ?? r.key;
    if (r.dim === "gender") return t(`seekers.gender.${r.key}`);
    if (r.dim === "centre") return r.key ? (locale === "fa" ? d.centres[r.key]?.fa : d.centres[r.key]?.en || d.centres[r.key]?.fa) ?? r.key : t("seekers.dash.noCentre");
    return t("seekers.dash.total");
  };
  const ret = (f: RetentionFigures) => (
    <>
      <td>{formatNumber(locale, f.due)}</td>
      <td>{pct(f.rate)}</td>
      <td>{pct(f.unknownShare)}</td>
    </>
  );
  const tot = d.total;
  return (
    <div className="max-w-6xl">
      <PageTitle actions={<a href={`/placements.csv?year=${d.year}`} download className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2">{t("common.exportCsv")}</a>}>
        {t("seekers.dash.title", { year: formatNumber(locale, d.year, 0).replace(/[,٬]/g, "") })}
      </PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="year" className="mb-1 block font-medium">{t("seekers.dash.year")}</label>
          <select id="year" name="year" defaultValue={String(d.year)} className="rounded-md border border-slate-400 bg-white px-3 py-2">
            {d.years.map((y) => <option key={y} value={y}>{formatNumber(locale, y).replace(/[,٬]/g, "")}</option>)}
          </select>
        </div>
        <SubmitButton variant="secondary">{t("seekers.dash.show")}</SubmitButton>
      </Form>
      <p className="mb-4 text-sm text-slate-700">{t("seekers.dash.hint")}</p>
      {!tot ? <EmptyState>{t("seekers.dash.none")}</EmptyState> : (
        <>
          <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="placements-summary">
            {[
              ["placements", formatNumber(locale, tot.placements)],
              ["fte", formatNumber(locale, tot.fte, 2)],
              ["retention3", pct(tot.at3.rate)],
              ["retention6", pct(tot.at6.rate)],
              ["medianDays", days(tot.medianDays)],
            ].map(([k, v]) => (
              <div key={k} className="rounded-md border border-slate-300 bg-white p-3" data-testid={`summary-${k}`}>
                <dt className="text-sm text-slate-700">{t(`seekers.dash.summary.${k}`)}</dt>
                <dd className="text-xl font-semibold">{v}</dd>
              </div>
            ))}
          </dl>
          {DIMENSIONS.map((dim) => (
            <Card key={dim} title={t(`seekers.dash.by.${dim}`)}>
              <TableRegion label={t(`seekers.dash.by.${dim}`)}>
                <table className={tableClass} data-testid={`by-${dim}`}>
                  <thead><tr>
                    <th scope="col">{t(`seekers.dash.col.${dim}`)}</th>
                    <th scope="col">{t("seekers.dash.col.placements")}</th>
                    <th scope="col">{t("seekers.dash.col.fte")}</th>
                    <th scope="col">{t("seekers.dash.col.women")}</th>
                    <th scope="col">{t("seekers.dash.col.avgDays")}</th>
                    <th scope="col">{t("seekers.dash.col.medianDays")}</th>
                    <th scope="col">{t("seekers.dash.col.due3")}</th>
                    <th scope="col">{t("seekers.dash.col.rate3")}</th>
                    <th scope="col">{t("seekers.dash.col.unknown3")}</th>
                    <th scope="col">{t("seekers.dash.col.due6")}</th>
                    <th scope="col">{t("seekers.dash.col.rate6")}</th>
                    <th scope="col">{t("seekers.dash.col.unknown6")}</th>
                    <th scope="col">{t("seekers.dash.col.retained")}</th>
                  </tr></thead>
                  <tbody>
                    {d.byDim[dim].map((r) => (
                      <tr key={r.key}>
                        <th scope="row" className="text-start font-normal">{label(r)}</th>
                        <td>{formatNumber(locale, r.placements)}</td>
                        <td>{formatNumber(locale, r.fte, 2)}</td>
                        <td>{formatNumber(locale, r.women, 2)}</td>
                        <td>{days(r.avgDays)}</td>
                        <td>{days(r.medianDays)}</td>
                        {ret(r.at3)}
                        {ret(r.at6)}
                        <td>{formatNumber(locale, r.retained)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            </Card>
          ))}
        </>
      )}
    </div>
  );
}
