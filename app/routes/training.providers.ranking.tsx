import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { FigureCells, FigureHeaders } from "~/modules/training/components/outcomes";
import { providerRanking, rowFigures } from "~/modules/training/outcomes.server";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  // Only what the table shows (the CSV has every figure).
  const rows = await providerRanking(actor);
  return { rows: rows.map((r) => ({ id: r.id, name_fa: r.name_fa, name_en: r.name_en, provider_type: r.provider_type, figures: rowFigures(r.figures) })) };
}

export default function Ranking() {
  const t = useT();
  const locale = useLocale();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-6xl">
      <PageTitle actions={<a href="/training/providers/ranking.csv" download className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2">{t("common.exportCsv")}</a>}>
        {t("training.ranking.title")}
      </PageTitle>
      <p className="mb-4">{t("training.ranking.hint")}</p>
      {rows.length === 0 ? <EmptyState>{t("training.providers.empty")}</EmptyState> : (
        <TableRegion>
          <table className={tableClass} data-testid="ranking">
            <thead><tr><th scope="col">{t("training.ranking.rank")}</th><th scope="col">{t("training.provider.name")}</th><th scope="col">{t("training.provider.type")}</th><FigureHeaders /></tr></thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id}>
                  <td>{formatNumber(locale, i + 1)}</td>
                  <td><Link to={`/training/providers/${r.id}/outcomes`}>{locale === "fa" ? r.name_fa : r.name_en}</Link></td>
                  <td>{t(`training.providerType.${r.provider_type}`)}</td>
                  <FigureCells f={r.figures} />
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
