import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { currentJalaliYear } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { activitySchema, ACTIVITY_KINDS, yearParam } from "~/modules/chairs/schema";
import { addActivity, getChairForEdit, MAX_EVIDENCE_FILES } from "~/modules/chairs/service.server";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb, withUploadForm } from "~/modules/files/upload.server";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const chair = await getChairForEdit(actor, id);
  return { id, title: chair.title, year: yearParam(new URL(request.url), currentJalaliYear()), maxMb: maxUploadMb(), maxFiles: MAX_EVIDENCE_FILES };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await getChairForEdit(actor, id); // 403 (and audit) before reading the form
  // Evidence files stream to temporary files while the form is read (multipart); a plain
  // urlencoded post (no files) is accepted too.
  return withUploadForm(request, { field: "evidence", maxFiles: MAX_EVIDENCE_FILES }, (form, files) =>
    formAction(form, activitySchema, async (v) => {
      await addActivity(actor, id, v, files);
      return redirectWithFlash(`/chairs/${id}?year=${v.year}`, "chairs.activity.added");
    }, { fields: ["evidence"] }));
}

export default function NewActivity() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  const v: Record<string, string | undefined> = f.failed ? f.values : { year: String(d.year) };
  return (
    <div className="max-w-xl">
      <PageTitle>{t("chairs.activity.new.title", { title: d.title })}</PageTitle>
      <Card>
        <Form method="post" encType="multipart/form-data" noValidate>
          <FormError error={f.formError} />
          <TextField name="year" label={t("chairs.activity.year")} inputMode="numeric" dir="ltr" required defaultValue={v.year} error={e.year} />
          <SelectField name="kind" label={t("chairs.activity.kind")} required defaultValue={v.kind} error={e.kind}
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`chairs.kind.${k}`) }))} />
          <TextField name="title" label={t("chairs.activity.title")} required defaultValue={v.title} error={e.title} maxLength={200} />
          <TextField name="heldOn" label={t("chairs.activity.heldOn")} dir="ltr" required hint={t("chairs.hint.date")} defaultValue={v.heldOn} error={e.heldOn} />
          <TextField name="hours" label={t("chairs.activity.hours")} inputMode="numeric" dir="ltr" required defaultValue={v.hours} error={e.hours} />
          <TextField name="participants" label={t("chairs.activity.participants")} inputMode="numeric" dir="ltr" required defaultValue={v.participants} error={e.participants} />
          <TextField name="women" label={t("chairs.activity.women")} inputMode="numeric" dir="ltr" defaultValue={v.women} error={e.women} />
          <TextField name="partners" label={t("chairs.activity.partners")} defaultValue={v.partners} error={e.partners} maxLength={500} />
          <FileField name="evidence" label={t("chairs.activity.evidence")} multiple maxMb={d.maxMb} error={e.evidence}
            hint={t("chairs.activity.evidenceHint", { n: d.maxFiles })} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
