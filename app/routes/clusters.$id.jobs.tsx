import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { clusterLedger } from "~/modules/clusters/page.server";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// A cluster's jobs in the employment ledger, per member firm: what its joint projects reported and
// what the ledger verified and counts (the counting rule's figures, never re-summed here).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return clusterLedger(actor, idOrNotFound(params.id));
}

export default function ClusterJobsPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const n = (v: number) => formatNumber(locale, v, 2);
  return (
    <div className="max-w-5xl">
      <p className="mb-2"><Link to={`/clusters/${d.cluster.id}`}>{d.cluster.name}</Link></p>
      <PageTitle>{t("cluster.ledger.title")}</PageTitle>
      <Card>
        <p className="mb-3 text-sm text-slate-700">{t("cluster.ledger.intro")}</p>
        {d.rows.length === 0 ? <EmptyState>{t("cluster.firms.none")}</EmptyState> : (
          <TableRegion>
            <table className={tableClass} data-testid="cluster-ledger">
              <thead><tr>
                <th scope="col">{t("cluster.firm.name")}</th><th scope="col">{t("cluster.ledger.projects")}</th><th scope="col">{t("cluster.ledger.entered")}</th>
                <th scope="col">{t("cluster.ledger.waiting")}</th><th scope="col">{t("cluster.ledger.verified")}</th>
                <th scope="col">{t("cluster.ledger.created")}</th><th scope="col">{t("cluster.ledger.retained")}</th>
              </tr></thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.enterpriseId}>
                    <td>{d.ledger ? <Link to={`/employment/enterprises/${r.enterpriseId}`}>{r.name}</Link> : r.name}{r.left ? ` (${t("cluster.ledger.left")})` : ""}</td>
                    <td>{formatNumber(locale, r.projects)}</td>
                    <td>{formatNumber(locale, r.entered)}</td>
                    <td>{formatNumber(locale, r.waiting)}</td>
                    <td>{formatNumber(locale, r.verified)}</td>
                    <td>{n(r.created)}</td>
                    <td>{n(r.retained)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot><tr>
                <th scope="row">{t("cluster.ledger.total")}</th><td></td>
                <td>{formatNumber(locale, d.totals.entered)}</td><td>{formatNumber(locale, d.totals.waiting)}</td><td>{formatNumber(locale, d.totals.verified)}</td>
                <td data-testid="cluster-ledger-created">{n(d.totals.created)}</td><td>{n(d.totals.retained)}</td>
              </tr></tfoot>
            </table>
          </TableRegion>
        )}
      </Card>
    </div>
  );
}
