import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames } from "~/modules/employment/service.server";
import { getEnterpriseForEdit, updateEnterprise } from "~/modules/employment/enterprises.server";
import { enterpriseSchema } from "~/modules/employment/schema";
import { EnterpriseFields } from "~/modules/employment/components/EnterpriseFields";
import { FormError } from "~/ui/Field";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

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
  return formAction(form, enterpriseSchema, async (v) => {
    await updateEnterprise(actor, id, Number(form.get("version")) || 0, v);
    return redirectWithFlash(`/employment/enterprises/${id}`, "employment.enterprise.updated");
  });
}

export default function EditEnterprise() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  const v = f.failed ? f.values : d.values;
  return (
    <div className="max-w-xl">
      <PageTitle>{t("employment.enterprise.editTitle", { name: d.name })}</PageTitle>
      <p className="mb-4"><Link to={`/employment/enterprises/${d.id}`}>{d.name}</Link></p>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="version" value={d.values.version} />
          <EnterpriseFields v={v} e={e} names={d.names} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
