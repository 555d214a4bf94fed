import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { setFlash } from "~/lib/flash.server";
import { isHttpError } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { requireCan } from "~/modules/employment/service.server";
import { confirmImport, getImport } from "~/modules/employment/import.server";
import { StaffLinks } from "~/modules/employment/components/DashboardView";
import { FormError } from "~/ui/Field";
import { Card, PageTitle, tableClass } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const imp = await getImport(actor, params.id ?? "");
  return { id: imp.id, fileName: imp.fileName, status: imp.status, importedCount: imp.importedCount, validRows: imp.validRows, badRows: imp.badRows, errors: imp.errors.slice(0, 500) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "create");
  const mode = (await request.formData()).get("mode") === "valid" ? "valid" : "all";
  try {
    const r = await confirmImport(actor, params.id ?? "", mode);
    void r;
    return redirect(new URL(request.url).pathname, { headers: { "Set-Cookie": await setFlash("employment.import.imported") } });
  } catch (e) {
    if (isHttpError(e) && e.init?.status === 409) return data({ error: e.data.messageKey }, { status: 409 });
    throw e;
  }
}

export default function ImportPreview() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <div>
      <PageTitle>{t("employment.import.preview")}: <span dir="ltr">{d.fileName}</span></PageTitle>
      <StaffLinks />
      <Card>
        <p className="mb-3 text-lg" data-testid="import-summary">{t("employment.import.summary", { valid: formatNumber(locale, d.validRows), bad: formatNumber(locale, d.badRows) })}</p>
        {d.status === "imported" ? (
          <p role="status" data-testid="import-done">{t("employment.import.done", { created: formatNumber(locale, d.importedCount ?? 0), skipped: formatNumber(locale, Math.max(0, d.validRows - (d.importedCount ?? 0))) })}</p>
        ) : (
          <Form method="post" className="flex flex-wrap gap-3">
            <FormError error={a?.error} />
            {d.errors.length === 0 && <SubmitButton name="mode" value="all">{t("employment.import.all")}</SubmitButton>}
            {d.errors.length > 0 && d.validRows > 0 && <SubmitButton name="mode" value="valid" variant="secondary">{t("employment.import.validOnly")}</SubmitButton>}
            <Link to="/employment/import" className="px-2 py-2">{t("common.cancel")}</Link>
          </Form>
        )}
        {d.status !== "imported" && <p className="mt-3 text-sm text-slate-700">{t("employment.import.nothingWritten")}</p>}
      </Card>
      {d.errors.length > 0 && (
        <Card title={t("employment.import.errors")}>
          <table className={tableClass} data-testid="import-errors">
            <thead><tr>
              <th scope="col">{t("employment.import.row")}</th>
              <th scope="col">{t("employment.import.field")}</th>
              <th scope="col">{t("employment.import.message")}</th>
            </tr></thead>
            <tbody>{d.errors.map((e, i) => (
              <tr key={i}>
                <td>{formatNumber(locale, e.row)}</td>
                <td dir="ltr">{e.field}</td>
                <td>{t(e.key)}</td>
              </tr>
            ))}</tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
