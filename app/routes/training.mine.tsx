import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { myEnrolments } from "~/modules/training/enrolments.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { rows: await myEnrolments(actor) };
}

export default function MyCourses() {
  const t = useT();
  const locale = useLocale();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl">
      <PageTitle actions={<Link to="/training">{t("training.list.catalogue")}</Link>}>{t("training.mine.title")}</PageTitle>
      {rows.length === 0 ? <EmptyState>{t("training.mine.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass}>
            <thead><tr>
              <th scope="col">{t("training.field.title")}</th>
              <th scope="col">{t("training.field.startsOn")}</th>
              <th scope="col">{t("training.field.status")}</th>
              <th scope="col">{t("training.enrolment.result")}</th>
            </tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/training/enrolments/${r.id}`}>{r.title}</Link></td>
                  <td>{formatDate(locale, r.starts_on)}</td>
                  <td>{t(`training.enrolStatus.${r.status}`)}</td>
                  <td>{r.result ? t(`training.result.${r.result}`) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
