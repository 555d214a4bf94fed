import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatDateTime, formatNumber, localDigits } from "~/i18n/format";
import { toPersianDigits } from "~/i18n/normalise";
import { setFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { httpErrorStatus, idOrNotFound, isHttpError, notFound } from "~/lib/http";
import { placeErrors, readForm } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb, parseUpload } from "~/modules/files/upload.server";
import { CaseReportLink, StatusBadge, TriageClock } from "~/modules/cases/components/CaseBits";
import {
  baselineSchema, bodySchema, diagnosisSchema, milestoneSchema, milestoneUpdateSchema, outcomeSchema, referralSchema, sessionSchema, transitionSchema,
} from "~/modules/cases/schema";
import { assertCaseReadable, caseFormChoices, getCase } from "~/modules/cases/service.server";
import {
  addMessage, addMilestone, addNote, addReferral, logSession, saveDiagnosis, setBaseline, transitionCase, updateMilestone,
} from "~/modules/cases/work.server";
import { closeCase } from "~/modules/cases/closing.server";
import { attachCaseDocuments, caseDocuments, MAX_CASE_DOCUMENTS } from "~/modules/cases/documents.server";
import { MILESTONE_OWNERS, MILESTONE_STATUSES, PROBLEM_AREAS, SESSION_MODES } from "~/modules/cases/workflow";
import { DateField, FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { Card, PageTitle, tableClass, scrollRegion } from "~/ui/Page";
import { PrintButton } from "~/ui/PrintButton";
import { SubmitButton } from "~/ui/SubmitButton";
import { nowMs, todayTehran } from "~/i18n/clock";
import { SubjectObstacles } from "~/modules/agenda/components/SubjectObstacles";
import { subjectObstacles } from "~/modules/agenda/service.server";

function caseId(params: { id?: string }) {
  return idOrNotFound(params.id);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = caseId(params);
  const d = await getCase(actor, id);
  return {
    ...d, agencies: d.mayWork ? (await caseFormChoices()).agencies : [], now: nowMs(), today: todayTehran(),
    documents: await caseDocuments(actor, id), maxMb: maxUploadMb(), maxFiles: MAX_CASE_DOCUMENTS,
    obstacles: await subjectObstacles(actor, "case", id),
  };
}

/** The fields each form on this page shows (errors on any other field go on the form). */
export const VISIBLE_FIELDS: Record<string, readonly string[]> = {
  transition: ["note"],
  baseline: ["baselineEmployees"],
  diagnosis: ["confirmedAreas", "diagnosis", "rootCauses"],
  milestone: ["title", "dueOn", "owner"],
  milestoneUpdate: ["title", "dueOn", "owner", "status"],
  session: ["heldOn", "minutes", "mode", "topics", "nextSteps"],
  note: ["body"],
  message: ["body"],
  referral: ["agency", "note"],
  outcome: ["baselineEmployees", "employeesNow", "jobsCreated", "jobsRetained", "revenueRials", "fundingRials", "registrationNo", "note"],
  document: ["file"],
};

type Result = { intent: string; errors: Record<string, string>; values: Record<string, string>; areas?: string[] };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = caseId(params);
  await assertCaseReadable(actor, id);
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    // Documents through the FileStore (streamed, size-capped, allow-list and magic bytes).
    const upload = await parseUpload(request, { field: "file", maxFiles: MAX_CASE_DOCUMENTS });
    try {
      if (upload.error) return data<Result>({ intent: "document", errors: { file: upload.error }, values: {} }, { status: 400 });
      await attachCaseDocuments(actor, id, upload.files);
    } catch (e) {
      if (isHttpError(e) && (httpErrorStatus(e) === 400 || httpErrorStatus(e) === 409)) {
        return data<Result>({ intent: "document", errors: placeErrors(new Set(VISIBLE_FIELDS.document), e.data.fieldErrors, e.data.messageKey), values: {} }, { status: httpErrorStatus(e) });
      }
      throw e;
    } finally {
      await upload.dispose();
    }
    return redirect(`/cases/${id}#documents`, { headers: { "Set-Cookie": await setFlash("cases.documents.uploaded") } });
  }
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const areas = form.getAll("confirmedAreas").map(String);
  const raw: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") raw[k] = v;
  // Every message lands on a field the submitting form shows, else on that form (issue 11 item 2):
  // hidden fields (version, ids) and fields of other modules (the ledger's) are not visible.
  const visible = new Set(VISIBLE_FIELDS[intent] ?? []);
  async function run<S extends z.ZodTypeAny>(schema: S, fn: (v: z.infer<S>) => Promise<unknown>, flash: string) {
    const parsed = parseForm(schema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: placeErrors(visible, parsed.errors, "error.form"), values: parsed.values, areas }, { status: 400 });
    try {
      await fn(parsed.data);
    } catch (e) {
      if (isHttpError(e) && (httpErrorStatus(e) === 400 || httpErrorStatus(e) === 409)) {
        return data<Result>({ intent, errors: placeErrors(visible, e.data.fieldErrors, e.data.messageKey), values: raw, areas }, { status: httpErrorStatus(e) });
      }
      throw e;
    }
    return redirect(`/cases/${id}`, { headers: { "Set-Cookie": await setFlash(flash) } });
  }
  switch (intent) {
    case "transition": return run(transitionSchema, (v) => transitionCase(actor, id, v), "cases.transitioned");
    case "diagnosis": return run(diagnosisSchema, (v) => saveDiagnosis(actor, id, v), "cases.diagnosis.saved");
    case "milestone": return run(milestoneSchema, (v) => addMilestone(actor, id, v), "cases.milestone.added");
    case "milestoneUpdate": return run(milestoneUpdateSchema, (v) => updateMilestone(actor, id, v), "cases.milestone.saved");
    case "session": return run(sessionSchema, (v) => logSession(actor, id, v), "cases.session.added");
    case "note": return run(bodySchema, (v) => addNote(actor, id, v.body), "cases.note.added");
    case "message": return run(bodySchema, (v) => addMessage(actor, id, v.body), "cases.message.sent");
    case "referral": return run(referralSchema, (v) => addReferral(actor, id, v), "cases.referral.added");
    case "outcome": return run(outcomeSchema, (v) => closeCase(actor, id, v), "cases.outcome.saved");
    case "baseline": return run(baselineSchema, (v) => setBaseline(actor, id, v), "cases.baseline.saved");
    default: throw notFound();
  }
}

