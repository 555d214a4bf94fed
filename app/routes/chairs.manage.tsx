import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { requireUser } from "~/modules/accounts/actor.server";
import { listChairsFor } from "~/modules/chairs/service.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return listChairsFor(actor);
}

export default function ManageChairs() {
  const t = useT();
  const locale = useLocale();
  const { chairs, canCreate } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={canCreate ? <Link to="/chairs/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">{t("chairs.new")}</Link> : undefined}>
        {t("chairs.manage.title")}
      </PageTitle>
      {chairs.length === 0 ? (
        <EmptyState>{t("chairs.manage.empty")}</EmptyState>
      ) : (
        <TableRegion>
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">{t("chairs.field.title")}</th>
              <th scope="col">{t("chairs.field.university")}</th>
              <th scope="col">{t("chairs.field.holder")}</th>
              <th scope="col">{t("chairs.field.status")}</th>
            </tr>
          </thead>
          <tbody>
            {chairs.map((c) => (
              <tr key={c.id}>
                <td><Link to={`/chairs/${c.id}`} className="text-brand-700 underline">{c.title}</Link></td>
                <td>{locale === "fa" ? c.university_fa : c.university_en}</td>
                <td>{c.holder_name}</td>
                <td>{t(`chairs.status.${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
    </div>
  );
}
