import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { explain, SEEKER_PARTS, type SeekerFacts, type SeekerWeights } from "../match";

/**
 * The named parts of a score, each with its points and reason, explained here from the row's facts and
 * the weights (pure, match.ts): a ranked row sends its ten facts, not every part's reason twice (once as
 * HTML, once as loader data), as partnerships' ranked rows do.
 */
export function MatchParts({ facts, weights }: { facts: SeekerFacts; weights: SeekerWeights }) {
  const t = useT();
  const locale = useLocale();
  const parts = explain(facts, weights).parts;
  return (
    <ul className="text-sm" data-testid="match-parts">
      {parts.map((p) => (
        <li key={p.part}>
          <span className="font-medium">{t(`seekers.match.part.${p.part}`)}</span>: {formatNumber(locale, p.points, 1)} / {formatNumber(locale, p.maxPoints, 1)} — {t(p.reason, Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, typeof v === "number" ? formatNumber(locale, v) : v])))}
        </li>
      ))}
    </ul>
  );
}

/** "How is the score built?": the weights in force as points per part. */
export function HowBuilt({ weights }: { weights: SeekerWeights }) {
  const t = useT();
  const locale = useLocale();
  return (
    <details className="mb-4 rounded-md border border-slate-300 p-3">
      <summary className="cursor-pointer font-medium">{t("seekers.match.how")}</summary>
      <p className="mt-2 text-sm">{t("seekers.match.howLead")}</p>
      <ul className="list-disc ps-6 text-sm">
        {SEEKER_PARTS.map((p) => <li key={p}>{t(`seekers.match.part.${p}`)}: {t("seekers.match.weight", { w: formatNumber(locale, weights[p]) })} — {t(`seekers.match.rule.${p}`)}</li>)}
      </ul>
    </details>
  );
}
