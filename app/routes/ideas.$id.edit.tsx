import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { IdeaForm } from "~/modules/ideas/components/IdeaForm";
import { ideaDraftSchema, withOriginRef } from "~/modules/ideas/schema";
import { ideaForEdit, ideaFormOptions, saveIdea } from "~/modules/ideas/service.server";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

function ideaId(params: { id?: string }) {
  return idOrNotFound(params.id);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const idea = await ideaForEdit(actor, ideaId(params));
  return { ...(await ideaFormOptions(actor, idea.callId)), ...idea };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = ideaId(params);
  await ideaForEdit(actor, id); // owner only, editable statuses: 403/409 before validation
  const form = withOriginRef(await readForm(request));
  const submit = form.get("intent") === "submit";
  return formAction(form, ideaDraftSchema, async (v) => {
    await saveIdea(actor, id, v, { submit });
    return redirectWithFlash(`/ideas/${id}`, submit ? "flash.ideas.submitted" : "flash.ideas.saved");
  });
}

export default function EditIdea() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  // Everything typed is kept on a stale version (409): the message says so.
  const errors = f.errors._form === "error.ideas.stale" ? { ...f.errors, _form: "ideas.staleKept" } : f.errors;
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("ideas.editTitle")}</PageTitle>
      <Card>
        <IdeaForm {...d} values={f.failed ? f.values : d.values} errors={errors} submitLabel={d.status === "needs_revision" ? t("ideas.resubmit") : t("ideas.submit")} />
      </Card>
    </div>
  );
}
