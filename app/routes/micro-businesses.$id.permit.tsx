import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { PermitBadge } from "~/modules/microbusiness/components/bits";
import { PermitFields } from "~/modules/microbusiness/components/fields";
import { permitSchema } from "~/modules/microbusiness/schema";
import { businessForEdit, changePermit, requireEditor } from "~/modules/microbusiness/service.server";
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
  return formAction(await readForm(request), permitSchema, async ({ version, ...v }) => {
    await changePermit(actor, id, version, v);
    return redirectWithFlash(`/micro-businesses/${id}`, "micro.permit.saved");
  });
}

export default function EditPermit() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-xl">
      <PageTitle actions={<Link to={`/micro-businesses/${d.id}`}>{t("common.back")}</Link>}>{t("micro.permit.title", { name: d.name })}</PageTitle>
      <Card>
        <p className="mb-4">{t("micro.permit.current")} <PermitBadge status={d.permit} /></p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="version" value={d.values.version} />
          <PermitFields v={f.failed ? f.values : d.values} e={f.errors} choices={d.permitChoices} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
