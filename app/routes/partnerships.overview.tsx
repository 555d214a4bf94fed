import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { staffOverview } from "~/modules/partnerships/overview.server";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Staff: challenges and partnerships by status, proposals, time to award, results achieved by category.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return staffOverview(actor);
}

export default function Overview() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const n = (x: number | null, f = 0) => (x == null ? "—" : formatNumber(locale, x, f));
  return (
    <div>
      <PageTitle>{t("partnerships.overview.title")}</PageTitle>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title={t("partnerships.overview.challenges")}>
          <ul data-testid="overview-challenges">
            {d.challenges.map((c) => <li key={c.status}><Link className="underline" to={`/partnerships/challenges?status=${c.status}`}>{t(`partnerships.challengeStatus.${c.status}`)}</Link>: {n(c.n)}</li>)}
          </ul>
          <p className="mt-3">{t("partnerships.overview.proposals", { n: d.proposals.total, avg: d.proposals.perChallenge })}</p>
          <p>{t("partnerships.overview.award", { n: d.award.awarded, avg: n(d.award.avgDays, 1), median: n(d.award.medianDays, 1) })}</p>
          <p className="mt-2"><a className="text-brand-700 underline" href="/partnerships/challenges.csv">{t("partnerships.overview.challengesCsv")}</a></p>
        </Card>
        <Card title={t("partnerships.overview.partnerships")}>
          <ul data-testid="overview-partnerships">
            {d.partnerships.map((c) => <li key={c.status}><Link className="underline" to={`/partnerships?status=${c.status}`}>{t(`partnerships.partnershipStatus.${c.status}`)}</Link>: {n(c.n)}</li>)}
          </ul>
          <p className="mt-2"><a className="text-brand-700 underline" href="/partnerships.csv">{t("partnerships.overview.partnershipsCsv")}</a></p>
        </Card>
      </div>
      <Card title={t("partnerships.overview.results")}>
        <TableRegion>
        <table className={tableClass} data-testid="overview-results">
          <thead><tr>
            <th scope="col">{t("partnerships.challenge.category")}</th><th scope="col">{t("partnerships.overview.completed")}</th>
            <th scope="col">{t("partnerships.overview.measured")}</th><th scope="col">{t("partnerships.overview.reached")}</th><th scope="col">{t("partnerships.showcase.meanAchievement")}</th>
          </tr></thead>
          <tbody>
            {d.results.map((r) => (
              <tr key={r.category}>
                <td>{t(`partnerships.category.${r.category}`)}</td><td>{n(r.partnerships)}</td><td>{n(r.measured)}</td><td>{n(r.reached)}</td>
                <td>{r.meanPct == null ? "—" : formatPercent(locale, r.meanPct / 100)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
        <p className="mt-3 text-sm text-slate-700">{t("partnerships.overview.jobsNote")} <Link className="underline" to="/employment/dashboard?programme=partnerships">{t("partnerships.overview.jobsLink")}</Link></p>
      </Card>
    </div>
  );
}
