import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { isHttpError } from "~/lib/http";
import { setFlash } from "~/lib/flash.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { IdeaForm } from "~/modules/ideas/components/IdeaForm";
import { ideaDraftSchema, withOriginRef } from "~/modules/ideas/schema";
import { gate, ideaFormOptions, saveIdea } from "~/modules/ideas/service.server";
import { Card, PageTitle } from "~/ui/Page";
import { readForm } from "~/lib/form-action.server";
import { getLocale } from "~/lib/locale.server";
import { ideaPrefillForSeeker } from "~/modules/seekers/handover.server";

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
  const parsed = parseForm(ideaDraftSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    const r = await saveIdea(actor, null, parsed.data, { submit });
    return redirect(`/ideas/${r.id}`, { headers: { "Set-Cookie": await setFlash(submit ? "flash.ideas.submitted" : "flash.ideas.saved") } });
  } catch (e) {
    const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    if (isHttpError(e) && e.data.fieldErrors) return data({ errors: e.data.fieldErrors, values }, { status: 400 });
    if (isHttpError(e) && e.init?.status === 409) return data({ errors: { _form: e.data.messageKey } as Record<string, string>, values }, { status: 409 });
    throw e;
  }
}

export default function NewIdea() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const values = r?.values ?? { ...d.prefill, callId: d.call || (d.calls.length === 1 ? String(d.calls[0].id) : "") };
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("ideas.formTitle")}</PageTitle>
      <Card>
        <IdeaForm {...d} values={values} errors={r?.errors ?? {}} idempotencyKey={values.idempotencyKey ?? d.idempotencyKey} submitLabel={t("ideas.submit")} />
      </Card>
    </div>
  );
}
