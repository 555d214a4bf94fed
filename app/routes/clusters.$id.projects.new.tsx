import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { FirmPicker } from "~/modules/clusters/components/FoldedForm";
import { firmsFormPage } from "~/modules/clusters/page.server";
import { projectSchema } from "~/modules/clusters/schema";
import { createProject, requireManager } from "~/modules/clusters/service.server";
import { PROJECT_KINDS } from "~/modules/clusters/workflow";
import { DateField, FormError, SelectField, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// A new joint project of a cluster with its taking-part firms (from trust building on); reached from
// the cluster page (decision 0051). It opens on the project's own page.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return firmsFormPage(actor, idOrNotFound(params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireManager(actor, id); // 404/403 before the form is read
  return formAction(await readForm(request), projectSchema, async (v) => {
    const pid = await createProject(actor, id, v);
    return redirectWithFlash(`/clusters/${id}/projects/${pid}`, "cluster.projectCreated");
  });
}

export default function NewProject() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <p className="mb-2"><Link to={`/clusters/${d.cluster.id}`}>{d.cluster.name}</Link></p>
      <PageTitle>{t("cluster.project.new")}</PageTitle>
      <Card>
        {!d.canProject ? <EmptyState>{t("cluster.projects.later")}</EmptyState> : (
          <Form method="post" noValidate data-testid="cluster-project-form">
            <FormError error={f.formError} />
            <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
              <TextField name="title" label={t("cluster.project.title")} required defaultValue={f.values.title} error={f.errors.title} />
              <SelectField name="kind" label={t("cluster.project.kind")} required options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`cluster.projectKind.${k}`) }))} defaultValue={f.values.kind} error={f.errors.kind} />
              <TextField name="budget" label={t("cluster.project.budget")} inputMode="numeric" dir="ltr" defaultValue={f.values.budget} error={f.errors.budget} />
              <DateField name="startsOn" label={t("cluster.project.startsOn")} required typed={f.values.startsOn} error={f.errors.startsOn} />
              <DateField name="endsOn" label={t("cluster.project.endsOn")} typed={f.values.endsOn} error={f.errors.endsOn} />
            </div>
            <FirmPicker firms={d.firms} initial={[]} hint={t("cluster.project.firmsHint")} />
            <SubmitButton>{t("cluster.project.create")}</SubmitButton>
          </Form>
        )}
      </Card>
    </div>
  );
}
