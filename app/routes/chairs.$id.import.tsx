import {
  data, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError,
  type ActionFunctionArgs, type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { currentJalaliYear, formatNumber } from "~/i18n/format";
import { badRequest, idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { importSchema, yearParam } from "~/modules/chairs/schema";
import { getChairForEdit, importActivities } from "~/modules/chairs/service.server";
import { FormError, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { formAction, readForm } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

const MAX_BYTES = 2 * 1024 * 1024;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const chair = await getChairForEdit(actor, id);
  return { id, title: chair.title, year: yearParam(new URL(request.url), currentJalaliYear()) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await getChairForEdit(actor, id); // 403 (and audit) before reading the form
  let form: FormData;
  try {
    form = /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")
      ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }))
      : await readForm(request);
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) throw badRequest("chairs.import.error.tooMany");
    throw badRequest();
  }
  return formAction(form, importSchema, async (v) => {
    const file = form.get("file");
    // Decoded leniently: bytes that are not UTF-8 become U+FFFD, which the import reports as an encoding error.
    const text = file && typeof file !== "string" && file.size > 0 ? new TextDecoder("utf-8").decode(await file.arrayBuffer()) : "";
    if (!text) throw badRequest("error.form", { file: "error.fileRequired" });
    const result = await importActivities(actor, id, { text, year: v.year, validOnly: v.validOnly, dryRun: form.get("intent") === "check" });
    // The result (rows written, each refused row) is the answer, a refused file's included.
    return data({ result }, { status: result.fileError || (result.errors.length && result.written === 0) ? 400 : 200 });
  }, { fields: ["file"] });
}

export default function ImportActivities() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  const res = (useActionData() as { result?: Awaited<ReturnType<typeof importActivities>> } | undefined)?.result;
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("chairs.import.title", { title: d.title })}</PageTitle>
      {res && (
        <Card>
          <div role="status" data-testid="import-result">
            {res.fileError ? (
              <FormError error={t(res.fileError, { columns: res.missingColumns.join("، ") })} />
            ) : (
              <>
                <p className="mb-2">
                  {t("chairs.import.summary", { total: res.total, valid: res.valid, written: res.written, already: res.alreadyImported })}
                </p>
                {res.dryRun && <p className="mb-2">{t("chairs.import.checked")}</p>}
                {!res.dryRun && res.errors.length > 0 && res.written === 0 && <FormError error="chairs.import.nothingWritten" />}
              </>
            )}
          </div>
          {res.errors.length > 0 && (
            <TableRegion>
            <table className={tableClass} data-testid="import-errors">
              <caption className="mb-2 text-start font-semibold">{t("chairs.import.errors")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("chairs.import.row")}</th>
                  <th scope="col">{t("chairs.import.column")}</th>
                  <th scope="col">{t("chairs.import.message")}</th>
                </tr>
              </thead>
              <tbody>
                {res.errors.map((x, i) => (
                  <tr key={i}>
                    <td>{formatNumber(locale, x.row)}</td>
                    <td dir="ltr">{x.field === "_row" ? t("chairs.import.wholeRow") : x.field}</td>
                    <td>{t(x.key)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </TableRegion>
          )}
          <Link to={`/chairs/${d.id}?year=${d.year}`} className="mt-3 inline-block text-brand-700 underline">{d.title}</Link>
        </Card>
      )}
      <Card>
        <p className="mb-4 text-sm text-slate-700">{t("chairs.import.help")}</p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <TextField name="year" label={t("chairs.activity.year")} inputMode="numeric" dir="ltr" required defaultValue={String(d.year)} error={e.year} />
          <div className="mb-4">
            <label htmlFor="import-file" className="mb-1 block font-medium text-slate-800">{t("chairs.import.file")}</label>
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-invalid={e.file ? true : undefined}
              aria-describedby={e.file ? "import-file-error" : undefined} className="block w-full text-start" />
            {e.file && <p id="import-file-error" role="alert" className="mt-1 text-sm font-medium text-red-700">{t(e.file)}</p>}
          </div>
          <div className="mb-4 flex items-center gap-2">
            <input id="import-valid-only" type="checkbox" name="validOnly" className="h-4 w-4" />
            <label htmlFor="import-valid-only">{t("chairs.import.validOnly")}</label>
          </div>
          <div className="flex flex-wrap gap-2">
            <SubmitButton name="intent" value="import">{t("chairs.import.submit")}</SubmitButton>
            <SubmitButton name="intent" value="check" variant="secondary">{t("chairs.import.check")}</SubmitButton>
          </div>
        </Form>
      </Card>
    </div>
  );
}
