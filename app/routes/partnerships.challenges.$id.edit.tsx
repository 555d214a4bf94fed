import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { challengeForEdit, updateChallenge } from "~/modules/partnerships/challenges.server";
import { challengeSchema, MILLION } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { asFormDate, ChallengeFields } from "~/modules/partnerships/components/forms";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const [challenge, labels] = await Promise.all([challengeForEdit(actor, id), referenceLabels(await getLocale(request))]);
  return { challenge, labels };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await challengeForEdit(actor, id);
  return formAction(await readForm(request), challengeSchema, async (v) => {
    await updateChallenge(actor, id, v);
    return redirectWithFlash(`/partnerships/challenges/${id}`, "partnerships.flash.challengeSaved");
  });
}

export default function EditChallenge() {
  const t = useT();
  const locale = useLocale();
  const { challenge: c, labels } = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.failed ? f.values : {
    category: c.category, title: c.title, description: c.description, currentFigures: c.current_figures, expectedResult: c.expected_result,
    budgetMin: String(Number(c.budget_min) / MILLION), budgetMax: String(Number(c.budget_max) / MILLION), deadline: asFormDate(c.deadline, locale),
    visibility: c.visibility, version: String(c.version),
  };
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("partnerships.challenge.editTitle", { title: c.title })}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <ChallengeFields v={v} lists={{ domains: f.failed ? f.all("domains") : c.domains }} e={f.errors} labels={labels} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
