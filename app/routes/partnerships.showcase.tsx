import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/i18n/format";
import { showcase } from "~/modules/partnerships/overview.server";
import { nameOf } from "~/modules/partnerships/components/bits";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Public: completed partnerships whose industry agreed to publish them, and totals by category.
export async function loader(_args: LoaderFunctionArgs) {
  return showcase();
}

export default function Showcase() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const num = (x: number | null) => (x == null ? "—" : formatNumber(locale, x, 2));
  return (
    <div>
      <PageTitle>{t("partnerships.showcase.title")}</PageTitle>
      <p className="mb-4">{t("partnerships.showcase.intro")}</p>
      {d.totals.length > 0 && (
        <Card title={t("partnerships.showcase.totals")}>
          <TableRegion>
          <table className={tableClass} data-testid="showcase-totals">
            <thead><tr><th scope="col">{t("partnerships.challenge.category")}</th><th scope="col">{t("partnerships.showcase.count")}</th><th scope="col">{t("partnerships.showcase.meanAchievement")}</th></tr></thead>
            <tbody>
              {d.totals.map((x) => (
                <tr key={x.category}><td>{t(`partnerships.category.${x.category}`)}</td><td>{formatNumber(locale, x.partnerships)}</td><td>{x.meanPct == null ? "—" : formatPercent(locale, x.meanPct / 100)}</td></tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
        </Card>
      )}
      {d.rows.length === 0 ? <EmptyState>{t("partnerships.showcase.none")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="showcase">
            <thead><tr>
              <th scope="col">{t("partnerships.challenge.industry")}</th><th scope="col">{t("partnerships.matches.company")}</th>
              <th scope="col">{t("partnerships.challenge.category")}</th><th scope="col">{t("partnerships.showcase.result")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{nameOf(locale, { name_fa: r.industry_fa, name_en: r.industry_en })}</td>
                  <td>{nameOf(locale, { name_fa: r.company_fa, name_en: r.company_en })}</td>
                  <td>{t(`partnerships.category.${r.category}`)}<br /><span className="text-sm text-slate-600">{r.title}</span></td>
                  <td>
                    <ul>
                      {r.results.map((x, i) => (
                        <li key={i}>{t("partnerships.showcase.resultLine", {
                          metric: x.label || t(`partnerships.metric.${x.metric}`), baseline: num(x.baseline), measured: num(x.measured), target: num(x.target), unit: x.unit,
                        })}{x.achievement != null && <> · {formatPercent(locale, x.achievement)}</>}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
