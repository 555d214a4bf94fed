import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { WorkersFields } from "~/modules/microbusiness/components/fields";
import { workersSchema } from "~/modules/microbusiness/schema";
import { businessForEdit, recordYearlyUpdate, requireEditor } from "~/modules/microbusiness/service.server";
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
  return formAction(await readForm(request), workersSchema, async ({ version, ...v }) => {
    await recordYearlyUpdate(actor, id, version, v);
    return redirectWithFlash(`/micro-businesses/${id}`, "micro.update.saved");
  });
}

export default function YearlyUpdate() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <PageTitle actions={<Link to={`/micro-businesses/${d.id}`}>{t("common.back")}</Link>}>{t("micro.update.title", { name: d.name })}</PageTitle>
      <Card>
        <p className="mb-4 text-slate-700">{t("micro.update.intro")}</p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="version" value={d.values.version} />
          <WorkersFields v={f.failed ? f.values : d.values} e={f.errors} />
          <SubmitButton>{t("micro.update.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
