import { Form, Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent, localDigits } from "~/i18n/format";
import { SelectField, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, EmptyState, tableClass, TableRegion } from "~/ui/Page";
import { acceptanceRate, type ChairCounts, type PlanMeasure } from "./measures";
import { CHAIR_STATUSES, HOLDER_RANKS } from "./schema";

/** The chair form (create and edit); `values` are strings as typed (or as stored, dates in Jalali). */
export function ChairFields({ v, e, universities }: { v: Record<string, string | undefined>; e: Record<string, string>; universities?: { id: number; name_fa: string; name_en: string }[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {universities && universities.length > 1 && (
        <SelectField name="universityId" label={t("chairs.field.university")} required defaultValue={v.universityId} error={e.universityId}
          options={universities.map((u) => ({ value: String(u.id), label: locale === "fa" ? u.name_fa : u.name_en }))} />
      )}
      <TextField name="title" label={t("chairs.field.title")} required defaultValue={v.title} error={e.title} maxLength={200} />
      <TextField name="field" label={t("chairs.field.field")} required defaultValue={v.field} error={e.field} maxLength={200} />
      <TextField name="holderName" label={t("chairs.field.holderName")} required defaultValue={v.holderName} error={e.holderName} maxLength={200} />
      <SelectField name="holderRank" label={t("chairs.field.holderRank")} required defaultValue={v.holderRank} error={e.holderRank}
        options={HOLDER_RANKS.map((r) => ({ value: r, label: t(`chairs.rank.${r}`) }))} />
      <TextField name="holderEmail" type="email" dir="ltr" label={t("chairs.field.holderEmail")} defaultValue={v.holderEmail} error={e.holderEmail} />
      <TextField name="holderPhone" type="tel" dir="ltr" label={t("chairs.field.holderPhone")} defaultValue={v.holderPhone} error={e.holderPhone} />
      <TextField name="establishedOn" dir="ltr" label={t("chairs.field.establishedOn")} hint={t("chairs.hint.date")} defaultValue={v.establishedOn} error={e.establishedOn} />
      <SelectField name="status" label={t("chairs.field.status")} required defaultValue={v.status ?? "proposed"} error={e.status}
        options={CHAIR_STATUSES.map((s) => ({ value: s, label: t(`chairs.status.${s}`) }))} />
    </>
  );
}

export function YearPicker({ year, action }: { year: number; action?: string }) {
  const t = useT();
  return (
    <Form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-2 print:hidden">
      <div className="w-40">
        <TextField name="year" label={t("chairs.year")} inputMode="numeric" dir="ltr" required defaultValue={String(year)} />
      </div>
      <div className="mb-4">
        <SubmitButton>{t("chairs.show")}</SubmitButton>
      </div>
    </Form>
  );
}

const fmtRatio = (locale: "fa" | "en", r: number | null) => (r == null ? "—" : formatPercent(locale, r));

/** The measures of a chair (or a university) as a two-column table. */
export function MeasuresTable({ counts }: { counts: ChairCounts }) {
  const t = useT();
  const locale = useLocale();
  const rows: [string, string][] = [
    ["chairs.m.activities", formatNumber(locale, counts.activities)],
    ["chairs.m.hours", formatNumber(locale, counts.hours, 1)],
    ["chairs.m.participants", formatNumber(locale, counts.participants)],
    ["chairs.m.women", formatNumber(locale, counts.women)],
    ["chairs.m.ideasSubmitted", formatNumber(locale, counts.ideasSubmitted)],
    ["chairs.m.ideasAccepted", formatNumber(locale, counts.ideasAccepted)],
    ["chairs.m.ideasAccelerated", formatNumber(locale, counts.ideasAccelerated)],
    ["chairs.m.acceptanceRate", fmtRatio(locale, acceptanceRate(counts))],
    ["chairs.m.startups", formatNumber(locale, counts.startups)],
    ["chairs.m.jobs", formatNumber(locale, counts.jobs, 2)],
  ];
  return (
    <TableRegion>
    <table className={tableClass} data-testid="chair-measures">
      <thead>
        <tr>
          <th scope="col">{t("chairs.report.measure")}</th>
          <th scope="col">{t("chairs.report.value")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k} data-measure={k.slice("chairs.m.".length)}>
            <th scope="row">{t(k)}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </TableRegion>
  );
}

export function PlanTable({ rows }: { rows: { measure: PlanMeasure; goal: number | null; actual: number; ratio: number | null }[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <TableRegion>
    <table className={tableClass} data-testid="plan-vs-actual">
      <thead>
        <tr>
          <th scope="col">{t("chairs.report.measure")}</th>
          <th scope="col">{t("chairs.plan.goal")}</th>
          <th scope="col">{t("chairs.plan.actual")}</th>
          <th scope="col">{t("chairs.plan.ratio")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.measure}>
            <th scope="row">{t(`chairs.m.${r.measure}`)}</th>
            <td>{r.goal == null ? "—" : formatNumber(locale, r.goal)}</td>
            <td>{formatNumber(locale, r.actual)}</td>
            <td>{fmtRatio(locale, r.ratio)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </TableRegion>
  );
}

export const DEFINITION_KEYS = [
  "chairs.def.activities", "chairs.def.participants", "chairs.def.ideasSubmitted", "chairs.def.ideasAccepted",
  "chairs.def.acceptanceRate", "chairs.def.startups", "chairs.def.jobs",
] as const;

export function Definitions() {
  const t = useT();
  return (
    <section aria-labelledby="chair-defs" className="mb-6 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
      <h2 id="chair-defs" className="mb-2 font-semibold text-slate-900">{t("chairs.def.title")}</h2>
      <ul className="list-disc space-y-1 ps-5 text-slate-800">
        {DEFINITION_KEYS.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>
    </section>
  );
}

interface HomeChair {
  id: number; title: string; status: string; university_fa: string; university_en: string;
  goal_activities: number | null; goal_participants: number | null; activities: number; participants: number;
}

/** The chair manager's home widget: each chair of their universities, this year's figures against the plan. */
export function ChairsHome({ data }: { data: { year: number; chairs: HomeChair[] } }) {
  const t = useT();
  const locale = useLocale();
  const n = (x: number) => formatNumber(locale, x);
  const against = (actual: number, goal: number | null) => (goal == null ? n(actual) : t("chairs.home.ofGoal", { n: n(actual), goal: n(goal) }));
  return (
    <Card title={t("chairs.home.title", { year: localDigits(locale, data.year) })}>
      {data.chairs.length === 0 ? (
        <EmptyState>
          {t("chairs.home.empty")} <Link className="underline" to="/chairs/new">{t("chairs.home.create")}</Link>
        </EmptyState>
      ) : (
        <TableRegion label={t("chairs.home.title", { year: localDigits(locale, data.year) })}>
          <table className={tableClass} data-testid="home-chairs">
            <thead>
              <tr>
                <th scope="col">{t("chairs.field.title")}</th>
                <th scope="col">{t("chairs.field.status")}</th>
                <th scope="col">{t("chairs.home.activities")}</th>
                <th scope="col">{t("chairs.home.participants")}</th>
              </tr>
            </thead>
            <tbody>
              {data.chairs.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link className="underline" to={`/chairs/${c.id}?year=${data.year}`}>{c.title}</Link>
                    <span className="block text-sm text-slate-600">{locale === "fa" ? c.university_fa : c.university_en}</span>
                  </td>
                  <td>{t(`chairs.status.${c.status}`)}</td>
                  <td>{against(c.activities, c.goal_activities)}</td>
                  <td>{against(c.participants, c.goal_participants)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p className="mt-3"><Link className="underline" to="/chairs/manage">{t("chairs.home.all")}</Link></p>
    </Card>
  );
}

/** A chair's year: plan against actual, the measures and their definitions (chair page and yearly report). */
export function YearMeasures({ year, hasPlan, planVsActual, counts }: { year: number; hasPlan: boolean; planVsActual: Parameters<typeof PlanTable>[0]["rows"]; counts: ChairCounts }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("chairs.plan.title", { year: localDigits(locale, year) })}>
          {!hasPlan && <p className="mb-2 text-sm text-slate-600">{t("chairs.plan.none")}</p>}
          <PlanTable rows={planVsActual} />
        </Card>
        <Card title={t("chairs.report.summary")}>
          <MeasuresTable counts={counts} />
        </Card>
      </div>
      <Definitions />
    </>
  );
}
