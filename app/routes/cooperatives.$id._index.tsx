import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatDateTime, formatNumber, localDigits } from "~/i18n/format";
import { formAction, formFailure, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { SubjectObstacles } from "~/modules/agenda/components/SubjectObstacles";
import { subjectObstacles } from "~/modules/agenda/service.server";
import { CoopStatusBadge } from "~/modules/cooperatives/components/bits";
import { Membership } from "~/modules/cooperatives/components/Membership";
import { changeMembership, fileYearlyUpdate } from "~/modules/cooperatives/membership.server";
import { attachDocument, applicationPage, requireReader } from "~/modules/cooperatives/page.server";
import { transition } from "~/modules/cooperatives/review.server";
import { DOC_KINDS } from "~/modules/cooperatives/rules";
import { documentKindSchema, joinSchema, leaveSchema, transferSchema, transitionSchema, yearlySchema } from "~/modules/cooperatives/schema";
import { requireApplicant } from "~/modules/cooperatives/service.server";
import { NEEDS_NOTE, type CoopAction } from "~/modules/cooperatives/workflow";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb, parseUpload } from "~/modules/files/upload.server";
import { DateField, FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const page = await applicationPage(actor, id);
  return { ...page, origin: new URL(request.url).origin, maxMb: maxUploadMb(), obstacles: await subjectObstacles(actor, "cooperative", id) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    await requireApplicant(actor, id); // 403 before the upload is read
    const upload = await parseUpload(request, { field: "file" });
    try {
      if (upload.error) return formFailure({ intent: "document", errors: { file: upload.error }, values: {} });
      return await formAction(upload.fields, documentKindSchema, async (v) => {
        await attachDocument(actor, id, v.kind, upload.file);
        return redirectWithFlash(`/cooperatives/${id}`, "flash.uploaded");
      }, { intent: "document", fields: ["file"] });
    } finally {
      await upload.dispose();
    }
  }
  await requireReader(actor, id);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const done = (key: string) => redirectWithFlash(`/cooperatives/${id}`, key);
  if (intent === "member_join") return formAction(form, joinSchema, async (v) => (await changeMembership(actor, id, { kind: "join", ...v }), done("coop.change.saved")), { intent });
  if (intent === "member_leave") return formAction(form, leaveSchema, async (v) => (await changeMembership(actor, id, { kind: "leave", ...v }), done("coop.change.saved")), { intent });
  if (intent === "member_transfer") return formAction(form, transferSchema, async (v) => (await changeMembership(actor, id, { kind: "transfer", ...v }), done("coop.change.saved")), { intent });
  if (intent === "yearly") return formAction(form, yearlySchema, async (v) => (await fileYearlyUpdate(actor, id, v), done("coop.yearly.saved")), { intent });
  return formAction(form, transitionSchema, async (v) => {
    await transition(actor, id, v);
    return redirectWithFlash(`/cooperatives/${id}`, "coop.moved");
  }, { intent: String(form.get("action") ?? "") });
}

function ActionForm({ action, version }: { action: CoopAction; version: number }) {
  const t = useT();
  const f = useFormState(action);
  return (
    <Form method="post" className="mb-4 rounded-md border border-slate-300 p-3" data-testid={`action-${action}`}>
      <FormError error={f.formError} />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="version" value={version} />
      {action === "approve" && (
        <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
          <TextField name="registrationNo" label={t("coop.field.registrationNo")} required dir="ltr" defaultValue={f.values.registrationNo} error={f.errors.registrationNo} />
          <DateField name="registeredOn" label={t("coop.field.registeredOn")} required typed={f.values.registeredOn} error={f.errors.registeredOn} />
        </div>
      )}
      {(NEEDS_NOTE.has(action) || action === "approve") && (
        <TextArea name="note" label={t("coop.field.note")} required={NEEDS_NOTE.has(action)} defaultValue={f.values.note} error={f.errors.note} rows={2} />
      )}
      <SubmitButton variant={action === "reject" || action === "dissolve" ? "danger" : "primary"}>{t(`coop.action.${action}`)}</SubmitButton>
    </Form>
  );
}

