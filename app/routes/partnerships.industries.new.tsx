import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { requireIndustryRegistrar, saveIndustry } from "~/modules/partnerships/profiles.server";
import { industrySchema } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { IndustryFields } from "~/modules/partnerships/components/forms";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Staff register an industrial enterprise; an admin then gives its representatives the industry_rep role in it.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireIndustryRegistrar(actor);
  return { labels: await referenceLabels(await getLocale(request)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireIndustryRegistrar(actor);
  return formAction(await readForm(request), industrySchema, async (v) => {
    const id = await saveIndustry(actor, null, v);
    return redirectWithFlash(`/partnerships/industries/${id}`, "partnerships.flash.profileSaved");
  });
}

export default function NewIndustry() {
  const t = useT();
  const { labels } = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("partnerships.industry.new")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <IndustryFields v={f.values} lists={{}} e={f.errors} labels={labels} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
