import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useT } from "~/i18n";
import { isHttpError } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { requireCan } from "~/modules/employment/service.server";
import { previewImport, REQUIRED_COLUMNS } from "~/modules/employment/import.server";
import { StaffLinks } from "~/modules/employment/components/DashboardView";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { readForm } from "~/lib/form-action.server";

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  // The form is for those who may submit it: 403 on GET as on POST (issue 10 item 6).
  await requireCan(actor, "create");
  return { columns: REQUIRED_COLUMNS.join(", ") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "create");
  const len = Number(request.headers.get("Content-Length") ?? 0);
  if (len > MAX_BYTES + 10_000) return data({ error: "employment.import.error.tooMany", columns: "" }, { status: 413 });
  const form = await readForm(request);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data({ error: "error.fileRequired", columns: "" }, { status: 400 });
  try {
    const id = await previewImport(actor, file.name, new Uint8Array(await file.arrayBuffer()));
    return redirect(`/employment/import/${id}`);
  } catch (e) {
    if (isHttpError(e) && e.init?.status === 400) {
      const cols = (e.data as { columns?: string[] }).columns;
      return data({ error: e.data.messageKey, columns: cols?.join(", ") ?? "" }, { status: 400 });
    }
    throw e;
  }
}

export default function ImportPage() {
  const t = useT();
  const a = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("employment.import.title")}</PageTitle>
      <StaffLinks />
      <Card>
        <p className="mb-4" dir="auto">{t("employment.import.hint", { columns: REQUIRED_COLUMNS_TEXT })}</p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className="mb-4">
            <label htmlFor="import-file" className="mb-1 block font-medium">{t("employment.import.file")}</label>
            <input id="import-file" type="file" name="file" accept=".csv,text/csv" required aria-invalid={a?.error ? true : undefined} aria-describedby={a?.error ? "import-file-error" : undefined} />
            {a?.error && <p id="import-file-error" role="alert" className="mt-1 text-sm font-medium text-red-700">{t(a.error, { columns: a.columns, mb: 5 })}</p>}
          </div>
          <SubmitButton>{t("employment.import.preview")}</SubmitButton>
        </Form>
        <p className="mt-4 text-sm text-slate-700">{t("employment.import.nothingWritten")}</p>
      </Card>
    </div>
  );
}

const REQUIRED_COLUMNS_TEXT = "external_ref, enterprise_name, registration_no | national_id, county, sector, as_of, programme, fte_now, created_full_time";
