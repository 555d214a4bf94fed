import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requirePermission, requireUser } from "~/modules/accounts/actor.server";
import { claimSchema } from "~/modules/seekers/schema";
import { claimSeeker } from "~/modules/seekers/seekers.server";
import { FormError, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await requirePermission(actor, "create:seeker", { ownerId: actor.user.id, entity: "job_seeker" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requirePermission(actor, "create:seeker", { ownerId: actor.user.id, entity: "job_seeker" });
  return formAction(await readForm(request), claimSchema, async (v) => {
    const id = await claimSeeker(actor, v);
    return redirectWithFlash(`/seekers/${id}`, "seekers.claimed");
  });
}

export default function ClaimSeeker() {
  const t = useT();
  const f = useFormState();
  return (
    <div className="max-w-xl">
      <PageTitle>{t("seekers.claim.title")}</PageTitle>
      <Card>
        <p className="mb-4">{t("seekers.claim.lead")}</p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <TextField name="nationalId" label={t("seekers.field.nationalId")} required defaultValue={f.values.nationalId} error={f.errors.nationalId} dir="ltr" inputMode="numeric" />
          <TextField name="mobile" label={t("seekers.field.mobile")} required defaultValue={f.values.mobile} error={f.errors.mobile} dir="ltr" inputMode="tel" />
          <SubmitButton>{t("seekers.claim.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
