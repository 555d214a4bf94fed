import { Form, Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent, jalaliMonthName } from "~/i18n/format";
import { Card, tableClass, TableRegion } from "~/ui/Page";
import { useCanOpen } from "~/ui/access";
import { htmlRows } from "~/ui/html-rows";
import { EMPLOYMENT_LINKS } from "../links";
import type { RefName } from "../names";
import type { BreakdownRow, BreakdownSection, FilterOption } from "../http.server";
import { PROGRAMMES, filtersQuery, type DashboardFilters } from "../schema";
import { LineChart, ProgressBar } from "./charts";

// The dashboard body shared by the staff page and the public page (aggregates only).

type Names = Record<"county" | "agency" | "sector" | "group", RefName[]>;
/** What `loadDashboardPage` sends: only what these components show (decision 0056). */
export interface DashboardData {
  filters: DashboardFilters;
  target: number | null;
  progress: number;
  projection: number;
  isCurrentYear?: boolean;
  totals: { created: number; retained: number; women: number; enterprises: number };
  pending: { created: number; retained: number; reports: number };
  monthly: { month: number; created: number }[];
  sections: { key: BreakdownSection; rows: BreakdownRow[] }[];
  warnings: { dimension: string; sum: number; target: number }[];
}
type Options = Record<"county" | "agency", FilterOption[]>;

export function useLabel(names: Names) {
  const t = useT();
  const locale = useLocale();
  return (dimension: string, code: string | null) => {
    if (code == null) return t("employment.unknown");
    if (dimension === "programme") return t(`employment.programme.${code}`);
    const list = names[dimension as keyof Names];
    const hit = list?.find((n) => n.code === code);
    return hit ? (locale === "fa" ? hit.fa : hit.en) : code;
  };
}

export function Filters({ d, options, years, action }: { d: DashboardData; options: Options; years: number[]; action: string }) {
  const t = useT();
  const locale = useLocale();
  const sel = "rounded-md border border-slate-400 bg-white px-3 py-2";
  // The loader offers active entries only, plus the one the filter is set to (issue 11 item 10).
  const opt = (list: FilterOption[]) => list.map((o) => <option key={o.value} value={o.value}>{o.label}</option>);
  return (
    <Form method="get" action={action} className="mb-6 flex flex-wrap items-end gap-3" aria-label={t("common.filter")}>
      <label className="flex flex-col"><span className="mb-1">{t("employment.filter.year")}</span>
        <select name="year" defaultValue={String(d.filters.year)} className={sel}>{years.map((y) => <option key={y} value={y}>{formatNumber(locale, y).replace(/[,٬]/g, "")}</option>)}</select>
      </label>
      <label className="flex flex-col"><span className="mb-1">{t("employment.filter.county")}</span>
        <select name="county" defaultValue={d.filters.county ?? ""} className={sel}><option value="">{t("common.all")}</option>{opt(options.county)}</select>
      </label>
      <label className="flex flex-col"><span className="mb-1">{t("employment.filter.agency")}</span>
        <select name="agency" defaultValue={d.filters.agency ?? ""} className={sel}><option value="">{t("common.all")}</option>{opt(options.agency)}</select>
      </label>
      <label className="flex flex-col"><span className="mb-1">{t("employment.filter.programme")}</span>
        <select name="programme" defaultValue={d.filters.programme ?? ""} className={sel}><option value="">{t("common.all")}</option>
          {PROGRAMMES.map((p) => <option key={p} value={p}>{t(`employment.programme.${p}`)}</option>)}</select>
      </label>
      <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2">{t("common.filter")}</button>
    </Form>
  );
}

export function Headline({ d }: { d: DashboardData }) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(locale, v, 1);
  return (
    <Card title={t("employment.progress")}>
      {d.target ? (
        <>
          <p className="mb-2 text-lg" data-testid="employment-progress">
            {t("employment.progressText", { verified: n(d.totals.created), target: n(d.target), percent: formatPercent(locale, d.progress) })}
          </p>
          <ProgressBar ratio={d.progress} label={t("employment.progress")} />
        </>
      ) : (
        <p>{t("employment.noTarget")}</p>
      )}
      <dl className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-4">
        <div><dt className="text-sm text-slate-700">{t("employment.verified")}</dt><dd className="text-xl font-bold" data-testid="employment-verified">{n(d.totals.created)}</dd></div>
        <div><dt className="text-sm text-slate-700">{t("employment.retained")}</dt><dd className="text-xl font-bold">{n(d.totals.retained)}</dd></div>
        <div><dt className="text-sm text-slate-700">{t("employment.pending")}</dt><dd className="text-xl font-bold" data-testid="employment-pending">{t("employment.pendingText", { jobs: n(d.pending.created), reports: formatNumber(locale, d.pending.reports) })}</dd></div>
        <div><dt className="text-sm text-slate-700">{t("employment.projection")}</dt><dd className="text-xl font-bold">{n(d.projection)}</dd></div>
        <div><dt className="text-sm text-slate-700">{t("employment.women")}</dt><dd className="text-xl font-bold">{n(d.totals.women)}</dd></div>
        <div><dt className="text-sm text-slate-700">{t("employment.enterprisesCount")}</dt><dd className="text-xl font-bold">{formatNumber(locale, d.totals.enterprises)}</dd></div>
      </dl>
    </Card>
  );
}

