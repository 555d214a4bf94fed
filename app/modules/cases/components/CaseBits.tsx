import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { triageClock } from "../workflow";
import { now as clockNow } from "~/i18n/clock";

const statusTone: Record<string, string> = {
  intake: "bg-amber-100 text-amber-900",
  triage: "bg-amber-100 text-amber-900",
  diagnosis: "bg-sky-100 text-sky-900",
  action_plan: "bg-sky-100 text-sky-900",
  in_progress: "bg-indigo-100 text-indigo-900",
  graduated: "bg-emerald-100 text-emerald-900",
  closed_unresolved: "bg-slate-200 text-slate-900",
  withdrawn: "bg-slate-200 text-slate-900",
};

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`pill ${statusTone[status] ?? "bg-slate-100"}`}>{t(`cases.status.${status}`)}</span>;
}

/** The triage clock of an emergency: hours left, or hours overdue in red. */
export function TriageClock({ status, dueAt, now }: { status: string; dueAt: string | Date | null; now?: string | number }) {
  const t = useT();
  const locale = useLocale();
  const ms = triageClock({ status, triage_due_at: dueAt }, now ? new Date(now) : clockNow());
  if (ms == null) return <>{t("cases.clock.none")}</>;
  const h = Math.floor(Math.abs(ms) / 3600_000);
  const n = formatNumber(locale, h);
  return ms >= 0 ? (
    <span data-testid="triage-clock" className="font-medium text-amber-900">{t("cases.clock.left", { h: n })}</span>
  ) : (
    <span data-testid="triage-clock" className="font-bold text-red-800">{t("cases.clock.overdue", { h: n })}</span>
  );
}

/** A link to a ledger report the case filed, with its status (shown only to readers of the ledger: the service sends none to others). */
export function CaseReportLink({ report, testId }: { report: { id: string; status: string } | undefined; testId?: string }) {
  const t = useT();
  const locale = useLocale();
  if (!report) return null;
  return (
    <Link to={`/employment/reports/${report.id}`} className="underline" data-testid={testId}>
      {t("cases.outcome.report", { id: formatNumber(locale, Number(report.id)).replace(/[,٬]/g, ""), status: t(`employment.status.${report.status}`) })}
    </Link>
  );
}
