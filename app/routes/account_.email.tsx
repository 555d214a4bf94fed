import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useT } from "~/i18n";
import { getDb } from "~/lib/db.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { emailStatus, resendVerification } from "~/modules/accounts/recovery.server";
import { channelsOf, NOTIFICATION_KINDS, setChannels } from "~/modules/email/prefs.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";

const channel = z.enum(["in_app", "email"], { errorMap: () => ({ message: "error.invalidChoice" }) });
const prefsSchema = z.object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channel])) as Record<(typeof NOTIFICATION_KINDS)[number], typeof channel>);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const [status, channels] = await Promise.all([emailStatus(actor), channelsOf(await getDb(), actor.user.id)]);
  return { ...status, channels };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const form = await readForm(request);
  if (form.get("intent") === "resend") {
    await resendVerification(actor);
    return redirectWithFlash("/account/email", "recovery.resent");
  }
  return formAction(form, prefsSchema, async (v) => {
    await setChannels(actor, v);
    return redirectWithFlash("/account/email", "prefs.saved");
  }, { intent: "prefs" });
}

export default function AccountEmail() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState("prefs");
  return (
    <div className="max-w-xl">
      <PageTitle>{t("prefs.title")}</PageTitle>
      <Card>
        <p>
          {t("prefs.address")}: <span dir="ltr">{d.email}</span> ({d.verified ? t("prefs.verified") : t("prefs.unverified")})
        </p>
        {!d.verified && d.mailEnabled && (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="resend" />
            <SubmitButton>{t("recovery.resend")}</SubmitButton>
          </Form>
        )}
      </Card>
      <Card title={t("prefs.title")}>
        {!d.mailEnabled && <p className="mb-3">{t("prefs.mailOff")}</p>}
        <p className="mb-3">{t("prefs.lead")}</p>
        <Form method="post">
          <FormError error={f.formError} />
          <input type="hidden" name="intent" value="prefs" />
          {NOTIFICATION_KINDS.map((kind) => (
            <fieldset key={kind} className="mb-3">
              <legend className="font-medium">{t(`prefs.kind.${kind}`)}</legend>
              {(["in_app", "email"] as const).map((c) => (
                <label key={c} className="me-4 inline-flex items-center gap-1">
                  <input type="radio" name={kind} value={c} defaultChecked={(f.values[kind] ?? d.channels[kind]) === c} />
                  {t(`prefs.channel.${c}`)}
                </label>
              ))}
            </fieldset>
          ))}
          <SubmitButton>{t("prefs.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
