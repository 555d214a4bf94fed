import { useId } from "react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";

// Charts that read right to left (issue 17, item 4; decision 0030). No client library, no JavaScript:
//  - LineChart is server-rendered SVG mirrored for right-to-left: Jalali month names on the time axis,
//    gridlines and axis values in the reader's digits, the target and the run-rate projection drawn.
//    One text alternative in the reader's language; the table beside it has the numbers.
//  - Bar charts are the breakdown tables themselves (decision 0056): a row's bar is drawn by CSS from
//    its --w (.bar-table in app/tailwind.css), beside the figure, so nothing is rendered twice.

const W = 640;
/** Coordinates to one decimal: full float precision made up a third of a dashboard's HTML. */
const r1 = (v: number) => Math.round(v * 10) / 10;

/** A round axis maximum at or above `v` (1, 2, 2.5 or 5 times a power of ten). */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export interface LinePoint { label: string; value: number }

/**
 * The cumulative line over a whole year of `slots` periods (Jalali months): `points` are the periods so
 * far; `target` draws a dashed horizontal line, `projection` a dotted line from the last point to the
 * year's end. Right to left in Persian: the first month on the right, the axis values on the right.
 */
export function LineChart({ title, summary, points, slots = points.length, target, projection }: {
  title: string; summary: string; points: LinePoint[]; slots?: number; target?: number | null; projection?: number | null;
}) {
  const locale = useLocale();
  const t = useT();
  const id = useId();
  const rtl = locale === "fa";
  const H = 260, top = 16, bottom = 44, axisW = 60, edge = 20;
  const plotL = rtl ? edge : axisW, plotR = rtl ? W - axisW : W - edge;
  const max = niceMax(Math.max(1, ...points.map((p) => p.value), target ?? 0, projection ?? 0));
  const n = Math.max(1, slots - 1);
  const x = (i: number) => r1(rtl ? plotR - (i / n) * (plotR - plotL) : plotL + (i / n) * (plotR - plotL));
  const y = (v: number) => r1(H - bottom - (v / max) * (H - top - bottom));
  const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(p.value)}`).join(" ");
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((k) => k * max);
  const last = points.length - 1;
  const labels = Array.from({ length: slots }, (_, i) => points[i]?.label);
  return (
    <figure className="my-3">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} className="max-w-full" style={{ direction: "ltr" }} data-chart="line">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        <g fontSize="11" fill="#334155">
          {ticks.map((v, i) => (
            <g key={i}>
              <line x1={plotL} x2={plotR} y1={y(v)} y2={y(v)} stroke={i === 0 ? "#64748b" : "#e2e8f0"} />
              <text x={rtl ? plotR + 6 : plotL - 6} y={y(v) + 4} textAnchor={rtl ? "start" : "end"}>{formatNumber(locale, v)}</text>
            </g>
          ))}
        </g>
        <g fontSize="10.5" fill="#334155" textAnchor="middle">
          {labels.map((l, i) => l && <text key={i} x={x(i)} y={H - bottom + 18 + (i % 2) * 13} direction={rtl ? "rtl" : "ltr"}>{l}</text>)}
        </g>
        {target != null && target > 0 && (
          <g>
            <line x1={plotL} x2={plotR} y1={y(target)} y2={y(target)} stroke="#b45309" strokeWidth="2" strokeDasharray="8 5" data-line="target" />
            <text x={rtl ? plotL + 4 : plotR - 4} y={y(target) - 6} textAnchor={rtl ? "start" : "end"} fontSize="11" fill="#92400e" direction={rtl ? "rtl" : "ltr"}>
              {t("employment.chart.target", { n: formatNumber(locale, target) })}
            </text>
          </g>
        )}
        {projection != null && last >= 0 && last < slots - 1 && (
          <line x1={x(last)} y1={y(points[last].value)} x2={x(slots - 1)} y2={y(projection)} stroke="#0f766e" strokeWidth="2" strokeDasharray="2 5" strokeLinecap="round" data-line="projection" />
        )}
        <path d={d} fill="none" stroke="#0f766e" strokeWidth="2.5" />
        <g fill="#0f766e">{points.map((p, i) => <circle key={i} cx={x(i)} cy={y(p.value)} r="3.5" />)}</g>
      </svg>
      <figcaption aria-hidden="true" className="mt-1 flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700">
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-0.5 w-6 bg-brand-700" />{t("employment.chart.verified")}</span>
        {target != null && target > 0 && <span className="inline-flex items-center gap-1.5"><span className="inline-block w-6 border-t-2 border-dashed border-amber-700" />{t("employment.chart.targetLegend")}</span>}
        {projection != null && last < slots - 1 && <span className="inline-flex items-center gap-1.5"><span className="inline-block w-6 border-t-2 border-dotted border-brand-700" />{t("employment.chart.projection")}</span>}
      </figcaption>
    </figure>
  );
}

export function ProgressBar({ ratio, label }: { ratio: number; label: string }) {
  const pct = Math.max(0, Math.min(100, ratio * 100));
  return (
    <div>
      <div role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-label={label}
        className="h-5 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full bg-brand-700" style={{ inlineSize: `${pct}%` }} />
      </div>
    </div>
  );
}
