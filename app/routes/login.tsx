import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n";
import { getActor } from "~/modules/accounts/actor.server";
import { authenticateLogin } from "~/modules/accounts/auth.server";
import { AuthError } from "~/modules/accounts/service.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { readForm } from "~/lib/form-action.server";
import { FormError, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await getActor(request, context);
  if (actor.user) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  // A body that is not a form answers 415/400 here (remix-auth would throw a 500); remix-auth reads
  // the original body itself, so the check reads a copy.
  await readForm(request.clone());
  try {
    // remix-auth reads the body itself; everything form-related happens inside the strategy.
    const result = await authenticateLogin(request, context);
    const headers = new Headers();
    for (const c of result.cookies) headers.append("Set-Cookie", c);
    return redirect(safeRedirect(result.next, "/home"), { headers });
  } catch (e) {
    if (e instanceof AuthError) {
      const headers = e.retryAfter ? { "Retry-After": String(e.retryAfter) } : undefined;
      return data({ error: e.messageKey, email: e.email ?? "" }, { status: e.status, headers });
    }
    throw e;
  }
}

// A refused attempt tells the client when to try again (the document response carries it too).
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const wait = actionHeaders.get("Retry-After");
  return wait ? { "Retry-After": wait } : new Headers();
};

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("login.title")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={result?.error} />
          <input type="hidden" name="next" value={params.get("next") ?? ""} />
          <TextField name="email" type="email" label={t("login.email")} autoComplete="username" dir="ltr" required defaultValue={result?.email} />
          <TextField name="password" type="password" label={t("login.password")} autoComplete="current-password" dir="ltr" required />
          <SubmitButton pendingLabel={t("login.pending")}>{t("login.submit")}</SubmitButton>
        </Form>
      </Card>
      <p className="flex flex-wrap gap-4">
        <Link to="/password/forgot">{t("login.forgot")}</Link>
        <Link to="/signup">{t("login.noAccount")}</Link>
      </p>
    </div>
  );
}
