import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { CoopStatusBadge } from "~/modules/cooperatives/components/bits";
import { mine } from "~/modules/cooperatives/lists.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return mine(await requireUser(request, context));
}

export default function MyCooperatives() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={d.canCreate && <Link to="/cooperatives/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("coop.new")}</Link>}>{t("coop.mine.title")}</PageTitle>
      {d.rows.length === 0 ? <EmptyState>{t("coop.mine.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="coop-mine">
            <thead><tr><th scope="col">{t("coop.field.name1")}</th><th scope="col">{t("common.status")}</th><th scope="col">{t("coop.members")}</th><th scope="col">{t("coop.mine.as")}</th></tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/cooperatives/${r.id}`}>{r.name1}</Link></td>
                  <td><CoopStatusBadge status={r.status} /></td>
                  <td>{formatNumber(locale, r.members_count)}</td>
                  <td>{t(r.asApplicant ? "coop.mine.applicant" : "coop.mine.member")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