export default function CooperativePage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const c = d.coop;
  const doc = useFormState("document");
  const item = (label: string, value: React.ReactNode) => <div><dt className="text-sm text-slate-600">{label}</dt><dd>{value || "—"}</dd></div>;
  return (
    <div className="max-w-5xl">
      <PageTitle actions={d.editable && <Link className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium" to={`/cooperatives/${c.id}/edit`}>{t("coop.editAndSend")}</Link>}>
        {c.name1} <CoopStatusBadge status={c.status} />
      </PageTitle>
      <Card title={t("coop.section.details")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {item(t("coop.field.names"), [c.name1, c.name2, c.name3].filter(Boolean).join("، "))}
          {item(t("coop.field.type"), c.type_code ? t(`coop.type.${c.type_code}`) : "")}
          {item(t("coop.field.activity"), c.activity)}
          {item(t("coop.field.sector"), d.sector ? `${locale === "fa" ? d.sector.name_fa : d.sector.name_en}${c.isic_code ? ` (ISIC ${localDigits(locale, c.isic_code)})` : ""}` : "")}
          {item(t("coop.field.county"), d.county ? (locale === "fa" ? d.county.name_fa : d.county.name_en) : "")}
          {item(t("coop.field.address"), c.address)}
          {item(t("coop.field.capital"), formatNumber(locale, c.capital))}
          {item(t("coop.field.jobs"), formatNumber(locale, c.jobs_members + c.jobs_hires))}
          {c.registration_no && item(t("coop.field.registrationNo"), <span dir="ltr" data-testid="coop-regno">{localDigits(locale, c.registration_no)}</span>)}
          {c.registered_on && item(t("coop.field.registeredOn"), formatDate(locale, c.registered_on))}
        </dl>
        {d.ledgerLink && <p className="mt-3"><Link to={d.ledgerLink}>{t("coop.ledger")}</Link></p>}
      </Card>

      <Card title={t("coop.section.members")}>
        <p className="mb-3" data-testid="coop-confirmed">{t("coop.confirmedCount", { n: formatNumber(locale, d.confirmed), total: formatNumber(locale, d.members.length) })}</p>
        <TableRegion>
          <table className={tableClass} data-testid="coop-members">
            <thead><tr>
              <th scope="col">{t("coop.member.fullName")}</th><th scope="col">{t("coop.member.nationalId")}</th><th scope="col">{t("coop.member.share")}</th>
              <th scope="col">{t("coop.member.role")}</th><th scope="col">{t("common.status")}</th><th scope="col">{t("coop.member.link")}</th>
            </tr></thead>
            <tbody>
              {d.members.map((m) => (
                <tr key={m.id}>
                  <td>{m.full_name}</td>
                  <td><span dir="ltr">{localDigits(locale, m.nationalId)}</span></td>
                  <td>{formatNumber(locale, m.share)}</td>
                  <td>{t(`coop.role.${m.role}`)}</td>
                  <td>{t(`coop.memberStatus.${m.status}`)}{m.decline_reason ? `: ${m.decline_reason}` : ""}</td>
                  <td>{m.link ? <code dir="ltr" className="break-all text-xs">{d.origin}{m.link}</code> : m.myLink ? <Link to={m.myLink}>{t("coop.answer")}</Link> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        {d.former.length > 0 && (
          <p className="mt-3 text-sm text-slate-700">{t("coop.former")}: {d.former.map((m) => `${m.full_name} (${t(`coop.memberStatus.${m.status}`)})`).join("، ")}</p>
        )}
      </Card>

      {d.after && <Membership data={d.after} manage={d.manage} version={c.version} members={d.members} jobs={{ members: c.jobs_members, hires: c.jobs_hires }} />}

      <Card title={t("coop.section.documents")}>
        {d.documents.length ? (
          <ul className="list-disc ps-6">{d.documents.map((x) => <li key={x.id}>{t(`coop.doc.${x.kind}`)}: <a href={`/files/${x.fileId}`}>{x.name}</a></li>)}</ul>
        ) : <EmptyState>{t("coop.noDocuments")}</EmptyState>}
        {d.editable && (
          <Form method="post" encType="multipart/form-data" className="mt-4">
            <FormError error={doc.formError} />
            <SelectField name="kind" label={t("coop.doc.kind")} required defaultValue={doc.values.kind} error={doc.errors.kind} options={DOC_KINDS.map((k) => ({ value: k, label: t(`coop.doc.${k}`) }))} />
            <FileField name="file" label={t("coop.doc.file")} error={doc.errors.file} maxMb={d.maxMb} required />
            <SubmitButton>{t("coop.doc.attach")}</SubmitButton>
          </Form>
        )}
      </Card>

      {d.actions.length > 0 && (
        <Card title={t("coop.section.actions")}>
          {d.actions.map((a) => <ActionForm key={a} action={a} version={c.version} />)}
        </Card>
      )}

      <SubjectObstacles data={d.obstacles} />

      <Card title={t("coop.section.timeline")}>
        <ol className="space-y-2" data-testid="coop-timeline">
          {d.events.map((e) => (
            <li key={e.id}>
              <span className="text-sm text-slate-600">{formatDateTime(locale, e.created_at)}</span>{" — "}
              {t(`coop.event.${e.action}`)}
              {e.to_status && e.from_status && <> ({t("coop.event.move", { from: t(`coop.status.${e.from_status}`), to: t(`coop.status.${e.to_status}`) })})</>}
              {e.memberName && <> · {e.memberName}</>}
              {e.actorName && <span className="text-sm text-slate-600"> · {e.actorName}</span>}
              {e.note && <p className="whitespace-pre-line text-slate-800">{e.note}</p>}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
