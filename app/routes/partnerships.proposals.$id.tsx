import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { optionalText } from "~/lib/forms";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb } from "~/modules/files/upload.server";
import { formActionWithFile, isMultipart } from "~/modules/partnerships/http.server";
import { attachToProposal, decideProposal, postMessage, proposalPage, requireProposalParty, withdrawProposal } from "~/modules/partnerships/proposals.server";
import { messageSchema } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { PROPOSAL_ACTIONS } from "~/modules/partnerships/workflow";
import { Badge, Events, FileList, MatchParts, Money, nameOf, Score } from "~/modules/partnerships/components/bits";
import { FormError, TextArea } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

const stepSchema = z.object({ step: z.enum(PROPOSAL_ACTIONS, { errorMap: () => ({ message: "error.invalidChoice" }) }), note: optionalText(1000) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const [d, labels] = await Promise.all([proposalPage(actor, id), referenceLabels(await getLocale(request))]);
  return { ...d, domains: labels.domains, maxMb: maxUploadMb() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireProposalParty(actor, id); // 403 (and an audit row) before any form is read
  const back = `/partnerships/proposals/${id}`;
  if (isMultipart(request)) {
    return formActionWithFile(request, "file", z.object({}), async (_v, file) => {
      await attachToProposal(actor, id, file);
      return redirectWithFlash(back, "flash.uploaded");
    }, { intent: "attach" });
  }
  const form = await readForm(request);
  if (form.get("intent") === "message") {
    return formAction(form, messageSchema, async (v) => {
      await postMessage(actor, id, v);
      return redirectWithFlash(back, "partnerships.flash.messageSent");
    }, { intent: `message-${form.get("parentId") ?? ""}` });
  }
  return formAction(form, stepSchema, async (v) => {
    if (v.step === "withdraw") {
      await withdrawProposal(actor, id, { note: v.note });
      return redirectWithFlash(back, "partnerships.flash.proposal.withdraw");
    }
    const partnershipId = await decideProposal(actor, id, v.step, { note: v.note });
    if (partnershipId) return redirectWithFlash(`/partnerships/${partnershipId}`, "partnerships.flash.awarded");
    return redirectWithFlash(back, `partnerships.flash.proposal.${v.step}`);
  }, { intent: "step" });
}

type Message = { id: number; parent_id: number | null; side: string; body: string; created_at: string | Date; author: string };

function Thread({ first, replies, canReply }: { first: Message; replies: Message[]; canReply: boolean }) {
  const t = useT();
  const locale = useLocale();
  const f = useFormState(`message-${first.id}`);
  const one = (m: Message) => (
    <div id={`m${m.id}`} className={m.side === "industry" ? "rounded-md bg-slate-50 p-2" : "rounded-md bg-sky-50 p-2"}>
      <p className="text-sm text-slate-600">{m.author} · {t(`partnerships.side.${m.side}`)} · {formatDateTime(locale, m.created_at as string)}</p>
      <p className="whitespace-pre-line">{m.body}</p>
    </div>
  );
  return (
    <li className="mb-4">
      {one(first)}
      {replies.length > 0 && <ul className="ms-6 mt-2 space-y-2">{replies.map((r) => <li key={r.id}>{one(r)}</li>)}</ul>}
      {canReply && (
        <Form method="post" className="ms-6 mt-2">
          <input type="hidden" name="intent" value="message" />
          <input type="hidden" name="parentId" value={first.id} />
          <FormError error={f.formError} />
          <TextArea name="body" label={t("partnerships.messages.reply")} rows={2} maxLength={2000} required defaultValue={f.values.body} error={f.errors.body} />
          <SubmitButton variant="secondary">{t("partnerships.messages.send")}</SubmitButton>
        </Form>
      )}
    </li>
  );
}

export default function ProposalPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const p = d.proposal;
  const step = useFormState("step");
  const newThread = useFormState("message-");
  const attach = useFormState("attach");
  const domainNames = Object.fromEntries(d.domains.map((o) => [o.value, o.label]));
  const threads = d.messages.filter((m) => m.parent_id == null);
  return (
    <div className="max-w-4xl">
      <PageTitle>{t("partnerships.proposal.title", { company: nameOf(locale, { name_fa: p.company_fa, name_en: p.company_en }) })}</PageTitle>
      <p className="mb-3">
        <Link className="text-brand-700 underline" to={`/partnerships/challenges/${p.challenge_id}`}>{p.challenge_title}</Link>{" "}
        · {nameOf(locale, { name_fa: p.industry_fa, name_en: p.industry_en })} · <Badge kind="proposal" status={p.status} testId="proposal-status" />
        {p.partnership_id && <> · <Link className="text-brand-700 underline" to={`/partnerships/${p.partnership_id}`}>{t("partnerships.proposal.partnership")}</Link></>}
      </p>
      {d.match && (
        <Card title={t("partnerships.proposal.match")}>
          <p className="mb-2"><Score score={d.match.explained.score} /> / {formatNumber(locale, 100)}</p>
          <MatchParts parts={d.match.explained.parts} domainNames={domainNames} />
        </Card>
      )}
      <Card title={t("partnerships.proposal.details")}>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
          <div><dt className="text-sm text-slate-600">{t("partnerships.proposal.price")}</dt><dd><Money rials={p.price} /></dd></div>
          <div><dt className="text-sm text-slate-600">{t("partnerships.proposal.durationWeeks")}</dt><dd>{formatNumber(locale, p.duration_weeks)}</dd></div>
        </dl>
        <h3 className="mb-1 mt-4 font-semibold">{t("partnerships.proposal.approach")}</h3><p className="whitespace-pre-line">{p.approach}</p>
        <h3 className="mb-1 mt-4 font-semibold">{t("partnerships.proposal.workPlan")}</h3><p className="whitespace-pre-line">{p.work_plan}</p>
        <h3 className="mb-1 mt-4 font-semibold">{t("partnerships.proposal.milestones")}</h3>
        <ol className="list-decimal ps-6">{p.milestones.map((m, i) => <li key={i}>{m.title} ({t("partnerships.proposal.week", { n: m.week })})</li>)}</ol>
        <h3 className="mb-1 mt-4 font-semibold">{t("partnerships.proposal.team")}</h3><p className="whitespace-pre-line">{p.team}</p>
        {p.decision_note && <><h3 className="mb-1 mt-4 font-semibold">{t("partnerships.proposal.decisionNote")}</h3><p className="whitespace-pre-line">{p.decision_note}</p></>}
      </Card>

      {d.actions.length > 0 && (
        <Card title={t("partnerships.proposal.steps")}>
          <FormError error={step.formError} />
          <div className="flex flex-wrap gap-4">
            {d.actions.map((a) => (
              <Form key={a} method="post" className="min-w-64 flex-1 rounded-md border border-slate-200 p-3">
                <input type="hidden" name="step" value={a} />
                {a !== "shortlist" && <TextArea name="note" label={t(a === "award" ? "partnerships.compare.noteToOthers" : "partnerships.field.reasonOptional")} rows={2} maxLength={1000} />}
                <SubmitButton variant={a === "award" || a === "shortlist" ? "primary" : "secondary"}>{t(`partnerships.proposal.step.${a}`)}</SubmitButton>
              </Form>
            ))}
          </div>
        </Card>
      )}

      <Card title={t("partnerships.messages.title")}>
        {threads.length === 0 ? <p className="mb-3 text-slate-600">{t("partnerships.messages.none")}</p> : (
          <ul data-testid="threads">
            {threads.map((m) => <Thread key={m.id} first={m} replies={d.messages.filter((r) => r.parent_id === m.id)} canReply={d.canMessage} />)}
          </ul>
        )}
        {d.canMessage && (
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="message" />
            <FormError error={newThread.formError} />
            <TextArea name="body" label={t("partnerships.messages.new")} rows={3} maxLength={2000} required defaultValue={newThread.values.body} error={newThread.errors.body} />
            <SubmitButton>{t("partnerships.messages.send")}</SubmitButton>
          </Form>
        )}
      </Card>

      <Card title={t("partnerships.files.title")}>
        <FileList files={d.files} label={t("partnerships.files.title")} />
        {d.canAttach && (
          <Form method="post" encType="multipart/form-data" className="mt-4">
            <FormError error={attach.formError} />
            <FileField name="file" label={t("partnerships.files.add")} maxMb={d.maxMb} error={attach.errors.file} required />
            <SubmitButton>{t("partnerships.files.upload")}</SubmitButton>
          </Form>
        )}
      </Card>

      <Card title={t("partnerships.timeline")}><Events events={d.events} /></Card>
    </div>
  );
}
