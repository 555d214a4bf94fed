import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
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
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { readForm } from "~/lib/form-action.server";

// The import's page (issue 18): while a background job checks or writes the rows it shows rows done
// of total and reloads itself every few seconds (a meta refresh: no JavaScript needed); the uploader
// may leave and come back. Then the preview with per-row errors (also as CSV), then the result.
const WORKING = new Set(["validating", "importing"]);

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const parent = matches.flatMap((m) => m.meta ?? []);
  return d && WORKING.has(d.status) ? [...parent, { httpEquiv: "refresh", content: "2" }] : parent;
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const imp = await getImport(actor, params.id ?? "");
  return imp;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "create");
  const mode = (await readForm(request)).get("mode") === "valid" ? "valid" : "all";
  try {
    await confirmImport(actor, params.id ?? "", mode);
    return redirect(new URL(request.url).pathname, { headers: { "Set-Cookie": await setFlash("employment.import.started") } });
  } catch (e) {
    if (isHttpError(e) && e.init?.status === 409) return data({ error: e.data.messageKey }, { status: 409 });
    throw e;
  }
}

export default function ImportPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const n = (x: number) => formatNumber(locale, x);
  return (
    <div>
      <PageTitle>{t("employment.import.preview")}: <span dir="ltr">{d.fileName}</span></PageTitle>
      <StaffLinks />
      <Card>
        {WORKING.has(d.status) ? (
          <div data-testid="import-progress">
            <p role="status" className="mb-2 text-lg">
              {t(d.status === "validating" ? "employment.import.checking" : "employment.import.writing", { done: n(d.rowsDone), total: n(d.totalRows) })}
            </p>
            <progress className="h-3 w-full" max={Math.max(1, d.totalRows)} value={d.rowsDone} aria-label={t("employment.import.progress")} />
            <p className="mt-3 text-sm text-slate-700">{t("employment.import.background")}</p>
          </div>
        ) : d.status === "failed" ? (
          <p role="alert" className="font-medium text-red-700" data-testid="import-failed">{t("employment.import.failed", { reason: t(d.failure ?? "error.server.title") })}</p>
        ) : (
          <p className="mb-3 text-lg" data-testid="import-summary">{t("employment.import.summary", { valid: n(d.validRows), bad: n(d.badRows) })}</p>
        )}
        {d.status === "preview" && d.alreadyImported > 0 && (
          <p className="mb-3" data-testid="import-already">{t("employment.import.alreadyImported", { count: n(d.alreadyImported), valid: n(d.validRows) })}</p>
        )}
        {d.status === "imported" && (
          <p role="status" data-testid="import-done">
            {/* A re-import whose rows were all imported before says so, not "0 imported" (issue 11 item 10). */}
            {(d.importedCount ?? 0) === 0 && (d.skippedCount ?? 0) > 0
              ? t("employment.import.doneNothingNew", { skipped: n(d.skippedCount ?? 0) })
              : t("employment.import.done", { created: n(d.importedCount ?? 0), skipped: n(d.skippedCount ?? 0) })}
          </p>
        )}
        {d.status === "preview" && (
          <>
            <Form method="post" className="flex flex-wrap gap-3">
              <FormError error={a?.error} />
              {d.errorCount === 0 && <SubmitButton name="mode" value="all">{t("employment.import.all")}</SubmitButton>}
              {d.errorCount > 0 && d.validRows > 0 && <SubmitButton name="mode" value="valid" variant="secondary">{t("employment.import.validOnly")}</SubmitButton>}
              <Link to="/employment/import" className="px-2 py-2">{t("common.cancel")}</Link>
            </Form>
            <p className="mt-3 text-sm text-slate-700">{t("employment.import.nothingWritten")}</p>
          </>
        )}
      </Card>
      {d.errorCount > 0 && (
        <Card title={t("employment.import.errors")}>
          <p className="mb-3">
            <a href={`/employment/import/${d.id}/errors.csv`} download data-testid="import-errors-csv">{t("employment.import.errorsCsv", { count: n(d.errorCount) })}</a>
          </p>
          <TableRegion>
          <table className={tableClass} data-testid="import-errors">
            <thead><tr>
              <th scope="col">{t("employment.import.row")}</th>
              <th scope="col">{t("employment.import.field")}</th>
              <th scope="col">{t("employment.import.message")}</th>
            </tr></thead>
            <tbody>{d.errors.map((e, i) => (
              <tr key={i}>
                <td>{n(e.row)}</td>
                <td dir="ltr">{e.field}</td>
                <td>{t(e.key)}</td>
              </tr>
            ))}</tbody>
          </table>
          </TableRegion>
        </Card>
      )}
    </div>
  );
}
