import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatPercent, localDigits } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb } from "~/modules/files/upload.server";
import { formActionWithFile, isMultipart } from "~/modules/partnerships/http.server";
import { enrolmentPage, recordAttendance, recordResult, requireEnrolmentManager, requireWithdrawer, withdrawEnrolment } from "~/modules/training/enrolments.server";
import { checksOf, recordCheck, requireChecker } from "~/modules/training/outcomes.server";
import { CheckForms } from "~/modules/training/components/checks";
import { attendanceSchema, checkFormSchema, resultSchema, versionSchema } from "~/modules/training/schema";
import { getDb } from "~/lib/db.server";
import { RESULTS } from "~/modules/training/workflow";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const page = await enrolmentPage(actor, id);
  return { ...page, checks: await checksOf(await getDb(), id), maxMb: maxUploadMb() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const page = await enrolmentPage(actor, id); // 404/403 (and an audit row) before any form is read
  const back = `/training/enrolments/${id}`;
  if (isMultipart(request)) {
    await requireEnrolmentManager(actor, id);
    return formActionWithFile(request, "certificate", resultSchema, async (v, file) => {
      await recordResult(actor, id, v, file);
      return redirectWithFlash(back, "training.flash.result");
    }, { intent: "result" });
  }
  const form = await readForm(request);
  switch (form.get("intent")) {
    case "withdraw":
      await requireWithdrawer(actor, id);
      return formAction(form, versionSchema, async (v) => {
        await withdrawEnrolment(actor, id, v.version);
        return redirectWithFlash(`/training/courses/${page.course.id}`, "training.flash.withdrawn");
      }, { intent: "withdraw" });
    case "check":
      await requireChecker(actor, id);
      return formAction(form, checkFormSchema, async ({ check, ...v }) => {
        await recordCheck(actor, check, { ...v, enrolmentId: id });
        return redirectWithFlash(back, "training.flash.check");
      }, { intent: "check" });
    case "result":
      await requireEnrolmentManager(actor, id);
      return formAction(form, resultSchema, async (v) => {
        await recordResult(actor, id, v);
        return redirectWithFlash(back, "training.flash.result");
      }, { intent: "result" });
    default:
      await requireEnrolmentManager(actor, id);
      return formAction(form, attendanceSchema, async (v) => {
        await recordAttendance(actor, id, v);
        return redirectWithFlash(back, "training.flash.attendance");
      }, { intent: "attendance" });
  }
}

export default function EnrolmentPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const e = d.enrolment;
  const attendance = useFormState("attendance");
  const result = useFormState("result");
  const withdraw = useFormState("withdraw");
  const row = (label: string, value: React.ReactNode) => (
    <div className="py-1 sm:grid sm:grid-cols-3 sm:gap-4"><dt className="font-medium text-slate-700">{label}</dt><dd className="sm:col-span-2">{value}</dd></div>
  );
  return (
    <div className="max-w-4xl">
      <PageTitle actions={<Link to={`/training/courses/${d.course.id}`}>{d.course.title}</Link>}>{e.full_name}</PageTitle>
      <Card title={t("training.enrolment.title")}>
        <dl>
          {row(t("training.field.provider"), locale === "fa" ? d.course.provider_fa : d.course.provider_en)}
          {row(t("training.field.dates"), `${formatDate(locale, d.course.starts_on)} – ${formatDate(locale, d.course.ends_on)}`)}
          {row(t("training.enrol.nationalId"), <span dir="ltr">{localDigits(locale, e.national_id)}</span>)}
          {row(t("training.enrol.gender"), t(`training.gender.${e.gender}`))}
          {row(t("training.field.status"), <span data-testid="enrolment-status">{e.status === "waiting" ? t("training.mine.waiting", { position: localDigits(locale, d.position ?? 0) }) : t(`training.enrolStatus.${e.status}`)}</span>)}
          {row(t("training.enrolment.attendance"), e.attendance_pct == null ? "—" : formatPercent(locale, e.attendance_pct / 100))}
          {row(t("training.enrolment.result"), e.result ? t(`training.result.${e.result}`) : "—")}
          {e.certificate_no && row(t("training.enrolment.certificateNo"), <span dir="ltr">{localDigits(locale, e.certificate_no)}</span>)}
          {e.certificate_file_id && row(t("training.enrolment.certificateFile"), <a className="text-brand-700 underline" href={`/files/${e.certificate_file_id}`}>{t("training.enrolment.download")}</a>)}
          {e.business_id && row(t("training.enrolment.business"), <Link className="text-brand-700 underline" to={`/micro-businesses/${e.business_id}`}>{t("training.enrolment.businessLink")}</Link>)}
          {d.placedOn && row(t("training.enrolment.placement"), <span data-testid="placement">{t("training.enrolment.placedOn", { date: formatDate(locale, d.placedOn) })}</span>)}
        </dl>
      </Card>

      {d.canRecord && (
        <Card title={t("training.enrolment.attendance")}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="attendance" />
            <input type="hidden" name="version" value={e.version} />
            <FormError error={attendance.formError} />
            <TextField name="attendancePct" label={t("training.enrolment.attendancePct")} inputMode="numeric" defaultValue={attendance.failed ? attendance.values.attendancePct : e.attendance_pct ?? ""} error={attendance.errors.attendancePct} />
            <p className="mb-2 text-sm text-slate-600">{t("training.enrolment.orSessions")}</p>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField name="sessionsAttended" label={t("training.enrolment.sessionsAttended")} inputMode="numeric" defaultValue={attendance.values.sessionsAttended ?? e.sessions_attended ?? ""} error={attendance.errors.sessionsAttended} />
              <TextField name="sessionsTotal" label={t("training.enrolment.sessionsTotal")} inputMode="numeric" defaultValue={attendance.values.sessionsTotal ?? e.sessions_total ?? ""} error={attendance.errors.sessionsTotal} />
            </div>
            <SubmitButton>{t("training.enrolment.saveAttendance")}</SubmitButton>
          </Form>
        </Card>
      )}

      {d.canRecord && (
        <Card title={t("training.enrolment.result")}>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="result" />
            <input type="hidden" name="version" value={e.version} />
            <FormError error={result.formError} />
            <SelectField name="result" label={t("training.enrolment.result")} required options={RESULTS.map((r) => ({ value: r, label: t(`training.result.${r}`) }))} defaultValue={result.failed ? result.values.result : e.result} error={result.errors.result} />
            <TextField name="certificateNo" label={t("training.enrolment.certificateNo")} dir="ltr" defaultValue={result.failed ? result.values.certificateNo : e.certificate_no} error={result.errors.certificateNo} hint={t("training.enrolment.certificateHint")} />
            <FileField name="certificate" label={t("training.enrolment.certificateFile")} maxMb={d.maxMb} error={result.errors.certificate} />
            <SubmitButton>{t("training.enrolment.saveResult")}</SubmitButton>
          </Form>
        </Card>
      )}

      {d.checks.length > 0 && <CheckForms checks={d.checks} canCheck={d.canCheck} />}

      {d.canWithdraw && (
        <Card title={t("training.enrolment.withdraw")}>
          <FormError error={withdraw.formError} />
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="version" value={e.version} />
            <p className="mb-3">{t("training.enrolment.withdrawHint")}</p>
            <SubmitButton>{t("training.enrolment.withdraw")}</SubmitButton>
          </Form>
        </Card>
      )}
    </div>
  );
}
