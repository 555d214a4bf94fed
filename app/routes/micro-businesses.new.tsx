import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { BusinessFields, OwnerFields, PermitFields, WorkersFields } from "~/modules/microbusiness/components/fields";
import { DuplicateLink } from "~/modules/microbusiness/components/bits";
import { registerSchema } from "~/modules/microbusiness/schema";
import { registerBusiness, registrationForm, requireRegistrar } from "~/modules/microbusiness/service.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return registrationForm(actor, await getLocale(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireRegistrar(actor); // 403 (and an audit row) before the form is read
  return formAction(await readForm(request), registerSchema, async (v) => {
    const id = await registerBusiness(actor, v);
    return redirectWithFlash(`/micro-businesses/${id}`, "micro.registered");
  }, { fields: ["duplicateOf"] });
}

export default function RegisterBusiness() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.failed ? f.values : d.defaults;
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("micro.new.title")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <DuplicateLink id={f.errors.duplicateOf} />
          <OwnerFields v={v} e={f.errors} withEmail={d.forOthers} />
          <BusinessFields v={v} e={f.errors} channels={f.failed ? f.all("salesChannels") : []} counties={d.counties} sectors={d.sectors} />
          <PermitFields v={v} e={f.errors} choices={["none", "applied", "issued"]} />
          <WorkersFields v={v} e={f.errors} />
          <SubmitButton>{t("micro.register")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