export default function CasePage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>() as Result | undefined;
  const c = d.case;
  const errs = (intent: string, mId?: number) => (r && r.intent === intent && (mId == null || r.values.milestoneId === String(mId)) ? r.errors : {});
  const vals = (intent: string, mId?: number) => (r && r.intent === intent && (mId == null || r.values.milestoneId === String(mId)) ? r.values : null);
  const name = (x: { name_fa: string; name_en: string }) => (locale === "fa" ? x.name_fa : x.name_en);
  const num = (n: number | null | undefined) => formatNumber(locale, n ?? 0, 2);
  const isEmergency = c.kind === "business_emergency";

  const diagV = vals("diagnosis");
  const diagAreas = new Set(r?.intent === "diagnosis" ? r.areas ?? [] : c.confirmed_areas.length ? c.confirmed_areas : c.problem_areas);
  const outV = vals("outcome");

  return (
    <div>
      <PageTitle actions={<PrintButton />}>
        <span>{c.firm_name}</span> <StatusBadge status={c.status} />
      </PageTitle>

      <Card title={t("cases.section.summary")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          <div><dt className="text-sm text-slate-600">{t("cases.field.kind")}</dt><dd>{t(`cases.kind.${c.kind}`)}</dd></div>
          <div><dt className="text-sm text-slate-600">{t("cases.field.centre")}</dt><dd>{d.centre ? name(d.centre) : "—"}</dd></div>
          {c.triage_due_at && (
            <div><dt className="text-sm text-slate-600">{t("cases.field.deadline")}</dt><dd>{formatDateTime(locale, c.triage_due_at)} · <TriageClock status={c.status} dueAt={c.triage_due_at} now={d.now} /></dd></div>
          )}
          <div>
            <dt className="text-sm text-slate-600">{t("cases.field.baselineAtStart")}</dt>
            <dd>
            <span data-testid="baseline">{formatNumber(locale, c.baseline_employees)}</span>
            {d.mayWork && (
              <details className="mt-1" open={r?.intent === "baseline"}>
                <summary className="cursor-pointer text-brand-700">{t("cases.baseline.edit")}</summary>
                <Form method="post" noValidate className="mt-2">
                  <input type="hidden" name="intent" value="baseline" />
                  <input type="hidden" name="version" value={c.version} />
                  <FormError error={errs("baseline")._form} />
                  <TextField name="baselineEmployees" label={t("cases.field.baselineAtStart")} hint={t("cases.baseline.hint")} inputMode="numeric" required defaultValue={vals("baseline")?.baselineEmployees ?? localDigits(locale, String(c.baseline_employees))} error={errs("baseline").baselineEmployees} />
                  <SubmitButton>{t("common.save")}</SubmitButton>
                </Form>
              </details>
            )}
            </dd>
          </div>
          {c.registration_no && <div><dt className="text-sm text-slate-600">{t("cases.field.registrationNo")}</dt><dd dir="ltr" className="text-start">{localDigits(locale, c.registration_no)}</dd></div>}
          {c.urgency && isEmergency && <div><dt className="text-sm text-slate-600">{t("cases.field.urgency")}</dt><dd>{t(`cases.urgency.${c.urgency}`)}</dd></div>}
          {d.idea && <div><dt className="text-sm text-slate-600">{t("cases.fromIdea")}</dt><dd><Link to={`/ideas/${d.idea.id}`} className="underline" data-testid="case-idea">{d.idea.title}</Link></dd></div>}
          {c.problem_areas.length > 0 && (
            <div className="sm:col-span-2"><dt className="text-sm text-slate-600">{t("cases.field.problemAreas")}</dt><dd>{c.problem_areas.map((a) => t(`cases.area.${a}`)).join("، ")}</dd></div>
          )}
          {c.description && <div className="sm:col-span-2"><dt className="text-sm text-slate-600">{t("cases.field.description")}</dt><dd className="whitespace-pre-line">{c.description}</dd></div>}
        </dl>
      </Card>

      <SubjectObstacles data={d.obstacles} />

      {(d.actions.length > 0 || d.mayManage || d.mayWork) && (
        <Card title={t("cases.section.actions")}>
          {r?.intent === "transition" && <FormError error={r.errors._form ?? (Object.keys(r.errors).length ? "error.form" : null)} />}
          <p className="mb-3" data-testid="next-step"><strong>{t("cases.next.label")}:</strong> {t(`cases.next.${d.next}`)}</p>
          {d.mayManage && !["graduated", "closed_unresolved", "withdrawn"].includes(c.status) && (
            <p className="mb-3">
              <Link to={`/cases/${c.id}/assign`} className={d.next === "assign" ? "font-semibold underline" : "text-sm underline"}>
                {t(d.next === "assign" ? "cases.assign" : "cases.assign.change")}
              </Link>
            </p>
          )}
          {d.actions.length > 0 && (
            <Form method="post" className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="intent" value="transition" />
              <input type="hidden" name="version" value={c.version} />
              <div className="min-w-64 flex-1">
                <TextField name="note" label={t("cases.field.note")} defaultValue={vals("transition")?.note} error={errs("transition").note} />
              </div>
              <div className="mb-4 flex flex-wrap gap-2">
                {d.actions.map((a) => (
                  <SubmitButton key={a} name="action" value={a} variant={a === "withdraw" ? "danger" : "primary"}>{t(`cases.action.${a}`)}</SubmitButton>
                ))}
              </div>
            </Form>
          )}
        </Card>
      )}

      <Card title={t("cases.section.timeline")}>
        <ol className="border-s-2 border-slate-300 ps-4" data-testid="timeline">
          {d.history.map((h) => (
            <li key={h.id} className="mb-3">
              <div className="font-medium">{h.from_status ? `${t(`cases.status.${h.from_status}`)} ← ` : ""}{t(`cases.status.${h.to_status}`)}</div>
              <div className="text-sm text-slate-600">{formatDateTime(locale, h.at)} · {h.actor_name ?? "—"}</div>
              {!h.from_status && d.idea && <div>{t("cases.openedFromIdea")} <Link to={`/ideas/${d.idea.id}`} className="underline">{d.idea.title}</Link></div>}
              {h.note && <div className="whitespace-pre-line">{h.note}</div>}
            </li>
          ))}
        </ol>
      </Card>

      <Card title={t("cases.section.mentors")}>
        {d.mentors.length === 0 ? <p>—</p> : (
          <ul>
            {d.mentors.map((m) => (
              <li key={m.id}>
                {m.full_name} ({t(m.role === "lead" ? "cases.mentor.lead" : "cases.mentor.co")}{m.active ? "" : ` · ${t("cases.mentor.inactive")}`})
                {m.over_capacity_reason && d.mayManage && <span className="ms-2 text-sm text-amber-900">{t("cases.assign.over")}: {m.over_capacity_reason}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("cases.section.diagnosis")}>
        {c.diagnosis && (
          <div className="mb-4">
            <p className="text-sm text-slate-600">{c.confirmed_areas.map((a) => t(`cases.area.${a}`)).join("، ")}</p>
            <p className="whitespace-pre-line">{c.diagnosis}</p>
            {c.root_causes && <p className="mt-2 whitespace-pre-line"><span className="font-medium">{t("cases.diagnosis.rootCauses")}: </span>{c.root_causes}</p>}
          </div>
        )}
        {d.mayWork && ["diagnosis", "action_plan", "in_progress"].includes(c.status) && (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="diagnosis" />
            <input type="hidden" name="version" value={c.version} />
            <FormError error={errs("diagnosis")._form} />
            <fieldset className="mb-4">
              <legend className="mb-1 font-medium">{t("cases.diagnosis.confirmedAreas")}</legend>
              <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
                {PROBLEM_AREAS.map((a) => (
                  <label key={a} className="flex items-center gap-2">
                    <input type="checkbox" name="confirmedAreas" value={a} defaultChecked={diagAreas.has(a)} />
                    <span>{t(`cases.area.${a}`)}</span>
                  </label>
                ))}
              </div>
              {errs("diagnosis").confirmedAreas && <p role="alert" className="mt-1 text-sm font-medium text-red-700">{t(errs("diagnosis").confirmedAreas)}</p>}
            </fieldset>
            <TextArea name="diagnosis" label={t("cases.diagnosis.text")} required defaultValue={diagV?.diagnosis ?? c.diagnosis} error={errs("diagnosis").diagnosis} />
            <TextArea name="rootCauses" label={t("cases.diagnosis.rootCauses")} defaultValue={diagV?.rootCauses ?? c.root_causes} error={errs("diagnosis").rootCauses} />
            <SubmitButton name="intent" value="diagnosis">{t("common.save")}</SubmitButton>
          </Form>
        )}
      </Card>

      <Card title={t("cases.section.milestones")}>
        {d.milestones.length > 0 && (
          <ul className="mb-4" data-testid="milestones">
            {d.milestones.map((m) => {
              const due = String(m.due_on).slice(0, 10);
              const overdue = m.status === "open" && due < d.today;
              const e = errs("milestoneUpdate", m.id);
              const v = vals("milestoneUpdate", m.id);
              return (
                <li key={m.id} className={`mb-3 rounded-md border p-3 ${overdue ? "border-red-400 bg-red-50" : "border-slate-200"}`}>
                  <div className="font-medium">
                    {m.title}
                    {overdue && <span className="ms-2 rounded bg-red-700 px-2 py-0.5 text-sm text-white">{t("cases.milestone.overdue")}</span>}
                  </div>
                  <div className="text-sm text-slate-700">
                    {t("cases.milestone.dueOn")}: {formatDate(locale, due)} · {t(`cases.milestone.owner.${m.owner}`)} · {t(`cases.milestone.status.${m.status}`)}
                  </div>
                  {d.mayWork && (
                    <details className="mt-2" open={!!v}>
                      <summary className="cursor-pointer text-brand-700">{t("common.details")}</summary>
                      <Form method="post" noValidate className="mt-2">
                        <input type="hidden" name="intent" value="milestoneUpdate" />
                        <input type="hidden" name="milestoneId" value={m.id} />
                        <input type="hidden" name="version" value={v?.version ?? m.version} />
                        <FormError error={e._form} />
                        <TextField name="title" label={t("cases.milestone.title")} required defaultValue={v?.title ?? m.title} error={e.title} />
                        <DateField name="dueOn" label={t("cases.milestone.dueOn")} required typed={v?.dueOn} iso={due} error={e.dueOn} />
                        <SelectField name="owner" label={t("cases.milestone.owner")} required defaultValue={v?.owner ?? m.owner} error={e.owner} options={MILESTONE_OWNERS.map((o) => ({ value: o, label: t(`cases.milestone.owner.${o}`) }))} />
                        <SelectField name="status" label={t("cases.milestone.status")} required defaultValue={v?.status ?? m.status} error={e.status} options={MILESTONE_STATUSES.map((o) => ({ value: o, label: t(`cases.milestone.status.${o}`) }))} />
                        <SubmitButton>{t("common.save")}</SubmitButton>
                      </Form>
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {d.mayWork && (
          <Form method="post" noValidate className="rounded-md bg-slate-50 p-3">
            <input type="hidden" name="intent" value="milestone" />
            <FormError error={errs("milestone")._form} />
            <TextField name="title" label={t("cases.milestone.title")} required defaultValue={vals("milestone")?.title} error={errs("milestone").title} />
            <DateField name="dueOn" label={t("cases.milestone.dueOn")} required typed={vals("milestone")?.dueOn} error={errs("milestone").dueOn} />
            <SelectField name="owner" label={t("cases.milestone.owner")} required defaultValue={vals("milestone")?.owner ?? "entrepreneur"} error={errs("milestone").owner} options={MILESTONE_OWNERS.map((o) => ({ value: o, label: t(`cases.milestone.owner.${o}`) }))} />
            <SubmitButton>{t("cases.milestone.add")}</SubmitButton>
          </Form>
        )}
      </Card>

      <Card title={t("cases.section.sessions")}>
        <div className="mb-3" data-testid="hours">
          <p className="font-medium">{t("cases.hours.total", { h: num(d.hours.total) })}</p>
          {d.hours.perMentor.map((m) => <p key={m.name} className="text-sm">{t("cases.hours.perMentor", { name: m.name, h: num(m.hours) })}</p>)}
          {d.hours.perMonth.map(([m, h]) => <p key={m} className="text-sm">{t("cases.hours.perMonth", { m: locale === "fa" ? toPersianDigits(String(m)) : String(m), h: num(h) })}</p>)}
        </div>
        {d.sessions.length > 0 && (
          <div {...scrollRegion(t("common.tableRegion"))} className="mb-4 overflow-x-auto">
            <table className={tableClass}>
              <thead>
                <tr>
                  <th>{t("cases.session.heldOn")}</th>
                  <th>{t("cases.session.minutes")}</th>
                  <th>{t("cases.session.mode")}</th>
                  <th>{t("cases.session.topics")}</th>
                  <th>{t("cases.session.nextSteps")}</th>
                  <th>{t("cases.field.mentor")}</th>
                </tr>
              </thead>
              <tbody>
                {d.sessions.map((s) => (
                  <tr key={s.id}>
                    <td>{formatDate(locale, String(s.held_on).slice(0, 10))}</td>
                    <td>{formatNumber(locale, s.minutes)}</td>
                    <td>{t(`cases.session.mode.${s.mode}`)}</td>
                    <td>{s.topics}</td>
                    <td>{s.next_steps}</td>
                    <td>{s.mentor_name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {d.mayWork && d.parts.includes("mentor") && (
          <Form method="post" noValidate className="rounded-md bg-slate-50 p-3">
            <input type="hidden" name="intent" value="session" />
            <FormError error={errs("session")._form} />
            <DateField name="heldOn" label={t("cases.session.heldOn")} required typed={vals("session")?.heldOn} iso={d.today} error={errs("session").heldOn} />
            <TextField name="minutes" label={t("cases.session.minutes")} inputMode="numeric" required defaultValue={vals("session")?.minutes} error={errs("session").minutes} />
            <SelectField name="mode" label={t("cases.session.mode")} required defaultValue={vals("session")?.mode ?? "in_person"} error={errs("session").mode} options={SESSION_MODES.map((o) => ({ value: o, label: t(`cases.session.mode.${o}`) }))} />
            <TextArea name="topics" label={t("cases.session.topics")} required rows={2} defaultValue={vals("session")?.topics} error={errs("session").topics} />
            <TextArea name="nextSteps" label={t("cases.session.nextSteps")} rows={2} defaultValue={vals("session")?.nextSteps} error={errs("session").nextSteps} />
            <SubmitButton>{t("cases.session.add")}</SubmitButton>
          </Form>
        )}
      </Card>

      {d.notes && (
        <Card title={t("cases.section.notes")}>
          <p className="mb-2 text-sm text-slate-600">{t("cases.section.notesHint")}</p>
          <ul className="mb-3" data-testid="private-notes">
            {d.notes.map((n) => (
              <li key={n.id} className="mb-2 border-b border-slate-200 pb-2">
                <div className="text-sm text-slate-600">{n.author_name} · {formatDateTime(locale, n.created_at)}</div>
                <div className="whitespace-pre-line">{n.body}</div>
              </li>
            ))}
          </ul>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="note" />
            <FormError error={errs("note")._form} />
            <TextArea name="body" label={t("cases.note.body")} required rows={2} defaultValue={vals("note")?.body} error={errs("note").body} />
            <SubmitButton>{t("cases.note.add")}</SubmitButton>
          </Form>
        </Card>
      )}

      <Card title={t("cases.section.messages")}>
        <ul className="mb-3" id="messages" data-testid="messages">
          {d.messages.map((m) => (
            <li key={m.id} className="mb-2 border-b border-slate-200 pb-2">
              <div className="text-sm text-slate-600">{m.author_name} · {formatDateTime(locale, m.created_at)}</div>
              <div className="whitespace-pre-line">{m.body}</div>
            </li>
          ))}
        </ul>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="message" />
          <FormError error={errs("message")._form} />
          <TextArea name="body" label={t("cases.message.body")} required rows={2} defaultValue={vals("message")?.body} error={errs("message").body} />
          <SubmitButton>{t("cases.message.send")}</SubmitButton>
        </Form>
      </Card>

      <Card title={t("cases.section.documents")}>
        <div id="documents">
          {d.documents.length === 0 ? <p className="mb-3">{t("cases.documents.none")}</p> : (
            <ul className="mb-3" data-testid="documents">
              {d.documents.map((f) => (
                <li key={f.id} className="mb-1">
                  <a href={`/cases/${c.id}/documents/${f.id}`} className="underline" dir="auto">{f.name}</a>
                  <span className="ms-2 text-sm text-slate-600">{t("cases.documents.by", { name: f.uploadedBy, date: formatDate(locale, f.createdAt) })}</span>
                </li>
              ))}
            </ul>
          )}
          <Form method="post" encType="multipart/form-data" noValidate className="rounded-md bg-slate-50 p-3">
            <FormError error={errs("document")._form} />
            <FileField name="file" multiple required label={t("cases.documents.file")} hint={t("cases.documents.hint", { n: d.maxFiles })} error={errs("document").file} maxMb={d.maxMb} />
            <SubmitButton>{t("cases.documents.add")}</SubmitButton>
          </Form>
        </div>
      </Card>

      <Card title={t("cases.section.referrals")}>
        <ul className="mb-3">
          {d.referrals.map((x) => <li key={x.id}>{name(x)}{x.note ? ` · ${x.note}` : ""} · {formatDate(locale, x.created_at)}</li>)}
        </ul>
        {d.mayWork && (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="referral" />
            <FormError error={errs("referral")._form} />
            <SelectField name="agency" label={t("cases.referral.agency")} required defaultValue={vals("referral")?.agency} error={errs("referral").agency} options={d.agencies.map((a) => ({ value: a.code, label: name(a) }))} />
            <TextField name="note" label={t("cases.referral.note")} defaultValue={vals("referral")?.note} error={errs("referral").note} />
            <SubmitButton>{t("cases.referral.add")}</SubmitButton>
          </Form>
        )}
      </Card>

      <Card title={t("cases.section.outcome")}>
        {c.employees_now != null && (
          <dl className="mb-3 grid grid-cols-2 gap-2" data-testid="outcome">
            <dt>{t("cases.field.baselineAtStart")}</dt><dd>{formatNumber(locale, c.baseline_employees)}</dd>
            <dt>{t("cases.outcome.employeesNow")}</dt><dd>{formatNumber(locale, c.employees_now)}</dd>
            <dt>{t("cases.outcome.jobsCreated")}</dt><dd>{formatNumber(locale, c.jobs_created)}</dd>
            <dt>{t(isEmergency ? "cases.outcome.jobsSaved" : "cases.outcome.jobsRetained")}</dt><dd>{formatNumber(locale, c.jobs_retained)}</dd>
            <dt>{t("cases.outcome.revenue")}</dt><dd>{formatNumber(locale, Number(c.revenue_rials ?? 0))}</dd>
            <dt>{t("cases.outcome.funding")}</dt><dd>{formatNumber(locale, Number(c.funding_rials ?? 0))}</dd>
          </dl>
        )}
        {c.employment_report_id && d.reports[c.employment_report_id] && (
          <p className="mb-3"><CaseReportLink report={d.reports[c.employment_report_id]} testId="outcome-report" /></p>
        )}
        {d.followUps.length > 0 && (
          <ul className="mb-3">
            {d.followUps.map((f) => (
              <li key={f.id}>
                {t("cases.followUp.due", { m: formatNumber(locale, f.months), date: formatDate(locale, String(f.due_on).slice(0, 10)) })}
                {f.done_at ? <> · {t("cases.followUp.done")} ({formatNumber(locale, f.employees_now)}){f.employment_report_id && d.reports[f.employment_report_id] && <> · <CaseReportLink report={d.reports[f.employment_report_id]} /></>}</> : d.mayFollowUp ? <> · <Link className="underline" to={`/cases/followups#f${f.id}`}>{t("cases.followUp.record")}</Link></> : null}
              </li>
            ))}
          </ul>
        )}
        {d.mayClose.length > 0 && (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="outcome" />
            <input type="hidden" name="version" value={c.version} />
            <FormError error={errs("outcome")._form} />
            <TextField name="baselineEmployees" label={t("cases.field.baselineAtStart")} hint={t("cases.baseline.hint")} inputMode="numeric" required defaultValue={outV?.baselineEmployees ?? localDigits(locale, String(c.baseline_employees))} error={errs("outcome").baselineEmployees} />
            <TextField name="employeesNow" label={t("cases.outcome.employeesNow")} inputMode="numeric" required defaultValue={outV?.employeesNow} error={errs("outcome").employeesNow} />
            <TextField name="jobsCreated" label={t("cases.outcome.jobsCreated")} inputMode="numeric" required defaultValue={outV?.jobsCreated} error={errs("outcome").jobsCreated} />
            <TextField name="jobsRetained" label={t(isEmergency ? "cases.outcome.jobsSaved" : "cases.outcome.jobsRetained")} inputMode="numeric" required defaultValue={outV?.jobsRetained ?? "0"} error={errs("outcome").jobsRetained} />
            <TextField name="revenueRials" label={t("cases.outcome.revenue")} inputMode="numeric" defaultValue={outV?.revenueRials} error={errs("outcome").revenueRials} />
            <TextField name="fundingRials" label={t("cases.outcome.funding")} inputMode="numeric" defaultValue={outV?.fundingRials} error={errs("outcome").fundingRials} />
            <TextField name="registrationNo" label={t("cases.field.registrationNo")} dir="ltr" defaultValue={outV?.registrationNo ?? localDigits(locale, c.registration_no)} error={errs("outcome").registrationNo} />
            <TextArea name="note" label={t("cases.field.note")} rows={2} defaultValue={outV?.note} error={errs("outcome").note} />
            <div className="flex flex-wrap gap-2">
              {d.mayClose.map((a) => <SubmitButton key={a} name="action" value={a} variant={a === "close" ? "secondary" : "primary"}>{t(`cases.action.${a}`)}</SubmitButton>)}
            </div>
          </Form>
        )}
      </Card>
    </div>
  );
}
