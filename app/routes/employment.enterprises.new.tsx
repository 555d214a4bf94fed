import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { setFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { isHttpError } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames, requireDashboardReader, requireCan } from "~/modules/employment/service.server";
import { createEnterprise } from "~/modules/employment/enterprises.server";
import { enterpriseSchema } from "~/modules/employment/schema";
import { EnterpriseFields } from "~/modules/employment/components/EnterpriseFields";
import { FormError } from "~/ui/Field";
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
  const { names } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const e: Record<string, string> = r?.errors ?? {};
  const v: Record<string, string> = (r?.values as Record<string, string>) ?? {};
  return (
    <div className="max-w-xl">
      <PageTitle>{t("employment.enterprises.new")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          {Object.keys(e).length > 0 && <FormError error="error.form" />}
          <EnterpriseFields v={v} e={e} names={names} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
