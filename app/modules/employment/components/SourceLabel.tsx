import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { sourceHref } from "../source";

/** A report's source: "manual entry", "CSV import", or the programme and record id, linked when the record has a page. */
export function SourceLabel({ module, id }: { module: string; id: string | null }) {
  const t = useT();
  const locale = useLocale();
  if (module === "manual" || module === "import") return <>{t(`employment.source.${module}`)}</>;
  const href = sourceHref(module, id);
  const shownId = id != null && /^\d+$/.test(id) ? formatNumber(locale, Number(id)).replace(/[,٬]/g, "") : id ?? "";
  const text = `${t(`employment.programme.${module}`)}${shownId ? ` #${shownId}` : ""}`;
  return href ? <Link to={href} data-testid="report-source">{text}</Link> : <>{text}</>;
}
