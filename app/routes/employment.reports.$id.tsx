import type { ReactNode } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatDateTime, formatNumber, toJalaliInput } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { MAX_BIGINT_ID } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { referenceNames, requireCan } from "~/modules/employment/service.server";
import { assertCorrectable, canVerify, decideReports, getReport, supersedeReport } from "~/modules/employment/reports.server";
import { decisionSchema, supersedeSchema } from "~/modules/employment/schema";
import { ReportFields } from "~/modules/employment/components/ReportFields";
import { StaffLinks } from "~/modules/employment/components/DashboardView";
import { SourceLabel } from "~/modules/employment/components/SourceLabel";
import { FormError, TextArea } from "~/ui/Field";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const report = await getReport(actor, idOrNotFound(params.id, MAX_BIGINT_ID));
  // Directorate staff correct any report, centre staff the reports they filed.
  const canCorrect = allows(actor.user, "correct:employment_report", { ownerId: report.created_by });
  return { report, canVerify: await canVerify(actor), canCorrect, names: await referenceNames() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id, MAX_BIGINT_ID);
  const form = await readForm(request);
  const intent = form.get("intent");
  await requireCan(actor, intent === "decide" ? "verify" : "create");
  if (intent !== "decide") await assertCorrectable(actor, id);
  if (intent === "decide") {
    form.set("ids", String(id));
    return formAction(form, decisionSchema, async (v) => {
      await decideReports(actor, [id], v.decision, v.note);
      return redirectWithFlash(`/employment/reports/${id}`, "employment.decided");
    }, { intent: "decide", visible: ["note"] });
  }
  return formAction(form, supersedeSchema, async (v) => {
    const newId = await supersedeReport(actor, id, v, v.note);
    return redirectWithFlash(`/employment/reports/${newId}`, "employment.report.corrected");
  }, { intent: "correct" });
}

export default function ReportPage() {
  const t = useT();
  const locale = useLocale();
  const { report: r, canVerify, canCorrect, names } = useLoaderData<typeof loader>();
  const decide = useFormState("decide");
  const correct = useFormState("correct");
  const n = (v: number) => formatNumber(locale, v, 2);
  const pending = r.status === "reported" && !r.superseded_by;
  const cur: Record<string, string> = {
    asOf: toJalaliInput(r.as_of), programme: r.programme, fteBaseline: String(r.fte_baseline), fteNow: String(r.fte_now),
    createdFullTime: String(r.created_full_time), createdPartTime: String(r.created_part_time), createdTempMonths: String(r.created_temp_months),
    retainedFullTime: String(r.retained_full_time), retainedPartTime: String(r.retained_part_time), retainedTempMonths: String(r.retained_temp_months),
    volunteers: String(r.volunteers), women: String(r.women), priorityGroups: r.priority_groups.join(","),
  };
  const rows: [string, ReactNode][] = [
    ["employment.report.asOf", formatDate(locale, r.as_of)],
    ["employment.filter.programme", t(`employment.programme.${r.programme}`)],
    ["employment.report.source", <SourceLabel key="source" module={r.source_module} id={r.source_id} />],
    ["employment.report.fteBaseline", n(r.fte_baseline)],
    ["employment.report.fteNow", n(r.fte_now)],
    ["employment.report.jobsCreated", n(r.jobs_created)],
    ["employment.report.jobsRetained", n(r.jobs_retained)],
    ["employment.report.women", n(r.women)],
    ["employment.report.volunteers", formatNumber(locale, r.volunteers)],
    ["common.status", r.superseded_by ? t("employment.status.superseded") : t(`employment.status.${r.status}`)],
  ];
  return (
    <div>
      <PageTitle>{t("employment.report.title", { id: formatNumber(locale, r.id) })}</PageTitle>
      <StaffLinks />
      <Card>
        <p className="mb-3"><Link to={`/employment/enterprises/${r.enterprise_id}`}>{r.enterprise_name}</Link></p>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-3">
          {rows.map(([k, v]) => <div key={k}><dt className="text-sm text-slate-700">{t(k)}</dt><dd data-testid={k}>{v}</dd></div>)}
        </dl>
        <p className="mt-3">
          <span className="font-medium">{t("employment.evidence")}: </span>
          {r.evidence_file_id ? (
            <a href={`/employment/reports/${r.id}/evidence`} download data-testid="evidence-link">
              {t("employment.evidence.download", { name: r.evidence_name ?? "" })}
              {r.evidence_size != null && <span className="ms-1 text-slate-700">({formatNumber(locale, Math.ceil(Number(r.evidence_size) / 1024))} KB)</span>}
            </a>
          ) : t("employment.evidence.none")}
        </p>
        {r.supersedes_id && <p className="mt-3">{t("employment.report.supersedes")} <Link to={`/employment/reports/${r.supersedes_id}`}>#{formatNumber(locale, r.supersedes_id)}</Link></p>}
        {r.superseded_by && <p className="mt-3">{t("employment.report.supersededBy")} <Link to={`/employment/reports/${r.superseded_by}`}>#{formatNumber(locale, r.superseded_by)}</Link></p>}
        {r.verified_at && <p className="mt-3">{t("employment.report.verifiedBy", { who: r.verified_by_name ?? "—", at: formatDateTime(locale, r.verified_at) })}{r.verification_note ? `: ${r.verification_note}` : ""}</p>}
      </Card>
      {pending && canVerify && (
        <Card title={t("employment.queue.bulk")}>
          <Form method="post" noValidate className="max-w-xl">
            <input type="hidden" name="intent" value="decide" />
            <FormError error={decide.formError} />
            <TextArea name="note" label={t("employment.report.note")} defaultValue={decide.values.note} error={decide.errors.note} />
            <div className="flex gap-3">
              <SubmitButton name="decision" value="verified">{t("employment.decision.verify")}</SubmitButton>
              <SubmitButton name="decision" value="rejected" variant="danger">{t("employment.decision.reject")}</SubmitButton>
            </div>
          </Form>
        </Card>
      )}
      {pending && !canVerify && <p className="mb-6">{t("employment.queue.cannotVerify")}</p>}
      {!r.superseded_by && canCorrect && (
        <Card title={t("employment.report.correct")}>
          <Form method="post" noValidate className="max-w-2xl">
            <input type="hidden" name="intent" value="correct" />
            <FormError error={correct.formError} />
            <ReportFields v={correct.failed ? { ...correct.values, priorityGroups: correct.all("priorityGroups").join(",") } : cur} e={correct.errors} groups={names.group} />
            <TextArea name="note" label={t("employment.report.note")} defaultValue={correct.values.note} error={correct.errors.note} />
            <SubmitButton name="intent" value="correct" variant="secondary">{t("employment.report.correct")}</SubmitButton>
          </Form>
        </Card>
      )}
    </div>
  );
}
