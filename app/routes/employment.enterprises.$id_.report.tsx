import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames, requireCan } from "~/modules/employment/service.server";
import { getEnterprise } from "~/modules/employment/enterprises.server";
import { enterReport } from "~/modules/employment/reports.server";
import { reportNumbersSchema } from "~/modules/employment/schema";
import { ReportFields } from "~/modules/employment/components/ReportFields";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb, withUploadForm } from "~/modules/files/upload.server";
import { FormError } from "~/ui/Field";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { formAction, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  // The form is for those who may submit it: 403 on GET as on POST (issue 10 item 6).
  await requireCan(actor, "create");
  const e = await getEnterprise(actor, id);
  return { enterprise: { id: e.enterprise.id, name: e.enterprise.name }, names: await referenceNames(), maxMb: maxUploadMb() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "create");
  const id = idOrNotFound(params.id);
  // The form is multipart (an optional evidence file streamed to a temporary file); a plain form works too.
  return withUploadForm(request, { field: "evidence" }, (form, files) =>
    formAction(form, reportNumbersSchema, async (v) => {
      await enterReport(actor, id, v, files[0] ?? null);
      return redirectWithFlash(`/employment/enterprises/${id}`, "employment.report.saved");
    }, { fields: ["evidence"], rename: { file: "evidence" } }));
}

export default function NewReport() {
  const t = useT();
  const { enterprise, names, maxMb } = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = { ...f.values, priorityGroups: f.all("priorityGroups").join(",") };
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("employment.report.new")}: {enterprise.name}</PageTitle>
      <Card>
        <Form method="post" encType="multipart/form-data" noValidate>
          <FormError error={f.formError} />
          <ReportFields v={v} e={f.errors} groups={names.group} />
          <FileField name="evidence" label={t("employment.evidence.field")} error={f.errors.evidence} maxMb={maxMb} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
