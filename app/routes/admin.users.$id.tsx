import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { requirePermission, requireUser } from "~/modules/accounts/actor.server";
import { addRoleSchema, removeRoleSchema } from "~/modules/accounts/schema";
import { noFields } from "~/lib/forms";
import { addRole, endSessions, getUserForAdmin, removeRole, setDisabled } from "~/modules/accounts/service.server";
import { ROLES } from "~/modules/accounts/roles";
import { badRequest, idOrNotFound } from "~/lib/http";
import { FormError, SelectField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

function userId(params: { id?: string }) {
  return idOrNotFound(params.id);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return getUserForAdmin(actor, userId(params));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requirePermission(actor, "manage:user"); // before reading the form: others get 403, not a validation answer
  const id = userId(params);
  const form = await readForm(request);
  const intent = form.get("intent");
  const saved = () => redirectWithFlash(`/admin/users/${id}`, "flash.saved");
  if (intent === "addRole") return formAction(form, addRoleSchema, async (v) => (await addRole(actor, id, v.role, v.orgUnitId), saved()), { intent });
  if (intent === "removeRole") return formAction(form, removeRoleSchema, async (v) => (await removeRole(actor, id, v.assignmentId), saved()), { intent: "addRole", visible: [] });
  // The account card's buttons: a refusal (disabling oneself) shows on that card.
  if (intent === "disable" || intent === "enable") return formAction(form, noFields, async () => (await setDisabled(actor, id, intent === "disable"), saved()), { intent: "account" });
  if (intent === "endSessions") return formAction(form, noFields, async () => (await endSessions(actor, id), saved()), { intent: "account" });
  throw badRequest();
}

export default function AdminUser() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState("addRole");
  const e = f.errors;
  const account = useFormState("account");
  return (
    <div className="max-w-3xl">
      <PageTitle>{d.user.full_name}</PageTitle>
      <Card>
        <p dir="ltr" className="text-start">{d.user.email}</p>
        <p>{d.user.disabled_at ? t("admin.users.disabled") : t("common.active")}</p>
        <p>{t("admin.users.activeSessions", { n: d.activeSessions })}</p>
        <FormError error={account.formError} />
        <div className="mt-3 flex flex-wrap gap-2">
          <Form method="post">
            <SubmitButton variant={d.user.disabled_at ? "secondary" : "danger"} name="intent" value={d.user.disabled_at ? "enable" : "disable"}>
              {d.user.disabled_at ? t("admin.users.enable") : t("admin.users.disable")}
            </SubmitButton>
          </Form>
          <Form method="post">
            <SubmitButton variant="secondary" name="intent" value="endSessions">{t("admin.users.endSessions")}</SubmitButton>
          </Form>
        </div>
      </Card>
      <Card title={t("admin.users.roles")}>
        <ul className="mb-4 space-y-2">
          {d.roles.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-2">
              <span>{t(`role.${r.role}`)}{r.name_fa ? ` · ${locale === "fa" ? r.name_fa : r.name_en}` : ""}</span>
              <Form method="post">
                <input type="hidden" name="assignmentId" value={r.id} />
                <SubmitButton variant="secondary" name="intent" value="removeRole">{t("admin.users.removeRole")}</SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <SelectField name="role" label={t("admin.users.role")} required error={e.role} options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
          <SelectField
            name="orgUnitId"
            label={t("admin.users.orgUnit")}
            error={e.orgUnitId}
            placeholder={t("admin.users.noUnit")}
            options={d.orgUnits.filter((u) => u.active).map((u) => ({ value: String(u.id), label: `${t(`orgKind.${u.kind}`)}: ${locale === "fa" ? u.name_fa : u.name_en}` }))}
          />
          <SubmitButton name="intent" value="addRole">{t("admin.users.addRole")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
