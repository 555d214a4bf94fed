import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { ApplicationForm } from "~/modules/cooperatives/components/ApplicationForm";
import { rowIntent } from "~/modules/cooperatives/form.server";
import { APPLICATION_FIELDS, applicationSchema } from "~/modules/cooperatives/schema";
import { editApplicationForm, requireApplicant, saveApplication } from "~/modules/cooperatives/service.server";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return editApplicationForm(actor, idOrNotFound(params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireApplicant(actor, id);
  const form = await readForm(request);
  const rows = rowIntent(form);
  if (rows) return rows;
  const send = form.get("intent") === "send";
  return formAction(form, applicationSchema, async (v) => {
    await saveApplication(actor, id, v, { send });
    return redirectWithFlash(`/cooperatives/${id}`, send ? "coop.sent" : "coop.saved");
  }, { fields: APPLICATION_FIELDS });
}

export default function EditCooperative() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-5xl">
      <PageTitle>{t("coop.edit.title", { name: d.name })}</PageTitle>
      <Card>
        <ApplicationForm values={f.failed ? f.values : d.values} lists={f.failed ? f.lists : d.lists} errors={f.errors} options={d.options} rules={d.rules} />
      </Card>
    </div>
  );
}
