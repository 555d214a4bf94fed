import type { ActionFunctionArgs, LoaderFunctionArgs, HeadersFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getActor } from "~/modules/accounts/actor.server";
import { checkVerifyToken, verifyEmail } from "~/modules/accounts/recovery.server";
import { readForm, redirectWithFlash } from "~/lib/form-action.server";
import { notFound } from "~/lib/http";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";

export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

// Opening the link only shows a button: a GET never writes (mail scanners open links too).
export async function loader({ params }: LoaderFunctionArgs) {
  const email = await checkVerifyToken(params.token ?? "");
  if (!email) throw notFound("recovery.linkInvalid");
  return { email };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await getActor(request, context);
  await readForm(request);
  await verifyEmail(actor, params.token ?? "");
  return redirectWithFlash(actor.user ? "/home" : "/login", "recovery.verify.done");
}

export default function Verify() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("recovery.verify.title")}</PageTitle>
      <Card>
        <p className="mb-4">{t("recovery.verify.lead", { email: d.email })}</p>
        <Form method="post">
          <SubmitButton>{t("recovery.verify.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
