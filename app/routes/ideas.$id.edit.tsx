import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { idOrNotFound, isHttpError } from "~/lib/http";
import { setFlash } from "~/lib/flash.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { IdeaForm } from "~/modules/ideas/components/IdeaForm";
import { ideaDraftSchema, withOriginRef } from "~/modules/ideas/schema";
import { ideaForEdit, ideaFormOptions, saveIdea } from "~/modules/ideas/service.server";
import { Card, PageTitle } from "~/ui/Page";
import { readForm } from "~/lib/form-action.server";

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
  const parsed = parseForm(ideaDraftSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    await saveIdea(actor, id, parsed.data, { submit });
    return redirect(`/ideas/${id}`, { headers: { "Set-Cookie": await setFlash(submit ? "flash.ideas.submitted" : "flash.ideas.saved") } });
  } catch (e) {
    // Keep everything typed, including on a stale version (409).
    const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    if (isHttpError(e) && e.data.fieldErrors) return data({ errors: e.data.fieldErrors, values }, { status: 400 });
    if (isHttpError(e) && e.init?.status === 409) {
      return data({ errors: { _form: e.data.messageKey === "error.ideas.stale" ? "ideas.staleKept" : e.data.messageKey } as Record<string, string>, values }, { status: 409 });
    }
    throw e;
  }
}

export default function EditIdea() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("ideas.editTitle")}</PageTitle>
      <Card>
        <IdeaForm {...d} values={r?.values ?? d.values} errors={r?.errors ?? {}} submitLabel={d.status === "needs_revision" ? t("ideas.resubmit") : t("ideas.submit")} />
      </Card>
    </div>
  );
}
