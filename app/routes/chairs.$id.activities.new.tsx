import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { currentJalaliYear } from "~/i18n/format";
import { parseForm } from "~/lib/forms";
import { idOrNotFound, isHttpError } from "~/lib/http";
import { setFlash } from "~/lib/flash.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { activitySchema, ACTIVITY_KINDS, yearParam } from "~/modules/chairs/schema";
import { addActivity, getChairForEdit, MAX_EVIDENCE_FILES } from "~/modules/chairs/service.server";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb, parseUpload } from "~/modules/files/upload.server";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { readForm } from "~/lib/form-action.server";

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
  const multipart = /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "");
  const upload = multipart ? await parseUpload(request, { field: "evidence", maxFiles: MAX_EVIDENCE_FILES }) : null;
  try {
    const form = upload ? upload.fields : await readForm(request);
    const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
    if (upload?.error) return data({ errors: { evidence: upload.error } as Record<string, string>, values }, { status: 400 });
    const parsed = parseForm(activitySchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    try {
      await addActivity(actor, id, parsed.data, upload?.files ?? []);
    } catch (e) {
      if (isHttpError(e) && e.data.fieldErrors) return data({ errors: e.data.fieldErrors as Record<string, string>, values }, { status: 400 });
      if (isHttpError(e) && e.init?.status === 409) return data({ errors: { _form: e.data.messageKey } as Record<string, string>, values }, { status: 409 });
      throw e;
    }
    return redirect(`/chairs/${id}?year=${parsed.data.year}`, { headers: { "Set-Cookie": await setFlash("chairs.activity.added") } });
  } finally {
    await upload?.dispose();
  }
}

export default function NewActivity() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const e = r?.errors ?? {};
  const v: Record<string, string | undefined> = r?.values ?? { year: String(d.year) };
  return (
    <div className="max-w-xl">
      <PageTitle>{t("chairs.activity.new.title", { title: d.title })}</PageTitle>
      <Card>
        <Form method="post" encType="multipart/form-data" noValidate>
          {e._form ? <FormError error={e._form} /> : Object.keys(e).length > 0 && <FormError error="error.form" />}
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
