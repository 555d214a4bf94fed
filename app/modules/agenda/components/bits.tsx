import { useT } from "~/i18n";

const STATUS_CLASS: Record<string, string> = {
  open: "bg-sky-100 text-sky-900", assigned: "bg-indigo-100 text-indigo-900", in_progress: "bg-amber-100 text-amber-900",
  resolved: "bg-emerald-100 text-emerald-900", unresolvable: "bg-slate-200 text-slate-900",
};

export function ObstacleStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`rounded px-2 py-0.5 text-sm ${STATUS_CLASS[status] ?? ""}`}>{t(`agenda.status.${status}`)}</span>;
}

export function OverdueBadge() {
  const t = useT();
  return <span className="rounded bg-red-100 px-2 py-0.5 text-sm font-medium text-red-900">{t("agenda.overdue")}</span>;
}

const ADVANTAGE_CLASS: Record<string, string> = {
  identified: "bg-sky-100 text-sky-900", studied: "bg-indigo-100 text-indigo-900", offered: "bg-amber-100 text-amber-900",
  activated: "bg-emerald-100 text-emerald-900", dropped: "bg-slate-200 text-slate-900",
};

export function AdvantageStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`rounded px-2 py-0.5 text-sm ${ADVANTAGE_CLASS[status] ?? ""}`}>{t(`agenda.advantage.status.${status}`)}</span>;
}
