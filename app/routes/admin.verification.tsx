import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { requirePermission, requireUser } from "~/modules/accounts/actor.server";
import { ROLES } from "~/modules/accounts/roles";
import { setVerifyRequiredRoles, verifyRequiredRoles, verifyRolesSchema } from "~/modules/accounts/verification.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";

// Which roles must confirm their email address before using the portal (decision 0044; audited).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { roles: await verifyRequiredRoles(actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requirePermission(actor, "manage:user"); // before reading the form: others get 403, not a validation answer
  return formAction(await readForm(request), verifyRolesSchema, async (v) => {
    await setVerifyRequiredRoles(actor, v.roles);
    return redirectWithFlash("/admin/verification", "verifyRoles.saved");
  });
}

export default function VerificationSettings() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  // After a refused save, the boxes show what was ticked, not what is stored.
  const ticked: readonly string[] = f.failed ? f.all("roles") : d.roles;
  return (
    <div className="max-w-xl">
      <PageTitle>{t("verifyRoles.title")}</PageTitle>
      <Card>
        <p className="mb-4">{t("verifyRoles.lead")}</p>
        <Form method="post">
          <FormError error={f.formError} />
          <fieldset>
            <legend className="mb-2 font-medium">{t("verifyRoles.legend")}</legend>
            {f.errors.roles && <p id="roles-error" className="mb-2 text-red-700">{t(f.errors.roles)}</p>}
            {ROLES.map((role) => (
              <label key={role} className="mb-2 flex items-center gap-2">
                <input type="checkbox" name="roles" value={role} defaultChecked={ticked.includes(role)} aria-describedby={f.errors.roles ? "roles-error" : undefined} />
                {t(`role.${role}`)}
              </label>
            ))}
          </fieldset>
          <SubmitButton>{t("verifyRoles.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
