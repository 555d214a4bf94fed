import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { getActor } from "~/modules/accounts/actor.server";
import { acceptInviteSchema } from "~/modules/accounts/schema";
import { acceptInvite, findInvite } from "~/modules/accounts/service.server";
import { notFound } from "~/lib/http";
import { FormError, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await findInvite(params.token ?? "");
  if (!invite) throw notFound("error.inviteInvalid");
  return { name: invite.full_name, email: invite.email };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await getActor(request, context);
  return formAction(await readForm(request), acceptInviteSchema, async (v) => {
    await acceptInvite(actor, params.token ?? "", v.password);
    return redirectWithFlash("/login", "flash.inviteAccepted");
  });
}

export default function Invite() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("invite.title")}</PageTitle>
      <Card>
        <p className="mb-4">{t("invite.lead", { name: d.name })}</p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="email" name="username" value={d.email} autoComplete="username" readOnly hidden />
          <TextField name="password" type="password" label={t("signup.password")} autoComplete="new-password" dir="ltr" required hint={t("signup.passwordHint")} error={e.password} />
          <TextField name="passwordConfirm" type="password" label={t("signup.passwordConfirm")} autoComplete="new-password" dir="ltr" required error={e.passwordConfirm} />
          <SubmitButton>{t("invite.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
