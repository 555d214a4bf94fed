import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { requireUser } from "~/modules/accounts/actor.server";
import { IdeaForm } from "~/modules/ideas/components/IdeaForm";
import { ideaDraftSchema, withOriginRef } from "~/modules/ideas/schema";
import { gate, ideaFormOptions, saveIdea } from "~/modules/ideas/service.server";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { getLocale } from "~/lib/locale.server";
import { ideaPrefillForSeeker } from "~/modules/seekers/handover.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const options = await ideaFormOptions(actor);
  const url = new URL(request.url);
  const call = url.searchParams.get("call") ?? "";
  // Self-employment after counselling (issue 15): the seeker's own profile prefills the draft.
  const prefill = await ideaPrefillForSeeker(actor, url.searchParams.get("seeker"), await getLocale(request));
  // A fresh key per form: a repeated POST of the same form creates one idea.
  return { ...options, call, prefill, idempotencyKey: crypto.randomUUID() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await gate(actor, "author");
  const form = withOriginRef(await readForm(request));
  const submit = form.get("intent") === "submit";
  return formAction(form, ideaDraftSchema, async (v) => {
    const r = await saveIdea(actor, null, v, { submit });
    return redirectWithFlash(`/ideas/${r.id}`, submit ? "flash.ideas.submitted" : "flash.ideas.saved");
  });
}

export default function NewIdea() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const values = f.failed ? f.values : { ...d.prefill, callId: d.call || (d.calls.length === 1 ? String(d.calls[0].id) : "") };
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("ideas.formTitle")}</PageTitle>
      <Card>
        <IdeaForm {...d} values={values} errors={f.errors} idempotencyKey={values.idempotencyKey ?? d.idempotencyKey} submitLabel={t("ideas.submit")} />
      </Card>
    </div>
  );
}
