import { Fragment, useId } from "react";
import { useLocale } from "~/i18n";
import { formatNumber } from "~/i18n/format";

// Server-rendered SVG charts: no JavaScript, mirrored for right-to-left (bars grow from the
// start edge), each with a title and a text description; the table beside each chart has the numbers.

const W = 640;
/** Coordinates to one decimal: full float precision made up a third of a dashboard's HTML. */
const r1 = (v: number) => Math.round(v * 10) / 10;

export function BarChart({ title, summary, items }: { title: string; summary: string; items: { label: string; value: number }[] }) {
  const locale = useLocale();
  const id = useId();
  const rtl = locale === "fa";
  const rowH = 26;
  const labelW = 190;
  const valueW = 70;
  const plotW = W - labelW - valueW;
  const max = Math.max(1, ...items.map((i) => i.value));
  const h = Math.max(rowH, items.length * rowH) + 8;
  return (
    <svg viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} className="my-3 max-w-full" style={{ direction: "ltr" }}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{summary}</desc>
      <g fontSize="12" fill="#1e293b">
        {items.map((it, i) => {
          const y = 4 + i * rowH;
          const bw = r1(Math.max(it.value > 0 ? 2 : 0, (it.value / max) * plotW));
          const barX = rtl ? r1(W - labelW - bw) : labelW;
          const labelX = rtl ? W - 4 : labelW - 6;
          const valueX = rtl ? r1(W - labelW - bw - 6) : r1(labelW + bw + 6);
          const textY = y + rowH / 2 + 4;
          return (
            <Fragment key={i}>
              <text x={labelX} y={textY} textAnchor="end" direction={rtl ? "rtl" : "ltr"}>
                {it.label.length > 26 ? it.label.slice(0, 25) + "…" : it.label}
              </text>
              <rect x={barX} y={y + 4} width={bw} height={rowH - 8} fill="#0f766e" />
              <text x={valueX} y={textY} textAnchor={rtl ? "end" : "start"}>{formatNumber(locale, it.value, 1)}</text>
            </Fragment>
          );
        })}
      </g>
    </svg>
  );
}

export function LineChart({ title, summary, points }: { title: string; summary: string; points: { label: string; value: number }[] }) {
  const locale = useLocale();
  const id = useId();
  const rtl = locale === "fa";
  const H = 200, pad = 36;
  const max = Math.max(1, ...points.map((p) => p.value));
  const n = Math.max(1, points.length - 1);
  const x = (i: number) => (rtl ? W - pad - (i / n) * (W - 2 * pad) : pad + (i / n) * (W - 2 * pad));
  const y = (v: number) => H - pad - (v / max) * (H - 2 * pad);
  const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} className="my-3 max-w-full" style={{ direction: "ltr" }}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{summary}</desc>
      <line x1={pad} x2={W - pad} y1={H - pad} y2={H - pad} stroke="#94a3b8" />
      <path d={d} fill="none" stroke="#0f766e" strokeWidth="2.5" />
      <g fill="#0f766e">
        {points.map((p, i) => <circle key={i} cx={r1(x(i))} cy={r1(y(p.value))} r="3.5" />)}
      </g>
      <g textAnchor="middle" fontSize="11" fill="#334155">
        {points.map((p, i) => <text key={i} x={r1(x(i))} y={H - pad + 16}>{p.label}</text>)}
      </g>
      <text x={rtl ? W - pad : pad} y={14} textAnchor={rtl ? "end" : "start"} fontSize="11" fill="#334155">{formatNumber(locale, max, 0)}</text>
    </svg>
  );
}

export function ProgressBar({ ratio, label }: { ratio: number; label: string }) {
  const pct = Math.max(0, Math.min(100, ratio * 100));
  return (
    <div>
      <div role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-label={label}
        className="h-5 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full bg-brand-700" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
