import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/format";
import { EmptyState } from "~/ui/Page";
import { MATCH_PARTS, type ExplainedPart, type Weights } from "../match";

// Small UI pieces of module 4: status badges, money in million rials, a checkbox group, the
// explained match parts, "how the score is built", a timeline and a name in the reader's language.

const tone: Record<string, string> = {
  draft: "bg-slate-100 text-slate-900", open: "bg-emerald-100 text-emerald-900", reviewing_proposals: "bg-sky-100 text-sky-900",
  awarded: "bg-indigo-100 text-indigo-900", closed_without_award: "bg-slate-200 text-slate-900", withdrawn: "bg-slate-200 text-slate-900",
  submitted: "bg-amber-100 text-amber-900", shortlisted: "bg-sky-100 text-sky-900", declined: "bg-slate-200 text-slate-900",
  proposed: "bg-amber-100 text-amber-900", negotiating: "bg-amber-100 text-amber-900", signed: "bg-sky-100 text-sky-900",
  in_progress: "bg-indigo-100 text-indigo-900", completed: "bg-emerald-100 text-emerald-900", terminated: "bg-slate-200 text-slate-900",
  delivered: "bg-sky-100 text-sky-900", accepted: "bg-emerald-100 text-emerald-900",
  verified: "bg-emerald-100 text-emerald-900", unverified: "bg-amber-100 text-amber-900", expired: "bg-red-100 text-red-900",
};

/** A status of a challenge, proposal, partnership, milestone or certificate. */
export function Badge({ kind, status, testId }: { kind: "challenge" | "proposal" | "partnership" | "milestone" | "certificate"; status: string; testId?: string }) {
  const t = useT();
  return <span data-testid={testId} className={`inline-block rounded px-2 py-0.5 text-sm ${tone[status] ?? "bg-slate-100"}`}>{t(`partnerships.${kind}Status.${status}`)}</span>;
}

/** code → label of the reference options whose code is in `codes` (a ranked page sends only the names it shows). */
export function namesOf(options: readonly { value: string; label: string }[], codes: readonly string[]): Record<string, string> {
  const wanted = new Set(codes);
  return Object.fromEntries(options.filter((o) => wanted.has(o.value)).map((o) => [o.value, o.label]));
}

export const nameOf = (locale: string, x: { name_fa?: string | null; name_en?: string | null }) => (locale === "fa" ? x.name_fa : x.name_en || x.name_fa) ?? "—";

/** An amount stored in rials, shown in million rials in the reader's digits. */
export function Money({ rials }: { rials: number | string | null | undefined }) {
  const t = useT();
  const locale = useLocale();
  if (rials == null) return <>—</>;
  return <>{t("partnerships.money", { n: formatNumber(locale, Number(rials) / 1_000_000) })}</>;
}

export function Day({ value }: { value: string | Date | null | undefined }) {
  const locale = useLocale();
  return <>{value ? formatDate(locale, value as string) : "—"}</>;
}

/**
 * The parts of one match score, one line of plain text each: "part points/most — why" (a single text
 * node per part keeps the ranked pages light: ten rows of six parts each).
 */
export function MatchParts({ parts, domainNames }: { parts: ExplainedPart[]; domainNames?: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="space-y-0.5 text-sm" aria-label={t("partnerships.match.partsLabel")}>
      {parts.map((p) => {
        const params = { ...p.params } as Record<string, string | number>;
        if (p.part === "domains" && typeof params.names === "string" && domainNames) {
          params.names = params.names.split("، ").map((c) => domainNames[c] ?? c).join(locale === "fa" ? "، " : ", ");
        }
        if (p.part === "certificate" && params.date) params.date = formatDate(locale, String(params.date));
        const line = `${t(`partnerships.match.part.${p.part}`)} ${formatNumber(locale, p.points, 1)}/${formatNumber(locale, p.maxPoints, 1)} — ${t(p.reason, params)}`;
        return <li key={p.part} data-part={p.part}>{line}</li>;
      })}
    </ul>
  );
}

/** The score in points out of 100. */
export function Score({ score }: { score: number }) {
  const locale = useLocale();
  const t = useT();
  return (
    <span className="text-lg font-bold tabular-nums">
      <span className="sr-only">{t("partnerships.match.scoreOf", { n: formatNumber(locale, score, 1) })}</span>
      <span aria-hidden="true">{formatNumber(locale, score, 1)}</span>
    </span>
  );
}

/** How the score is built, with the weights in force (every ranked page shows it). */
export function ScoreHowTo({ weights, open = false }: { weights: Weights; open?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const total = MATCH_PARTS.reduce((s, p) => s + weights[p], 0) || 1;
  return (
    <details className="mb-4 rounded-md border border-slate-200 bg-slate-50 p-3" open={open}>
      <summary className="cursor-pointer font-medium">{t("partnerships.match.howTitle")}</summary>
      <p className="mt-2 text-sm">{t("partnerships.match.howIntro")}</p>
      <ul className="mt-2 list-disc space-y-1 ps-6 text-sm">
        {MATCH_PARTS.map((p) => (
          <li key={p}>
            <span className="font-medium">{t(`partnerships.match.part.${p}`)}</span>{" "}
            ({t("partnerships.match.upTo", { n: formatNumber(locale, Math.round((weights[p] * 1000) / total) / 10, 1) })}): {t(`partnerships.match.how.${p}`)}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">{t("partnerships.match.howTies")}</p>
    </details>
  );
}

/** The timeline of a record: who did what, when, with the note. */
export function Events({ events }: { events: { id: number; action: string; from_status: string | null; to_status: string | null; note: string | null; at: Date | string; actor: string | null }[] }) {
  const t = useT();
  const locale = useLocale();
  if (!events.length) return <EmptyState>{t("common.empty")}</EmptyState>;
  return (
    <ol className="space-y-2" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} className="border-s-2 border-slate-300 ps-3">
          <p className="text-sm text-slate-600">{formatDateTime(locale, e.at as string)} · {e.actor ?? "—"}</p>
          <p>{t(`partnerships.event.${e.action}`)}{e.note ? `: ${e.note}` : ""}</p>
        </li>
      ))}
    </ol>
  );
}

/** The files of a record as download links. */
export function FileList({ files, label }: { files: { id: string; name: string }[]; label: string }) {
  const t = useT();
  if (!files.length) return <p className="text-slate-600">{t("partnerships.files.none")}</p>;
  return (
    <ul aria-label={label} className="list-disc ps-6">
      {files.map((f) => (
        <li key={f.id}><a className="text-brand-700 underline" href={`/files/${f.id}`} dir="auto">{f.name}</a></li>
      ))}
    </ul>
  );
}

export const linkButton = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50";
export const primaryLink = "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800";

/** "Next page" for keyset lists: keeps the filters, replaces the cursor. */
export function NextPage({ next, search, param = "after" }: { next: number | null; search: string; param?: string }) {
  const t = useT();
  if (next == null) return null;
  const sp = new URLSearchParams(search);
  sp.set(param, String(next));
  return <p className="mt-3"><Link className="text-brand-700 underline" to={`?${sp.toString()}`}>{t("common.next")}</Link></p>;
}
