import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { firmsFormPage } from "~/modules/clusters/page.server";
import { leaveSchema } from "~/modules/clusters/schema";
import { firmLeaves, requireManager } from "~/modules/clusters/service.server";
import { DateField, FormError, SelectField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// A member firm leaves the cluster (its row stays with the date); the firm is chosen from the cluster's
// live firms; reached from the cluster page (decision 0051).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return firmsFormPage(actor, idOrNotFound(params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireManager(actor, id); // 404/403 before the form is read
  return formAction(await readForm(request), leaveSchema, async (v) => {
    await firmLeaves(actor, id, v);
    return redirectWithFlash(`/clusters/${id}`, "cluster.firmLeft");
  });
}

export default function FirmLeaves() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <p className="mb-2"><Link to={`/clusters/${d.cluster.id}`}>{d.cluster.name}</Link></p>
      <PageTitle>{t("cluster.firm.leave")}</PageTitle>
      <Card>
        {d.firms.length === 0 ? <EmptyState>{t("cluster.firms.none")}</EmptyState> : (
          <Form method="post" noValidate data-testid="cluster-leave-form">
            <FormError error={f.formError} />
            <SelectField name="firmId" label={t("cluster.firm.name")} required options={d.firms.map((x) => ({ value: String(x.id), label: x.name }))} defaultValue={f.values.firmId} error={f.errors.firmId} />
            <DateField name="leftOn" label={t("cluster.firm.leftOn")} required typed={f.values.leftOn} error={f.errors.leftOn} />
            <SubmitButton variant="secondary">{t("cluster.firm.leaveSubmit")}</SubmitButton>
          </Form>
        )}
      </Card>
    </div>
  );
}
