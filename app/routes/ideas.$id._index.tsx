import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { badRequest, idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { assignSchema, transitionSchema } from "~/modules/ideas/schema";
import { attachToIdea, ideaAttachments } from "~/modules/ideas/attachments.server";
import { transitionIdea } from "~/modules/ideas/decisions.server";
import { assignReviewers } from "~/modules/ideas/review.server";
import { gate, getIdea, submitIdea } from "~/modules/ideas/service.server";
import { FileField } from "~/modules/files/components/FileField";
import { isMultipart, maxUploadMb, withUploadForm } from "~/modules/files/upload.server";
import { ACCEPTED_PATHS, isStaffDecision } from "~/modules/ideas/workflow";
import { FormError, SelectField, TextArea } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { getLocale } from "~/lib/locale.server";
import { referenceOptions } from "~/modules/reference/service.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { SubjectObstacles } from "~/modules/agenda/components/SubjectObstacles";
import { subjectObstacles } from "~/modules/agenda/service.server";
import { useFormState } from "~/ui/form-state";
import { noFields } from "~/lib/forms";

function ideaId(params: { id?: string }) {
  return idOrNotFound(params.id);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = ideaId(params);
  const idea = await getIdea(actor, id);
  // The accept form picks the case's centre (empty = the idea's county's centre).
  const centres = idea.actions.includes("accept") ? await referenceOptions("centres", await getLocale(request)) : [];
  return { ...idea, centres, attachments: await ideaAttachments(actor, id), maxMb: maxUploadMb(), obstacles: await subjectObstacles(actor, "idea", id) };
}

const FIELD_LABEL: Record<string, string> = {
  summary: "ideas.field.summary", problem: "ideas.field.problem", solution: "ideas.field.solution", market: "ideas.field.market",
  sectorCode: "ideas.field.sector", countyCode: "ideas.field.county", stage: "ideas.field.stage", team: "ideas.field.team",
  originKind: "ideas.field.origin", originRef: "ideas.field.originRef", expectedJobs: "ideas.field.expectedJobs", fundingRials: "ideas.field.fundingRials",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = ideaId(params);
  const done = (flash: string) => redirectWithFlash(`/ideas/${id}`, flash);
  if (isMultipart(request)) {
    // An attachment (business plan, pitch deck) through the FileStore.
    return withUploadForm(request, { field: "file" }, (form, files) =>
      formAction(form, noFields, async () => {
        await attachToIdea(actor, id, files[0] ?? null, { noNames: form.get("noNames") === "on" });
        return done("flash.uploaded");
      }, { fields: ["file"] }));
  }
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "submit") {
    // An incomplete idea's missing fields are listed by name above the page (FIELD_LABEL), so they are this form's fields.
    return formAction(form, noFields, async () => (await submitIdea(actor, id, Number(form.get("version")) || 0), done("flash.ideas.submitted")), { fields: Object.keys(FIELD_LABEL) });
  }
  await gate(actor, "decider"); // staff only: 403 before validation
  if (intent === "assign") {
    return formAction(form, assignSchema, async (v) => (await assignReviewers(actor, id, v.reviewerIds, { blind: form.get("blind") === "on" }), done("flash.ideas.assigned")));
  }
  if (isStaffDecision(intent)) {
    return formAction(form, transitionSchema, async (v) => {
      const moved = await transitionIdea(actor, id, intent, { ...v, private: form.get("private") === "on" });
      return done(moved.next?.id ? "flash.ideas.acceptedWithCase" : "flash.ideas.transitioned");
    });
  }
  throw badRequest();
}

