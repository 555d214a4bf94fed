import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { requireUser } from "~/modules/accounts/actor.server";
import { emailStatus, resendVerification } from "~/modules/accounts/recovery.server";
import { readForm, redirectWithFlash } from "~/lib/form-action.server";
import { httpErrorStatus, isHttpError } from "~/lib/http";
import { FormError } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";

// "Verify your address" (decision 0044): where requireUser holds an unverified user whose role must
// confirm its address. It offers the link again and logging out; nothing else opens until the link
// (/verify/:token) is followed. A user who is not held is sent home.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context, { whileHeld: true });
  if (!actor.user.held) throw redirect("/home");
  return emailStatus(actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context, { whileHeld: true });
  await readForm(request);
  if (!actor.user.held) throw redirect("/home");
  try {
    await resendVerification(actor);
  } catch (e) {
    // Three links an hour: the refusal shows on the page's form, not as an error page.
    if (isHttpError(e) && httpErrorStatus(e) === 429) return data({ formError: e.data.messageKey }, { status: 429 });
    throw e;
  }
  return redirectWithFlash("/account/verify", "recovery.resent");
}

export default function HeldForVerification() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("recovery.hold.title")}</PageTitle>
      <Card>
        <p className="mb-3" data-testid="verify-hold">{t("recovery.hold.lead")}</p>
        <p className="mb-4">{t("prefs.address")}: <span dir="ltr">{d.email}</span></p>
        {d.mailEnabled ? (
          <Form method="post" className="mb-3">
            <FormError error={a?.formError} />
            <SubmitButton>{t("recovery.resend")}</SubmitButton>
          </Form>
        ) : (
          <p className="mb-3">{t("recovery.hold.mailOff")}</p>
        )}
        <Form method="post" action="/logout">
          <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2">{t("nav.logout")}</button>
        </Form>
      </Card>
    </div>
  );
}
