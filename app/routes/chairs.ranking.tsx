import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { currentJalaliYear } from "~/i18n/format";
import { formatNumber, formatPercent, localDigits } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { Definitions } from "~/modules/chairs/components";
import { acceptanceRate, RANK_MEASURES, type ChairCounts, type RankMeasure } from "~/modules/chairs/measures";
import { yearParam } from "~/modules/chairs/schema";
import { ranking } from "~/modules/chairs/service.server";
import { SelectField, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const url = new URL(request.url);
  const by = url.searchParams.get("by");
  const measure: RankMeasure = (RANK_MEASURES as readonly string[]).includes(by ?? "") ? (by as RankMeasure) : "activities";
  const r = await ranking(actor, yearParam(url, currentJalaliYear()), measure);
  // Chairs are ranked in full and shown a page at a time (hundreds of rows of ten measures made the
  // page heavy to render and to read); ranks stay the province-wide ones.
  const pages = Math.max(1, Math.ceil(r.chairs.length / RANKING_PAGE));
  const page = Math.min(pages, Math.max(1, Number(url.searchParams.get("page")) || 1));
  return { ...r, chairs: r.chairs.slice((page - 1) * RANKING_PAGE, page * RANKING_PAGE), page, pages };
}

const RANKING_PAGE = 25;

const COLS = ["activities", "participants", "ideasSubmitted", "ideasAccepted", "acceptanceRate", "startups", "jobs"] as const;

function Cells({ counts }: { counts: ChairCounts }) {
  const locale = useLocale();
  return (
    <>
      {COLS.map((k) => {
        const v = k === "acceptanceRate" ? acceptanceRate(counts) : counts[k];
        return (
          <td key={k}>
            {v == null ? "—" : k === "acceptanceRate" ? formatPercent(locale, v) : formatNumber(locale, v, k === "jobs" ? 2 : 0)}
          </td>
        );
      })}
    </>
  );
}

export default function ChairRanking() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const pageLink = (page: number) => `?${new URLSearchParams({ year: String(d.year), by: d.measure, page: String(page) })}`;
  const head = (
    <>
      {COLS.map((k) => (
        <th key={k} scope="col" aria-sort={k === d.measure ? "descending" : undefined}>{t(`chairs.m.${k}`)}</th>
      ))}
    </>
  );
  return (
    <div>
      <PageTitle>{t("chairs.ranking.title", { year: localDigits(locale, d.year) })}</PageTitle>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-40">
          <TextField name="year" label={t("chairs.year")} inputMode="numeric" dir="ltr" required defaultValue={String(d.year)} />
        </div>
        <div className="w-64">
          <SelectField name="by" label={t("chairs.ranking.by")} required defaultValue={d.measure}
            options={RANK_MEASURES.map((m) => ({ value: m, label: t(`chairs.m.${m}`) }))} />
        </div>
        <div className="mb-4"><SubmitButton>{t("chairs.show")}</SubmitButton></div>
      </Form>
      <Definitions />
      <Card title={t("chairs.ranking.universities")}>
        {d.universities.length === 0 ? <EmptyState>{t("chairs.ranking.empty")}</EmptyState> : (
          <TableRegion>
            <table className={tableClass} data-testid="ranking-universities">
              <thead>
                <tr>
                  <th scope="col">{t("chairs.ranking.rank")}</th>
                  <th scope="col">{t("chairs.field.university")}</th>
                  <th scope="col">{t("chairs.ranking.chairCount")}</th>
                  {head}
                </tr>
              </thead>
              <tbody>
                {d.universities.map((u) => (
                  <tr key={u.id}>
                    <td>{formatNumber(locale, u.rank)}</td>
                    <th scope="row">{locale === "fa" ? u.name : u.name_en}</th>
                    <td>{formatNumber(locale, u.chairs)}</td>
                    <Cells counts={u.counts} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </Card>
      <Card title={t("chairs.ranking.chairs")}>
        {d.chairs.length === 0 ? <EmptyState>{t("chairs.ranking.empty")}</EmptyState> : (
          <TableRegion>
            <table className={tableClass} data-testid="ranking-chairs">
              <thead>
                <tr>
                  <th scope="col">{t("chairs.ranking.rank")}</th>
                  <th scope="col">{t("chairs.field.title")}</th>
                  <th scope="col">{t("chairs.field.university")}</th>
                  {head}
                </tr>
              </thead>
              <tbody>
                {d.chairs.map((c) => (
                  <tr key={c.id}>
                    <td>{formatNumber(locale, c.rank)}</td>
                    <th scope="row"><Link to={`/chairs/${c.id}?year=${d.year}`} className="text-brand-700 underline">{c.name}</Link></th>
                    <td>{locale === "fa" ? c.university_fa : c.university_en}</td>
                    <Cells counts={c.counts} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {d.pages > 1 && (
          <nav aria-label={t("chairs.ranking.chairs")} className="mt-3 flex flex-wrap items-center gap-4">
            {d.page > 1 && <Link to={pageLink(d.page - 1)}>{t("common.previous")}</Link>}
            <span>{t("common.pageOf", { page: formatNumber(locale, d.page), pages: formatNumber(locale, d.pages) })}</span>
            {d.page < d.pages && <Link to={pageLink(d.page + 1)}>{t("common.next")}</Link>}
          </nav>
        )}
      </Card>
    </div>
  );
}
