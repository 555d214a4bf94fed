import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { agencyBoard } from "~/modules/agenda/board.server";
import { SORTS, type BoardSort } from "~/modules/agenda/workflow";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// The employment working group's view: agencies ranked by the jobs their open obstacles hold up (or
// by number open, median days to resolve, share overdue), with the jobs unblocked per month.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const sort = new URL(request.url).searchParams.get("sort");
  return agencyBoard(actor, (SORTS as readonly string[]).includes(sort ?? "") ? (sort as BoardSort) : "jobs", await getLocale(request));
}

const control = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export default function Board() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const max = Math.max(1, ...d.trend.map((m) => m.jobs));
  return (
    <div>
      <PageTitle actions={<div className="flex flex-wrap gap-3">{d.canMeet ? <Link to="/agenda/meeting">{t("agenda.meeting.title")}</Link> : null}<Link to="/agenda/obstacles">{t("agenda.list.title")}</Link></div>}>
        {t("agenda.board.title")}
      </PageTitle>
      {d.centreOnly ? <p className="mb-2" data-testid="board-centre-only">{t("agenda.board.centreOnly")}</p> : null}
      <p className="mb-4" data-testid="board-totals">{t("agenda.board.totals", { open: formatNumber(locale, d.totals.open), jobs: formatNumber(locale, d.totals.jobs_blocked, 2), overdue: formatNumber(locale, d.totals.overdue) })}</p>
      <Card title={t("agenda.board.ranking")}>
        <Form method="get" className="mb-3 flex flex-wrap items-end gap-3">
          <label className="flex flex-col">
            <span className="mb-1">{t("agenda.board.sortBy")}</span>
            <select name="sort" defaultValue={d.sort} className={control}>
              {SORTS.map((s) => <option key={s} value={s}>{t(`agenda.board.sort.${s}`)}</option>)}
            </select>
          </label>
          <button type="submit" className={control}>{t("agenda.board.apply")}</button>
          <a href="/agenda/board.csv?table=ranking" download className="px-2 py-2">{t("common.exportCsv")}</a>
        </Form>
        <TableRegion>
          <table className={tableClass} data-testid="agency-ranking">
            <thead><tr>
              <th scope="col">{t("agenda.field.agency")}</th>
              <th scope="col">{t("agenda.board.jobsBlocked")}</th>
              <th scope="col">{t("agenda.board.open")}</th>
              <th scope="col">{t("agenda.board.shareOverdue")}</th>
              <th scope="col">{t("agenda.board.medianDays")}</th>
              <th scope="col">{t("agenda.board.resolved")}</th>
              <th scope="col">{t("agenda.board.jobsUnblocked")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.code} data-agency={r.code}>
                  <td><Link to={`/agenda/agencies/${r.code}`}>{r.name}</Link></td>
                  <td>{formatNumber(locale, r.jobs_blocked, 2)}</td>
                  <td>{formatNumber(locale, r.open)}</td>
                  <td>{r.share_overdue == null ? "—" : formatPercent(locale, r.share_overdue)}</td>
                  <td>{r.median_days == null ? "—" : formatNumber(locale, r.median_days, 1)}</td>
                  <td>{formatNumber(locale, r.resolved)}</td>
                  <td>{formatNumber(locale, r.jobs_unblocked, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </Card>
      <Card title={t("agenda.board.trend")}>
        <p className="mb-2"><a href="/agenda/board.csv?table=trend" download>{t("common.exportCsv")}</a></p>
        <TableRegion>
          <table className={tableClass} data-testid="agenda-trend">
            <thead><tr>
              <th scope="col">{t("agenda.board.month")}</th>
              <th scope="col">{t("agenda.board.resolved")}</th>
              <th scope="col">{t("agenda.board.jobsUnblocked")}</th>
            </tr></thead>
            <tbody>
              {d.trend.map((m) => (
                <tr key={m.month}>
                  <td>{formatNumber(locale, Number(m.month.slice(0, 4))).replace(/[,٬]/g, "")}/{formatNumber(locale, Number(m.month.slice(5)))}</td>
                  <td>{formatNumber(locale, m.resolved)}</td>
                  <td>
                    <span className="inline-block h-3 bg-emerald-600 align-middle" style={{ inlineSize: `${Math.round((m.jobs / max) * 120)}px` }} aria-hidden="true" />{" "}
                    {formatNumber(locale, m.jobs, 2)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </Card>
    </div>
  );
}
