import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { int, optionalText } from "~/lib/forms";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { requireChallengeManager } from "~/modules/partnerships/challenges.server";
import { compareProposals, decideProposal } from "~/modules/partnerships/proposals.server";
import { referenceLabels } from "~/modules/partnerships/service.server";
import { Badge, MatchParts, Money, nameOf, Score } from "~/modules/partnerships/components/bits";
import { FormError, TextArea } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// The proposals of a challenge side by side, each with its company's match parts; the industry
// shortlists, declines (with an optional reason) or awards (the others are told, with the reason).
const decideSchema = z.object({
  proposalId: int(1),
  step: z.enum(["shortlist", "award", "decline"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
  note: optionalText(1000),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const [d, labels] = await Promise.all([compareProposals(actor, id), referenceLabels(await getLocale(request))]);
  return { ...d, domains: labels.domains };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireChallengeManager(actor, id);
  return formAction(await readForm(request), decideSchema, async (v) => {
    const partnershipId = await decideProposal(actor, v.proposalId, v.step, { note: v.note });
    if (partnershipId) return redirectWithFlash(`/partnerships/${partnershipId}`, "partnerships.flash.awarded");
    return redirectWithFlash(`/partnerships/challenges/${id}/proposals`, `partnerships.flash.proposal.${v.step}`);
  });
}

export default function CompareProposals() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const domainNames = Object.fromEntries(d.domains.map((o) => [o.value, o.label]));
  const c = d.challenge;
  return (
    <div>
      <PageTitle>{t("partnerships.compare.title", { title: c.title })}</PageTitle>
      <p className="mb-3"><Link className="text-brand-700 underline" to={`/partnerships/challenges/${c.id}`}>{t("partnerships.matches.back")}</Link>{" "}
        <Badge kind="challenge" status={c.status} /></p>
      {c.status === "open" && d.isIndustry && d.proposals.length > 0 && <p className="mb-3 rounded-md bg-sky-50 p-3 text-sky-900">{t("partnerships.compare.reviewFirst")}</p>}
      <FormError error={f.formError} />
      {d.proposals.length === 0 ? <EmptyState>{t("partnerships.compare.none")}</EmptyState> : (
        <Card>
          <TableRegion>
            <table className="data-table" data-testid="compare">
              <thead>
                <tr>
                  <td />
                  {d.proposals.map((p) => (
                    <th key={p.id} scope="col" className="min-w-64 align-top">
                      <Link className="text-brand-700 underline" to={`/partnerships/proposals/${p.id}`}>{nameOf(locale, { name_fa: p.company_fa, name_en: p.company_en })}</Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr><th scope="row">{t("common.status")}</th>{d.proposals.map((p) => <td key={p.id}><Badge kind="proposal" status={p.status} /></td>)}</tr>
                <tr><th scope="row">{t("partnerships.matches.score")}</th>{d.proposals.map((p) => (
                  <td key={p.id} className="align-top">{p.match ? <><Score score={p.match.explained.score} /><MatchParts parts={p.match.explained.parts} domainNames={domainNames} /></> : "—"}</td>
                ))}</tr>
                <tr><th scope="row">{t("partnerships.proposal.price")}</th>{d.proposals.map((p) => <td key={p.id}><Money rials={p.price} /></td>)}</tr>
                <tr><th scope="row">{t("partnerships.proposal.durationWeeks")}</th>{d.proposals.map((p) => <td key={p.id}>{formatNumber(locale, p.duration_weeks)}</td>)}</tr>
                <tr><th scope="row">{t("partnerships.proposal.approach")}</th>{d.proposals.map((p) => <td key={p.id} className="whitespace-pre-line align-top">{p.approach}</td>)}</tr>
                <tr><th scope="row">{t("partnerships.proposal.workPlan")}</th>{d.proposals.map((p) => <td key={p.id} className="whitespace-pre-line align-top">{p.work_plan}</td>)}</tr>
                <tr><th scope="row">{t("partnerships.proposal.milestones")}</th>{d.proposals.map((p) => (
                  <td key={p.id} className="align-top"><ol className="list-decimal ps-5">{p.milestones.map((m, i) => <li key={i}>{m.title} ({t("partnerships.proposal.week", { n: m.week })})</li>)}</ol></td>
                ))}</tr>
                <tr><th scope="row">{t("partnerships.proposal.team")}</th>{d.proposals.map((p) => <td key={p.id} className="whitespace-pre-line align-top">{p.team}</td>)}</tr>
                {d.isIndustry && (
                  <tr><th scope="row">{t("common.actions")}</th>{d.proposals.map((p) => (
                    <td key={p.id} className="align-top">
                      {p.actions.map((a) => (
                        <Form key={a} method="post" className="mb-2">
                          <input type="hidden" name="proposalId" value={p.id} />
                          <input type="hidden" name="step" value={a} />
                          {(a === "decline" || a === "award") && (
                            <TextArea name="note" label={t(a === "award" ? "partnerships.compare.noteToOthers" : "partnerships.compare.declineReason")} rows={2} maxLength={1000} />
                          )}
                          <SubmitButton variant={a === "award" ? "primary" : "secondary"}>{t(`partnerships.proposal.step.${a}`)}<span className="sr-only"> {nameOf(locale, { name_fa: p.company_fa, name_en: p.company_en })}</span></SubmitButton>
                        </Form>
                      ))}
                    </td>
                  ))}</tr>
                )}
              </tbody>
            </table>
          </TableRegion>
        </Card>
      )}
    </div>
  );
}
