import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { HowBuilt } from "~/modules/seekers/components/Match";
import { SEEKER_PARTS } from "~/modules/seekers/match";
import { seekerWeightsSchema } from "~/modules/seekers/schema";
import { saveSeekerWeights, seekerWeightsForEdit } from "~/modules/seekers/weights.server";
import { FormError, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Staff tune the weights of the seeker match score's parts (audited, version-checked); the page says how the score is built.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return seekerWeightsForEdit(actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await seekerWeightsForEdit(actor); // 403 before the form is read
  return formAction(await readForm(request), seekerWeightsSchema, async (v) => {
    await saveSeekerWeights(actor, v);
    return redirectWithFlash("/vacancies/weights", "seekers.weights.saved");
  });
}

export default function SeekerWeights() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("seekers.weights.title")}</PageTitle>
      <HowBuilt weights={d.weights} />
      <Card>
        <p className="mb-4 text-sm text-slate-700">{t("seekers.weights.intro")}</p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="version" value={d.version} />
          <div className="grid gap-x-4 sm:grid-cols-3">
            {SEEKER_PARTS.map((p) => (
              <TextField key={p} name={p} label={t(`seekers.match.part.${p}`)} required inputMode="numeric" defaultValue={f.values[p] ?? String(d.weights[p])} error={f.errors[p]} />
            ))}
          </div>
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
