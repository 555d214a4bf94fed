import { Form, Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n";

// The filter form and the "next page" link of a list page (conventions: filters in the URL, keyset pages
// with `after=<last id>`). One copy for every list: a GET form (works without JavaScript) whose fields read
// their value from the URL, a search button, the CSV link carrying the same filters, and a next link that
// keeps the filters and moves the cursor. Controls are 44 px touch targets (decision 0047).

/** The class of a list's filter controls, and of a link styled as one. */
export const filterControl = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export interface Option { value: string; label: string }

/** The URL's filters without the page cursor (what the CSV link and the next page carry). */
export function useFilterParams(cursor = "after"): URLSearchParams {
  const [params] = useSearchParams();
  const keep = new URLSearchParams(params);
  keep.delete(cursor);
  return keep;
}

/** A list's filters: `label` names the search landmark; `csv` is the export's path (the filters are added). */
export function FilterForm({ label, csv, children }: { label: string; csv?: string; children: ReactNode }) {
  const t = useT();
  const keep = useFilterParams();
  return (
    <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={label}>
      {children}
      <button type="submit" className={filterControl}>{t("common.search")}</button>
      {csv && <a href={`${csv}?${keep}`} download className="px-2 py-2">{t("common.exportCsv")}</a>}
    </Form>
  );
}

/** A free-text filter (`q` unless named otherwise); `dir="ltr"` for codes typed in Latin (the audit's action names),
 * `inputMode="numeric"` for a number (the verification queue's year). */
export function SearchFilter({ label, name = "q", dir, inputMode }: { label: string; name?: string; dir?: "ltr"; inputMode?: "numeric" }) {
  const [params] = useSearchParams();
  return (
    <label className="flex flex-col">
      <span className="mb-1">{label}</span>
      <input name={name} dir={dir} inputMode={inputMode} defaultValue={params.get(name) ?? ""} className={filterControl} />
    </label>
  );
}

/** A choice among `options`, with "all" first (the empty value: no filter); `all={false}` for a choice that
 * always has a value (a sort order: the first option is the default). */
export function SelectFilter({ name, label, options, testId, all = true }: { name: string; label: string; options: readonly Option[]; testId?: string; all?: boolean }) {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <label className="flex flex-col">
      <span className="mb-1">{label}</span>
      <select name={name} defaultValue={params.get(name) ?? (all ? "" : options[0]?.value)} className={filterControl} data-testid={testId}>
        {all && <option value="">{t("common.all")}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

/** A yes-only filter: checked sends `name=value` ("1" unless the module's schema reads another). */
export function CheckFilter({ name, label, value = "1" }: { name: string; label: string; value?: string }) {
  const [params] = useSearchParams();
  return (
    <label className="flex min-h-11 items-center gap-2"><input type="checkbox" name={name} value={value} defaultChecked={params.get(name) === value} />{label}</label>
  );
}

/**
 * The next page of a keyset list (nothing on the last page): the same filters, `after` the last row shown.
 * A list that pages backwards in time names its cursor (`cursor="before"`) and its link (`label`).
 */
export function NextPage({ after, cursor = "after", label }: { after: string | number | null | undefined; cursor?: string; label?: string }) {
  const t = useT();
  const keep = useFilterParams(cursor);
  if (after === null || after === undefined) return null;
  return <Link className="mt-4 inline-flex min-h-11 items-center" to={`?${new URLSearchParams([...keep, [cursor, String(after)]])}`}>{label ?? t("common.next")}</Link>;
}
