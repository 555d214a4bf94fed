import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { currentJalaliYear, formatDate, formatNumber } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames, type ReferenceNames, requireCan } from "~/modules/employment/service.server";
import { canVerify, decideReports, verificationQueue, type QueueFilters } from "~/modules/employment/reports.server";
import { decisionSchema, filtersFrom, PROGRAMMES } from "~/modules/employment/schema";
import { StaffLinks, useLabel } from "~/modules/employment/components/DashboardView";
import { SourceLabel } from "~/modules/employment/components/SourceLabel";
import { FormError, TextArea } from "~/ui/Field";
import { EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { MAX_BIGINT_ID, parseId } from "~/lib/ids";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

function queueFilters(url: URL): QueueFilters {
  const f = filtersFrom(url, currentJalaliYear());
  return { year: url.searchParams.get("year") ? f.year : undefined, county: f.county, agency: f.agency, programme: f.programme };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const url = new URL(request.url);
  const f = queueFilters(url);
  const [list, names] = await Promise.all([verificationQueue(actor, { ...f, after: parseId(url.searchParams.get("after"), MAX_BIGINT_ID) ?? undefined }), referenceNames()]);
  return { ...list, names, canVerify: await canVerify(actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "verify");
  // The checkboxes have no message of their own: "pick a report" and the like show above the table.
  return formAction(await readForm(request), decisionSchema, async (v) => {
    await decideReports(actor, v.ids, v.decision, v.note);
    return redirectWithFlash(`/employment/queue${new URL(request.url).search}`, "employment.decided");
  }, { visible: ["note"] });
}

type Data = Awaited<ReturnType<typeof verificationQueue>> & { names: ReferenceNames; canVerify: boolean };

export default function Queue() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>() as unknown as Data;
  const a = useFormState();
  const label = useLabel(d.names);
  const [params] = useSearchParams();
  const keep = new URLSearchParams(params);
  keep.delete("after");
  const sel = "rounded-md border border-slate-400 bg-white px-3 py-2";
  return (
    <div>
      <PageTitle>{t("employment.queue.title")}</PageTitle>
      <StaffLinks />
      <p className="mb-4">{t("employment.queue.hint")}</p>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={t("common.filter")}>
        <label className="flex flex-col"><span className="mb-1">{t("employment.filter.year")}</span>
          <input name="year" defaultValue={params.get("year") ?? ""} inputMode="numeric" dir="ltr" className={sel} size={6} /></label>
        <label className="flex flex-col"><span className="mb-1">{t("employment.filter.county")}</span>
          <select name="county" defaultValue={params.get("county") ?? ""} className={sel}><option value="">{t("common.all")}</option>{d.names.county.map((c) => <option key={c.code} value={c.code}>{locale === "fa" ? c.fa : c.en}</option>)}</select></label>
        <label className="flex flex-col"><span className="mb-1">{t("employment.filter.agency")}</span>
          <select name="agency" defaultValue={params.get("agency") ?? ""} className={sel}><option value="">{t("common.all")}</option>{d.names.agency.map((c) => <option key={c.code} value={c.code}>{locale === "fa" ? c.fa : c.en}</option>)}</select></label>
        <label className="flex flex-col"><span className="mb-1">{t("employment.filter.programme")}</span>
          <select name="programme" defaultValue={params.get("programme") ?? ""} className={sel}><option value="">{t("common.all")}</option>{PROGRAMMES.map((p) => <option key={p} value={p}>{t(`employment.programme.${p}`)}</option>)}</select></label>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2">{t("common.filter")}</button>
        <a href={`/employment/queue.csv?${keep}`} download className="px-2 py-2">{t("common.exportCsv")}</a>
      </Form>
      {d.rows.length === 0 ? <EmptyState>{t("employment.queue.empty")}</EmptyState> : (
        <Form method="post" noValidate>
          <FormError error={a.formError} />
          <TableRegion>
          <table className={tableClass}>
            <thead><tr>
              <th scope="col"><span className="sr-only">{t("employment.queue.bulk")}</span></th>
              <th scope="col">#</th>
              <th scope="col">{t("employment.report.asOf")}</th>
              <th scope="col">{t("employment.enterprise.name")}</th>
              <th scope="col">{t("employment.filter.county")}</th>
              <th scope="col">{t("employment.filter.programme")}</th>
              <th scope="col">{t("employment.report.source")}</th>
              <th scope="col">{t("employment.report.jobsCreated")}</th>
              <th scope="col">{t("employment.report.jobsRetained")}</th>
            </tr></thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{d.canVerify && <input type="checkbox" name="ids" value={r.id} aria-label={t("employment.queue.select", { id: r.id })} />}</td>
                  <td><Link to={`/employment/reports/${r.id}`}>{formatNumber(locale, r.id)}</Link></td>
                  <td>{formatDate(locale, r.as_of)}</td>
                  <td><Link to={`/employment/enterprises/${r.enterprise_id}`}>{r.enterprise_name}</Link></td>
                  <td>{label("county", r.county_code)}</td>
                  <td>{t(`employment.programme.${r.programme}`)}</td>
                  <td><SourceLabel module={r.source_module} id={r.source_id} /></td>
                  <td>{formatNumber(locale, r.jobs_created, 2)}</td>
                  <td>{formatNumber(locale, r.jobs_retained, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
          {d.canVerify ? (
            <fieldset className="mt-4 max-w-xl">
              <legend className="mb-2 font-semibold">{t("employment.queue.bulk")}</legend>
              <TextArea name="note" label={t("employment.report.note")} defaultValue={a.values.note} error={a.errors.note} rows={2} />
              <div className="flex gap-3">
                <SubmitButton name="decision" value="verified">{t("employment.decision.verify")}</SubmitButton>
                <SubmitButton name="decision" value="rejected" variant="danger">{t("employment.decision.reject")}</SubmitButton>
              </div>
            </fieldset>
          ) : <p className="mt-4">{t("employment.queue.cannotVerify")}</p>}
        </Form>
      )}
      {d.next && <Link className="mt-4 inline-block" to={`?${new URLSearchParams([...keep, ["after", String(d.next)]])}`}>{t("common.next")}</Link>}
    </div>
  );
}
