import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatDateTime, formatNumber, localDigits } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceNames, requireCan } from "~/modules/employment/service.server";
import { getEnterprise, mergeEnterprises } from "~/modules/employment/enterprises.server";
import { mergeSchema } from "~/modules/employment/schema";
import { StaffLinks, useLabel } from "~/modules/employment/components/DashboardView";
import { SourceLabel } from "~/modules/employment/components/SourceLabel";
import { FormError, TextField } from "~/ui/Field";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { SubjectObstacles } from "~/modules/agenda/components/SubjectObstacles";
import { subjectObstacles } from "~/modules/agenda/service.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const [e, names] = await Promise.all([getEnterprise(actor, id), referenceNames()]);
  return { ...e, names, obstacles: await subjectObstacles(actor, "enterprise", id) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCan(actor, "merge");
  const id = idOrNotFound(params.id);
  return formAction(await readForm(request), mergeSchema, async (v) => {
    await mergeEnterprises(actor, id, v.duplicateId);
    return redirectWithFlash(`/employment/enterprises/${id}`, "employment.enterprise.merged");
  });
}

export default function EnterprisePage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const r = useFormState();
  const label = useLabel(d.names);
  const e = d.enterprise;
  const counted = new Map(d.counted.map((c) => [Number(c.report_id), c.jalali_year]));
  const n = (v: number) => formatNumber(locale, v, 2);
  const status = (rep: { status: string; superseded_by: number | null }) => (rep.superseded_by ? t("employment.status.superseded") : t(`employment.status.${rep.status}`));
  return (
    <div>
      <PageTitle actions={!e.merged_into && (
        <div className="flex flex-wrap gap-2">
          <Link to={`/employment/enterprises/${e.id}/edit`} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2">{t("employment.enterprise.edit")}</Link>
          <Link to={`/employment/enterprises/${e.id}/report`} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("employment.report.new")}</Link>
        </div>
      )}>
        {e.name}
      </PageTitle>
      <StaffLinks />
      {e.merged_into && (
        <p role="status" className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-3">
          {t("employment.enterprise.mergedInto")} <Link to={`/employment/enterprises/${e.merged_into}`}>#{e.merged_into}</Link>
        </p>
      )}
      <Card>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <div><dt className="text-sm text-slate-700">{t("employment.enterprise.registrationNo")}</dt><dd dir="ltr" className="text-start">{e.registration_no ? localDigits(locale, e.registration_no) : "—"}</dd></div>
          <div><dt className="text-sm text-slate-700">{t("employment.enterprise.nationalId")}</dt><dd dir="ltr" className="text-start">{e.national_id ? localDigits(locale, e.national_id) : "—"}</dd></div>
          <div><dt className="text-sm text-slate-700">{t("employment.enterprise.kind")}</dt><dd>{t(`employment.kind.${e.kind}`)}</dd></div>
          <div><dt className="text-sm text-slate-700">{t("employment.enterprise.sizeClass")}</dt><dd>{t(`employment.size.${e.size_class}`)}</dd></div>
          <div><dt className="text-sm text-slate-700">{t("employment.filter.county")}</dt><dd>{label("county", e.county_code)}</dd></div>
          <div><dt className="text-sm text-slate-700">{t("employment.enterprise.sector")}</dt><dd>{label("sector", e.sector_code)}</dd></div>
          <div><dt className="text-sm text-slate-700">{t("employment.filter.agency")}</dt><dd>{label("agency", e.agency_code)}</dd></div>
          <div><dt className="text-sm text-slate-700">{t("employment.enterprise.baseline")}</dt><dd>{formatNumber(locale, e.baseline_headcount)}</dd></div>
        </dl>
      </Card>
      <Card title={t("employment.enterprise.reports")}>
        <TableRegion>
        <table className={tableClass}>
          <thead><tr>
            <th scope="col">#</th>
            <th scope="col">{t("employment.report.asOf")}</th>
            <th scope="col">{t("employment.filter.programme")}</th>
            <th scope="col">{t("employment.report.source")}</th>
            <th scope="col">{t("employment.report.jobsCreated")}</th>
            <th scope="col">{t("employment.report.jobsRetained")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("employment.enterprise.countedIn")}</th>
          </tr></thead>
          <tbody>
            {d.reports.map((rep) => (
              <tr key={rep.id}>
                <td><Link to={`/employment/reports/${rep.id}`}>{formatNumber(locale, rep.id)}</Link></td>
                <td>{formatDate(locale, rep.as_of)}</td>
                <td>{t(`employment.programme.${rep.programme}`)}</td>
                <td><SourceLabel module={rep.source_module} id={rep.source_id} /></td>
                <td>{n(rep.jobs_created)}</td>
                <td>{n(rep.jobs_retained)}</td>
                <td>{status(rep)}</td>
                <td>{counted.has(Number(rep.id)) ? formatNumber(locale, counted.get(Number(rep.id))!).replace(/[,٬]/g, "") : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      </Card>
      <Card title={t("employment.enterprise.timeline")}>
        <ol className="space-y-2">
          {d.events.map((ev) => (
            <li key={ev.id}>
              <span className="text-slate-700">{formatDateTime(locale, ev.at)}</span>{" — "}
              <Link to={`/employment/reports/${ev.report_id}`} className="underline">#{formatNumber(locale, ev.report_id)}</Link>{" "}
              {t(`employment.status.${ev.to_status}`)}{ev.actor_name ? ` (${ev.actor_name})` : ""}{ev.note ? `: ${ev.note}` : ""}
            </li>
          ))}
        </ol>
      </Card>
      {d.merged.length > 0 && (
        <Card title={t("employment.enterprise.mergedFrom")}>
          <ul className="list-disc ps-6">{d.merged.map((m) => <li key={m.id}><Link to={`/employment/enterprises/${m.id}`}>{m.name} (#{m.id})</Link></li>)}</ul>
        </Card>
      )}
      {!e.merged_into && (
        <Card title={t("employment.enterprise.merge")}>
          <Form method="post" noValidate className="max-w-sm">
            <FormError error={r.formError} />
            <TextField name="duplicateId" label={t("employment.enterprise.duplicateId")} inputMode="numeric" dir="ltr" required defaultValue={r.values.duplicateId} error={r.errors.duplicateId} />
            <SubmitButton variant="danger">{t("employment.enterprise.mergeButton")}</SubmitButton>
          </Form>
        </Card>
      )}
      <SubjectObstacles data={d.obstacles} />
    </div>
  );
}
