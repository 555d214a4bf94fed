import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { listMyFiles, saveUpload } from "~/modules/files/service.server";
import { maxUploadMb, withUploadForm } from "~/modules/files/upload.server";
import { FileField } from "~/modules/files/components/FileField";
import { FormError } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { formAction, redirectWithFlash } from "~/lib/form-action.server";
import { noFields } from "~/lib/forms";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const after = new URL(request.url).searchParams.get("after") ?? undefined;
  return { ...(await listMyFiles(actor, after)), maxMb: maxUploadMb() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  return withUploadForm(request, { field: "file" }, (form, files) =>
    formAction(form, noFields, async () => {
      await saveUpload(actor, files[0] ?? null);
      return redirectWithFlash("/files", "flash.uploaded");
    }, { fields: ["file"] }));
}

function sizeLabel(t: ReturnType<typeof useT>, bytes: number) {
  return bytes >= 1024 * 1024 ? t("files.sizeMb", { n: Math.round((bytes / 1024 / 1024) * 10) / 10 }) : t("files.sizeKb", { n: Math.max(0.1, Math.round((bytes / 1024) * 10) / 10) });
}

export default function MyFiles() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  // With JavaScript, a file over the limit is caught before it is sent (the server checks again
  // while streaming; without JavaScript a body far over the limit gets the HTTP layer's 413).
  const [clientError, setClientError] = useState<string | null>(null);
  const e = clientError ? { file: clientError } : f.errors;
  const checkSize = (ev: FormEvent<HTMLFormElement>) => {
    const input = ev.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    const refused = file && file.size > d.maxMb * 1024 * 1024 ? "error.fileTooLarge" : null;
    if (refused) ev.preventDefault();
    setClientError(refused);
  };
  return (
    <div>
      <PageTitle>{t("files.title")}</PageTitle>
      <Card title={t("files.upload")}>
        <Form method="post" encType="multipart/form-data" noValidate onSubmit={checkSize}>
          <FormError error={clientError ? "error.form" : f.formError} />
          <FileField name="file" label={t("files.file")} required error={e.file} maxMb={d.maxMb} />
          <SubmitButton pendingLabel={t("files.uploading")}>{t("files.upload")}</SubmitButton>
        </Form>
      </Card>
      {d.files.length === 0 ? (
        <EmptyState>{t("files.empty")}</EmptyState>
      ) : (
        <TableRegion>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">{t("files.name")}</th>
                <th scope="col">{t("files.type")}</th>
                <th scope="col">{t("files.size")}</th>
                <th scope="col">{t("files.uploaded")}</th>
                <th scope="col"><span className="sr-only">{t("files.download")}</span></th>
              </tr>
            </thead>
            <tbody>
              {d.files.map((f) => (
                <tr key={f.id}>
                  <td className="break-all" dir="auto">{f.original_name}</td>
                  <td dir="ltr">{f.extension.toUpperCase()}</td>
                  <td>{sizeLabel(t, Number(f.size_bytes))}</td>
                  <td>{formatDateTime(locale, f.created_at)}</td>
                  <td>
                    {/* A plain link: the download is a resource route, not a page. */}
                    <a href={`/files/${f.id}`} download aria-label={t("files.downloadName", { name: f.original_name })} className="font-medium text-brand-700 underline">
                      {t("files.download")}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {d.next && <Link to={`?after=${d.next}`} className="mt-4 inline-block">{t("common.next")}</Link>}
    </div>
  );
}
