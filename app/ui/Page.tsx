import type { ReactNode } from "react";
import { useT } from "~/i18n";

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-bold text-slate-900">{children}</h1>
      {actions}
    </div>
  );
}

export function Card({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <section className="mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {title && <h2 className="mb-3 text-lg font-semibold text-slate-900">{title}</h2>}
      {children}
    </section>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">{children}</p>;
}

export const tableClass = "data-table";
/** Props for a horizontally scrollable wrapper: a labelled, focusable region so keyboard users can scroll it (axe: scrollable-region-focusable). Tables use `TableRegion`. */
export const scrollRegion = (label: string) => ({ role: "region", "aria-label": label, tabIndex: 0, className: "table-region" }) as const;

/**
 * Every table sits in one of these (issue 17): a wide table scrolls sideways inside its own labelled,
 * focusable region (role=region, tabIndex 0, so the keyboard can scroll it; visible focus ring), never
 * the page. The label names the table when the page has several; the default says it scrolls.
 * The page walk (tests/e2e/pages.spec.ts) fails on a table outside such a region.
 */
export function TableRegion({ children, label, className }: { children: ReactNode; label?: string; className?: string }) {
  const t = useT();
  return (
    <div role="region" aria-label={label ?? t("common.tableRegion")} tabIndex={0} className={className ? `table-region ${className}` : "table-region"}>
      {children}
    </div>
  );
}


