import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { currentJalaliYear, formatDate, formatDateTime } from "~/i18n/format";
import { formatNumber } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { YearMeasures, YearPicker } from "~/modules/chairs/components";
import { commentSchema, idParam, yearParam } from "~/modules/chairs/schema";
import { addComment, chairForComment, chairPage } from "~/modules/chairs/service.server";
import { FormError, TextArea } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const url = new URL(request.url);
  const after = idParam(url.searchParams.get("after") ?? undefined);
  return chairPage(actor, id, yearParam(url, currentJalaliYear()), after);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await chairForComment(actor, id); // 403 (and audit) before reading the form
  return formAction(await readForm(request), commentSchema, async (v) => {
    await addComment(actor, id, v.body);
    return redirectWithFlash(`/chairs/${id}`, "chairs.comment.added");
  });
}

const linkClass = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50";

export default function ChairPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const comment = useFormState();
  const c = d.chair;
  const lastIdea = d.ideas.length === d.ideasShown ? d.ideas[d.ideas.length - 1].id : null;
  return (
    <div>
      <PageTitle
        actions={
          <div className="flex flex-wrap gap-2">
            <Link className={linkClass} to={`/chairs/${c.id}/report?year=${d.year}`}>{t("chairs.report")}</Link>
            {d.canManage && (
              <>
                <Link className={linkClass} to={`/chairs/${c.id}/edit`}>{t("chairs.edit")}</Link>
                <Link className={linkClass} to={`/chairs/${c.id}/plan?year=${d.year}`}>{t("chairs.plan.edit")}</Link>
                <Link className={linkClass} to={`/chairs/${c.id}/activities/new?year=${d.year}`}>{t("chairs.activity.new")}</Link>
                <Link className={linkClass} to={`/chairs/${c.id}/import?year=${d.year}`}>{t("chairs.import")}</Link>
              </>
            )}
          </div>
        }
      >
        {c.title}
      </PageTitle>
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          <div><dt className="text-sm text-slate-600">{t("chairs.field.university")}</dt><dd>{locale === "fa" ? c.university_fa : c.university_en}</dd></div>
          <div><dt className="text-sm text-slate-600">{t("chairs.field.field")}</dt><dd>{c.field}</dd></div>
          <div><dt className="text-sm text-slate-600">{t("chairs.field.holder")}</dt><dd>{c.holder_name} ({t(`chairs.rank.${c.holder_rank}`)})</dd></div>
          <div><dt className="text-sm text-slate-600">{t("chairs.field.status")}</dt><dd data-testid="chair-status">{t(`chairs.status.${c.status}`)}</dd></div>
          {c.holder_email && <div><dt className="text-sm text-slate-600">{t("chairs.field.holderEmail")}</dt><dd dir="ltr" className="text-start">{c.holder_email}</dd></div>}
          {c.holder_phone && <div><dt className="text-sm text-slate-600">{t("chairs.field.holderPhone")}</dt><dd dir="ltr" className="text-start">{c.holder_phone}</dd></div>}
          {c.established_on && <div><dt className="text-sm text-slate-600">{t("chairs.field.establishedOn")}</dt><dd>{formatDate(locale, String(c.established_on))}</dd></div>}
        </dl>
      </Card>

      <YearPicker year={d.year} />

      <YearMeasures year={d.year} hasPlan={!!d.plan} planVsActual={d.planVsActual} counts={d.counts} />

      <Card title={t("chairs.activities")}>
        {d.activities.length === 0 ? (
          <EmptyState>{t("chairs.activities.empty")}</EmptyState>
        ) : (
          <TableRegion>
            <table className={tableClass} data-testid="chair-activities">
              <thead>
                <tr>
                  <th scope="col">{t("chairs.activity.heldOn")}</th>
                  <th scope="col">{t("chairs.activity.kind")}</th>
                  <th scope="col">{t("chairs.activity.title")}</th>
                  <th scope="col">{t("chairs.activity.hours")}</th>
                  <th scope="col">{t("chairs.activity.participants")}</th>
                  <th scope="col">{t("chairs.activity.women")}</th>
                  <th scope="col">{t("chairs.activity.partners")}</th>
                </tr>
              </thead>
              <tbody>
                {d.activities.map((a) => (
                  <tr key={a.id}>
                    <td>{formatDate(locale, String(a.held_on))}</td>
                    <td>{t(`chairs.kind.${a.kind}`)}</td>
                    <td>
                      {a.title}
                      {a.evidence.length > 0 && (
                        <ul className="mt-1 text-sm" aria-label={t("chairs.activity.evidenceOf", { title: a.title })} data-testid="activity-evidence">
                          {a.evidence.map((f) => (
                            <li key={f.id}>
                              <a href={`/chairs/${c.id}/evidence/${f.id}`} className="text-brand-700 underline" dir="auto">{f.name}</a>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{formatNumber(locale, Number(a.hours), 1)}</td>
                    <td>{formatNumber(locale, a.participants)}</td>
                    <td>{formatNumber(locale, a.women)}</td>
                    <td>{a.partners}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {d.activities.length >= d.activitiesShown && (
          <Link to={`/chairs/${c.id}/report?year=${d.year}`} className="mt-3 inline-block text-brand-700 underline">{t("chairs.activities.more")}</Link>
        )}
      </Card>

      <Card title={t("chairs.ideas")}>
        {d.ideas.length === 0 ? (
          <EmptyState>{t("chairs.ideas.empty")}</EmptyState>
        ) : (
          <TableRegion>
          <table className={tableClass} data-testid="chair-ideas">
            <thead>
              <tr>
                <th scope="col">{t("chairs.ideas.title")}</th>
                <th scope="col">{t("chairs.ideas.status")}</th>
                <th scope="col">{t("chairs.ideas.enterprise")}</th>
              </tr>
            </thead>
            <tbody>
              {d.ideas.map((i) => (
                <tr key={i.id}>
                  <td>{i.title}</td>
                  <td>
                    {t(`chairs.ideaStatus.${i.status}`)}
                    {i.accepted_path && ` (${t(`chairs.path.${i.accepted_path}`)})`}
                  </td>
                  <td>{i.enterprise ? "✓" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
        )}
        {lastIdea && (
          <Link to={`/chairs/${c.id}?year=${d.year}&after=${lastIdea}`} className="mt-3 inline-block text-brand-700 underline">{t("chairs.ideas.more")}</Link>
        )}
      </Card>

      <Card title={t("chairs.comments")}>
        {d.comments.length === 0 ? (
          <p className="text-slate-600">{t("chairs.comments.empty")}</p>
        ) : (
          <ul className="mb-4 space-y-3">
            {d.comments.map((m) => (
              <li key={m.id} className="border-b border-slate-200 pb-2">
                <p className="text-sm text-slate-600">{m.author} · {formatDateTime(locale, m.created_at as unknown as string)}</p>
                <p className="whitespace-pre-line">{m.body}</p>
              </li>
            ))}
          </ul>
        )}
        {d.canComment && (
          <Form method="post" noValidate>
            <FormError error={comment.formError} />
            <TextArea name="body" label={t("chairs.comment.body")} required defaultValue={comment.values.body} error={comment.errors.body} maxLength={2000} />
            <SubmitButton>{t("chairs.comment.add")}</SubmitButton>
          </Form>
        )}
      </Card>
    </div>
  );
}
