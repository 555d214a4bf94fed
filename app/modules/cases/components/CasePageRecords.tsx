import { Form, Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatDateTime, formatNumber, localDigits } from "~/i18n/format";
import { FileField } from "~/modules/files/components/FileField";
import { FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { CaseReportLink } from "./CaseBits";
import { placeName, type CaseView } from "./CasePageTop";

// The records on the case page: private notes, messages, documents, referrals and the outcome form.

export function CaseNotes({ d }: { d: CaseView }) {
  const t = useT();
  const locale = useLocale();
  const f = useFormState("note");
  if (!d.notes) return null;
  return (
    <Card title={t("cases.section.notes")}>
      <p className="mb-2 text-sm text-slate-600">{t("cases.section.notesHint")}</p>
      <ul className="mb-3" data-testid="private-notes">
        {d.notes.map((n) => (
          <li key={n.id} className="mb-2 border-b border-slate-200 pb-2">
            <div className="text-sm text-slate-600">{n.author_name} · {formatDateTime(locale, n.created_at)}</div>
            <div className="whitespace-pre-line">{n.body}</div>
          </li>
        ))}
      </ul>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="note" />
        <FormError error={f.formError} />
        <TextArea name="body" label={t("cases.note.body")} required rows={2} defaultValue={f.values.body} error={f.errors.body} />
        <SubmitButton>{t("cases.note.add")}</SubmitButton>
      </Form>
    </Card>
  );
}

export function CaseMessages({ d }: { d: CaseView }) {
  const t = useT();
  const locale = useLocale();
  const f = useFormState("message");
  return (
    <Card title={t("cases.section.messages")}>
      <ul className="mb-3" id="messages" data-testid="messages">
        {d.messages.map((m) => (
          <li key={m.id} className="mb-2 border-b border-slate-200 pb-2">
            <div className="text-sm text-slate-600">{m.author_name} · {formatDateTime(locale, m.created_at)}</div>
            <div className="whitespace-pre-line">{m.body}</div>
          </li>
        ))}
      </ul>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="message" />
        <FormError error={f.formError} />
        <TextArea name="body" label={t("cases.message.body")} required rows={2} defaultValue={f.values.body} error={f.errors.body} />
        <SubmitButton>{t("cases.message.send")}</SubmitButton>
      </Form>
    </Card>
  );
}

export function CaseDocuments({ d }: { d: CaseView }) {
  const t = useT();
  const locale = useLocale();
  const f = useFormState("document");
  return (
    <Card title={t("cases.section.documents")}>
      <div id="documents">
        {d.documents.length === 0 ? <p className="mb-3">{t("cases.documents.none")}</p> : (
          <ul className="mb-3" data-testid="documents">
            {d.documents.map((x) => (
              <li key={x.id} className="mb-1">
                <a href={`/cases/${d.case.id}/documents/${x.id}`} className="underline" dir="auto">{x.name}</a>
                <span className="ms-2 text-sm text-slate-600">{t("cases.documents.by", { name: x.uploadedBy, date: formatDate(locale, x.createdAt) })}</span>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" encType="multipart/form-data" noValidate className="rounded-md bg-slate-50 p-3">
          <FormError error={f.errors._form ?? null} />
          <FileField name="file" multiple required label={t("cases.documents.file")} hint={t("cases.documents.hint", { n: d.maxFiles })} error={f.errors.file} maxMb={d.maxMb} />
          <SubmitButton>{t("cases.documents.add")}</SubmitButton>
        </Form>
      </div>
    </Card>
  );
}

export function CaseReferrals({ d }: { d: CaseView }) {
  const t = useT();
  const locale = useLocale();
  const f = useFormState("referral");
  return (
    <Card title={t("cases.section.referrals")}>
      <ul className="mb-3">
        {d.referrals.map((x) => <li key={x.id}>{placeName(locale, x)}{x.note ? ` · ${x.note}` : ""} · {formatDate(locale, x.created_at)}</li>)}
      </ul>
      {d.mayWork && (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="referral" />
          <FormError error={f.formError} />
          <SelectField name="agency" label={t("cases.referral.agency")} required defaultValue={f.values.agency} error={f.errors.agency} options={d.agencies.map((a) => ({ value: a.code, label: placeName(locale, a) }))} />
          <TextField name="note" label={t("cases.referral.note")} defaultValue={f.values.note} error={f.errors.note} />
          <SubmitButton>{t("cases.referral.add")}</SubmitButton>
        </Form>
      )}
    </Card>
  );
}

export function CaseOutcome({ d }: { d: CaseView }) {
  const t = useT();
  const locale = useLocale();
  const c = d.case;
  const f = useFormState("outcome");
  const v = f.values;
  const e = f.errors;
  const retained = t(c.kind === "business_emergency" ? "cases.outcome.jobsSaved" : "cases.outcome.jobsRetained");
  return (
    <Card title={t("cases.section.outcome")}>
      {c.employees_now != null && (
        <dl className="mb-3 grid grid-cols-2 gap-2" data-testid="outcome">
          <dt>{t("cases.field.baselineAtStart")}</dt><dd>{formatNumber(locale, c.baseline_employees)}</dd>
          <dt>{t("cases.outcome.employeesNow")}</dt><dd>{formatNumber(locale, c.employees_now)}</dd>
          <dt>{t("cases.outcome.jobsCreated")}</dt><dd>{formatNumber(locale, c.jobs_created)}</dd>
          <dt>{retained}</dt><dd>{formatNumber(locale, c.jobs_retained)}</dd>
          <dt>{t("cases.outcome.revenue")}</dt><dd>{formatNumber(locale, Number(c.revenue_rials ?? 0))}</dd>
          <dt>{t("cases.outcome.funding")}</dt><dd>{formatNumber(locale, Number(c.funding_rials ?? 0))}</dd>
        </dl>
      )}
      {c.employment_report_id && d.reports[c.employment_report_id] && (
        <p className="mb-3"><CaseReportLink report={d.reports[c.employment_report_id]} testId="outcome-report" /></p>
      )}
      {d.followUps.length > 0 && (
        <ul className="mb-3">
          {d.followUps.map((x) => (
            <li key={x.id}>
              {t("cases.followUp.due", { m: formatNumber(locale, x.months), date: formatDate(locale, String(x.due_on).slice(0, 10)) })}
              {x.done_at ? <> · {t("cases.followUp.done")} ({formatNumber(locale, x.employees_now)}){x.employment_report_id && d.reports[x.employment_report_id] && <> · <CaseReportLink report={d.reports[x.employment_report_id]} /></>}</> : d.mayFollowUp ? <> · <Link className="underline" to={`/cases/followups#f${x.id}`}>{t("cases.followUp.record")}</Link></> : null}
            </li>
          ))}
        </ul>
      )}
      {d.mayClose.length > 0 && (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="outcome" />
          <input type="hidden" name="version" value={c.version} />
          <FormError error={f.formError} />
          <TextField name="baselineEmployees" label={t("cases.field.baselineAtStart")} hint={t("cases.baseline.hint")} inputMode="numeric" required defaultValue={v.baselineEmployees ?? localDigits(locale, String(c.baseline_employees))} error={e.baselineEmployees} />
          <TextField name="employeesNow" label={t("cases.outcome.employeesNow")} inputMode="numeric" required defaultValue={v.employeesNow} error={e.employeesNow} />
          <TextField name="jobsCreated" label={t("cases.outcome.jobsCreated")} inputMode="numeric" required defaultValue={v.jobsCreated} error={e.jobsCreated} />
          <TextField name="jobsRetained" label={retained} inputMode="numeric" required defaultValue={v.jobsRetained ?? "0"} error={e.jobsRetained} />
          <TextField name="revenueRials" label={t("cases.outcome.revenue")} inputMode="numeric" defaultValue={v.revenueRials} error={e.revenueRials} />
          <TextField name="fundingRials" label={t("cases.outcome.funding")} inputMode="numeric" defaultValue={v.fundingRials} error={e.fundingRials} />
          <TextField name="registrationNo" label={t("cases.field.registrationNo")} dir="ltr" defaultValue={v.registrationNo ?? localDigits(locale, c.registration_no)} error={e.registrationNo} />
          <TextArea name="note" label={t("cases.field.note")} rows={2} defaultValue={v.note} error={e.note} />
          <div className="flex flex-wrap gap-2">
            {d.mayClose.map((a) => <SubmitButton key={a} name="action" value={a} variant={a === "close" ? "secondary" : "primary"}>{t(`cases.action.${a}`)}</SubmitButton>)}
          </div>
        </Form>
      )}
    </Card>
  );
}
