import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { providerPage } from "~/modules/training/courses.server";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return providerPage(actor, idOrNotFound(params.id), await getLocale(request));
}

export default function ProviderPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const p = d.provider;
  return (
    <div className="max-w-5xl">
      <PageTitle actions={<Link className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2" to={`/training/providers/${p.id}/outcomes`}>{t("training.outcomes.link")}</Link>}>
        {locale === "fa" ? p.name_fa : p.name_en}
      </PageTitle>
      <p className="mb-4">{t(`training.providerType.${p.provider_type}`)} · {d.county}{p.phone ? ` · ${p.phone}` : ""}</p>
      <Card title={t("training.provider.courses")}>
        {d.courses.length === 0 ? <EmptyState>{t("training.list.empty")}</EmptyState> : (
          <TableRegion>
            <table className={tableClass}>
              <thead><tr>
                <th scope="col">{t("training.field.title")}</th>
                <th scope="col">{t("training.field.startsOn")}</th>
                <th scope="col">{t("training.field.places")}</th>
                <th scope="col">{t("training.field.status")}</th>
              </tr></thead>
              <tbody>
                {d.courses.map((r) => (
                  <tr key={r.id}>
                    <td><Link to={`/training/courses/${r.id}`}>{r.title}</Link></td>
                    <td>{formatDate(locale, r.starts_on)}</td>
                    <td>{t("training.places", { taken: formatNumber(locale, r.accepted_count), capacity: formatNumber(locale, r.capacity), waiting: formatNumber(locale, r.waiting_count) })}</td>
                    <td>{t(`training.status.${r.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {d.more && <Link className="mt-3 inline-block" to={`/training?provider=${p.id}`}>{t("training.provider.allCourses")}</Link>}
      </Card>
    </div>
  );
}
