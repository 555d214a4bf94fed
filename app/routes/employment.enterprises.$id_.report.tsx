import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { setFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { isHttpError, idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames, requireCan } from "~/modules/employment/service.server";
import { getEnterprise } from "~/modules/employment/enterprises.server";
import { enterReport } from "~/modules/employment/reports.server";
import { reportNumbersSchema } from "~/modules/employment/schema";
import { ReportFields } from "~/modules/employment/components/ReportFields";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb, parseUpload } from "~/modules/files/upload.server";
import { FormError } from "~/ui/Field";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { readForm } from "~/lib/form-action.server";

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
  const multipart = /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "");
  const upload = multipart ? await parseUpload(request, { field: "evidence" }) : null;
  try {
    const form = upload ? upload.fields : await readForm(request);
    const values = { ...Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>, priorityGroups: form.getAll("priorityGroups").join(",") };
    if (upload?.error) return data({ errors: { evidence: upload.error } as Record<string, string>, values }, { status: 400 });
    const parsed = parseForm(reportNumbersSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
    try {
      await enterReport(actor, id, parsed.data, upload?.file ?? null);
    } catch (e) {
      if (isHttpError(e) && e.data.fieldErrors) {
        const { file, ...rest } = e.data.fieldErrors;
        return data({ errors: (file ? { ...rest, evidence: file } : rest) as Record<string, string>, values }, { status: 400 });
      }
      throw e;
    }
  } finally {
    await upload?.dispose();
  }
  return redirect(`/employment/enterprises/${id}`, { headers: { "Set-Cookie": await setFlash("employment.report.saved") } });
}

export default function NewReport() {
  const t = useT();
  const { enterprise, names, maxMb } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("employment.report.new")}: {enterprise.name}</PageTitle>
      <Card>
        <Form method="post" encType="multipart/form-data" noValidate>
          {r?.errors && <FormError error="error.form" />}
          <ReportFields v={r?.values ?? {}} e={r?.errors ?? {}} groups={names.group} />
          <FileField name="evidence" label={t("employment.evidence.field")} error={r?.errors?.evidence} maxMb={maxMb} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
