import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { openCaseSchema } from "~/modules/cases/schema";
import { assertCaseManager, caseFormChoices, openCase } from "~/modules/cases/service.server";
import { FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await assertCaseManager(actor);
  return { choices: await caseFormChoices() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await assertCaseManager(actor);
  return formAction(await readForm(request), openCaseSchema, async (v) => {
    const { id } = await openCase(actor, v);
    return redirectWithFlash(`/cases/${id}`, "cases.opened");
  });
}

export default function OpenCase() {
  const t = useT();
  const locale = useLocale();
  const { choices } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const f = useFormState();
  const e = f.errors;
  const v: Record<string, string> = f.failed ? f.values : { ideaId: params.get("idea") ?? "", kind: params.get("kind") ?? "acceleration" };
  const name = (x: { name_fa: string; name_en: string }) => (locale === "fa" ? x.name_fa : x.name_en);
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("cases.open.title")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <SelectField name="kind" label={t("cases.field.kind")} required defaultValue={v.kind} error={e.kind}
            options={(["acceleration", "consulting"] as const).map((k) => ({ value: k, label: t(`cases.kind.${k}`) }))} />
          <TextField name="ideaId" label={t("cases.open.fromIdea")} hint={t("cases.open.fromIdeaHint")} inputMode="numeric" dir="ltr" defaultValue={v.ideaId} error={e.ideaId} />
          <TextField name="entrepreneurEmail" type="email" dir="ltr" label={t("cases.open.entrepreneurEmail")} defaultValue={v.entrepreneurEmail} error={e.entrepreneurEmail} />
          <TextField name="firmName" label={t("cases.field.firmName")} defaultValue={v.firmName} error={e.firmName} />
          <TextField name="registrationNo" label={t("cases.field.registrationNo")} dir="ltr" defaultValue={v.registrationNo} error={e.registrationNo} />
          <SelectField name="centreId" label={t("cases.field.centre")} defaultValue={v.centreId} error={e.centreId}
            options={choices.centres.map((c) => ({ value: String(c.id), label: name(c) }))} />
          <SelectField name="county" label={t("cases.field.county")} defaultValue={v.county} error={e.county} options={choices.counties.map((c) => ({ value: c.code, label: name(c) }))} />
          <SelectField name="sector" label={t("cases.field.sector")} defaultValue={v.sector} error={e.sector} options={choices.sectors.map((c) => ({ value: c.code, label: name(c) }))} />
          <TextField name="baselineEmployees" label={t("cases.field.baselineEmployees")} inputMode="numeric" defaultValue={v.baselineEmployees ?? "0"} error={e.baselineEmployees} />
          <TextArea name="description" label={t("cases.field.description")} defaultValue={v.description} error={e.description} />
          <SubmitButton>{t("cases.open.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
