import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/i18n/format";
import { Card } from "~/ui/Page";
import type { EmploymentHome as Data } from "../dashboard.server";

/** Staff home: reports awaiting verification (oldest first, linking to the queue) and the year's progress. */
export function EmploymentHome({ data }: { data: Data | null }) {
  const t = useT();
  const locale = useLocale();
  if (!data) return null;
  const year = formatNumber(locale, data.year).replace(/[,٬]/g, "");
  const pending = `${formatNumber(locale, data.pending)}${data.pendingMore ? "+" : ""}`;
  return (
    <Card title={t("employment.home.title")}>
      <ul className="space-y-2" data-testid="employment-home">
        <li>
          <Link to="/employment/queue" className="underline">{t("employment.home.pending", { n: pending })}</Link>
          {data.oldestDays != null && (
            <span className="ms-2 text-slate-700">
              {data.oldestDays === 0 ? t("employment.home.oldestToday") : t("employment.home.oldest", { days: formatNumber(locale, data.oldestDays) })}
            </span>
          )}
        </li>
        <li>
          {data.progress != null && data.verified != null && data.target ? (
            <Link to={`/employment/dashboard?year=${data.year}`} className="underline">
              {t("employment.home.progress", { year, percent: formatPercent(locale, data.progress), verified: formatNumber(locale, data.verified, 2), target: formatNumber(locale, data.target) })}
            </Link>
          ) : (
            <Link to={`/employment/dashboard?year=${data.year}`} className="underline">
              {data.target ? t("employment.home.progressOnDashboard", { year }) : t("employment.home.noTarget", { year })}
            </Link>
          )}
        </li>
      </ul>
    </Card>
  );
}
