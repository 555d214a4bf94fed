import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatNumber, localDigits } from "~/i18n/format";
import { FormError, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import type { CasePageData } from "../page.server";
import { isFinal } from "../workflow";
import { TriageClock } from "./CaseBits";

// The top of the case page: summary (with the starting-headcount form), the status actions, the
// timeline and the mentors. Each form reads its own answer (useFormState(intent)).

export type CaseView = SerializeFrom<CasePageData>;
export const placeName = (locale: string, x: { name_fa: string; name_en: string }) => (locale === "fa" ? x.name_fa : x.name_en);

export function CaseSummary({ d }: { d: CaseView }) {
  const t = useT();
  const locale = useLocale();
  const c = d.case;
  const f = useFormState("baseline");
  const dt = "text-sm text-slate-600";
  return (
    <Card title={t("cases.section.summary")}>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
        <div><dt className={dt}>{t("cases.field.kind")}</dt><dd>{t(`cases.kind.${c.kind}`)}</dd></div>
        <div><dt className={dt}>{t("cases.field.centre")}</dt><dd>{d.centre ? placeName(locale, d.centre) : "—"}</dd></div>
        {c.triage_due_at && (
          <div><dt className={dt}>{t("cases.field.deadline")}</dt><dd>{formatDateTime(locale, c.triage_due_at)} · <TriageClock status={c.status} dueAt={c.triage_due_at} now={d.now} /></dd></div>
        )}
        <div>
          <dt className={dt}>{t("cases.field.baselineAtStart")}</dt>
          <dd>
            <span data-testid="baseline">{formatNumber(locale, c.baseline_employees)}</span>
            {d.mayWork && (
              <details className="mt-1" open={f.failed}>
                <summary className="cursor-pointer text-brand-700">{t("cases.baseline.edit")}</summary>
                <Form method="post" noValidate className="mt-2">
                  <input type="hidden" name="intent" value="baseline" />
                  <input type="hidden" name="version" value={c.version} />
                  <FormError error={f.formError} />
                  <TextField name="baselineEmployees" label={t("cases.field.baselineAtStart")} hint={t("cases.baseline.hint")} inputMode="numeric" required defaultValue={f.values.baselineEmployees ?? localDigits(locale, String(c.baseline_employees))} error={f.errors.baselineEmployees} />
                  <SubmitButton>{t("common.save")}</SubmitButton>
                </Form>
              </details>
            )}
          </dd>
        </div>
        {c.registration_no && <div><dt className={dt}>{t("cases.field.registrationNo")}</dt><dd dir="ltr" className="text-start">{localDigits(locale, c.registration_no)}</dd></div>}
        {c.urgency && c.kind === "business_emergency" && <div><dt className={dt}>{t("cases.field.urgency")}</dt><dd>{t(`cases.urgency.${c.urgency}`)}</dd></div>}
        {d.idea && <div><dt className={dt}>{t("cases.fromIdea")}</dt><dd><Link to={`/ideas/${d.idea.id}`} className="underline" data-testid="case-idea">{d.idea.title}</Link></dd></div>}
        {c.problem_areas.length > 0 && (
          <div className="sm:col-span-2"><dt className={dt}>{t("cases.field.problemAreas")}</dt><dd>{c.problem_areas.map((a) => t(`cases.area.${a}`)).join("، ")}</dd></div>
        )}
        {c.description && <div className="sm:col-span-2"><dt className={dt}>{t("cases.field.description")}</dt><dd className="whitespace-pre-line">{c.description}</dd></div>}
      </dl>
    </Card>
  );
}

export function CaseActions({ d }: { d: CaseView }) {
  const t = useT();
  const c = d.case;
  const f = useFormState("transition");
  if (d.actions.length === 0 && !d.mayManage && !d.mayWork) return null;
  return (
    <Card title={t("cases.section.actions")}>
      <FormError error={f.formError} />
      <p className="mb-3" data-testid="next-step"><strong>{t("cases.next.label")}:</strong> {t(`cases.next.${d.next}`)}</p>
      {d.mayManage && !isFinal(c.status) && (
        <p className="mb-3">
          <Link to={`/cases/${c.id}/assign`} className={d.next === "assign" ? "font-semibold underline" : "text-sm underline"}>
            {t(d.next === "assign" ? "cases.assign" : "cases.assign.change")}
          </Link>
        </p>
      )}
      {d.actions.length > 0 && (
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="version" value={c.version} />
          <div className="min-w-64 flex-1">
            <TextField name="note" label={t("cases.field.note")} defaultValue={f.values.note} error={f.errors.note} />
          </div>
          <div className="mb-4 flex flex-wrap gap-2">
            {d.actions.map((a) => (
              <SubmitButton key={a} name="action" value={a} variant={a === "withdraw" ? "danger" : "primary"}>{t(`cases.action.${a}`)}</SubmitButton>
            ))}
          </div>
        </Form>
      )}
    </Card>
  );
}

export function CaseTimeline({ d }: { d: CaseView }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Card title={t("cases.section.timeline")}>
      <ol className="border-s-2 border-slate-300 ps-4" data-testid="timeline">
        {d.history.map((h) => (
          <li key={h.id} className="mb-3">
            <div className="font-medium">{h.from_status ? `${t(`cases.status.${h.from_status}`)} ← ` : ""}{t(`cases.status.${h.to_status}`)}</div>
            <div className="text-sm text-slate-600">{formatDateTime(locale, h.at)} · {h.actor_name ?? "—"}</div>
            {!h.from_status && d.idea && <div>{t("cases.openedFromIdea")} <Link to={`/ideas/${d.idea.id}`} className="underline">{d.idea.title}</Link></div>}
            {h.note && <div className="whitespace-pre-line">{h.note}</div>}
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function CaseMentors({ d }: { d: CaseView }) {
  const t = useT();
  return (
    <Card title={t("cases.section.mentors")}>
      {d.mentors.length === 0 ? <p>—</p> : (
        <ul>
          {d.mentors.map((m) => (
            <li key={m.id}>
              {m.full_name} ({t(m.role === "lead" ? "cases.mentor.lead" : "cases.mentor.co")}{m.active ? "" : ` · ${t("cases.mentor.inactive")}`})
              {m.over_capacity_reason && d.mayManage && <span className="ms-2 text-sm text-amber-900">{t("cases.assign.over")}: {m.over_capacity_reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
