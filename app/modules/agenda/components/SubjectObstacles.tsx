import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { Card, tableClass, TableRegion } from "~/ui/Page";
import { ObstacleStatusBadge, OverdueBadge } from "./bits";

export interface SubjectObstaclesData {
  rows: { id: number; category: string; status: string; due_on: string; jobs: number; overdue: boolean; open: boolean }[];
  canRaise: boolean;
  raiseLink: string;
}

/** A subject's obstacles on its own page (open first), with the link that raises one. */
export function SubjectObstacles({ data }: { data: SubjectObstaclesData }) {
  const t = useT();
  const locale = useLocale();
  const open = data.rows.filter((r) => r.open);
  return (
    <Card title={t("agenda.subjectPanel.title")}>
      <p className="mb-3" data-testid="subject-obstacles-summary">
        {open.length === 0 ? t("agenda.subjectPanel.none") : t("agenda.subjectPanel.open", { n: formatNumber(locale, open.length), jobs: formatNumber(locale, open.reduce((s, r) => s + r.jobs, 0), 2) })}
      </p>
      {data.rows.length > 0 && (
        <TableRegion>
          <table className={tableClass} data-testid="subject-obstacles">
            <thead><tr>
              <th scope="col">{t("agenda.field.category")}</th>
              <th scope="col">{t("agenda.field.jobs")}</th>
              <th scope="col">{t("common.status")}</th>
              <th scope="col">{t("agenda.field.dueOn")}</th>
            </tr></thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/agenda/obstacles/${r.id}`}>{t(`agenda.category.${r.category}`)}</Link></td>
                  <td>{formatNumber(locale, r.jobs, 2)}</td>
                  <td><ObstacleStatusBadge status={r.status} /> {r.overdue && <OverdueBadge />}</td>
                  <td>{formatDate(locale, r.due_on)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {data.canRaise && <p className="mt-3"><Link to={data.raiseLink}>{t("agenda.raise.link")}</Link></p>}
    </Card>
  );
}
