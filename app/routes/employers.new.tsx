import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { EnterpriseFields } from "~/modules/employment/components/EnterpriseFields";
import { employerUnitForm, registerEmployerUnit, requireEmployerRegistrar } from "~/modules/seekers/employers.server";
import { employerUnitSchema } from "~/modules/seekers/schema";
import { FormError, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Staff register an employer unit tied to its ledger enterprise (found by registration number or national ID, else created).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return employerUnitForm(actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireEmployerRegistrar(actor); // 403 before the form is read
  return formAction(await readForm(request), employerUnitSchema, async (v) => {
    const id = await registerEmployerUnit(actor, v);
    return redirectWithFlash(`/vacancies/new?employer=${id}`, "seekers.employers.registered");
  });
}

export default function NewEmployer() {
  const t = useT();
  const { names } = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-xl">
      <PageTitle>{t("seekers.employers.new")}</PageTitle>
      <Card>
        <p className="mb-4 text-sm text-slate-700">{t("seekers.employers.intro")}</p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <EnterpriseFields v={f.values} e={f.errors} names={names} />
          <TextField name="nameEn" label={t("seekers.employers.nameEn")} dir="ltr" defaultValue={f.values.nameEn} error={f.errors.nameEn} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
