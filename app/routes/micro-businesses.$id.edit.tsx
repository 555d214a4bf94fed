import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { DuplicateLink } from "~/modules/microbusiness/components/bits";
import { BusinessFields, OwnerFields } from "~/modules/microbusiness/components/fields";
import { detailsSchema } from "~/modules/microbusiness/schema";
import { businessForEdit, requireEditor, updateDetails } from "~/modules/microbusiness/service.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return businessForEdit(actor, idOrNotFound(params.id), await getLocale(request));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireEditor(actor, id);
  return formAction(await readForm(request), detailsSchema, async ({ version, ...v }) => {
    await updateDetails(actor, id, version, v);
    return redirectWithFlash(`/micro-businesses/${id}`, "micro.saved");
  }, { fields: ["duplicateOf"] });
}

export default function EditBusiness() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.failed ? f.values : d.values;
  return (
    <div className="max-w-3xl">
      <PageTitle actions={<Link to={`/micro-businesses/${d.id}`}>{t("common.back")}</Link>}>{t("micro.edit.title", { name: d.name })}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <DuplicateLink id={f.errors.duplicateOf} />
          <input type="hidden" name="version" value={d.values.version} />
          <OwnerFields v={v} e={f.errors} withEmail={false} />
          <BusinessFields v={v} e={f.errors} channels={f.failed ? f.all("salesChannels") : d.channels} counties={d.counties} sectors={d.sectors} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
