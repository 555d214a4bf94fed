import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { requireCompanyRegistrar, saveCompany } from "~/modules/partnerships/profiles.server";
import { companySchema } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { CompanyFields } from "~/modules/partnerships/components/forms";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Staff register a knowledge-based company (its unit, its ledger enterprise, its profile); an admin
// then gives its representatives the company_rep role in it.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCompanyRegistrar(actor);
  return { labels: await referenceLabels(await getLocale(request)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCompanyRegistrar(actor);
  return formAction(await readForm(request), companySchema, async (v) => {
    const id = await saveCompany(actor, null, v);
    return redirectWithFlash(`/partnerships/companies/${id}`, "partnerships.flash.profileSaved");
  });
}

export default function NewCompany() {
  const t = useT();
  const { labels } = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("partnerships.company.new")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <CompanyFields v={f.values} lists={{ domains: f.all("domains"), sectorsServed: f.all("sectorsServed") }} e={f.errors} labels={labels} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
