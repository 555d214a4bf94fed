import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames, requireCan } from "~/modules/employment/service.server";
import { createEnterprise } from "~/modules/employment/enterprises.server";
import { enterpriseSchema } from "~/modules/employment/schema";
import { EnterpriseFields } from "~/modules/employment/components/EnterpriseFields";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  // The form is for those who may submit it: 403 on GET as on POST (issue 10 item 6).
  await requireCan(actor, "create");
  return { names: await referenceNames() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "create");
  return formAction(await readForm(request), enterpriseSchema, async (v) => {
    const id = await createEnterprise(actor, v);
    return redirectWithFlash(`/employment/enterprises/${id}`, "employment.enterprise.created");
  });
}

export default function NewEnterprise() {
  const t = useT();
  const { names } = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-xl">
      <PageTitle>{t("employment.enterprises.new")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <EnterpriseFields v={f.values} e={f.errors} names={names} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
