import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useLocale, useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb } from "~/modules/files/upload.server";
import { attachToChallenge, challengePage, requireChallengeManager, transitionChallenge } from "~/modules/partnerships/challenges.server";
import { formActionWithFile, isMultipart } from "~/modules/partnerships/http.server";
import { noteSchema } from "~/modules/partnerships/schema";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { CHALLENGE_ACTIONS } from "~/modules/partnerships/workflow";
import { Badge, Day, Events, FileList, linkButton, Money, nameOf, primaryLink } from "~/modules/partnerships/components/bits";
import { FormError, TextArea } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

const stepSchema = noteSchema.extend({ step: z.enum(CHALLENGE_ACTIONS, { errorMap: () => ({ message: "error.invalidChoice" }) }) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const [page, labels] = await Promise.all([challengePage(actor, id), referenceLabels(await getLocale(request))]);
  return { ...page, labels, maxMb: maxUploadMb() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireChallengeManager(actor, id); // 403 (and an audit row) before any form is read
  if (isMultipart(request)) {
    return formActionWithFile(request, "file", z.object({}), async (_v, file) => {
      await attachToChallenge(actor, id, file);
      return redirectWithFlash(`/partnerships/challenges/${id}`, "flash.uploaded");
    }, { intent: "attach" });
  }
  return formAction(await readForm(request), stepSchema, async (v) => {
    await transitionChallenge(actor, id, v.step, { note: v.note, version: v.version });
    return redirectWithFlash(`/partnerships/challenges/${id}`, `partnerships.flash.challenge.${v.step}`);
  }, { intent: "transition" });
}

export default function ChallengePage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const c = d.challenge;
  const step = useFormState("transition");
  const attach = useFormState("attach");
  const label = (list: { value: string; label: string }[], code: string) => list.find((o) => o.value === code)?.label ?? code;
  const mine = d.companies[0];
  const needsNote = (a: string) => a === "close" || a === "withdraw";
  return (
    <div className="max-w-5xl">
      <PageTitle actions={
        <div className="flex flex-wrap gap-2">
          {d.canEdit && <Link className={linkButton} to={`/partnerships/challenges/${c.id}/edit`}>{t("partnerships.challenge.edit")}</Link>}
          {d.canSeeProposals && <Link className={linkButton} to={`/partnerships/challenges/${c.id}/matches`}>{t("partnerships.challenge.matches")}</Link>}
          {d.canSeeProposals && <Link className={linkButton} to={`/partnerships/challenges/${c.id}/proposals`}>{t("partnerships.challenge.proposals", { n: d.liveProposals ?? 0 })}</Link>}
        </div>
      }>
        {c.title}
      </PageTitle>

      {mine && (
        <Card title={t("partnerships.challenge.yourCompany")}>
          {mine.invited && <p className="mb-2">{t("partnerships.challenge.invitedNote")}</p>}
          {mine.proposalId ? (
            <p><Link className="text-brand-700 underline" to={`/partnerships/proposals/${mine.proposalId}`}>{t("partnerships.challenge.yourProposal")}</Link>{" "}
              {mine.proposalStatus && <Badge kind="proposal" status={mine.proposalStatus} />}</p>
          ) : mine.blocked ? (
            <p role="status" data-testid="propose-blocked" className="rounded-md bg-amber-50 p-3 text-amber-900">{t(mine.blocked)}</p>
          ) : (
            <Link className={primaryLink} to={`/partnerships/challenges/${c.id}/propose?company=${mine.companyId}`}>{t("partnerships.proposal.send")}</Link>
          )}
        </Card>
      )}

      <Card title={t("partnerships.challenge.details")}>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-3">
          <div><dt className="text-sm text-slate-600">{t("common.status")}</dt><dd><Badge kind="challenge" status={c.status} testId="challenge-status" /></dd></div>
          <div><dt className="text-sm text-slate-600">{t("partnerships.challenge.industry")}</dt><dd><Link className="underline" to={`/partnerships/industries/${c.industry_id}`}>{nameOf(locale, { name_fa: c.industry_fa, name_en: c.industry_en })}</Link></dd></div>
          <div><dt className="text-sm text-slate-600">{t("partnerships.challenge.category")}</dt><dd>{t(`partnerships.category.${c.category}`)}</dd></div>
          <div><dt className="text-sm text-slate-600">{t("partnerships.challenge.budget")}</dt><dd><Money rials={c.budget_min} /> – <Money rials={c.budget_max} /></dd></div>
          <div><dt className="text-sm text-slate-600">{t("partnerships.challenge.deadline")}</dt><dd><Day value={c.deadline} /></dd></div>
          <div><dt className="text-sm text-slate-600">{t("partnerships.challenge.visibility")}</dt><dd>{t(`partnerships.visibility.${c.visibility}`)}</dd></div>
          <div className="sm:col-span-3"><dt className="text-sm text-slate-600">{t("partnerships.challenge.domains")}</dt><dd>{c.domains.map((x) => label(d.labels.domains, x)).join(locale === "fa" ? "، " : ", ")}</dd></div>
          <div className="sm:col-span-3"><dt className="text-sm text-slate-600">{t("partnerships.field.sectorAndCounty")}</dt><dd>{label(d.labels.sectors, c.sector_code)} · {label(d.labels.counties, c.county_code)}</dd></div>
        </dl>
        <h3 className="mb-1 mt-4 font-semibold">{t("partnerships.challenge.description")}</h3>
        <p className="whitespace-pre-line">{c.description}</p>
        {c.current_figures && <><h3 className="mb-1 mt-4 font-semibold">{t("partnerships.challenge.currentFigures")}</h3><p className="whitespace-pre-line">{c.current_figures}</p></>}
        <h3 className="mb-1 mt-4 font-semibold">{t("partnerships.challenge.expectedResult")}</h3>
        <p className="whitespace-pre-line" data-testid="expected-result">{c.expected_result}</p>
      </Card>

      {d.actions.length > 0 && (
        <Card title={t("partnerships.challenge.steps")}>
          <FormError error={step.formError} />
          <div className="flex flex-wrap gap-4">
            {d.actions.map((a) => (
              <Form key={a} method="post" className="min-w-64 flex-1 rounded-md border border-slate-200 p-3">
                <input type="hidden" name="version" value={c.version} />
                {needsNote(a) && <TextArea name="note" label={t("partnerships.field.reason")} required rows={2} defaultValue={step.values.step === a ? step.values.note : ""} error={step.values.step === a ? step.errors.note : undefined} />}
                <p className="mb-2 text-sm text-slate-700">{t(`partnerships.challenge.stepHint.${a}`)}</p>
                <SubmitButton name="step" value={a} variant={needsNote(a) ? "secondary" : "primary"}>{t(`partnerships.challenge.step.${a}`)}</SubmitButton>
              </Form>
            ))}
          </div>
        </Card>
      )}

      <Card title={t("partnerships.files.title")}>
        <FileList files={d.files} label={t("partnerships.files.title")} />
        {d.canEdit && (
          <Form method="post" encType="multipart/form-data" className="mt-4">
            <FormError error={attach.formError} />
            <FileField name="file" label={t("partnerships.files.add")} maxMb={d.maxMb} error={attach.errors.file} required />
            <SubmitButton>{t("partnerships.files.upload")}</SubmitButton>
          </Form>
        )}
      </Card>

      {d.invitations.length > 0 && (
        <Card title={t("partnerships.challenge.invited")}>
          <ul className="list-disc ps-6" data-testid="invited">
            {d.invitations.map((i) => <li key={i.company_id}><Link className="underline" to={`/partnerships/companies/${i.company_id}`}>{nameOf(locale, i)}</Link></li>)}
          </ul>
        </Card>
      )}

      {d.events.length > 0 && <Card title={t("partnerships.timeline")}><Events events={d.events} /></Card>}
    </div>
  );
}
