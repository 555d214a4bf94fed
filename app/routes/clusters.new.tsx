import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { clusterSchema } from "~/modules/clusters/schema";
import { createCluster, unitChoices } from "~/modules/clusters/service.server";
import { CheckboxGroup, FormError, SelectField, TextField } from "~/ui/Field";
import { referenceOptions } from "~/modules/reference/service.server";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// A new cluster, in the cluster unit of the agent (staff choose the unit).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const locale = await getLocale(request);
  const [units, counties, sectors] = await Promise.all([unitChoices(actor), referenceOptions("counties", locale), referenceOptions("sectors", locale)]);
  return { units, counties, sectors };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await unitChoices(actor); // 403 (and an audit row) before the form is read
  return formAction(await readForm(request), clusterSchema, async (v) => {
    const id = await createCluster(actor, v);
    return redirectWithFlash(`/clusters/${id}`, "cluster.created");
  });
}

export default function NewCluster() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("cluster.new")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <TextField name="name" label={t("cluster.field.name")} required defaultValue={f.values.name} error={f.errors.name} />
          <TextField name="product" label={t("cluster.field.product")} hint={t("cluster.field.productHint")} required defaultValue={f.values.product} error={f.errors.product} />
          <SelectField name="sector" label={t("cluster.field.sector")} required options={d.sectors} defaultValue={f.values.sector} error={f.errors.sector} />
          <CheckboxGroup name="counties" legend={t("cluster.field.counties")} options={d.counties} checked={f.all("counties")} error={f.errors.counties} />
          {d.units.length > 1 && (
            <SelectField name="unit" label={t("cluster.field.unit")} required options={d.units.map((u) => ({ value: String(u.id), label: locale === "fa" ? u.name_fa : u.name_en }))} defaultValue={f.values.unit} error={f.errors.unit} />
          )}
          {d.units.length <= 1 && f.errors.unit && <FormError error={f.errors.unit} />}
          <SubmitButton>{t("cluster.create")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
