import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { setFlash } from "~/lib/flash.server";
import { placeErrors, readForm } from "~/lib/form-action.server";
import { parseForm } from "~/lib/forms";
import { isHttpError } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { openCaseSchema } from "~/modules/cases/schema";
import { assertCaseManager, caseFormChoices, openCase } from "~/modules/cases/service.server";
import { FormError, SelectField, TextArea, TextField } from "~/ui/Field";
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
  const form = await readForm(request);
  const parsed = parseForm(openCaseSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    const { id } = await openCase(actor, parsed.data);
    return redirect(`/cases/${id}`, { headers: { "Set-Cookie": await setFlash("cases.opened") } });
  } catch (e) {
    if (isHttpError(e) && (e.data.fieldErrors || e.init?.status === 409)) {
      const shown = new Set(["kind", "ideaId", "entrepreneurEmail", "firmName", "registrationNo", "centreId", "county", "sector", "baselineEmployees", "description"]);
      return data({ errors: e.data.fieldErrors ? placeErrors(shown, e.data.fieldErrors, e.data.messageKey) : { ideaId: e.data.messageKey }, values: Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string> }, { status: e.init?.status ?? 400 });
    }
    throw e;
  }
}

export default function OpenCase() {
  const t = useT();
  const locale = useLocale();
  const { choices } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const r = useActionData<typeof action>();
  const e: Record<string, string> = r?.errors ?? {};
  const v: Record<string, string> = r?.values ?? { ideaId: params.get("idea") ?? "", kind: params.get("kind") ?? "acceleration" };
  const name = (x: { name_fa: string; name_en: string }) => (locale === "fa" ? x.name_fa : x.name_en);
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("cases.open.title")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={e._form ?? (Object.keys(e).length ? "error.form" : null)} />
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
