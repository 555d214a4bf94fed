import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { toPersianDigits } from "~/i18n/normalise";
import { DateField, FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { MILESTONE_OWNERS, MILESTONE_STATUSES, mayDiagnose, PROBLEM_AREAS, SESSION_MODES } from "../workflow";
import type { CaseView } from "./CasePageTop";

// The mentoring work on the case page: diagnosis, milestones (each with its own edit form) and sessions.

const fieldAlert = "mt-1 text-sm font-medium text-red-700";

export function CaseDiagnosis({ d }: { d: CaseView }) {
  const t = useT();
  const c = d.case;
  const f = useFormState("diagnosis");
  const areas = new Set(f.failed ? f.all("confirmedAreas") : c.confirmed_areas.length ? c.confirmed_areas : c.problem_areas);
  return (
    <Card title={t("cases.section.diagnosis")}>
      {c.diagnosis && (
        <div className="mb-4">
          <p className="text-sm text-slate-600">{c.confirmed_areas.map((a) => t(`cases.area.${a}`)).join("، ")}</p>
          <p className="whitespace-pre-line">{c.diagnosis}</p>
          {c.root_causes && <p className="mt-2 whitespace-pre-line"><span className="font-medium">{t("cases.diagnosis.rootCauses")}: </span>{c.root_causes}</p>}
        </div>
      )}
      {d.mayWork && mayDiagnose(c.status) && (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="diagnosis" />
          <input type="hidden" name="version" value={c.version} />
          <FormError error={f.formError} />
          <fieldset className="mb-4">
            <legend className="mb-1 font-medium">{t("cases.diagnosis.confirmedAreas")}</legend>
            <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
              {PROBLEM_AREAS.map((a) => (
                <label key={a} className="flex items-center gap-2">
                  <input type="checkbox" name="confirmedAreas" value={a} defaultChecked={areas.has(a)} />
                  <span>{t(`cases.area.${a}`)}</span>
                </label>
              ))}
            </div>
            {f.errors.confirmedAreas && <p role="alert" className={fieldAlert}>{t(f.errors.confirmedAreas)}</p>}
          </fieldset>
          <TextArea name="diagnosis" label={t("cases.diagnosis.text")} required defaultValue={f.values.diagnosis ?? c.diagnosis} error={f.errors.diagnosis} />
          <TextArea name="rootCauses" label={t("cases.diagnosis.rootCauses")} defaultValue={f.values.rootCauses ?? c.root_causes} error={f.errors.rootCauses} />
          <SubmitButton name="intent" value="diagnosis">{t("common.save")}</SubmitButton>
        </Form>
      )}
    </Card>
  );
}

export function CaseMilestones({ d }: { d: CaseView }) {
  const t = useT();
  const locale = useLocale();
  const update = useFormState("milestoneUpdate");
  const add = useFormState("milestone");
  const ownerOptions = MILESTONE_OWNERS.map((o) => ({ value: o, label: t(`cases.milestone.owner.${o}`) }));
  return (
    <Card title={t("cases.section.milestones")}>
      {d.milestones.length > 0 && (
        <ul className="mb-4" data-testid="milestones">
          {d.milestones.map((m) => {
            const due = String(m.due_on).slice(0, 10);
            const overdue = m.status === "open" && due < d.today;
            const mine = update.failed && update.values.milestoneId === String(m.id);
            const e = mine ? update.errors : {};
            const v = mine ? update.values : null;
            return (
              <li key={m.id} className={`mb-3 rounded-md border p-3 ${overdue ? "border-red-400 bg-red-50" : "border-slate-200"}`}>
                <div className="font-medium">
                  {m.title}
                  {overdue && <span className="ms-2 rounded bg-red-700 px-2 py-0.5 text-sm text-white">{t("cases.milestone.overdue")}</span>}
                </div>
                <div className="text-sm text-slate-700">
                  {t("cases.milestone.dueOn")}: {formatDate(locale, due)} · {t(`cases.milestone.owner.${m.owner}`)} · {t(`cases.milestone.status.${m.status}`)}
                </div>
                {d.mayWork && (
                  <details className="mt-2" open={mine}>
                    <summary className="cursor-pointer text-brand-700">{t("common.details")}</summary>
                    <Form method="post" noValidate className="mt-2">
                      <input type="hidden" name="intent" value="milestoneUpdate" />
                      <input type="hidden" name="milestoneId" value={m.id} />
                      <input type="hidden" name="version" value={v?.version ?? m.version} />
                      <FormError error={mine ? update.formError : null} />
                      <TextField name="title" label={t("cases.milestone.title")} required defaultValue={v?.title ?? m.title} error={e.title} />
                      <DateField name="dueOn" label={t("cases.milestone.dueOn")} required typed={v?.dueOn} iso={due} error={e.dueOn} />
                      <SelectField name="owner" label={t("cases.milestone.owner")} required defaultValue={v?.owner ?? m.owner} error={e.owner} options={ownerOptions} />
                      <SelectField name="status" label={t("cases.milestone.status")} required defaultValue={v?.status ?? m.status} error={e.status} options={MILESTONE_STATUSES.map((o) => ({ value: o, label: t(`cases.milestone.status.${o}`) }))} />
                      <SubmitButton>{t("common.save")}</SubmitButton>
                    </Form>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {d.mayWork && (
        <Form method="post" noValidate className="rounded-md bg-slate-50 p-3">
          <input type="hidden" name="intent" value="milestone" />
          <FormError error={add.formError} />
          <TextField name="title" label={t("cases.milestone.title")} required defaultValue={add.values.title} error={add.errors.title} />
          <DateField name="dueOn" label={t("cases.milestone.dueOn")} required typed={add.values.dueOn} error={add.errors.dueOn} />
          <SelectField name="owner" label={t("cases.milestone.owner")} required defaultValue={add.values.owner ?? "entrepreneur"} error={add.errors.owner} options={ownerOptions} />
          <SubmitButton>{t("cases.milestone.add")}</SubmitButton>
        </Form>
      )}
    </Card>
  );
}

export function CaseSessions({ d }: { d: CaseView }) {
  const t = useT();
  const locale = useLocale();
  const f = useFormState("session");
  const num = (n: number | null | undefined) => formatNumber(locale, n ?? 0, 2);
  return (
    <Card title={t("cases.section.sessions")}>
      <div className="mb-3" data-testid="hours">
        <p className="font-medium">{t("cases.hours.total", { h: num(d.hours.total) })}</p>
        {d.hours.perMentor.map((m) => <p key={m.name} className="text-sm">{t("cases.hours.perMentor", { name: m.name, h: num(m.hours) })}</p>)}
        {d.hours.perMonth.map(([m, h]) => <p key={m} className="text-sm">{t("cases.hours.perMonth", { m: locale === "fa" ? toPersianDigits(String(m)) : String(m), h: num(h) })}</p>)}
      </div>
      {d.sessions.length > 0 && (
        <TableRegion className="mb-4">
          <table className={tableClass}>
            <thead>
              <tr>
                <th>{t("cases.session.heldOn")}</th>
                <th>{t("cases.session.minutes")}</th>
                <th>{t("cases.session.mode")}</th>
                <th>{t("cases.session.topics")}</th>
                <th>{t("cases.session.nextSteps")}</th>
                <th>{t("cases.field.mentor")}</th>
              </tr>
            </thead>
            <tbody>
              {d.sessions.map((s) => (
                <tr key={s.id}>
                  <td>{formatDate(locale, String(s.held_on).slice(0, 10))}</td>
                  <td>{formatNumber(locale, s.minutes)}</td>
                  <td>{t(`cases.session.mode.${s.mode}`)}</td>
                  <td>{s.topics}</td>
                  <td>{s.next_steps}</td>
                  <td>{s.mentor_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {d.mayWork && d.parts.includes("mentor") && (
        <Form method="post" noValidate className="rounded-md bg-slate-50 p-3">
          <input type="hidden" name="intent" value="session" />
          <FormError error={f.formError} />
          <DateField name="heldOn" label={t("cases.session.heldOn")} required typed={f.values.heldOn} iso={d.today} error={f.errors.heldOn} />
          <TextField name="minutes" label={t("cases.session.minutes")} inputMode="numeric" required defaultValue={f.values.minutes} error={f.errors.minutes} />
          <SelectField name="mode" label={t("cases.session.mode")} required defaultValue={f.values.mode ?? "in_person"} error={f.errors.mode} options={SESSION_MODES.map((o) => ({ value: o, label: t(`cases.session.mode.${o}`) }))} />
          <TextArea name="topics" label={t("cases.session.topics")} required rows={2} defaultValue={f.values.topics} error={f.errors.topics} />
          <TextArea name="nextSteps" label={t("cases.session.nextSteps")} rows={2} defaultValue={f.values.nextSteps} error={f.errors.nextSteps} />
          <SubmitButton>{t("cases.session.add")}</SubmitButton>
        </Form>
      )}
    </Card>
  );
}
