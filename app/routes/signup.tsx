import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getActor } from "~/modules/accounts/actor.server";
import { signupSchema } from "~/modules/accounts/schema";
import { signup, startSession } from "~/modules/accounts/service.server";
import { getLocale } from "~/lib/locale.server";
import { parseForm } from "~/lib/forms";
import { isHttpError } from "~/lib/http";
import { setFlash } from "~/lib/flash.server";
import { FormError, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { readForm } from "~/lib/form-action.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  if ((await getActor(request, context)).user) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request, context);
  const parsed = parseForm(signupSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    const id = await signup(actor, parsed.data, await getLocale(request));
    const cookie = await startSession(actor, id, request.headers.get("User-Agent"));
    const headers = new Headers();
    headers.append("Set-Cookie", cookie);
    headers.append("Set-Cookie", await setFlash("flash.welcome"));
    return redirect("/home", { headers });
  } catch (e) {
    if (isHttpError(e) && e.data.fieldErrors) {
      return data({ errors: e.data.fieldErrors as Record<string, string>, values: parsed.data as unknown as Record<string, string> }, { status: 400 });
    }
    throw e;
  }
}

export default function Signup() {
  const t = useT();
  const result = useActionData<typeof action>();
  const e = result?.errors ?? {};
  const v = result?.values ?? {};
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("signup.title")}</PageTitle>
      <p className="mb-4">{t("signup.lead")}</p>
      <Card>
        <Form method="post" noValidate>
          {result && <FormError error="error.form" />}
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
