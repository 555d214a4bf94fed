import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { Card, tableClass, TableRegion } from "~/ui/Page";

export interface BlockedJobsData {
  total: number;
  open: number;
  byAgency: { code: string; name: string; open: number; jobs: number }[];
}

/**
 * "Jobs blocked by open obstacles" beside the ledger's verified and reported jobs (aggregates per
 * agency only: no subject, no name). Never part of the ledger's numbers.
 */
export function BlockedJobs({ data, staff }: { data: BlockedJobsData; staff?: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Card title={t("agenda.blocked.title")}>
      <p className="mb-3 text-lg" data-testid="jobs-blocked">
        {t("agenda.blocked.total", { jobs: formatNumber(locale, data.total, 2), open: formatNumber(locale, data.open) })}
      </p>
      <p className="mb-3 text-sm text-slate-700">{t("agenda.blocked.note")}</p>
      {data.byAgency.length > 0 && (
        <TableRegion>
          <table className={tableClass} data-testid="jobs-blocked-by-agency">
            <thead><tr>
              <th scope="col">{t("agenda.field.agency")}</th>
              <th scope="col">{t("agenda.board.open")}</th>
              <th scope="col">{t("agenda.board.jobsBlocked")}</th>
            </tr></thead>
            <tbody>
              {data.byAgency.map((r) => (
                <tr key={r.code}>
                  <td>{staff ? <Link to={`/agenda/agencies/${r.code}`}>{r.name}</Link> : r.name}</td>
                  <td>{formatNumber(locale, r.open)}</td>
                  <td>{formatNumber(locale, r.jobs, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Card>
  );
}
