import type { ActionFunctionArgs, LoaderFunctionArgs, HeadersFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n";
import { getActor } from "~/modules/accounts/actor.server";
import { resetSchema } from "~/modules/accounts/schema";
import { checkResetToken, resetPassword } from "~/modules/accounts/recovery.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { notFound } from "~/lib/http";
import { FormError, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";

// The link's token is a secret: the page tells no other site where it came from.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ params }: LoaderFunctionArgs) {
  if (!(await checkResetToken(params.token ?? ""))) throw notFound("recovery.linkInvalid");
  return null;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await getActor(request, context);
  return formAction(await readForm(request), resetSchema, async (v) => {
    await resetPassword(actor, params.token ?? "", v.password);
    return redirectWithFlash("/login", "recovery.reset.done");
  });
}

export default function ResetPassword() {
  const t = useT();
  const f = useFormState();
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("recovery.reset.title")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <TextField name="password" type="password" label={t("recovery.reset.password")} autoComplete="new-password" dir="ltr" required hint={t("signup.passwordHint")} error={f.errors.password} />
          <TextField name="passwordConfirm" type="password" label={t("recovery.reset.passwordConfirm")} autoComplete="new-password" dir="ltr" required error={f.errors.passwordConfirm} />
          <SubmitButton>{t("recovery.reset.submit")}</SubmitButton>
        </Form>
        {f.errors.password === "recovery.linkInvalid" && <Link to="/password/forgot">{t("recovery.linkInvalid.again")}</Link>}
      </Card>
    </div>
  );
}
