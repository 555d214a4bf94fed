import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { currentJalaliYear, formatNumber, localDigits } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { YearMeasures, YearPicker } from "~/modules/chairs/components";
import { yearParam } from "~/modules/chairs/schema";
import { chairReport } from "~/modules/chairs/service.server";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { PrintButton } from "~/ui/PrintButton";

// The yearly chair report: printable (print styles hide the controls) and as CSV (report.csv).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  return chairReport(actor, id, yearParam(new URL(request.url), currentJalaliYear()));
}

export default function ChairReport() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const c = d.chair;
  return (
    <div>
      <PageTitle
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            <PrintButton />
            <a href={`/chairs/${c.id}/report.csv?year=${d.year}`} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900" download>{t("chairs.report.csv")}</a>
            <Link to={`/chairs/${c.id}?year=${d.year}`} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900">{c.title}</Link>
          </div>
        }
      >
        {t("chairs.report.title", { title: c.title, year: localDigits(locale, d.year) })}
      </PageTitle>
      <p className="mb-4 text-slate-700">
        {locale === "fa" ? c.university_fa : c.university_en} · {t("chairs.field.holder")}: {c.holder_name} ({t(`chairs.rank.${c.holder_rank}`)}) · {t(`chairs.status.${c.status}`)}
      </p>
      <YearPicker year={d.year} />
      <YearMeasures year={d.year} hasPlan={!!d.plan} planVsActual={d.planVsActual} counts={d.counts} />
      <Card title={t("chairs.activities")}>
        {d.byKind.length === 0 ? (
          <EmptyState>{t("chairs.activities.empty")}</EmptyState>
        ) : (
          <TableRegion>
          <table className={tableClass} data-testid="report-by-kind">
            <thead>
              <tr>
                <th scope="col">{t("chairs.activity.kind")}</th>
                <th scope="col">{t("chairs.report.count")}</th>
                <th scope="col">{t("chairs.activity.hours")}</th>
                <th scope="col">{t("chairs.activity.participants")}</th>
                <th scope="col">{t("chairs.activity.women")}</th>
              </tr>
            </thead>
            <tbody>
              {d.byKind.map((k) => (
                <tr key={k.kind}>
                  <th scope="row">{t(`chairs.kind.${k.kind}`)}</th>
                  <td>{formatNumber(locale, k.count)}</td>
                  <td>{formatNumber(locale, Number(k.hours), 1)}</td>
                  <td>{formatNumber(locale, k.participants)}</td>
                  <td>{formatNumber(locale, k.women)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
        )}
        <p className="mt-2 text-sm print:hidden">{t("chairs.report.listInCsv")}</p>
      </Card>
    </div>
  );
}
