import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { requireUser } from "~/modules/accounts/actor.server";
import { changePasswordSchema } from "~/modules/accounts/schema";
import { changePassword } from "~/modules/accounts/service.server";
import { FormError, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { email: actor.user.email, fullName: actor.user.fullName, roles: actor.user.roles.map((r) => r.role) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  return formAction(await readForm(request), changePasswordSchema, async (v) => {
    await changePassword(actor, v.currentPassword, v.newPassword);
    return redirectWithFlash("/account", "flash.passwordChanged");
  });
}

export default function Account() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
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
          <FormError error={f.formError} />
          <TextField name="currentPassword" type="password" label={t("account.currentPassword")} autoComplete="current-password" dir="ltr" required error={e.currentPassword} />
          <TextField name="newPassword" type="password" label={t("account.newPassword")} autoComplete="new-password" dir="ltr" required hint={t("signup.passwordHint")} error={e.newPassword} />
          <TextField name="newPasswordConfirm" type="password" label={t("account.newPasswordConfirm")} autoComplete="new-password" dir="ltr" required error={e.newPasswordConfirm} />
          <SubmitButton pendingLabel={t("common.saving")}>{t("account.changePassword")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
