import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { recordResults, resultsSheet } from "~/modules/training/results.server";
import { resultsSchema } from "~/modules/training/schema";
import { RESULTS } from "~/modules/training/workflow";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle, scrollRegion, tableClass } from "~/ui/Page";

// The results sheet of a course (issue 16): every accepted person's result in one form, so a
// course of twenty is finished without opening twenty pages. Works without JavaScript.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return resultsSheet(actor, idOrNotFound(params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await resultsSheet(actor, id); // 403/404 before the fields are read
  return formAction(await readForm(request), resultsSchema, async (v) => {
    await recordResults(actor, id, v);
    return redirectWithFlash(`/training/courses/${id}`, "training.flash.results");
  });
}

const cell = "rounded-md border border-slate-400 bg-white px-2 py-2 aria-[invalid=true]:border-red-600";

export default function ResultsSheet() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  // After an error, what was typed comes back in the same row order.
  const typed = (name: string, i: number, stored: string | null) => (f.failed ? f.all(name)[i] ?? "" : stored ?? "");
  return (
    <div className="max-w-5xl">
      <PageTitle actions={<Link to={`/training/courses/${d.course.id}`}>{t("common.back")}</Link>}>{t("training.results.title", { title: d.course.title })}</PageTitle>
      {!d.open ? (
        <p role="status">{t("training.results.closed")}</p>
      ) : (
        <Card>
          <p className="mb-3 text-slate-700">{t("training.results.help")}</p>
          <Form method="post" noValidate>
            <FormError error={f.formError} />
            <div {...scrollRegion(t("common.tableRegion"))}>
              <table className={tableClass} data-testid="results-sheet">
                <thead>
                  <tr>
                    <th scope="col">{t("training.results.person")}</th>
                    <th scope="col">{t("training.enrolment.attendance")}</th>
                    <th scope="col">{t("training.enrolment.result")}</th>
                    <th scope="col">{t("training.enrolment.certificateNo")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((r, i) => {
                    const resultError = f.errors[`result.${i}`];
                    const certError = f.errors[`certificateNo.${i}`];
                    return (
                      <tr key={r.id}>
                        <th scope="row" className="text-start font-normal" id={`person-${r.id}`}>
                          {r.full_name}
                          <input type="hidden" name="enrolment" value={r.id} />
                          <input type="hidden" name="version" value={r.version} />
                        </th>
                        <td>{r.attendance_pct == null ? "—" : `${formatNumber(locale, r.attendance_pct)}${locale === "fa" ? "٪" : "%"}`}</td>
                        <td>
                          <label className="sr-only" htmlFor={`result-${r.id}`}>{`${t("training.enrolment.result")}: ${r.full_name}`}</label>
                          <select id={`result-${r.id}`} name="result" defaultValue={typed("result", i, r.result)} className={cell}
                            aria-invalid={resultError ? true : undefined} aria-describedby={resultError ? `result-${r.id}-error` : undefined}>
                            <option value="">{t("training.results.notSet")}</option>
                            {RESULTS.map((x) => <option key={x} value={x}>{t(`training.result.${x}`)}</option>)}
                          </select>
                          {resultError && <p id={`result-${r.id}-error`} role="alert" className="mt-1 text-sm font-medium text-red-700">{t(resultError)}</p>}
                        </td>
                        <td>
                          <label className="sr-only" htmlFor={`cert-${r.id}`}>{`${t("training.enrolment.certificateNo")}: ${r.full_name}`}</label>
                          <input id={`cert-${r.id}`} name="certificateNo" dir="ltr" maxLength={40} defaultValue={typed("certificateNo", i, r.certificate_no)} className={cell}
                            aria-invalid={certError ? true : undefined} aria-describedby={certError ? `cert-${r.id}-error` : undefined} />
                          {certError && <p id={`cert-${r.id}-error`} role="alert" className="mt-1 text-sm font-medium text-red-700">{t(certError)}</p>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="mt-4"><SubmitButton>{t("training.results.save")}</SubmitButton></div>
          </Form>
        </Card>
      )}
    </div>
  );
}
