import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { MATCH_PARTS } from "~/modules/partnerships/match";
import { weightsSchema } from "~/modules/partnerships/schema";
import { saveWeights, weightsForEdit } from "~/modules/partnerships/service.server";
import { ScoreHowTo } from "~/modules/partnerships/components/bits";
import { FormError, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Staff tune the weights of the match score's parts (audited); the page says how the score is built.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return weightsForEdit(actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await weightsForEdit(actor); // 403 before the form is read
  return formAction(await readForm(request), weightsSchema, async (v) => {
    await saveWeights(actor, v);
    return redirectWithFlash("/partnerships/weights", "partnerships.flash.weights");
  });
}

export default function Weights() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("partnerships.weights.title")}</PageTitle>
      <ScoreHowTo weights={d.weights} open />
      <Card>
        <p className="mb-4 text-sm text-slate-700">{t("partnerships.weights.intro")}</p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="version" value={d.version} />
          <div className="grid gap-x-4 sm:grid-cols-3">
            {MATCH_PARTS.map((p) => (
              <TextField key={p} name={p} label={t(`partnerships.match.part.${p}`)} required inputMode="numeric" defaultValue={f.values[p] ?? String(d.weights[p])} error={f.errors[p]} />
            ))}
          </div>
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
