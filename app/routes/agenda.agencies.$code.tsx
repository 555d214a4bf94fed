import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/i18n/format";
import { notFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { agencyDrill } from "~/modules/agenda/board.server";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// The working group's drill-down: one agency's obstacles by category.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const code = params.code ?? "";
  if (!/^[\w-]{1,80}$/.test(code)) throw notFound();
  const d = await agencyDrill(actor, code, await getLocale(request));
  if (!d) throw notFound();
  return d;
}

export default function AgencyDrill() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={<Link to="/agenda">{t("agenda.board.title")}</Link>}>{d.name}</PageTitle>
      <Card title={t("agenda.board.byCategory")}>
        <p className="mb-2 flex flex-wrap gap-4">
          <a href={`/agenda/board.csv?table=categories&agency=${d.code}`} download>{t("common.exportCsv")}</a>
          <Link to={`/agenda/obstacles?agency=${d.code}&status=active`}>{t("agenda.board.openList")}</Link>
        </p>
        <TableRegion>
          <table className={tableClass} data-testid="agency-categories">
            <thead><tr>
              <th scope="col">{t("agenda.field.category")}</th>
              <th scope="col">{t("agenda.board.jobsBlocked")}</th>
              <th scope="col">{t("agenda.board.open")}</th>
              <th scope="col">{t("agenda.board.shareOverdue")}</th>
              <th scope="col">{t("agenda.board.medianDays")}</th>
              <th scope="col">{t("agenda.board.resolved")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.category}>
                  <td><Link to={`/agenda/obstacles?agency=${d.code}&category=${r.category}`}>{t(`agenda.category.${r.category}`)}</Link></td>
                  <td>{formatNumber(locale, r.jobs_blocked, 2)}</td>
                  <td>{formatNumber(locale, r.open)}</td>
                  <td>{r.share_overdue == null ? "—" : formatPercent(locale, r.share_overdue)}</td>
                  <td>{r.median_days == null ? "—" : formatNumber(locale, r.median_days, 1)}</td>
                  <td>{formatNumber(locale, r.resolved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </Card>
    </div>
  );
}
