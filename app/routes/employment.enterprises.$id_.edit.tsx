import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { setFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { isHttpError, idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames } from "~/modules/employment/service.server";
import { getEnterpriseForEdit, updateEnterprise } from "~/modules/employment/enterprises.server";
import { enterpriseSchema } from "~/modules/employment/schema";
import { EnterpriseFields } from "~/modules/employment/components/EnterpriseFields";
import { FormError } from "~/ui/Field";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { readForm } from "~/lib/form-action.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const [e, names] = await Promise.all([getEnterpriseForEdit(actor, idOrNotFound(params.id)), referenceNames()]);
  if (e.merged_into != null) throw redirect(`/employment/enterprises/${e.id}`);
  return {
    id: e.id,
    name: e.name,
    names,
    values: {
      name: e.name, registrationNo: e.registration_no ?? "", nationalId: e.national_id ?? "", kind: e.kind, county: e.county_code,
      sector: e.sector_code, agency: e.agency_code ?? "", sizeClass: e.size_class, baselineHeadcount: String(e.baseline_headcount), version: String(e.version),
    } as Record<string, string>,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await getEnterpriseForEdit(actor, id); // 403 (and audit) before reading the form
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) as Record<string, string>;
  const parsed = parseForm(enterpriseSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  try {
    await updateEnterprise(actor, id, Number(form.get("version")) || 0, parsed.data);
  } catch (e) {
    if (isHttpError(e) && e.data.fieldErrors) return data({ errors: e.data.fieldErrors as Record<string, string>, values }, { status: 400 });
    if (isHttpError(e) && e.init?.status === 409) return data({ errors: { _form: e.data.messageKey } as Record<string, string>, values }, { status: 409 });
    throw e;
  }
  return redirect(`/employment/enterprises/${id}`, { headers: { "Set-Cookie": await setFlash("employment.enterprise.updated") } });
}

export default function EditEnterprise() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const e: Record<string, string> = r?.errors ?? {};
  const v = r?.values ?? d.values;
  return (
    <div className="max-w-xl">
      <PageTitle>{t("employment.enterprise.editTitle", { name: d.name })}</PageTitle>
      <p className="mb-4"><Link to={`/employment/enterprises/${d.id}`}>{d.name}</Link></p>
      <Card>
        <Form method="post" noValidate>
          {e._form ? <FormError error={e._form} /> : Object.keys(e).length > 0 && <FormError error="error.form" />}
          <input type="hidden" name="version" value={d.values.version} />
          <EnterpriseFields v={v} e={e} names={d.names} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
