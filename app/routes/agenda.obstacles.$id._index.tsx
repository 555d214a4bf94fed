import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/format";
import { formAction, formFailure, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { z } from "zod";
import { badRequest, idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { ObstacleStatusBadge, OverdueBadge } from "~/modules/agenda/components/bits";
import { escalateSchema, transitionSchema } from "~/modules/agenda/schema";
import { addEvidence, assertCanEscalate, assertReadable, escalateObstacle, MAX_EVIDENCE, moveObstacle, obstaclePage } from "~/modules/agenda/service.server";
import { maxUploadMb, parseUpload } from "~/modules/files/upload.server";
import { FileField } from "~/modules/files/components/FileField";
import { noteRequired } from "~/modules/agenda/workflow";
import { FormError, SelectField, TextArea } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { ...(await obstaclePage(actor, idOrNotFound(params.id), await getLocale(request))), maxMb: maxUploadMb(), maxFiles: MAX_EVIDENCE };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await assertReadable(actor, id);
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    // Evidence added after raising (the only multipart form on this page).
    const upload = await parseUpload(request, { field: "evidence", maxFiles: MAX_EVIDENCE });
    if (upload.error) {
      await upload.dispose();
      return formFailure({ intent: "evidence", errors: { evidence: upload.error }, values: {} });
    }
    try {
      return await formAction(upload.fields, evidenceSchema, async () => {
        await addEvidence(actor, id, upload.files);
        return redirectWithFlash(`/agenda/obstacles/${id}`, "agenda.evidence.added");
      }, { intent: "evidence", fields: ["evidence"] });
    } finally {
      await upload.dispose();
    }
  }
  const form = await readForm(request);
  switch (form.get("intent")) {
    case "move":
      return formAction(form, transitionSchema, async (v) => {
        await moveObstacle(actor, id, v);
        return redirectWithFlash(`/agenda/obstacles/${id}`, `agenda.moved.${v.action}`);
      }, { intent: "move" });
    case "escalate":
      await assertCanEscalate(actor, id);
      return formAction(form, escalateSchema, async (v) => {
        await escalateObstacle(actor, id, v);
        return redirectWithFlash(`/agenda/obstacles/${id}`, "agenda.escalated");
      }, { intent: "escalate" });
    default:
      throw badRequest();
  }
}

const evidenceSchema = z.object({});

const button = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50";
const primary = "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800";

export default function ObstaclePage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const o = d.obstacle;
  const move = useFormState("move");
  const esc = useFormState("escalate");
  const ev = useFormState("evidence");
  const item = (label: string, value: React.ReactNode) => (
    <div><dt className="text-sm text-slate-600">{label}</dt><dd>{value}</dd></div>
  );
  const needsNote = d.actions.some((a) => noteRequired(a));
  return (
    <div className="max-w-3xl">
      <PageTitle actions={<Link to="/agenda/obstacles">{t("agenda.list.title")}</Link>}>
        {t("agenda.obstacle.title", { id: formatNumber(locale, o.id) })} · {t(`agenda.category.${o.category}`)}
      </PageTitle>
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {item(t("agenda.field.subject"), d.subject ? (d.subject.link ? <Link to={d.subject.link}>{d.subject.title}</Link> : d.subject.title) : "—")}
          {item(t("agenda.field.agency"), d.agencyName)}
          {item(t("common.status"), <span className="flex flex-wrap gap-2"><ObstacleStatusBadge status={o.status} />{o.overdue && <OverdueBadge />}</span>)}
          {item(t("agenda.field.jobs"), <span data-testid="obstacle-jobs">{t("agenda.jobs.split", { created: formatNumber(locale, o.jobs_created, 2), retained: formatNumber(locale, o.jobs_retained, 2) })}</span>)}
          {item(t("agenda.field.beganOn"), formatDate(locale, o.began_on))}
          {item(t("agenda.field.raisedOn"), formatDate(locale, o.raised_on))}
          {item(t("agenda.field.dueOn"), formatDate(locale, o.due_on))}
          {item(t("agenda.field.daysOpen"), formatNumber(locale, o.days_open))}
          {o.closed_on && item(t("agenda.field.closedOn"), formatDate(locale, o.closed_on))}
          {o.escalated_on && item(t("agenda.field.escalatedOn"), `${formatDate(locale, o.escalated_on)} — ${o.escalation_note ?? ""}`)}
        </dl>
        <p className="mt-4 whitespace-pre-line">{o.description}</p>
        {o.closing_note && <p className="mt-3 rounded-md bg-slate-50 p-3"><strong>{t(o.status === "resolved" ? "agenda.field.whatWasDone" : "agenda.field.closingNote")}:</strong> {o.closing_note}</p>}
        {d.waitsOnOwner && <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" role="status">{t("agenda.resolved.updateFigures")}</p>}
      </Card>
      {d.actions.length > 0 && (
        <Card title={t("agenda.work.title")}>
          <Form method="post" noValidate>
            <FormError error={move.formError} />
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="version" value={o.version} />
            {d.actions.includes("assign") && d.officers.length > 0 && (
              <SelectField name="assigneeId" label={t("agenda.field.assignee")} defaultValue={move.values.assigneeId} error={move.errors.assigneeId} options={d.officers} />
            )}
            <TextArea name="note" label={t(needsNote ? "agenda.field.noteRequired" : "agenda.field.note")} defaultValue={move.values.note} error={move.errors.note} maxLength={2000} />
            <div className="flex flex-wrap gap-2">
              {d.actions.map((a) => (
                <button key={a} type="submit" name="action" value={a} className={a === "resolve" || a === "take" ? primary : button}>{t(`agenda.action.${a}`)}</button>
              ))}
            </div>
          </Form>
        </Card>
      )}
      {d.canEscalate && (
        <Card title={t("agenda.escalate.title")}>
          <Form method="post" noValidate>
            <FormError error={esc.formError} />
            <input type="hidden" name="intent" value="escalate" />
            <input type="hidden" name="version" value={o.version} />
            <TextArea name="note" label={t("agenda.escalate.note")} required defaultValue={esc.values.note} error={esc.errors.note} maxLength={1000} />
            <button type="submit" className={button}>{t("agenda.escalate.submit")}</button>
          </Form>
        </Card>
      )}
      <Card title={t("agenda.evidence.title")}>
        {d.files.length === 0 ? <p>{t("agenda.evidence.none")}</p> : (
          <ul className="list-disc ps-6">
            {d.files.map((f) => <li key={f.id}><a href={`/agenda/obstacles/${o.id}/files/${f.id}`}>{f.name}</a></li>)}
          </ul>
        )}
        {d.files.length < d.maxFiles && (
          <Form method="post" encType="multipart/form-data" noValidate className="mt-3">
            <FormError error={ev.formError} />
            <FileField name="evidence" label={t("agenda.evidence.add")} error={ev.errors.evidence} maxMb={d.maxMb} multiple />
            <button type="submit" className={button}>{t("agenda.evidence.add")}</button>
          </Form>
        )}
      </Card>
      <Card title={t("agenda.history.title")}>
        <ol className="space-y-2" data-testid="obstacle-history">
          {d.history.map((h) => (
            <li key={h.id} className="border-s-2 border-slate-300 ps-3">
              <span className="font-medium">{t(`agenda.event.${h.action}`)}</span>
              {h.to_status && h.from_status !== h.to_status && <> → {t(`agenda.status.${h.to_status}`)}</>}
              <span className="text-sm text-slate-600"> · {h.actor_name ?? "—"} · {formatDateTime(locale, h.at)}</span>
              {h.note && <p className="whitespace-pre-line">{h.note}</p>}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
