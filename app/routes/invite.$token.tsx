import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getActor } from "~/modules/accounts/actor.server";
import { acceptInviteSchema } from "~/modules/accounts/schema";
import { acceptInvite, findInvite } from "~/modules/accounts/service.server";
import { parseForm } from "~/lib/forms";
import { notFound } from "~/lib/http";
import { setFlash } from "~/lib/flash.server";
import { FormError, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { readForm } from "~/lib/form-action.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await findInvite(params.token ?? "");
  if (!invite) throw notFound("error.inviteInvalid");
  return { name: invite.full_name, email: invite.email };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const parsed = parseForm(acceptInviteSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  await acceptInvite(await getActor(request, context), params.token ?? "", parsed.data.password);
  return redirect("/login", { headers: { "Set-Cookie": await setFlash("flash.inviteAccepted") } });
}

export default function Invite() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const e = useActionData<typeof action>()?.errors ?? {};
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("invite.title")}</PageTitle>
      <Card>
        <p className="mb-4">{t("invite.lead", { name: d.name })}</p>
        <Form method="post" noValidate>
          {Object.keys(e).length > 0 && <FormError error="error.form" />}
          <input type="email" name="username" value={d.email} autoComplete="username" readOnly hidden />
          <TextField name="password" type="password" label={t("signup.password")} autoComplete="new-password" dir="ltr" required hint={t("signup.passwordHint")} error={e.password} />
          <TextField name="passwordConfirm" type="password" label={t("signup.passwordConfirm")} autoComplete="new-password" dir="ltr" required error={e.passwordConfirm} />
          <SubmitButton>{t("invite.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
