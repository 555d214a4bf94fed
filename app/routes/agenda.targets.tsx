import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { shareYears, targetShares } from "~/modules/agenda/advantages.server";
import { SHARE_STATUSES } from "~/modules/agenda/workflow";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// The working group's view of the agencies' advantages: per agency its share of the year's job target,
// the potential jobs of its advantages by status, and the verified jobs from what it activated (ledger).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const raw = new URL(request.url).searchParams.get("year");
  const year = raw ? Number(raw) : shareYears()[0];
  return { ...(await targetShares(actor, year, await getLocale(request))), years: shareYears() };
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";
const plainYear = (locale: "fa" | "en", y: number) => formatNumber(locale, y).replace(/[,٬]/g, "");

export default function Targets() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={<div className="flex flex-wrap gap-3"><Link to="/agenda">{t("agenda.board.title")}</Link><Link to="/agenda/advantages">{t("agenda.advantage.list")}</Link></div>}>
        {t("agenda.targets.title")}
      </PageTitle>
      <p className="mb-4" data-testid="year-target">
        {d.target == null ? t("agenda.targets.noTarget", { year: plainYear(locale, d.year) }) : t("agenda.targets.target", { year: plainYear(locale, d.year), target: formatNumber(locale, d.target) })}
      </p>
      <Card>
        <Form method="get" className="mb-3 flex flex-wrap items-end gap-3">
          <label className="flex flex-col">
            <span className="mb-1">{t("agenda.targets.year")}</span>
            <select name="year" defaultValue={String(d.year)} className={control}>
              {d.years.map((y) => <option key={y} value={y}>{plainYear(locale, y)}</option>)}
            </select>
          </label>
          <button type="submit" className={control}>{t("agenda.board.apply")}</button>
          <a href={`/agenda/board.csv?table=shares&year=${d.year}`} download className="px-2 py-2">{t("common.exportCsv")}</a>
        </Form>
        <TableRegion>
          <table className={tableClass} data-testid="target-shares">
            <thead><tr>
              <th scope="col">{t("agenda.field.agency")}</th>
              <th scope="col">{t("agenda.targets.share")}</th>
              {SHARE_STATUSES.map((s) => <th key={s} scope="col">{t("agenda.targets.potential", { status: t(`agenda.advantage.status.${s}`) })}</th>)}
              <th scope="col">{t("agenda.targets.potentialTotal")}</th>
              <th scope="col">{t("agenda.targets.verified")}</th>
              <th scope="col">{t("agenda.targets.shareMet")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.code} data-agency={r.code}>
                  <th scope="row" className="text-start font-normal"><Link to={`/agenda/advantages?agency=${r.code}`}>{r.name}</Link></th>
                  <td>{r.share == null ? "—" : formatNumber(locale, r.share)}</td>
                  {SHARE_STATUSES.map((s) => <td key={s}>{formatNumber(locale, r.potential[s], 2)}</td>)}
                  <td>{formatNumber(locale, r.potential_total, 2)}</td>
                  <td>{formatNumber(locale, r.verified, 2)}</td>
                  <td>{r.share_met == null ? "—" : formatPercent(locale, r.share_met)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <p className="mt-3 text-sm text-slate-600">{t("agenda.targets.note")}</p>
      </Card>
    </div>
  );
}
