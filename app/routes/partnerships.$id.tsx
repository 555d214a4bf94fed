import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useLocale, useT } from "~/i18n";
import { formatNumber, formatPercent } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { checkbox } from "~/lib/forms";
import { badRequest, idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb } from "~/modules/files/upload.server";
import { formActionWithFile } from "~/modules/partnerships/http.server";
import {
  addMilestone, addResult, partnershipPage, recordMeasure, requirePartnershipParty, setPublishConsent, stepMilestone, transitionPartnership,
} from "~/modules/partnerships/partnerships.server";
import { completeSchema, measureSchema, milestoneSchema, milestoneStepSchema, noteSchema, resultSchema, signSchema } from "~/modules/partnerships/schema";
import { METRICS, MILESTONE_ACTIONS } from "~/modules/partnerships/workflow";
import { Badge, Day, Events, FileList, Money, nameOf } from "~/modules/partnerships/components/bits";
import { FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { SubjectObstacles } from "~/modules/agenda/components/SubjectObstacles";
import { subjectObstacles } from "~/modules/agenda/service.server";

// A partnership: its steps (negotiate, sign with the contract, start, complete with the jobs,
// terminate with the reason), milestones, target metrics and measured results, the jobs filed to the
// employment ledger, the industry's consent to publish, files and timeline. Forms that carry a file
// post to ?intent=sign / ?intent=measure (multipart); the others say their intent in the form.

const simpleStep = noteSchema.extend({ step: z.enum(["negotiate", "start", "terminate"], { errorMap: () => ({ message: "error.invalidChoice" }) }) });
const milestoneAction = milestoneStepSchema.extend({ step: z.enum(MILESTONE_ACTIONS, { errorMap: () => ({ message: "error.invalidChoice" }) }) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  return { ...(await partnershipPage(actor, id)), maxMb: maxUploadMb(), obstacles: await subjectObstacles(actor, "partnership", id) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requirePartnershipParty(actor, id); // 403 (and an audit row) before any form is read
  const back = `/partnerships/${id}`;
  const query = new URL(request.url).searchParams.get("intent");
  if (query === "sign") {
    return formActionWithFile(request, "document", signSchema, async (v, document) => {
      await transitionPartnership(actor, id, "sign", { sign: v, version: v.version, document });
      return redirectWithFlash(back, "partnerships.flash.partnership.sign");
    }, { intent: "sign" });
  }
  if (query === "measure") {
    return formActionWithFile(request, "evidence", measureSchema, async (v, evidence) => {
      await recordMeasure(actor, id, v, evidence);
      return redirectWithFlash(back, "partnerships.flash.measured");
    }, { intent: `measure-${new URL(request.url).searchParams.get("result") ?? ""}` });
  }
  const form = await readForm(request);
  switch (form.get("intent")) {
    case "step":
      return formAction(form, simpleStep, async (v) => {
        await transitionPartnership(actor, id, v.step, { note: v.note, version: v.version });
        return redirectWithFlash(back, `partnerships.flash.partnership.${v.step}`);
      }, { intent: "step" });
    case "complete":
      return formAction(form, completeSchema, async (v) => {
        await transitionPartnership(actor, id, "complete", { complete: v, note: v.note, version: v.version });
        return redirectWithFlash(back, "partnerships.flash.partnership.complete");
      }, { intent: "complete" });
    case "milestone":
      return formAction(form, milestoneSchema, async (v) => {
        await addMilestone(actor, id, v);
        return redirectWithFlash(back, "partnerships.flash.milestoneAdded");
      }, { intent: "milestone" });
    case "milestoneStep":
      return formAction(form, milestoneAction, async (v) => {
        await stepMilestone(actor, id, v.milestoneId, v.step, { note: v.note });
        return redirectWithFlash(back, `partnerships.flash.milestone.${v.step}`);
      }, { intent: `milestoneStep-${form.get("milestoneId")}` });
    case "result":
      return formAction(form, resultSchema, async (v) => {
        await addResult(actor, id, v);
        return redirectWithFlash(back, "partnerships.flash.resultAdded");
      }, { intent: "result" });
    case "consent":
      return formAction(form, z.object({ publishConsent: checkbox() }), async (v) => {
        await setPublishConsent(actor, id, v.publishConsent);
        return redirectWithFlash(back, "partnerships.flash.consent");
      }, { intent: "consent" });
    default:
      throw badRequest();
  }
}

export default function PartnershipPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const p = d.partnership;
  const step = useFormState("step");
  const sign = useFormState("sign");
  const complete = useFormState("complete");
  const ms = useFormState("milestone");
  const res = useFormState("result");
  const company = nameOf(locale, { name_fa: p.company_fa, name_en: p.company_en });
  const industry = nameOf(locale, { name_fa: p.industry_fa, name_en: p.industry_en });
  const num = (x: number | string | null) => (x == null ? "—" : formatNumber(locale, Number(x), 2));
  return (
    <div className="max-w-5xl">
      <PageTitle>{p.challenge_title}</PageTitle>
      <p className="mb-4">
        <Link className="underline" to={`/partnerships/industries/${p.industry_id}`}>{industry}</Link> ↔ <Link className="underline" to={`/partnerships/companies/${p.company_id}`}>{company}</Link>
        {" · "}<Badge kind="partnership" status={p.status} testId="partnership-status" />
        {" · "}<Link className="text-brand-700 underline" to={`/partnerships/challenges/${p.challenge_id}`}>{t("partnerships.partnership.challenge")}</Link>
        {" · "}<Link className="text-brand-700 underline" to={`/partnerships/proposals/${p.proposal_id}`}>{t("partnerships.partnership.proposal")}</Link>
      </p>

      {d.actions.length > 0 && (
        <Card title={t("partnerships.partnership.steps")}>
          <FormError error={step.formError} />
          <div className="flex flex-wrap gap-4">
            {d.actions.filter((a) => a === "negotiate" || a === "start" || a === "terminate").map((a) => (
              <Form key={a} method="post" className="min-w-64 flex-1 rounded-md border border-slate-200 p-3">
                <input type="hidden" name="intent" value="step" />
                <input type="hidden" name="step" value={a} />
                <input type="hidden" name="version" value={p.version} />
                {a === "terminate" && <TextArea name="note" label={t("partnerships.field.reason")} required rows={2} maxLength={1000} error={step.values.step === a ? step.errors.note : undefined} defaultValue={step.values.step === a ? step.values.note : ""} />}
                <p className="mb-2 text-sm text-slate-700">{t(`partnerships.partnership.stepHint.${a}`)}</p>
                <SubmitButton variant={a === "terminate" ? "danger" : "primary"}>{t(`partnerships.partnership.step.${a}`)}</SubmitButton>
              </Form>
            ))}
          </div>
          {d.actions.includes("sign") && (
            <Form method="post" action="?intent=sign" encType="multipart/form-data" className="mt-4 rounded-md border border-slate-200 p-3" noValidate>
              <h3 className="mb-2 font-semibold">{t("partnerships.partnership.step.sign")}</h3>
              <FormError error={sign.formError} />
              <input type="hidden" name="version" value={p.version} />
              <div className="grid gap-x-4 sm:grid-cols-3">
                <TextField name="contractValue" label={t("partnerships.partnership.contractValue")} required inputMode="numeric" defaultValue={sign.values.contractValue ?? (p.price ? String(Number(p.price) / 1_000_000) : "")} error={sign.errors.contractValue} hint={t("partnerships.hint.million")} />
                <TextField name="startsOn" label={t("partnerships.partnership.startsOn")} required dir="ltr" defaultValue={sign.values.startsOn} error={sign.errors.startsOn} hint={t("partnerships.hint.date")} />
                <TextField name="endsOn" label={t("partnerships.partnership.endsOn")} required dir="ltr" defaultValue={sign.values.endsOn} error={sign.errors.endsOn} hint={t("partnerships.hint.date")} />
              </div>
              <TextArea name="scope" label={t("partnerships.partnership.scope")} required rows={3} maxLength={5000} defaultValue={sign.values.scope ?? p.scope} error={sign.errors.scope} />
              <FileField name="document" label={t("partnerships.partnership.signedDocument")} maxMb={d.maxMb} required error={sign.errors.document} />
              <SubmitButton>{t("partnerships.partnership.step.sign")}</SubmitButton>
            </Form>
          )}
          {d.actions.includes("complete") && (
            <Form method="post" className="mt-4 rounded-md border border-slate-200 p-3" noValidate>
              <h3 className="mb-2 font-semibold">{t("partnerships.partnership.step.complete")}</h3>
              <p className="mb-2 text-sm text-slate-700">{t("partnerships.partnership.stepHint.complete")}</p>
              <FormError error={complete.formError} />
              <input type="hidden" name="intent" value="complete" />
              <input type="hidden" name="version" value={p.version} />
              <fieldset className="mb-2">
                <legend className="font-medium">{t("partnerships.jobs.atCompany", { name: company })}</legend>
                <div className="grid gap-x-4 sm:grid-cols-3">
                  <TextField name="companyFullTime" label={t("partnerships.jobs.fullTime")} inputMode="numeric" defaultValue={complete.values.companyFullTime} error={complete.errors.companyFullTime} />
                  <TextField name="companyPartTime" label={t("partnerships.jobs.partTime")} inputMode="numeric" defaultValue={complete.values.companyPartTime} error={complete.errors.companyPartTime} />
                  <TextField name="companyWomen" label={t("partnerships.jobs.women")} inputMode="numeric" defaultValue={complete.values.companyWomen} error={complete.errors.companyWomen} />
                </div>
              </fieldset>
              <fieldset className="mb-2">
                <legend className="font-medium">{t("partnerships.jobs.atIndustry", { name: industry })}</legend>
                <div className="grid gap-x-4 sm:grid-cols-3">
                  <TextField name="industryFullTime" label={t("partnerships.jobs.fullTime")} inputMode="numeric" defaultValue={complete.values.industryFullTime} error={complete.errors.industryFullTime} />
                  <TextField name="industryPartTime" label={t("partnerships.jobs.partTime")} inputMode="numeric" defaultValue={complete.values.industryPartTime} error={complete.errors.industryPartTime} />
                  <TextField name="industryWomen" label={t("partnerships.jobs.women")} inputMode="numeric" defaultValue={complete.values.industryWomen} error={complete.errors.industryWomen} />
                </div>
              </fieldset>
              <label className="mb-3 flex items-center gap-2"><input type="checkbox" name="publishConsent" defaultChecked={complete.values.publishConsent === "on"} className="h-4 w-4" />{t("partnerships.partnership.consent")}</label>
              <TextArea name="note" label={t("partnerships.field.noteOptional")} rows={2} maxLength={1000} defaultValue={complete.values.note} />
              <SubmitButton>{t("partnerships.partnership.step.complete")}</SubmitButton>
            </Form>
          )}
        </Card>
      )}

      {(p.contract_value || p.termination_reason) && (
        <Card title={t("partnerships.partnership.contract")}>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-3">
            {p.contract_value && <div><dt className="text-sm text-slate-600">{t("partnerships.partnership.contractValue")}</dt><dd><Money rials={p.contract_value} /></dd></div>}
            {p.starts_on && <div><dt className="text-sm text-slate-600">{t("partnerships.partnership.startsOn")}</dt><dd><Day value={p.starts_on} /></dd></div>}
            {p.ends_on && <div><dt className="text-sm text-slate-600">{t("partnerships.partnership.endsOn")}</dt><dd><Day value={p.ends_on} /></dd></div>}
            {p.signed_document_id && <div><dt className="text-sm text-slate-600">{t("partnerships.partnership.signedDocument")}</dt><dd><a className="text-brand-700 underline" href={`/files/${p.signed_document_id}`} dir="auto">{p.signed_document_name}</a></dd></div>}
            {p.termination_reason && <div className="sm:col-span-3"><dt className="text-sm text-slate-600">{t("partnerships.partnership.terminationReason")}</dt><dd>{p.termination_reason}</dd></div>}
          </dl>
          {p.scope && <><h3 className="mb-1 mt-3 font-semibold">{t("partnerships.partnership.scope")}</h3><p className="whitespace-pre-line">{p.scope}</p></>}
        </Card>
      )}

      <Card title={t("partnerships.milestones.title")}>
        {d.milestones.length === 0 ? <p className="text-slate-600">{t("partnerships.milestones.none")}</p> : (
          <TableRegion>
            <table className={tableClass} data-testid="milestones">
              <thead><tr><th scope="col">{t("partnerships.milestones.milestone")}</th><th scope="col">{t("partnerships.milestones.dueOn")}</th><th scope="col">{t("common.status")}</th><th scope="col">{t("common.actions")}</th></tr></thead>
              <tbody>
                {d.milestones.map((m) => <MilestoneRow key={m.id} m={m} />)}
              </tbody>
            </table>
          </TableRegion>
        )}
        {d.canPlan && (
          <Form method="post" className="mt-4 grid gap-x-4 sm:grid-cols-3" noValidate>
            <input type="hidden" name="intent" value="milestone" />
            <div className="sm:col-span-3"><FormError error={ms.formError} /></div>
            <div className="sm:col-span-2"><TextField name="title" label={t("partnerships.milestones.newTitle")} required maxLength={200} defaultValue={ms.values.title} error={ms.errors.title} /></div>
            <TextField name="dueOn" label={t("partnerships.milestones.dueOn")} required dir="ltr" defaultValue={ms.values.dueOn} error={ms.errors.dueOn} hint={t("partnerships.hint.date")} />
            <div className="sm:col-span-3"><SubmitButton variant="secondary">{t("partnerships.milestones.add")}</SubmitButton></div>
          </Form>
        )}
      </Card>

      <Card title={t("partnerships.results.title")}>
        {d.results.length === 0 ? <p className="text-slate-600">{t("partnerships.results.none")}</p> : (
          <TableRegion>
            <table className={tableClass} data-testid="results">
              <thead><tr>
                <th scope="col">{t("partnerships.results.metric")}</th><th scope="col">{t("partnerships.results.baseline")}</th><th scope="col">{t("partnerships.results.target")}</th>
                <th scope="col">{t("partnerships.results.measured")}</th><th scope="col">{t("partnerships.results.achievement")}</th><th scope="col">{t("partnerships.results.evidence")}</th>
              </tr></thead>
              <tbody>
                {d.results.map((r) => (
                  <tr key={r.id}>
                    <td>{r.label || t(`partnerships.metric.${r.metric}`)}{r.unit ? ` (${r.unit})` : ""}</td>
                    <td>{num(r.baseline)}</td><td>{num(r.target)}</td><td>{num(r.measured)}</td>
                    <td>{r.achievement == null ? "—" : formatPercent(locale, r.achievement)}</td>
                    <td>{r.evidence_file_id ? <a className="text-brand-700 underline" href={`/files/${r.evidence_file_id}`} dir="auto">{r.evidence_name}</a> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {d.canMeasure && d.results.map((r) => <MeasureForm key={r.id} r={r} maxMb={d.maxMb} />)}
        {d.canSetResults && (
          <Form method="post" className="mt-4 rounded-md border border-slate-200 p-3" noValidate>
            <h3 className="mb-2 font-semibold">{t("partnerships.results.add")}</h3>
            <input type="hidden" name="intent" value="result" />
            <FormError error={res.formError} />
            <div className="grid gap-x-4 sm:grid-cols-3">
              <SelectField name="metric" label={t("partnerships.results.metric")} required defaultValue={res.values.metric} error={res.errors.metric} options={METRICS.map((m) => ({ value: m, label: t(`partnerships.metric.${m}`) }))} />
              <TextField name="label" label={t("partnerships.results.label")} defaultValue={res.values.label} error={res.errors.label} maxLength={200} />
              <TextField name="unit" label={t("partnerships.results.unit")} defaultValue={res.values.unit} error={res.errors.unit} maxLength={40} />
              <TextField name="baseline" label={t("partnerships.results.baseline")} required inputMode="numeric" defaultValue={res.values.baseline} error={res.errors.baseline} />
              <TextField name="target" label={t("partnerships.results.target")} required inputMode="numeric" defaultValue={res.values.target} error={res.errors.target} />
            </div>
            <SubmitButton variant="secondary">{t("partnerships.results.addButton")}</SubmitButton>
          </Form>
        )}
      </Card>

      {(p.company_report_id || p.industry_report_id) && (
        <Card title={t("partnerships.jobs.title")}>
          <ul className="list-disc ps-6" data-testid="jobs">
            {p.company_report_id && <li>{t("partnerships.jobs.reported", { name: company, n: Number(p.company_jobs ?? 0), status: t(`partnerships.reportStatus.${p.company_report_status}`) })}
              {d.seesLedger && <> · <Link className="underline" to={`/employment/reports/${p.company_report_id}`}>{t("partnerships.jobs.report")}</Link></>}</li>}
            {p.industry_report_id && <li>{t("partnerships.jobs.reported", { name: industry, n: Number(p.industry_jobs ?? 0), status: t(`partnerships.reportStatus.${p.industry_report_status}`) })}
              {d.seesLedger && <> · <Link className="underline" to={`/employment/reports/${p.industry_report_id}`}>{t("partnerships.jobs.report")}</Link></>}</li>}
          </ul>
        </Card>
      )}

      {d.canConsent && (
        <Card title={t("partnerships.partnership.showcase")}>
          <Form method="post" className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="intent" value="consent" />
            <label className="flex items-center gap-2"><input type="checkbox" name="publishConsent" defaultChecked={p.publish_consent} className="h-4 w-4" />{t("partnerships.partnership.consent")}</label>
            <SubmitButton variant="secondary">{t("common.save")}</SubmitButton>
          </Form>
        </Card>
      )}

      <Card title={t("partnerships.files.title")}><FileList files={d.files} label={t("partnerships.files.title")} /></Card>
      <Card title={t("partnerships.timeline")}><Events events={d.events} /></Card>
      <SubjectObstacles data={d.obstacles} />
    </div>
  );
}

function MilestoneRow({ m }: { m: { id: number; title: string; due_on: string; status: string; note: string | null; actions: string[] } }) {
  const t = useT();
  const f = useFormState(`milestoneStep-${m.id}`);
  return (
    <tr>
      <td>{m.title}{m.note && <p className="text-sm text-slate-600">{m.note}</p>}</td>
      <td><Day value={m.due_on} /></td>
      <td><Badge kind="milestone" status={m.status} /></td>
      <td>
        <FormError error={f.formError} />
        {m.actions.map((a) => (
          <Form key={a} method="post" className="mb-1">
            <input type="hidden" name="intent" value="milestoneStep" />
            <input type="hidden" name="milestoneId" value={m.id} />
            <input type="hidden" name="step" value={a} />
            {a === "return" && <TextArea name="note" label={t("partnerships.field.reason")} required rows={2} maxLength={1000} error={f.values.step === a ? f.errors.note : undefined} />}
            <SubmitButton variant={a === "return" ? "secondary" : "primary"}>{t(`partnerships.milestones.step.${a}`)}<span className="sr-only"> {m.title}</span></SubmitButton>
          </Form>
        ))}
      </td>
    </tr>
  );
}

function MeasureForm({ r, maxMb }: { r: { id: number; label: string; metric: string; measured: number | string | null }; maxMb: number }) {
  const t = useT();
  const f = useFormState(`measure-${r.id}`);
  const name = r.label || t(`partnerships.metric.${r.metric}`);
  return (
    <Form method="post" action={`?intent=measure&result=${r.id}`} encType="multipart/form-data" className="mt-4 rounded-md border border-slate-200 p-3" noValidate>
      <h3 className="mb-2 font-semibold">{t("partnerships.results.measure", { name })}</h3>
      <FormError error={f.formError} />
      <input type="hidden" name="resultId" value={r.id} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField name="measured" label={t("partnerships.results.measuredValue", { name })} required inputMode="numeric" defaultValue={f.values.measured ?? (r.measured == null ? "" : String(r.measured))} error={f.errors.measured} />
        <FileField name="evidence" label={t("partnerships.results.evidenceFile")} maxMb={maxMb} error={f.errors.evidence} />
      </div>
      <SubmitButton variant="secondary">{t("partnerships.results.record")}</SubmitButton>
    </Form>
  );
}
