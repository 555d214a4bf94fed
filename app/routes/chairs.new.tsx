import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { requireUser } from "~/modules/accounts/actor.server";
import { ChairFields } from "~/modules/chairs/components";
import { chairSchema } from "~/modules/chairs/schema";
import { createChair, creatableUniversities } from "~/modules/chairs/service.server";
import { FormError } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { universities: await creatableUniversities(actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await creatableUniversities(actor); // 403 before reading the form for those who may not create
  return formAction(await readForm(request), chairSchema, async (v) => {
    const id = await createChair(actor, v);
    return redirectWithFlash(`/chairs/${id}`, "chairs.created");
  });
}

export default function NewChair() {
  const t = useT();
  const { universities } = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  return (
    <div className="max-w-xl">
      <PageTitle>{t("chairs.new.title")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <ChairFields v={f.values} e={e} universities={universities} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
