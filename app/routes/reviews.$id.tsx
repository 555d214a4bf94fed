import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { badRequest, idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { RECOMMENDATIONS, recuseSchema, reviewFormSchema } from "~/modules/ideas/schema";
import { noFields } from "~/lib/forms";
import { ideaAttachments } from "~/modules/ideas/attachments.server";
import { declareNoConflict, getReview, recuse, submitReview } from "~/modules/ideas/review.server";
import { FormError, SelectField, TextArea } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

function reviewId(params: { id?: string }) {
  return idOrNotFound(params.id);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const r = await getReview(actor, reviewId(params));
  return { ...r, attachments: await ideaAttachments(actor, r.review.idea_id) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = reviewId(params);
  const { criteria } = await getReview(actor, id); // assigned reviewer only: 403 before validation
  const form = await readForm(request);
  const intent = form.get("intent");
  const done = (flash: string) => redirectWithFlash(`/reviews/${id}`, flash);
  if (intent === "noConflict") return formAction(form, noFields, async () => (await declareNoConflict(actor, id), done("flash.ideas.noConflict")));
  if (intent === "recuse") return formAction(form, recuseSchema, async (v) => (await recuse(actor, id, v.reason), done("flash.ideas.recused")));
  if (intent === "review") {
    return formAction(form, reviewFormSchema(criteria.map((c) => c.id)), async (v) => (await submitReview(actor, id, v), done("flash.ideas.reviewSaved")));
  }
  throw badRequest();
}

export default function ReviewPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  const v = f.values;
  const { idea, review } = d;
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("ideas.reviewTitle")}: {idea.title}</PageTitle>
      <FormError error={f.formError} />
      <Card title={t("ideas.details")}>
        {idea.blind ? (
          <p className="mb-3 rounded-md bg-slate-100 p-2" data-testid="blind-note">{t("ideas.blindHidden")}</p>
        ) : (
          <p className="mb-3"><strong>{t("ideas.owner")}:</strong> {idea.ownerName} <span dir="ltr">{idea.ownerEmail}</span></p>
        )}
        <p className="mb-2">{t("ideas.due")}: {formatDateTime(locale, review.due_at)} {review.overdue && <strong className="text-red-800">{t("ideas.overdue")}</strong>}</p>
        {(["summary", "problem", "solution", "market", "team"] as const).map((k) =>
          idea[k] ? (
            <div key={k} className="mt-3">
              <h3 className="font-semibold">{t(`ideas.field.${k}`)}</h3>
              <p className="whitespace-pre-line">{idea[k]}</p>
            </div>
          ) : null,
        )}
        {d.attachments.length > 0 && (
          <ul className="mt-3 list-disc ps-6">
            {d.attachments.map((f) => <li key={f.id}><a href={`/files/${f.id}`}>{f.name}</a></li>)}
          </ul>
        )}
        <p className="mt-3">{t("ideas.field.expectedJobs")}: {idea.expected_jobs == null ? "—" : formatNumber(locale, idea.expected_jobs)}</p>
      </Card>

      {review.status === "recused" && <Card><p role="status">{t("ideas.reviewRecused")}</p></Card>}
      {review.status === "done" && (
        <Card>
          <p role="status">{t("ideas.reviewDone")}</p>
          <ul className="mt-2">
            {d.criteria.map((c) => <li key={c.id}>{c.label}: {d.scores[c.id] == null ? t("ideas.score.na") : formatNumber(locale, d.scores[c.id] as number)}</li>)}
          </ul>
          <p className="mt-2">{t("ideas.weighted")}: {review.weighted_score == null ? "—" : formatNumber(locale, review.weighted_score, 2)}</p>
        </Card>
      )}

      {review.status === "pending" && !review.no_conflict_at && (
        <Card title={t("ideas.conflictQuestion")}>
          <Form method="post" className="mb-4">
            <SubmitButton name="intent" value="noConflict">{t("ideas.noConflict")}</SubmitButton>
          </Form>
          <Form method="post" noValidate>
            <TextArea name="reason" label={t("ideas.recusalReason")} required error={e.reason} defaultValue={v.reason} rows={2} />
            <SubmitButton name="intent" value="recuse" variant="danger">{t("ideas.recuse")}</SubmitButton>
          </Form>
        </Card>
      )}

      {review.status === "pending" && review.no_conflict_at && d.canScore && (
        <Card title={t("ideas.submitReview")}>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={review.version} />
            {d.criteria.map((c) => (
              <SelectField
                key={c.id}
                name={`score_${c.id}`}
                required
                label={t("ideas.score", { label: c.label, weight: formatNumber(locale, c.weight) })}
                defaultValue={v[`score_${c.id}`]}
                error={e[`score_${c.id}`]}
                options={[...[0, 1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: formatNumber(locale, n) })), { value: "na", label: t("ideas.score.na") }]}
              />
            ))}
            <TextArea name="comments" label={t("ideas.commentsToApplicant")} required error={e.comments} defaultValue={v.comments} />
            <TextArea name="privateNotes" label={t("ideas.privateNotes")} error={e.privateNotes} defaultValue={v.privateNotes} />
            <SelectField name="recommendation" label={t("ideas.recommendation")} required error={e.recommendation} defaultValue={v.recommendation} options={RECOMMENDATIONS.map((x) => ({ value: x, label: t(`ideas.rec.${x}`) }))} />
            <SubmitButton name="intent" value="review">{t("ideas.submitReview")}</SubmitButton>
          </Form>
        </Card>
      )}
    </div>
  );
}
