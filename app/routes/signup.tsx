import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getActor } from "~/modules/accounts/actor.server";
import { signupSchema } from "~/modules/accounts/schema";
import { signup, startSession } from "~/modules/accounts/service.server";
import { getLocale } from "~/lib/locale.server";
import { setFlash } from "~/lib/flash.server";
import { FormError, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context }: LoaderFunctionArgs) {
  if ((await getActor(request, context)).user) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request, context);
  return formAction(await readForm(request), signupSchema, async (v) => {
    const id = await signup(actor, v, await getLocale(request));
    // With mail, every valid sign-up gets this same answer (decision 0035).
    if (id == null) return data({ checkMail: true as const });
    const headers = new Headers();
    headers.append("Set-Cookie", await startSession(actor, id, request.headers.get("User-Agent")));
    headers.append("Set-Cookie", await setFlash("flash.welcome"));
    return redirect("/home", { headers });
  }, { visible: ["fullName", "email", "mobile", "password", "passwordConfirm"] });
}

export default function Signup() {
  const t = useT();
  const f = useFormState();
  const e = f.errors;
  const v = f.values;
  const answer = useActionData<{ checkMail?: true }>();
  if (answer?.checkMail) {
    return (
      <div className="mx-auto max-w-md">
        <PageTitle>{t("signup.checkMail.title")}</PageTitle>
        <Card>
          <p data-testid="check-mail">{t("signup.checkMail.body")}</p>
        </Card>
        <Link to="/login">{t("signup.haveAccount")}</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("signup.title")}</PageTitle>
      <p className="mb-4">{t("signup.lead")}</p>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <TextField name="fullName" label={t("signup.fullName")} autoComplete="name" required defaultValue={v.fullName} error={e.fullName} maxLength={120} />
          <TextField name="email" type="email" label={t("signup.email")} autoComplete="email" dir="ltr" required defaultValue={v.email} error={e.email} />
          <TextField name="mobile" type="tel" label={t("signup.mobile")} autoComplete="tel" dir="ltr" inputMode="tel" defaultValue={v.mobile} error={e.mobile} />
          <TextField name="password" type="password" label={t("signup.password")} autoComplete="new-password" dir="ltr" required hint={t("signup.passwordHint")} error={e.password} />
          <TextField name="passwordConfirm" type="password" label={t("signup.passwordConfirm")} autoComplete="new-password" dir="ltr" required error={e.passwordConfirm} />
          <div className="hidden" aria-hidden="true">
            <label>
              {t("signup.website")}
              <input type="text" name="website" tabIndex={-1} autoComplete="off" />
            </label>
          </div>
          <SubmitButton pendingLabel={t("signup.pending")}>{t("signup.submit")}</SubmitButton>
        </Form>
      </Card>
      <Link to="/login">{t("signup.haveAccount")}</Link>
    </div>
  );
}