export default function IdeaPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  const { idea } = d;
  const fmt = (n: number | null | undefined, f = 0) => (n == null ? "—" : formatNumber(locale, n, f));
  // In review, accept/reject wait for the call's number of submitted reviews (the service enforces it too).
  const waitsForReviews = idea.status === "in_review" && !!d.coverage && !d.coverage.canDecide;
  // Mentors not yet on this idea: with none left, the assign form has nothing to pick (issue 11 item 8).
  const unassigned = d.mentors.filter((m) => !d.reviews.some((r) => r.reviewerId === m.id));
  const staffActions = d.actions.filter((a) => isStaffDecision(a) && !(waitsForReviews && (a === "accept" || a === "reject")));
  return (
    <div className="max-w-4xl">
      <PageTitle>{idea.title}</PageTitle>
      <FormError error={f.formError} />
      {d.view === "owner" && Object.keys(e).some((k) => k !== "_form") && (
        <ul className="mb-4 list-disc ps-6 text-red-800">
          {Object.entries(e).filter(([k]) => k !== "_form").map(([k, msg]) => (
            <li key={k}>{FIELD_LABEL[k] ? `${t(FIELD_LABEL[k])}: ` : ""}{t(msg)}</li>
          ))}
        </ul>
      )}
      <Card title={t("ideas.details")}>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
          <div><dt className="font-semibold">{t("common.status")}</dt><dd data-testid="idea-status">{t(`ideas.status.${idea.status}`)}</dd></div>
          <div><dt className="font-semibold">{t("ideas.call")}</dt><dd>{idea.callTitle}</dd></div>
          {d.view === "staff" && <div><dt className="font-semibold">{t("ideas.owner")}</dt><dd>{idea.ownerName} <span dir="ltr">{idea.ownerEmail}</span></dd></div>}
          <div><dt className="font-semibold">{t("ideas.field.stage")}</dt><dd>{idea.stage ? t(`ideas.stage.${idea.stage}`) : "—"}</dd></div>
          <div><dt className="font-semibold">{t("ideas.field.expectedJobs")}</dt><dd>{fmt(idea.expected_jobs)}</dd></div>
          <div><dt className="font-semibold">{t("ideas.field.fundingRials")}</dt><dd>{fmt(idea.funding_rials)}</dd></div>
          <div><dt className="font-semibold">{t("ideas.field.origin")}</dt><dd>{t(`ideas.origin.${idea.origin_kind}`)}</dd></div>
          <div><dt className="font-semibold">{t("ideas.field.knowledgeBased")}</dt><dd>{idea.knowledge_based ? t("common.yes") : t("common.no")}</dd></div>
        </dl>
        {(["summary", "problem", "solution", "market", "team"] as const).map((k) =>
          idea[k] ? (
            <div key={k} className="mt-3">
              <h3 className="font-semibold">{t(`ideas.field.${k}`)}</h3>
              <p className="whitespace-pre-line">{idea[k]}</p>
            </div>
          ) : null,
        )}
        {idea.status === "accepted" && idea.accepted_path && (
          <div className="mt-4 rounded-md border border-green-300 bg-green-50 p-3" data-testid="accepted-path">
            <p><strong>{t("ideas.acceptedPath")}:</strong> {t(`ideas.path.${idea.accepted_path}`)}</p>
            <p>{t("ideas.pipelineJobs", { n: fmt(idea.expected_jobs) })}</p>
            {d.next?.id ? (
              <p className="mt-2">
                <Link to={d.next.href} className="font-semibold underline" data-testid="next-step">
                  {t(idea.accepted_path === "cooperative" ? "ideas.next.cooperative" : "ideas.next.case")}
                </Link>
              </p>
            ) : d.next ? (
              <p className="mt-2">
                {t("ideas.waitingForPath")}{" "}
                <Link to={d.next.href} className="font-semibold underline" data-testid="next-step">
                  {t(idea.accepted_path === "cooperative" ? "ideas.next.startCooperative" : "ideas.next.openCase")}
                </Link>
              </p>
            ) : (
              <p>{t("ideas.waitingForPath")}</p>
            )}
          </div>
        )}
        {idea.decision_reason && <p className="mt-3"><strong>{t("ideas.decisionReason")}:</strong> {idea.decision_reason}</p>}
        {d.view === "owner" && (
          <div className="mt-4 flex flex-wrap gap-3">
            {d.editable && <Link to={`/ideas/${idea.id}/edit`} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 px-4 py-2">{t("ideas.editTitle")}</Link>}
            {d.actions.includes("submit") && (
              <Form method="post">
                <input type="hidden" name="version" value={idea.version} />
                <SubmitButton name="intent" value="submit">{t("ideas.submit")}</SubmitButton>
              </Form>
            )}
          </div>
        )}
      </Card>

      <Card title={t("ideas.attachments")}>
        {d.attachments.length === 0 ? (
          <p>{t("ideas.noAttachments")}</p>
        ) : (
          <ul className="list-disc ps-6" data-testid="attachments">
            {d.attachments.map((f) => <li key={f.id}><a href={`/files/${f.id}`}>{f.name}</a>{f.noNames && <span className="ms-2 text-sm text-slate-700">({t("ideas.noNamesMark")})</span>}</li>)}
          </ul>
        )}
        {d.view === "staff" && d.blindReview?.blind && d.attachments.some((f) => !f.noNames) && (
          <p className="mt-3 rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-900" data-testid="attachments-withheld">
            {t("ideas.attachmentsWithheld", { n: fmt(d.attachments.filter((f) => !f.noNames).length) })}
          </p>
        )}
        {d.view === "owner" && d.editable && (
          <Form method="post" encType="multipart/form-data" className="mt-4">
            <FileField name="file" label={t("ideas.attach")} error={e.file} maxMb={d.maxMb} required />
            <div className="mb-4 flex items-center gap-2">
              <input id="noNames" type="checkbox" name="noNames" className="h-5 w-5" />
              <label htmlFor="noNames">{t("ideas.noNames")}</label>
            </div>
            <SubmitButton>{t("ideas.attachSubmit")}</SubmitButton>
          </Form>
        )}
      </Card>

      {d.comments.length > 0 && (
        <Card title={t("ideas.comments")}>
          <ul className="list-disc ps-6">{d.comments.map((c, i) => <li key={i} className="whitespace-pre-line">{c}</li>)}</ul>
        </Card>
      )}

      {d.view === "staff" && (
        <Card title={t("ideas.reviewers")}>
          <p className="mb-3" data-testid="score-summary">
            {d.summary?.n ? t("ideas.average", { mean: fmt(d.summary.mean, 2), spread: fmt(d.summary.spread, 2), n: fmt(d.summary.n) }) : t("ideas.noScores")}
          </p>
          {d.coverage && (
            <p className="mb-3 font-medium" data-testid="reviewer-count">{t("ideas.reviewerCount", { n: fmt(d.coverage.active), m: fmt(d.coverage.required) })}</p>
          )}
          {d.blindReview?.decided && <p className="mb-3" data-testid="blind-decided">{t(d.blindReview.blind ? "ideas.blindOn" : "ideas.blindOff")}</p>}
          {d.coverage?.short && (idea.status === "screening" || idea.status === "in_review") && (
            <p className="mb-3 rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-900" data-testid="reviewers-short">{t("ideas.reviewersShort")}</p>
          )}
          {d.reviews.length > 0 && (
            <TableRegion>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th>{t("ideas.reviewer")}</th>
                  <th>{t("common.status")}</th>
                  <th>{t("ideas.due")}</th>
                  <th>{t("ideas.weighted")}</th>
                  <th>{t("ideas.recommendation")}</th>
                  <th>{t("common.details")}</th>
                </tr>
              </thead>
              <tbody>
                {d.reviews.map((r) => (
                  <tr key={r.id}>
                    <td>{r.reviewerName}</td>
                    <td>{t(`ideas.reviewStatus.${r.status}`)}{r.overdue && <strong className="ms-2 text-red-800">{t("ideas.overdue")}</strong>}</td>
                    <td>{formatDateTime(locale, r.due_at)}</td>
                    <td>{fmt(r.weighted_score, 2)}</td>
                    <td>{r.recommendation ? t(`ideas.rec.${r.recommendation}`) : "—"}</td>
                    <td>
                      {r.recusal_reason && <p>{t("ideas.recusalReason")}: {r.recusal_reason}</p>}
                      {r.status === "done" && (
                        <>
                          <ul>
                            {d.criteria.map((c) => (
                              <li key={c.id}>{c.label}: {r.scores[c.id] == null ? t("ideas.score.na") : fmt(r.scores[c.id])}</li>
                            ))}
                          </ul>
                          {r.comments && <p>{t("ideas.commentsToApplicant")}: {r.comments}</p>}
                          {r.private_notes && <p>{t("ideas.privateNotes")}: {r.private_notes}</p>}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </TableRegion>
          )}
          {(idea.status === "screening" || idea.status === "in_review") && d.mentors.length > 0 && unassigned.length === 0 && (
            <p className="mt-4 text-slate-700" data-testid="all-mentors-assigned">{t("ideas.allMentorsAssigned")}</p>
          )}
          {(idea.status === "screening" || idea.status === "in_review") && unassigned.length > 0 && (
            <Form method="post" className="mt-4">
              <fieldset>
                <legend className="mb-2 font-semibold">{t("ideas.assign")}</legend>
                {e.reviewerIds && <p role="alert" className="mb-2 text-sm font-medium text-red-700">{t(e.reviewerIds)}</p>}
                <div className="grid gap-1 sm:grid-cols-2">
                  {unassigned.map((m) => (
                      <label key={m.id} className="flex items-center gap-2">
                        <input type="checkbox" name="reviewerIds" value={m.id} className="h-5 w-5" />
                        <span>{m.full_name}{m.unitFa ? ` (${locale === "fa" ? m.unitFa : m.unitEn})` : ""}</span>
                      </label>
                    ))}
                </div>
              </fieldset>
              {d.blindReview && !d.blindReview.decided && (
                <div className="mt-3 flex items-center gap-2">
                  <input id="blind" type="checkbox" name="blind" defaultChecked={d.blindReview.blind} className="h-5 w-5" />
                  <label htmlFor="blind">{t("ideas.blindAssign")}</label>
                </div>
              )}
              <div className="mt-3"><SubmitButton name="intent" value="assign">{t("ideas.assignSubmit")}</SubmitButton></div>
            </Form>
          )}
        </Card>
      )}

      {d.view === "staff" && staffActions.length > 0 && (
        <Card title={t("ideas.staffPanel")}>
          {waitsForReviews && d.coverage && (
            <p className="mb-3 rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-900" data-testid="decision-waits">
              {t("ideas.decisionWaits", { n: fmt(d.coverage.done), m: fmt(d.coverage.required) })}
            </p>
          )}
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={idea.version} />
            <TextArea name="note" label={t("ideas.note")} error={e.note} rows={3} />
            <div className="mb-4 flex items-center gap-2">
              <input id="private" type="checkbox" name="private" className="h-5 w-5" />
              <label htmlFor="private">{t("ideas.privateNote")}</label>
            </div>
            {staffActions.includes("accept") && (
              <>
                <SelectField name="path" label={t("ideas.path")} error={e.path} options={ACCEPTED_PATHS.map((p) => ({ value: p, label: t(`ideas.path.${p}`) }))} />
                <SelectField
                  name="centreId"
                  label={t("ideas.caseCentre")}
                  hint={t("ideas.caseCentreHint")}
                  error={e.centreId}
                  placeholder={t("ideas.caseCentreAuto")}
                  options={d.centres}
                />
              </>
            )}
            <div className="flex flex-wrap gap-3">
              {staffActions.map((a) => (
                <SubmitButton key={a} name="intent" value={a} variant={a === "reject" ? "danger" : a === "accept" ? "primary" : "secondary"}>
                  {t(`ideas.action.${a}`)}
                </SubmitButton>
              ))}
            </div>
          </Form>
        </Card>
      )}

      <Card title={t("ideas.timeline")}>
        <ol className="border-s-2 border-slate-300 ps-4" data-testid="timeline">
          {d.history.map((h) => (
            <li key={h.id} className="mb-3">
              <p className="font-medium">
                {h.from_status ? t("ideas.timeline.entry", { from: t(`ideas.status.${h.from_status}`), to: t(`ideas.status.${h.to_status}`) }) : t("ideas.timeline.created")}
              </p>
              <p className="text-sm text-slate-700">{formatDateTime(locale, h.at)} {h.actorName ? t("ideas.by", { name: h.actorName }) : ""}</p>
              {h.note && <p className="whitespace-pre-line">{h.note}</p>}
            </li>
          ))}
        </ol>
      </Card>
      <SubjectObstacles data={d.obstacles} />
    </div>
  );
}
