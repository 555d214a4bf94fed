import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { toJalaliInput } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { ChairFields } from "~/modules/chairs/components";
import { chairSchema } from "~/modules/chairs/schema";
import { getChairForEdit, updateChair } from "~/modules/chairs/service.server";
import { FormError } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

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
  return formAction(await readForm(request), chairSchema, async (v) => {
    await updateChair(actor, id, v);
    return redirectWithFlash(`/chairs/${id}`, "chairs.updated");
  });
}

export default function EditChair() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  const v = f.failed ? f.values : d.values;
  return (
    <div className="max-w-xl">
      <PageTitle>{t("chairs.edit.title", { title: d.title })}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="version" value={d.values.version} />
          <ChairFields v={v} e={e} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
