import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { DuplicateLink, SeekerFields } from "~/modules/seekers/components/fields";
import { seekerSchema } from "~/modules/seekers/schema";
import { requireSeekerPermission, seekerForEdit, updateSeeker } from "~/modules/seekers/seekers.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return seekerForEdit(actor, idOrNotFound(params.id), await getLocale(request));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireSeekerPermission(actor, id, "update:seeker");
  return formAction(await readForm(request), seekerSchema, async (v) => {
    await updateSeeker(actor, id, v);
    return redirectWithFlash(`/seekers/${id}`, "seekers.saved");
  }, { fields: ["duplicateOf"] });
}

export default function EditSeeker() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.failed ? f.values : d.values;
  const lists = f.failed ? { occupations: f.all("occupations"), skills: f.all("skills"), desiredCounties: f.all("desiredCounties"), groups: f.all("groups") } : d.lists;
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("seekers.edit.title", { name: d.name })}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <DuplicateLink id={f.errors.duplicateOf} />
          <SeekerFields v={v} lists={lists} e={f.errors} o={{ ...d.options, centres: null }} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
