import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { currentJalaliYear } from "~/i18n/clock";
import { formatNumber } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { publicSummaryPage } from "~/modules/microbusiness/registry.server";
import { summaryYear } from "~/modules/microbusiness/summary";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";

// Public (no login): aggregates of the registry, like the employment open data.
export async function loader({ request }: LoaderFunctionArgs) {
  const current = currentJalaliYear();
  const year = summaryYear(new URL(request.url), current);
  const years: number[] = [];
  for (let y = current; y >= current - 4; y--) years.push(y);
  return { s: await publicSummaryPage(year, await getLocale(request)), years };
}

export default function Summary() {
  const t = useT();
  const locale = useLocale();
  const { s, years } = useLoaderData<typeof loader>();
  const n = (v: number, f = 0) => formatNumber(locale, v, f);
  const year = (y: number) => formatNumber(locale, y).replace(/[,٬]/g, "");
  const headCells = (
    <>
      <th scope="col">{t("micro.summary.businesses")}</th>
      <th scope="col">{t("micro.summary.womenOwned")}</th>
      <th scope="col">{t("micro.summary.rural")}</th>
      <th scope="col">{t("micro.summary.permits")}</th>
      <th scope="col">{t("micro.summary.issuedYear", { year: year(s.jalali_year) })}</th>
      <th scope="col">{t("micro.summary.jobs")}</th>
    </>
  );
  const cells = (r: typeof s.totals) => (
    <>
      <td>{n(r.businesses)}</td><td>{n(r.women_owned)}</td><td>{n(r.rural)}</td><td>{n(r.permits_in_force)}</td><td>{n(r.permits_issued_this_year)}</td><td>{n(r.jobs, 2)}</td>
    </>
  );
  const table = (title: string, rows: typeof s.by_county, testId: string) => (
    <Card title={title}>
      <TableRegion>
        <table className={tableClass} data-testid={testId}>
          <thead><tr><th scope="col">{t("micro.summary.name")}</th>{headCells}</tr></thead>
          <tbody>{rows.map((r) => <tr key={r.code}><th scope="row">{r.name}</th>{cells(r)}</tr>)}</tbody>
        </table>
      </TableRegion>
    </Card>
  );
  return (
    <div>
      <PageTitle actions={
        <div className="flex flex-wrap gap-3">
          <a href={`/micro-businesses/summary.csv?year=${s.jalali_year}`} download>{t("common.exportCsv")}</a>
          <a href={`/micro-businesses/summary.json?year=${s.jalali_year}`}>{t("micro.summary.json")}</a>
        </div>
      }>{t("micro.summary.title")}</PageTitle>
      <Form method="get" className="mb-4 flex items-end gap-2">
        <label className="flex flex-col">
          <span className="mb-1">{t("micro.summary.year")}</span>
          <select name="year" defaultValue={s.jalali_year} className="rounded-md border border-slate-400 bg-white px-3 py-2">
            {years.map((y) => <option key={y} value={y}>{year(y)}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2">{t("common.filter")}</button>
      </Form>
      <p className="mb-4 text-slate-700">{t("micro.summary.intro")}</p>
      <Card title={t("micro.summary.totals")}>
        <TableRegion>
          <table className={tableClass} data-testid="micro-summary-totals"><thead><tr>{headCells}</tr></thead><tbody><tr>{cells(s.totals)}</tr></tbody></table>
        </TableRegion>
        <p className="mt-3 text-sm text-slate-600">{t("micro.summary.jobsNote")}</p>
      </Card>
      {table(t("micro.summary.byCounty"), s.by_county, "micro-summary-county")}
      {table(t("micro.summary.byActivity"), s.by_activity, "micro-summary-activity")}
    </div>
  );
}