export function CountingRules() {
  const t = useT();
  return (
    <Card title={t("employment.rules.title")}>
      <ul className="list-disc space-y-1 ps-6">
        {(["1", "2", "3", "4"] as const).map((k) => <li key={k}>{t(`employment.rules.${k}`)}</li>)}
      </ul>
    </Card>
  );
}

const MONTHS = 12;

/** The bar's length in its row: a share of the largest figure, never 0 for a figure above 0 (decision 0056). */
export function barRatio(value: number, max: number) {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(0.01, Math.round((value / max) * 1000) / 1000);
}

const TITLES = { county: "employment.byCounty", agency: "employment.byAgency", programme: "employment.byProgramme", sector: "employment.bySector", groups: "employment.byGroup" } as const;

export function Breakdowns({ d, exportBase }: { d: DashboardData; exportBase?: string }) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(locale, v, 1);
  const q = filtersQuery(d.filters);
  const total = d.totals.created || 1;
  // Monthly trend: cumulative verified jobs by the month of each enterprise's counted report.
  let acc = 0;
  const monthly = Array.from({ length: MONTHS }, (_, i) => {
    const created = d.monthly.find((m) => m.month === i + 1)?.created ?? 0;
    acc += created;
    return { month: i + 1, created, cumulative: acc };
  });
  const lastMonth = Math.max(0, ...d.monthly.map((m) => m.month));
  const shown = monthly.slice(0, Math.max(1, lastMonth));
  const head = { created: t("employment.created"), retained: t("employment.retainedShort"), women: t("employment.women"), enterprises: t("employment.enterprisesCount"), share: t("employment.share") };
  const exportLabel = t("employment.exportTable");
  return (
    <>
      <Card title={t("employment.monthly")}>
        <LineChart
          title={t("employment.monthly")}
          summary={t("employment.chartLineAltFull", {
            summary: shown.map((m) => `${jalaliMonthName(locale, m.month)} ${n(m.cumulative)}`).join("، "),
            extra: [d.target ? t("employment.chartLineTarget", { target: n(d.target) }) : "", d.isCurrentYear && lastMonth < MONTHS ? t("employment.chartLineProjection", { projection: n(d.projection) }) : ""].filter(Boolean).join("؛ "),
          })}
          points={shown.map((m) => ({ label: jalaliMonthName(locale, m.month), value: m.cumulative }))}
          slots={MONTHS}
          target={d.target}
          projection={d.isCurrentYear ? d.projection : null}
        />
        <TableRegion>
        <table className={tableClass}>
          <caption className="sr-only">{t("employment.monthly")}</caption>
          <thead><tr><th scope="col">{t("employment.month")}</th><th scope="col">{head.created}</th><th scope="col">{t("employment.cumulative")}</th></tr></thead>
          <tbody dangerouslySetInnerHTML={{ __html: htmlRows(shown.map((m) => [jalaliMonthName(locale, m.month), n(m.created), n(m.cumulative)])) }} />
        </table>
        </TableRegion>
        {exportBase && <p className="mt-2"><a href={`${exportBase}?${q}&table=monthly`} download>{exportLabel}</a></p>}
      </Card>
      <Card title={t("employment.byWomen")}>
        <p>{t("employment.women")}: <strong>{n(d.totals.women)}</strong> ({formatPercent(locale, d.totals.women / Math.max(1, d.totals.created + d.totals.retained))})</p>
      </Card>
      {d.sections.map((s) => {
        const title = t(TITLES[s.key]);
        const max = s.rows.reduce((m, r) => Math.max(m, r[1]), 0);
        // One table per breakdown (decision 0056): the created column draws each row's bar from --w
        // (.bar-table in app/tailwind.css), so the chart is the table and no figure is rendered twice.
        return (
          <Card key={s.key} title={title}>
            <TableRegion>
            <table className={`${tableClass} bar-table`}>
              <caption className="sr-only">{title}</caption>
              <thead><tr><th scope="col">{title}</th><th scope="col">{head.created}</th><th scope="col">{head.retained}</th><th scope="col">{head.women}</th><th scope="col">{head.enterprises}</th><th scope="col">{head.share}</th></tr></thead>
              {/* ~80 rows of six cells: written as one string (app/ui/html-rows.ts), the same HTML as React's at a fraction of its cost. */}
              <tbody dangerouslySetInnerHTML={{ __html: htmlRows(s.rows.map(([label, created, retained, women, enterprises]) => [
                label, { text: n(created), w: barRatio(created, max) }, n(retained), n(women), formatNumber(locale, enterprises), formatPercent(locale, created / total),
              ])) }} />
            </table>
            </TableRegion>
            {exportBase && <p className="mt-2"><a href={`${exportBase}?${q}&table=${s.key}`} download>{exportLabel}</a></p>}
          </Card>
        );
      })}
    </>
  );
}

export function StaffLinks() {
  const t = useT();
  const can = useCanOpen();
  return (
    <nav aria-label={t("employment.links")} className="mb-6 flex flex-wrap gap-3">
      {EMPLOYMENT_LINKS.filter(can).map(({ to, label }) => <Link key={to} to={to} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 py-1">{t(label)}</Link>)}
    </nav>
  );
}
