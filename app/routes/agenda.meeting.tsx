import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { meetingList } from "~/modules/agenda/service.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { PrintButton } from "~/ui/PrintButton";

// The escalated obstacles on one page, ready to print for the working group's meeting (the site's
// print stylesheet hides the header; the table fits an A4 page; tests/e2e/print.spec.ts).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return meetingList(actor, await getLocale(request));
}

export default function Meeting() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const total = d.rows.reduce((s, r) => s + r.jobs, 0);
  return (
    <div>
      <PageTitle actions={<PrintButton />}>{t("agenda.meeting.title")}</PageTitle>
      <p className="mb-4">{t("agenda.meeting.date", { date: formatDate(locale, d.today) })} · {t("agenda.meeting.summary", { n: formatNumber(locale, d.rows.length), jobs: formatNumber(locale, total, 2) })}</p>
      <p className="mb-4 print:hidden"><Link to="/agenda/obstacles?escalated=on">{t("agenda.list.title")}</Link></p>
      {d.rows.length === 0 ? <EmptyState>{t("agenda.meeting.empty")}</EmptyState> : (
        <TableRegion>
        <table className={tableClass} data-testid="meeting-list">
          <thead><tr>
            <th scope="col">#</th>
            <th scope="col">{t("agenda.field.agency")}</th>
            <th scope="col">{t("agenda.field.subject")}</th>
            <th scope="col">{t("agenda.field.category")}</th>
            <th scope="col">{t("agenda.field.jobs")}</th>
            <th scope="col">{t("agenda.field.daysOpen")}</th>
            <th scope="col">{t("agenda.field.escalatedOn")}</th>
          </tr></thead>
          <tbody>
            {d.rows.map((r, i) => (
              <tr key={r.id}>
                <td>{formatNumber(locale, i + 1)}</td>
                <td>{r.agency}</td>
                <td>{r.subject}<div className="text-sm text-slate-600">{r.note}</div></td>
                <td>{t(`agenda.category.${r.category}`)}</td>
                <td>{formatNumber(locale, r.jobs, 2)}</td>
                <td>{formatNumber(locale, r.days_open)}{r.overdue ? ` (${t("agenda.overdue")})` : ""}</td>
                <td>{formatDate(locale, r.escalated_on)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
    </div>
  );
}
