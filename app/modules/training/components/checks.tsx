import { Form, Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { CHECK_METHODS, CHECK_OUTCOMES } from "../rules";

// The 3- and 6-month employment checks of a pass: what was found, or a form to record it.

interface Check { id: number; months: number; due_on: string; outcome: string | null; wage: number | null; method: string | null; note: string; checked_on: string | null; version: number }

export function CheckForms({ checks, canCheck }: { checks: Check[]; canCheck: boolean }) {
  const t = useT();
  const locale = useLocale();
  const f = useFormState("check");
  const mine = (id: number) => f.failed && f.values.check === String(id);
  return (
    <Card title={t("training.checks.title")}>
      {checks.map((c) => (
        <section key={c.id} className="mb-4 border-b border-slate-200 pb-4" aria-labelledby={`check-${c.id}`} data-testid={`check-${c.months}`}>
          <h3 id={`check-${c.id}`} className="font-semibold">{t("training.checks.round", { months: formatNumber(locale, c.months), due: formatDate(locale, c.due_on) })}</h3>
          {c.outcome && (
            <p data-testid={`check-${c.months}-outcome`}>
              {t(`training.outcome.${c.outcome}`)}
              {c.wage ? ` · ${t("training.checks.wageValue", { wage: formatNumber(locale, Number(c.wage)) })}` : ""}
              {c.method ? ` · ${t(`training.method.${c.method}`)}` : ""}
              {c.checked_on ? ` · ${formatDate(locale, c.checked_on)}` : ""}
            </p>
          )}
          {canCheck && (
            <Form method="post" noValidate className="mt-2">
              <input type="hidden" name="intent" value="check" />
              <input type="hidden" name="check" value={c.id} />
              <input type="hidden" name="version" value={c.version} />
              {mine(c.id) && <FormError error={f.formError} />}
              <div className="grid gap-3 sm:grid-cols-2">
                <SelectField name="outcome" label={t("training.checks.outcome")} required options={CHECK_OUTCOMES.map((o) => ({ value: o, label: t(`training.outcome.${o}`) }))} defaultValue={mine(c.id) ? f.values.outcome : c.outcome} error={mine(c.id) ? f.errors.outcome : undefined} />
                <SelectField name="method" label={t("training.checks.method")} required options={CHECK_METHODS.map((o) => ({ value: o, label: t(`training.method.${o}`) }))} defaultValue={mine(c.id) ? f.values.method : c.method} error={mine(c.id) ? f.errors.method : undefined} />
                <TextField name="wage" label={t("training.checks.wage")} inputMode="numeric" defaultValue={mine(c.id) ? f.values.wage : c.wage ?? ""} error={mine(c.id) ? f.errors.wage : undefined} />
                <TextField name="note" label={t("training.checks.note")} defaultValue={mine(c.id) ? f.values.note : c.note} error={mine(c.id) ? f.errors.note : undefined} />
              </div>
              <SubmitButton>{t(c.outcome ? "training.checks.update" : "training.checks.save")}</SubmitButton>
            </Form>
          )}
        </section>
      ))}
    </Card>
  );
}

/** The provider's home: employment checks due within two weeks, not yet recorded. */
export function TrainingHome({ data }: { data: { due: { id: number; months: number; due_on: string; enrolment_id: number; full_name: string; title: string }[] } | null }) {
  const t = useT();
  const locale = useLocale();
  if (!data) return null;
  return (
    <Card title={t("training.home.checksDue")}>
      {data.due.length === 0 ? <p>{t("training.home.noChecksDue")}</p> : (
        <ul className="list-disc ps-5" data-testid="checks-due">
          {data.due.map((c) => (
            <li key={c.id}>
              <Link className="text-brand-700 underline" to={`/training/enrolments/${c.enrolment_id}`}>{c.full_name}</Link>
              {" · "}{c.title}{" · "}{t("training.checks.round", { months: formatNumber(locale, c.months), due: formatDate(locale, c.due_on) })}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
