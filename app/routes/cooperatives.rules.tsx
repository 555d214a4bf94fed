import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { localDigits } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { COOP_TYPES } from "~/modules/cooperatives/rules";
import { rulesSchema } from "~/modules/cooperatives/schema";
import { rulesPage, saveRules } from "~/modules/cooperatives/service.server";
import { FormError, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Staff edit the formation rules (one settings row per rule, audited). Applications already sent
// keep the rules they were checked against (decision 0019).

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return rulesPage(actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await rulesPage(actor); // 403 before the form is read
  return formAction(await readForm(request), rulesSchema, async (v) => {
    await saveRules(actor, v);
    return redirectWithFlash("/cooperatives/rules", "coop.rules.saved");
  });
}

export default function CoopRules() {
  const t = useT();
  const locale = useLocale();
  const { rules: r } = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = (k: string, stored: number) => (f.failed ? f.values[k] : localDigits(locale, stored));
  const types = f.failed ? f.all("allowedTypes") : r.allowedTypes;
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("coop.rules.title")}</PageTitle>
      <Card>
        <p className="mb-4 text-slate-700">{t("coop.rules.intro")}</p>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="stamp" value={r.stamp} />
          <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
            <TextField name="minMembers" label={t("coop.rules.minMembers")} required dir="ltr" inputMode="numeric" defaultValue={v("minMembers", r.minMembers)} error={f.errors.minMembers} />
            <TextField name="minCapital" label={t("coop.rules.minCapital")} required dir="ltr" inputMode="numeric" defaultValue={v("minCapital", r.minCapital)} error={f.errors.minCapital} />
            <TextField name="maxShareNum" label={t("coop.rules.maxShareNum")} required dir="ltr" inputMode="numeric" defaultValue={v("maxShareNum", r.maxShare.num)} error={f.errors.maxShareNum} />
            <TextField name="maxShareDen" label={t("coop.rules.maxShareDen")} required dir="ltr" inputMode="numeric" defaultValue={v("maxShareDen", r.maxShare.den)} error={f.errors.maxShareDen} />
            <TextField name="minBoard" label={t("coop.rules.minBoard")} required dir="ltr" inputMode="numeric" defaultValue={v("minBoard", r.minBoard)} error={f.errors.minBoard} />
            <TextField name="minInspectors" label={t("coop.rules.minInspectors")} required dir="ltr" inputMode="numeric" defaultValue={v("minInspectors", r.minInspectors)} error={f.errors.minInspectors} />
          </div>
          <fieldset className="mb-4">
            <legend className="mb-1 font-medium">{t("coop.rules.allowedTypes")}</legend>
            {f.errors.allowedTypes && <p className="text-sm font-medium text-red-700" role="alert">{t(f.errors.allowedTypes)}</p>}
            <div className="grid grid-cols-2 gap-1">
              {COOP_TYPES.map((c) => (
                <label key={c} className="flex items-center gap-2">
                  <input type="checkbox" name="allowedTypes" value={c} defaultChecked={types.includes(c)} /> {t(`coop.type.${c}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
