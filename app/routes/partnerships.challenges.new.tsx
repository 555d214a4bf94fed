import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { challengeFormData, createChallenge } from "~/modules/partnerships/challenges.server";
import { challengeSchema } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { nameOf } from "~/modules/partnerships/components/bits";
import { ChallengeFields } from "~/modules/partnerships/components/forms";
import { requireGrant } from "~/modules/accounts/actor.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const [industries, labels] = await Promise.all([challengeFormData(actor), referenceLabels(await getLocale(request))]);
  return { industries, labels };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireGrant(actor, "create:challenge");
  return formAction(await readForm(request), challengeSchema, async (v) => {
    const id = await createChallenge(actor, v);
    return redirectWithFlash(`/partnerships/challenges/${id}`, "partnerships.flash.challengeSaved");
  });
}

export default function NewChallenge() {
  const t = useT();
  const locale = useLocale();
  const { industries, labels } = useLoaderData<typeof loader>();
  const f = useFormState();
  const ready = industries.filter((i) => i.has_profile);
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("partnerships.challenge.new")}</PageTitle>
      {ready.length === 0 ? (
        <Card>
          <EmptyState>{t("error.partnerships.industryProfileFirst")}</EmptyState>
          {industries[0] && <p className="mt-3"><Link className="text-brand-700 underline" to={`/partnerships/industries/${industries[0].id}/edit`}>{t("partnerships.profile.complete")}</Link></p>}
        </Card>
      ) : (
        <Card>
          <p className="mb-4 text-sm text-slate-700">{t("partnerships.challenge.draftNote")}</p>
          <Form method="post" noValidate>
            <FormError error={f.formError} />
            <ChallengeFields v={f.values} lists={{ domains: f.all("domains") }} e={f.errors} labels={labels} industries={ready.map((i) => ({ value: String(i.id), label: nameOf(locale, i) }))} />
            <SubmitButton>{t("partnerships.challenge.saveDraft")}</SubmitButton>
          </Form>
        </Card>
      )}
    </div>
  );
}
