import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { requireUser } from "~/modules/accounts/actor.server";
import { changePasswordSchema } from "~/modules/accounts/schema";
import { changePassword } from "~/modules/accounts/service.server";
import { parseForm } from "~/lib/forms";
import { isHttpError } from "~/lib/http";
import { setFlash } from "~/lib/flash.server";
import { FormError, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { readForm } from "~/lib/form-action.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { email: actor.user.email, fullName: actor.user.fullName, roles: actor.user.roles.map((r) => r.role) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const parsed = parseForm(changePasswordSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  try {
    await changePassword(actor, parsed.data.currentPassword, parsed.data.newPassword);
  } catch (e) {
    if (isHttpError(e) && e.data.fieldErrors) return data({ errors: e.data.fieldErrors as Record<string, string> }, { status: 400 });
    throw e;
  }
  return redirect("/account", { headers: { "Set-Cookie": await setFlash("flash.passwordChanged") } });
}

export default function Account() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const e = useActionData<typeof action>()?.errors ?? {};
  return (
    <div className="max-w-xl">
      <PageTitle>{t("account.title")}</PageTitle>
      <Card>
        <p>{d.fullName}</p>
        <p dir="ltr" className="text-start">{d.email}</p>
        <p>{t("account.roles")}: {d.roles.map((r) => t(`role.${r}`)).join("، ")}</p>
      </Card>
      <Card title={t("account.changePassword")}>
        <Form method="post" noValidate>
          {Object.keys(e).length > 0 && <FormError error="error.form" />}
          <TextField name="currentPassword" type="password" label={t("account.currentPassword")} autoComplete="current-password" dir="ltr" required error={e.currentPassword} />
          <TextField name="newPassword" type="password" label={t("account.newPassword")} autoComplete="new-password" dir="ltr" required hint={t("signup.passwordHint")} error={e.newPassword} />
          <TextField name="newPasswordConfirm" type="password" label={t("account.newPasswordConfirm")} autoComplete="new-password" dir="ltr" required error={e.newPasswordConfirm} />
          <SubmitButton pendingLabel={t("common.saving")}>{t("account.changePassword")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
