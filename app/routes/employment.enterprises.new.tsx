import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { setFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { isHttpError } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { createEnterprise, referenceNames, requireDashboardReader, requireCan } from "~/modules/employment/service.server";
import { ENTERPRISE_KINDS, SIZE_CLASSES, enterpriseSchema } from "~/modules/employment/schema";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireDashboardReader(actor);
  return { names: await referenceNames() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "create");
  const parsed = parseForm(enterpriseSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    const id = await createEnterprise(actor, parsed.data);
    return redirect(`/employment/enterprises/${id}`, { headers: { "Set-Cookie": await setFlash("employment.enterprise.created") } });
  } catch (e) {
    if (isHttpError(e) && e.data.fieldErrors) return data({ errors: e.data.fieldErrors, values: parsed.data as unknown as Record<string, string> }, { status: 400 });
    throw e;
  }
}

export default function NewEnterprise() {
  const t = useT();
  const locale = useLocale();
  const { names } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const e: Record<string, string> = r?.errors ?? {};
  const v: Record<string, string> = (r?.values as Record<string, string>) ?? {};
  const opts = (list: { code: string; fa: string; en: string }[]) => list.map((n) => ({ value: n.code, label: locale === "fa" ? n.fa : n.en }));
  return (
    <div className="max-w-xl">
      <PageTitle>{t("employment.enterprises.new")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          {Object.keys(e).length > 0 && <FormError error="error.form" />}
          <TextField name="name" label={t("employment.enterprise.name")} required defaultValue={v.name} error={e.name} />
          <TextField name="registrationNo" label={t("employment.enterprise.registrationNo")} hint={t("employment.enterprise.identityHint")} dir="ltr" defaultValue={v.registrationNo} error={e.registrationNo} />
          <TextField name="nationalId" label={t("employment.enterprise.nationalId")} dir="ltr" inputMode="numeric" defaultValue={v.nationalId} error={e.nationalId} />
          <SelectField name="kind" label={t("employment.enterprise.kind")} required defaultValue={v.kind} error={e.kind} options={ENTERPRISE_KINDS.map((k) => ({ value: k, label: t(`employment.kind.${k}`) }))} />
          <SelectField name="county" label={t("employment.filter.county")} required defaultValue={v.county} error={e.county} options={opts(names.county)} />
          <SelectField name="sector" label={t("employment.enterprise.sector")} required defaultValue={v.sector} error={e.sector} options={opts(names.sector)} />
          <SelectField name="agency" label={t("employment.filter.agency")} defaultValue={v.agency} error={e.agency} options={opts(names.agency)} />
          <SelectField name="sizeClass" label={t("employment.enterprise.sizeClass")} required defaultValue={v.sizeClass} error={e.sizeClass} options={SIZE_CLASSES.map((k) => ({ value: k, label: t(`employment.size.${k}`) }))} />
          <TextField name="baselineHeadcount" label={t("employment.enterprise.baseline")} inputMode="numeric" dir="ltr" defaultValue={v.baselineHeadcount} error={e.baselineHeadcount} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
