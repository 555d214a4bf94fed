import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { LOAN_SOURCES, SUPPORT_KINDS, supportSchema } from "~/modules/microbusiness/schema";
import { addSupport, requireEditor, supportForm } from "~/modules/microbusiness/service.server";
import { DateField, FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return supportForm(actor, idOrNotFound(params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireEditor(actor, id);
  return formAction(await readForm(request), supportSchema, async (v) => {
    await addSupport(actor, id, v);
    return redirectWithFlash(`/micro-businesses/${id}`, "micro.support.saved");
  });
}

export default function AddSupport() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.values;
  return (
    <div className="max-w-xl">
      <PageTitle actions={<Link to={`/micro-businesses/${d.id}`}>{t("common.back")}</Link>}>{t("micro.support.title", { name: d.name })}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <SelectField name="kind" label={t("micro.support.kind")} required defaultValue={v.kind} error={f.errors.kind} options={SUPPORT_KINDS.map((k) => ({ value: k, label: t(`micro.support.${k}`) }))} />
          <DateField name="receivedOn" label={t("micro.support.receivedOn")} required typed={v.receivedOn} error={f.errors.receivedOn} />
          <TextArea name="description" label={t("micro.support.description")} rows={3} defaultValue={v.description} error={f.errors.description} />
          <p className="mb-4 text-sm text-slate-600">{t("micro.support.loanHint")}</p>
          <TextField name="loanAmount" label={t("micro.support.loanAmount")} inputMode="numeric" dir="ltr" defaultValue={v.loanAmount} error={f.errors.loanAmount} />
          <SelectField name="loanSource" label={t("micro.support.loanSource")} defaultValue={v.loanSource} error={f.errors.loanSource} options={LOAN_SOURCES.map((s) => ({ value: s, label: t(`micro.loanSource.${s}`) }))} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
