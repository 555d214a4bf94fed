import { csvResponse } from "~/lib/csv.server";
import { translate } from "~/i18n";
import type { Locale } from "~/i18n/locale";
import { currentJalaliYear } from "~/i18n/format";
import { referenceNames, type ReferenceNames } from "./service.server";
import { dashboard, type Dashboard } from "./dashboard.server";
import { filtersFrom } from "./schema";
import { pickable, type RefName } from "./names";

// Shared by the dashboard routes (staff and public): filters from the URL, numbers, names.

export async function loadDashboard(request: Request) {
  const url = new URL(request.url);
  const current = currentJalaliYear();
  const filters = filtersFrom(url, current);
  const [d, names] = await Promise.all([dashboard(filters), referenceNames()]);
  const years: number[] = [];
  for (let y = current; y >= 1398; y--) years.push(y);
  if (!years.includes(filters.year)) years.push(filters.year);
  return { d, names, years };
}

/** The breakdowns the dashboard shows, each as one table (section key = the `table` of its CSV export). */
export const BREAKDOWN_SECTIONS = ["county", "agency", "programme", "sector", "groups"] as const;
export type BreakdownSection = (typeof BREAKDOWN_SECTIONS)[number];
/** A row as a tuple: ~80 rows go into the page's hydration data, where an object repeats its five keys. */
export type BreakdownRow = [label: string, created: number, retained: number, women: number, enterprises: number];
export interface FilterOption { value: string; label: string }

/**
 * What the dashboard pages render, and nothing else (decision 0056): the loader's answer is serialised
 * into the page for hydration, so every unused field is paid for twice. Rows carry their label in the
 * reader's language (not the codes plus every reference list in both languages), the filters their
 * options as `{ value, label }`; the target's revision and allocation rows stay on the targets page.
 */
export async function loadDashboardPage(request: Request, locale: Locale) {
  const { d, names, years } = await loadDashboard(request);
  const label = (dim: string, code: string | null) => (code == null ? translate(locale, "employment.unknown") : nameOf(names, dim, code, locale));
  const rows = (dim: string): BreakdownRow[] => d.breakdown.filter((b) => b.dimension === dim)
    .map((b) => [label(dim, b.code), b.created, b.retained, b.women, b.enterprises]);
  const sections: { key: BreakdownSection; rows: BreakdownRow[] }[] = BREAKDOWN_SECTIONS.map((key) => ({
    key,
    rows: key === "groups"
      ? d.priorityGroups.map((g): BreakdownRow => [label("group", g.code), g.created, 0, g.women, g.enterprises])
      : rows(key),
  }));
  const options = (list: RefName[], current: string | null | undefined): FilterOption[] =>
    pickable(list, current).map((n) => ({ value: n.code, label: n[locale] }));
  return {
    d: {
      filters: d.filters,
      target: d.target,
      progress: d.progress,
      projection: d.projection,
      isCurrentYear: d.isCurrentYear,
      totals: d.totals,
      pending: d.pending,
      warnings: d.warnings,
      monthly: d.monthly.map((m) => ({ month: m.month, created: m.created })),
      sections,
    },
    options: { county: options(names.county, d.filters.county), agency: options(names.agency, d.filters.agency) },
    years,
  };
}

const nameOf = (names: ReferenceNames, dim: string, code: string | null, lang: "fa" | "en") => {
  if (code == null) return "";
  if (dim === "programme") return translate(lang, `employment.programme.${code}`);
  const list = names[(dim === "priority_group" ? "group" : dim) as keyof ReferenceNames];
  const hit = list?.find((n) => n.code === code);
  return hit ? hit[lang] : code;
};

/**
 * Open data rows (stable field names, aggregates only). Each row's target is its own: the total's is the
 * (filtered) dashboard's target, a county's, agency's or programme's its allocation when one is set, other
 * rows none (issue 11 item 10: county rows carried the province's target).
 */
export function openDataRows(d: Dashboard, names: ReferenceNames) {
  const rows: { dimension: string; code: string; name_fa: string; name_en: string; jobs_created: number; jobs_retained: number; women: number; enterprises: number; target: number | null }[] = [];
  rows.push({ dimension: "total", code: "", name_fa: "", name_en: "", jobs_created: d.totals.created, jobs_retained: d.totals.retained, women: d.totals.women, enterprises: d.totals.enterprises, target: d.target ?? null });
  const share = (dimension: string, code: string | null) => d.allocations.find((a) => a.dimension === dimension && a.code === code)?.amount ?? null;
  for (const b of d.breakdown) {
    rows.push({ dimension: b.dimension, code: b.code ?? "", name_fa: nameOf(names, b.dimension, b.code, "fa"), name_en: nameOf(names, b.dimension, b.code, "en"), jobs_created: b.created, jobs_retained: b.retained, women: b.women, enterprises: b.enterprises, target: share(b.dimension, b.code) });
  }
  for (const g of d.priorityGroups) {
    rows.push({ dimension: "priority_group", code: g.code, name_fa: nameOf(names, "group", g.code, "fa"), name_en: nameOf(names, "group", g.code, "en"), jobs_created: g.created, jobs_retained: 0, women: g.women, enterprises: g.enterprises, target: null });
  }
  for (const m of d.monthly) {
    rows.push({ dimension: "month", code: String(m.month), name_fa: "", name_en: "", jobs_created: m.created, jobs_retained: m.retained, women: 0, enterprises: 0, target: null });
  }
  return rows;
}

export const OPEN_DATA_FIELDS = ["jalali_year", "county", "agency", "programme", "dimension", "code", "name_fa", "name_en", "jobs_created", "jobs_retained", "women", "enterprises", "target"] as const;

export function openDataCsv(d: Dashboard, names: ReferenceNames, filename: string, only?: string) {
  const f = d.filters;
  const rows = openDataRows(d, names).filter((r) => !only || r.dimension === only || (only === "groups" && r.dimension === "priority_group") || (only === "monthly" && r.dimension === "month"));
  return csvResponse(filename, [...OPEN_DATA_FIELDS], rows.map((r) => [
    f.year, f.county ?? "", f.agency ?? "", f.programme ?? "", r.dimension, r.code, r.name_fa, r.name_en, r.jobs_created, r.jobs_retained, r.women, r.enterprises, r.target ?? "",
  ]));
}

export function openDataJson(d: Dashboard, names: ReferenceNames) {
  const pick = (dim: string) => openDataRows(d, names).filter((r) => r.dimension === dim).map(({ dimension: _d, ...rest }) => rest);
  return {
    jalali_year: d.filters.year,
    filters: { county: d.filters.county ?? null, agency: d.filters.agency ?? null, programme: d.filters.programme ?? null },
    target: d.target,
    verified: { jobs_created: d.totals.created, jobs_retained: d.totals.retained, women: d.totals.women, enterprises: d.totals.enterprises },
    progress: Math.round(d.progress * 10000) / 10000,
    reported_unverified: { jobs_created: d.pending.created, jobs_retained: d.pending.retained, reports: d.pending.reports },
    projection_year_end: d.projection,
    by_county: pick("county"),
    by_agency: pick("agency"),
    by_programme: pick("programme"),
    by_sector: pick("sector"),
    by_priority_group: pick("priority_group"),
    monthly: d.monthly.map((m) => ({ month: m.month, jobs_created: m.created, jobs_retained: m.retained })),
    counting_rules: "docs/decisions/0010-employment-counting.md",
  };
}
