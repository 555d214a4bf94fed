import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { firmFormPage } from "~/modules/clusters/page.server";
import { FIRM_KINDS, firmSchema } from "~/modules/clusters/schema";
import { addFirm, requireManager } from "~/modules/clusters/service.server";
import { DateField, FormError, SelectField, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Adding a member firm to a cluster (found in the ledger by registration number or national ID, created
// when unknown); reached from the cluster page (decision 0051).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return firmFormPage(actor, idOrNotFound(params.id), await getLocale(request));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireManager(actor, id); // 404/403 before the form is read
  return formAction(await readForm(request), firmSchema, async (v) => {
    await addFirm(actor, id, v);
    return redirectWithFlash(`/clusters/${id}`, "cluster.firmAdded");
  });
}

export default function AddFirm() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <p className="mb-2"><Link to={`/clusters/${d.cluster.id}`}>{d.cluster.name}</Link></p>
      <PageTitle>{t("cluster.firm.add")}</PageTitle>
      <Card>
        <Form method="post" noValidate data-testid="cluster-firm-form">
          <FormError error={f.formError} />
          <p className="mb-3 text-sm text-slate-700">{t("cluster.firm.hint")}</p>
          <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
            <TextField name="registrationNo" label={t("cluster.firm.registrationNo")} dir="ltr" defaultValue={f.values.registrationNo} error={f.errors.registrationNo} />
            <TextField name="nationalId" label={t("cluster.firm.nationalId")} dir="ltr" inputMode="numeric" defaultValue={f.values.nationalId} error={f.errors.nationalId} />
            <TextField name="name" label={t("cluster.firm.name")} required defaultValue={f.values.name} error={f.errors.name} />
            <SelectField name="kind" label={t("cluster.firm.kind")} required options={FIRM_KINDS.map((k) => ({ value: k, label: t(`cluster.firmKind.${k}`) }))} defaultValue={f.values.kind ?? "company"} error={f.errors.kind} />
            <SelectField name="county" label={t("cluster.field.county")} required options={d.counties} defaultValue={f.values.county ?? d.cluster.county ?? undefined} error={f.errors.county} />
            <SelectField name="sector" label={t("cluster.field.sector")} required options={d.sectors} defaultValue={f.values.sector ?? d.cluster.sector} error={f.errors.sector} />
            <DateField name="joinedOn" label={t("cluster.firm.joinedOn")} required typed={f.values.joinedOn} error={f.errors.joinedOn} />
          </div>
          <SubmitButton>{t("cluster.firm.addSubmit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
