import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { requirePermission, requireUser } from "~/modules/accounts/actor.server";
import { createUserSchema } from "~/modules/accounts/schema";
import { createUser, orgUnitsForAdmin } from "~/modules/accounts/service.server";
import { ROLES } from "~/modules/accounts/roles";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { units: await orgUnitsForAdmin(actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requirePermission(actor, "manage:user"); // before reading the form: others get 403, not a validation answer
  return formAction(await readForm(request), createUserSchema, async (v) => {
    const { id, inviteToken } = await createUser(actor, v);
    // The invitation link is shown to the admin once (the form starts empty again).
    return { invite: { id, link: `${new URL(request.url).origin}/invite/${inviteToken}` } };
  });
}

export default function NewUser() {
  const t = useT();
  const locale = useLocale();
  const { units } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>() as { invite?: { id: number; link: string } } | undefined;
  const f = useFormState();
  const e = f.errors;
  const v = f.values;
  return (
    <div className="max-w-xl">
      <PageTitle>{t("admin.users.createTitle")}</PageTitle>
      {r?.invite && (
        <Card>
          <p role="status" className="mb-2">{t("admin.users.inviteLink")}</p>
          <p dir="ltr" className="break-all text-start font-mono text-sm" data-testid="invite-link">{r.invite.link}</p>
          <Link to={`/admin/users/${r.invite.id}`}>{t("common.details")}</Link>
        </Card>
      )}
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <TextField name="fullName" label={t("signup.fullName")} required defaultValue={v.fullName} error={e.fullName} />
          <TextField name="email" type="email" label={t("admin.users.email")} dir="ltr" required defaultValue={v.email} error={e.email} />
          <TextField name="mobile" type="tel" label={t("signup.mobile")} dir="ltr" defaultValue={v.mobile} error={e.mobile} />
          <SelectField name="role" label={t("admin.users.role")} required defaultValue={v.role} error={e.role} options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
          <SelectField
            name="orgUnitId"
            label={t("admin.users.orgUnit")}
            defaultValue={v.orgUnitId}
            error={e.orgUnitId}
            placeholder={t("admin.users.noUnit")}
            options={units.filter((u) => u.active).map((u) => ({ value: String(u.id), label: `${t(`orgKind.${u.kind}`)}: ${locale === "fa" ? u.name_fa : u.name_en}` }))}
          />
          <SubmitButton>{t("admin.users.create")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
