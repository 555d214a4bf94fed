import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { requirePermission, requireUser } from "~/modules/accounts/actor.server";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb, withUploadForm } from "~/modules/files/upload.server";
import { emergencySchema } from "~/modules/cases/schema";
import { caseFormChoices, emergencySlaHours, fileEmergency } from "~/modules/cases/service.server";
import { MAX_CASE_DOCUMENTS } from "~/modules/cases/documents.server";
import { PROBLEM_AREAS, URGENCIES } from "~/modules/cases/workflow";
import { FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { formAction, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await requirePermission(actor, "create:case", { ownerId: actor.user.id, entity: "case" });
  return { choices: await caseFormChoices(), hours: await emergencySlaHours(), key: crypto.randomUUID(), maxMb: maxUploadMb(), maxFiles: MAX_CASE_DOCUMENTS };
}

/** The fields the intake form shows; a service error on any other goes on the form (issue 11 item 2). */
const EMERGENCY_FIELDS = ["firmName", "registrationNo", "county", "sector", "baselineEmployees", "problemAreas", "description", "urgency", "documents"];

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requirePermission(actor, "create:case", { ownerId: actor.user.id, entity: "case" });
  // With documents the form is multipart: files stream to temporary files (size-capped) and are
  // checked by the FileStore inside fileEmergency; without JS or files it may be urlencoded.
  return withUploadForm(request, { field: "documents", maxFiles: MAX_CASE_DOCUMENTS }, (form, documents) =>
    formAction(form, emergencySchema, async (v) => {
      const { id } = await fileEmergency(actor, v, documents);
      return redirectWithFlash(`/cases/${id}`, "cases.emergency.filed");
    }, { visible: EMERGENCY_FIELDS }));
}

export default function Emergency() {
  const t = useT();
  const locale = useLocale();
  const { choices, hours, key, maxMb, maxFiles } = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  const v = f.values;
  const areas = new Set(f.all("problemAreas"));
  const name = (x: { name_fa: string; name_en: string }) => (locale === "fa" ? x.name_fa : x.name_en);
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("cases.emergency.title")}</PageTitle>
      <p className="mb-4">{t("cases.emergency.intro", { hours })}</p>
      <Card>
        <Form method="post" encType="multipart/form-data" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="idempotencyKey" value={v.idempotencyKey ?? key} />
          <TextField name="firmName" label={t("cases.field.firmName")} required defaultValue={v.firmName} error={e.firmName} />
          <TextField name="registrationNo" label={t("cases.field.registrationNo")} dir="ltr" inputMode="numeric" required defaultValue={v.registrationNo} error={e.registrationNo} />
          <SelectField name="county" label={t("cases.field.county")} required defaultValue={v.county} error={e.county} options={choices.counties.map((c) => ({ value: c.code, label: name(c) }))} />
          <SelectField name="sector" label={t("cases.field.sector")} required defaultValue={v.sector} error={e.sector} options={choices.sectors.map((c) => ({ value: c.code, label: name(c) }))} />
          <TextField name="baselineEmployees" label={t("cases.field.baselineEmployees")} inputMode="numeric" required defaultValue={v.baselineEmployees} error={e.baselineEmployees} />
          <fieldset className="mb-4" aria-describedby={e.problemAreas ? "problemAreas-error" : undefined}>
            <legend className="mb-1 font-medium text-slate-800">{t("cases.field.problemAreas")}</legend>
            <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
              {PROBLEM_AREAS.map((a) => (
                <label key={a} className="flex items-center gap-2">
                  <input type="checkbox" name="problemAreas" value={a} defaultChecked={areas.has(a)} />
                  <span>{t(`cases.area.${a}`)}</span>
                </label>
              ))}
            </div>
            {e.problemAreas && <p id="problemAreas-error" role="alert" className="mt-1 text-sm font-medium text-red-700">{t(e.problemAreas)}</p>}
          </fieldset>
          <TextArea name="description" label={t("cases.field.description")} required rows={5} defaultValue={v.description} error={e.description} />
          <SelectField name="urgency" label={t("cases.field.urgency")} required defaultValue={v.urgency ?? "high"} error={e.urgency} options={URGENCIES.map((u) => ({ value: u, label: t(`cases.urgency.${u}`) }))} />
          <FileField name="documents" multiple label={t("cases.documents.intake")} hint={t("cases.documents.intakeHint", { n: maxFiles })} error={e.documents} maxMb={maxMb} />
          <SubmitButton>{t("cases.emergency.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
