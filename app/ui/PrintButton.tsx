import { useEffect, useState } from "react";
import { useT } from "~/i18n";

/**
 * "Print" on pages meant for paper (chair yearly report, employment dashboard, case summary): the
 * print stylesheet (app/tailwind.css) hides navigation and adds the header and page numbers. Needs
 * JavaScript, so it appears only once the page is interactive (without it, the browser's own print).
 */
export function PrintButton() {
  const t = useT();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" onClick={() => window.print()} data-print="hide" data-testid="print-button"
      className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 text-slate-800 hover:bg-slate-100">
      {t("common.print")}
    </button>
  );
}
