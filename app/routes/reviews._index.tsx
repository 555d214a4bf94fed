import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { myReviews } from "~/modules/ideas/review.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { reviews: await myReviews(actor) };
}

export default function MyReviews() {
  const t = useT();
  const locale = useLocale();
  const { reviews } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle>{t("ideas.myReviewsTitle")}</PageTitle>
      {reviews.length === 0 ? (
        <EmptyState>{t("ideas.myReviewsEmpty")}</EmptyState>
      ) : (
        <TableRegion>
        <table className={tableClass}>
          <thead>
            <tr>
              <th>{t("ideas.field.title")}</th>
              <th>{t("common.status")}</th>
              <th>{t("ideas.due")}</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((r) => (
              <tr key={r.id}>
                <td><Link to={`/reviews/${r.id}`}>{r.title}</Link></td>
                <td>
                  {t(`ideas.reviewStatus.${r.status}`)}
                  {r.overdue && <strong className="ms-2 text-red-800">{t("ideas.overdue")}</strong>}
                </td>
                <td>{formatDateTime(locale, r.due_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
    </div>
  );
}
