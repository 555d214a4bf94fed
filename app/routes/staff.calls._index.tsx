import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { listCallsForStaff } from "~/modules/ideas/calls.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { calls: await listCallsForStaff(actor) };
}

export default function StaffCalls() {
  const t = useT();
  const locale = useLocale();
  const { calls } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={<Link to="/staff/calls/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("calls.new")}</Link>}>
        {t("calls.staffTitle")}
      </PageTitle>
      {calls.length === 0 ? (
        <EmptyState>{t("common.empty")}</EmptyState>
      ) : (
        <TableRegion>
        <table className={tableClass}>
          <thead>
            <tr>
              <th>{t("ideas.call")}</th>
              <th>{t("common.status")}</th>
              <th>{t("calls.opens")}</th>
              <th>{t("calls.closes")}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.id}>
                <td><Link to={`/staff/calls/${c.id}`}>{c.title}</Link></td>
                <td>{t(`call.status.${c.status}`)}</td>
                <td>{c.standing ? t("calls.standing") : formatDate(locale, c.opens_on)}</td>
                <td>{c.standing ? "—" : formatDate(locale, c.closes_on)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
    </div>
  );
}
