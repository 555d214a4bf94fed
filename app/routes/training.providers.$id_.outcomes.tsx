import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { idOrNotFound } from "~/lib/http";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { FigureCells, FigureHeaders, FiguresList } from "~/modules/training/components/outcomes";
import { providerOutcomes } from "~/modules/training/outcomes.server";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  return providerOutcomes(actor, id, parseId(new URL(request.url).searchParams.get("after")));
}

export default function ProviderOutcomes() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const name = locale === "fa" ? d.provider.name_fa : d.provider.name_en;
  return (
    <div className="max-w-6xl">
      <PageTitle actions={<Link to={`/training/providers/${d.provider.id}`}>{t("common.back")}</Link>}>{t("training.outcomes.providerTitle", { name })}</PageTitle>
      <Card><FiguresList f={d.figures} /></Card>
      <Card title={t("training.outcomes.perCourse")}>
        {d.courses.length === 0 ? <EmptyState>{t("training.list.empty")}</EmptyState> : (
          <TableRegion>
            <table className={tableClass}>
              <thead><tr><th scope="col">{t("training.field.title")}</th><FigureHeaders /></tr></thead>
              <tbody>
                {d.courses.map((c) => (
                  <tr key={c.id}><td><Link to={`/training/courses/${c.id}/outcomes`}>{c.title}</Link></td><FigureCells f={c.figures} /></tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {d.next && <p className="mt-4"><Link to={`?after=${d.next}`}>{t("common.next")}</Link></p>}
      </Card>
      <p className="text-sm text-slate-700">{t("training.outcomes.note")}</p>
    </div>
  );
}
