import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n";
import { getActor } from "~/modules/accounts/actor.server";
import { forgotSchema } from "~/modules/accounts/schema";
import { requestPasswordReset } from "~/modules/accounts/recovery.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { FormError, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request, context);
  return formAction(await readForm(request), forgotSchema, async (v) => {
    await requestPasswordReset(actor, v.email);
    // The same answer whether or not the address has an account.
    return redirectWithFlash("/login", "recovery.forgot.sent");
  });
}

export default function ForgotPassword() {
  const t = useT();
  const f = useFormState();
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("recovery.forgot.title")}</PageTitle>
      <Card>
        <p className="mb-4">{t("recovery.forgot.lead")}</p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <TextField name="email" type="email" label={t("login.email")} autoComplete="email" dir="ltr" required defaultValue={f.values.email} error={f.errors.email} />
          <SubmitButton pendingLabel={t("recovery.forgot.pending")}>{t("recovery.forgot.submit")}</SubmitButton>
        </Form>
      </Card>
      <Link to="/login">{t("signup.haveAccount")}</Link>
    </div>
  );
}
