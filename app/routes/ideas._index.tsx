import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { myIdeas } from "~/modules/ideas/service.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { ideas: await myIdeas(actor) };
}

export default function MyIdeas() {
  const t = useT();
  const locale = useLocale();
  const { ideas } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={<Link to="/ideas/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("ideas.new")}</Link>}>
        {t("ideas.mineTitle")}
      </PageTitle>
      {ideas.length === 0 ? (
        <EmptyState>{t("ideas.mineEmpty")} <Link to="/calls">{t("nav.calls")}</Link></EmptyState>
      ) : (
        <TableRegion>
        <table className={tableClass}>
          <thead>
            <tr>
              <th>{t("ideas.field.title")}</th>
              <th>{t("ideas.call")}</th>
              <th>{t("common.status")}</th>
              <th>{t("common.date")}</th>
            </tr>
          </thead>
          <tbody>
            {ideas.map((i) => (
              <tr key={i.id}>
                <td><Link to={`/ideas/${i.id}`}>{i.title}</Link></td>
                <td>{i.callTitle}</td>
                <td>{t(`ideas.status.${i.status}`)}{i.accepted_path ? ` (${t(`ideas.path.${i.accepted_path}`)})` : ""}</td>
                <td>{formatDateTime(locale, i.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
    </div>
  );
}
