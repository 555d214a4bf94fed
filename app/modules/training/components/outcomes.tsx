import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/i18n/format";
import type { Figures, RowFigures } from "../outcomes.server";

// Outcome figures: completion, employment at 3 and 6 months among those whose situation is known
// (with the unknown share beside it), women and priority groups.

export function useRate() {
  const locale = useLocale();
  return (r: number | null) => (r == null ? "—" : formatPercent(locale, r));
}

export function FiguresList({ f }: { f: Figures }) {
  const t = useT();
  const locale = useLocale();
  const rate = useRate();
  const n = (x: number) => formatNumber(locale, x);
  const item = (label: string, value: string, testId?: string) => (
    <div className="rounded-md border border-slate-200 p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-xl font-semibold" data-testid={testId}>{value}</dd>
    </div>
  );
  const round = (m: 3 | 6) => {
    const r = m === 3 ? f.at3 : f.at6;
    return item(
      t("training.outcomes.employment", { months: n(m) }),
      `${rate(r.rate)} ${t("training.outcomes.ofKnown", { known: n(r.known), unknown: rate(r.unknownShare) })}`,
      `employment-${m}`,
    );
  };
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {item(t("training.outcomes.places"), n(f.places))}
      {item(t("training.outcomes.completion"), `${rate(f.completion)} (${t("training.outcomes.passedOf", { passed: n(f.passed), resulted: n(f.resulted) })})`, "completion")}
      {round(3)}
      {round(6)}
      {item(t("training.outcomes.women"), `${n(f.women)} (${rate(f.places ? f.women / f.places : null)})`)}
      {item(t("training.outcomes.priority"), `${n(f.priority)} (${rate(f.places ? f.priority / f.places : null)})`)}
    </dl>
  );
}

/** One row of figures in a table (courses of a provider, the provider ranking). */
export function FigureCells({ f }: { f: RowFigures }) {
  const locale = useLocale();
  const rate = useRate();
  return (
    <>
      <td>{formatNumber(locale, f.places)}</td>
      <td>{rate(f.completion)}</td>
      <td>{rate(f.at3.rate)} <span className="text-sm text-slate-600">({rate(f.at3.unknownShare)})</span></td>
      <td>{rate(f.at6.rate)} <span className="text-sm text-slate-600">({rate(f.at6.unknownShare)})</span></td>
      <td>{rate(f.places ? f.women / f.places : null)}</td>
    </>
  );
}

export function FigureHeaders() {
  const t = useT();
  return (
    <>
      <th scope="col">{t("training.outcomes.places")}</th>
      <th scope="col">{t("training.outcomes.completion")}</th>
      <th scope="col">{t("training.outcomes.at3")}</th>
      <th scope="col">{t("training.outcomes.at6")}</th>
      <th scope="col">{t("training.outcomes.womenShare")}</th>
    </>
  );
}
