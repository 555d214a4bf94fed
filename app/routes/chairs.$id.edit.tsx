import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { toJalaliInput } from "~/i18n/format";
import { parseForm } from "~/lib/forms";
import { idOrNotFound, isHttpError } from "~/lib/http";
import { setFlash } from "~/lib/flash.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { ChairFields } from "~/modules/chairs/components";
import { chairSchema } from "~/modules/chairs/schema";
import { getChairForEdit, updateChair } from "~/modules/chairs/service.server";
import { FormError } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { readForm } from "~/lib/form-action.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const c = await getChairForEdit(actor, id);
  return {
    id: c.id,
    title: c.title,
    values: {
      title: c.title, field: c.field, holderName: c.holder_name, holderRank: c.holder_rank, holderEmail: c.holder_email ?? "",
      holderPhone: c.holder_phone ?? "", establishedOn: toJalaliInput(c.established_on ? String(c.established_on) : null), status: c.status,
      version: String(c.version),
    } as Record<string, string>,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await getChairForEdit(actor, id); // 403 (and audit) before reading the form
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = parseForm(chairSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    await updateChair(actor, id, parsed.data);
  } catch (e) {
    if (isHttpError(e) && e.data.fieldErrors) return data({ errors: e.data.fieldErrors as Record<string, string>, values }, { status: 400 });
    if (isHttpError(e) && e.init?.status === 409) return data({ errors: { _form: e.data.messageKey } as Record<string, string>, values }, { status: 409 });
    throw e;
  }
  return redirect(`/chairs/${id}`, { headers: { "Set-Cookie": await setFlash("chairs.updated") } });
}

export default function EditChair() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const e = r?.errors ?? {};
  const v = r?.values ?? d.values;
  return (
    <div className="max-w-xl">
      <PageTitle>{t("chairs.edit.title", { title: d.title })}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          {e._form ? <FormError error={e._form} /> : Object.keys(e).length > 0 && <FormError error="error.form" />}
          <input type="hidden" name="version" value={d.values.version} />
          <ChairFields v={v} e={e} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
