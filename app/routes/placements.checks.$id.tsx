import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { checkPage, recordCheck, requireChecker } from "~/modules/seekers/placements.server";
import { CHECK_METHODS, CHECK_RESULTS } from "~/modules/seekers/rules";
import { checkSchema } from "~/modules/seekers/schema";
import { FormError, SelectField, TextArea } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return checkPage(actor, idOrNotFound(params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireChecker(actor, id); // 403 before the form is read
  const form = await readForm(request);
  form.set("checkId", String(id));
  return formAction(form, checkSchema, async (v) => {
    await recordCheck(actor, v);
    return redirectWithFlash("/home", "seekers.check.saved");
  });
}

export default function RetentionCheck() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const c = d.check;
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("seekers.check.title", { months: formatNumber(locale, c.months), name: c.full_name })}</PageTitle>
      <Card>
        <p className="mb-2">
          <Link className="underline" to={`/seekers/${c.seeker_id}`}>{c.full_name}</Link> · {c.title} · {locale === "fa" ? c.employer_fa : c.employer_en || c.employer_fa}
        </p>
        <p className="mb-2">{t("seekers.check.started", { date: formatDate(locale, c.started_on) })} · {t("seekers.check.due", { date: formatDate(locale, c.due_on) })}</p>
        <p className="mb-4" data-testid="retention-status">{t(`seekers.retention.${d.status}`)}</p>
        {c.result ? (
          <p data-testid="check-result">{t("seekers.check.recorded", { result: t(`seekers.checkResult.${c.result}`), method: t(`seekers.checkMethod.${c.method}`) })}</p>
        ) : !d.due ? <p>{t("error.seekers.checkNotDue")}</p> : (
          <Form method="post" noValidate>
            <FormError error={f.formError} />
            <SelectField name="result" label={t("seekers.check.result")} required defaultValue={f.values.result} error={f.errors.result}
              options={CHECK_RESULTS.map((r) => ({ value: r, label: t(`seekers.checkResult.${r}`) }))} />
            <SelectField name="method" label={t("seekers.check.method")} required defaultValue={f.values.method} error={f.errors.method}
              options={CHECK_METHODS.map((r) => ({ value: r, label: t(`seekers.checkMethod.${r}`) }))} />
            <TextArea name="note" label={t("seekers.check.note")} defaultValue={f.values.note} error={f.errors.note} rows={2} maxLength={1000} />
            <SubmitButton>{t("seekers.check.save")}</SubmitButton>
          </Form>
        )}
      </Card>
    </div>
  );
}
