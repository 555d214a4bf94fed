import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { idOrNotFound } from "~/lib/http";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { addSession, sessionForm } from "~/modules/seekers/counselling.server";
import { PATHS, SESSION_MODES } from "~/modules/seekers/rules";
import { sessionSchema } from "~/modules/seekers/schema";
import { DateField, FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return sessionForm(actor, idOrNotFound(params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await sessionForm(actor, id); // 403 before the form is read
  return formAction(await readForm(request), sessionSchema, async (v) => {
    await addSession(actor, id, v);
    return redirectWithFlash(`/seekers/${id}`, v.outcome ? "seekers.session.savedWithPath" : "seekers.session.saved");
  });
}

export default function NewSession() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.values;
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("seekers.session.title", { name: d.name })}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <div className="grid gap-x-4 sm:grid-cols-3">
            <DateField name="heldOn" label={t("seekers.session.heldOn")} required typed={f.failed ? v.heldOn : undefined} iso={f.failed ? undefined : d.today} error={f.errors.heldOn} />
            <TextField name="minutes" label={t("seekers.session.minutes")} required defaultValue={v.minutes ?? "45"} error={f.errors.minutes} inputMode="numeric" />
            <SelectField name="mode" label={t("seekers.session.mode")} required defaultValue={v.mode ?? "in_person"} error={f.errors.mode}
              options={SESSION_MODES.map((m) => ({ value: m, label: t(`seekers.mode.${m}`) }))} />
          </div>
          <TextArea name="notes" label={t("seekers.session.notes")} hint={t("seekers.hint.notes")} defaultValue={v.notes} error={f.errors.notes} rows={4} maxLength={4000} />
          <TextArea name="nextSteps" label={t("seekers.session.nextSteps")} defaultValue={v.nextSteps} error={f.errors.nextSteps} rows={2} maxLength={1000} />
          <DateField name="nextStepDue" label={t("seekers.session.nextStepDue")} typed={v.nextStepDue} error={f.errors.nextStepDue} />
          <SelectField name="outcome" label={t("seekers.session.outcome")} hint={t("seekers.hint.outcome")} defaultValue={v.outcome} error={f.errors.outcome}
            placeholder={t("seekers.session.noOutcome")} options={PATHS.map((p) => ({ value: p, label: t(`seekers.path.${p}`) }))} />
          <SubmitButton>{t("seekers.session.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
