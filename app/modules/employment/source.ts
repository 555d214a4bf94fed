// Where a report's jobs come from, as a link to the source record (pure; used by the report page,
// the verification queue and the enterprise history). Only modules with a record page get a link;
// "manual" and "import" (and programmes without pages yet) have none.

/** Source modules (callers of reportEmployment) whose records have a page, and that page's path. */
const SOURCE_PAGES: Record<string, string> = {
  cases: "/cases/",
  ideas: "/ideas/",
  chairs: "/chairs/",
  micro_businesses: "/micro-businesses/",
  partnerships: "/partnerships/",
};

/** The URL of a report's source record, or null when it has none (manual, import, unknown, bad id). */
export function sourceHref(module: string | null | undefined, id: string | number | null | undefined): string | null {
  if (!module || id == null) return null;
  const base = Object.prototype.hasOwnProperty.call(SOURCE_PAGES, module) ? SOURCE_PAGES[module] : undefined;
  if (!base) return null;
  const s = String(id).trim();
  if (!/^[1-9][0-9]{0,15}$/.test(s)) return null;
  return `${base}${s}`;
}
