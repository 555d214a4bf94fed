import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { localDigits } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { MAX_SLA_DAYS, slaField, slaSchema, type SlaInput } from "~/modules/agenda/schema";
import { saveSla, slaPage } from "~/modules/agenda/sla.server";
import type { ObstacleCategory } from "~/modules/agenda/workflow";
import { FormError, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Directorate staff set the service-level days of each obstacle category (data, audited; decision 0045).
// A change gives obstacles raised from then on their due dates; those already raised keep theirs.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return slaPage(actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await slaPage(actor); // 403 before the form is read
  return formAction(await readForm(request), slaSchema, async (v) => {
    await saveSla(actor, v as SlaInput);
    return redirectWithFlash("/agenda/sla", "agenda.sla.saved");
  });
}

export default function ObstacleSla() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("agenda.sla.title")}</PageTitle>
      <Card>
        <p className="mb-2 text-slate-700">{t("agenda.sla.intro")}</p>
        <p className="mb-4 text-sm text-slate-600">{t("agenda.sla.range", { max: localDigits(locale, MAX_SLA_DAYS) })}</p>
        {/* Keyed by language and stamp: the fields show the stored days again in the reader's digits after a language switch or a save. */}
        <Form key={`${locale}:${d.stamp}`} method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="stamp" value={d.stamp} />
          <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
            {d.categories.map((c) => {
              const name = slaField(c.code as ObstacleCategory);
              return (
                <TextField key={c.code} name={name} label={t("agenda.sla.days", { category: t(`agenda.category.${c.code}`) })} required dir="ltr" inputMode="numeric"
                  defaultValue={f.failed ? f.values[name] : localDigits(locale, c.days)} error={f.errors[name]} />
              );
            })}
          </div>
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
