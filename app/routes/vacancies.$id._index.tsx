import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { badRequest, idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { Wage } from "~/modules/seekers/components/vacancy";
import { applyToVacancy, decideReferral, referralsOf, requireDecider } from "~/modules/seekers/referrals.server";
import { applySchema, decideSchema, moveSchema } from "~/modules/seekers/schema";
import { moveVacancy, requireVacancyManager, vacancyPage } from "~/modules/seekers/vacancies.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const page = await vacancyPage(actor, id, await getLocale(request));
  return { ...page, referrals: await referralsOf(actor, id) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "move") {
    await requireVacancyManager(actor, id);
    return formAction(form, moveSchema, async (v) => {
      await moveVacancy(actor, id, v.to, v.version);
      return redirectWithFlash(`/vacancies/${id}`, `seekers.vacancy.moved.${v.to}`);
    }, { intent: "move" });
  }
  if (intent === "apply") {
    return formAction(form, applySchema, async () => {
      await applyToVacancy(actor, id);
      return redirectWithFlash(`/vacancies/${id}`, "seekers.applied");
    }, { intent: "apply" });
  }
  if (intent === "decide") {
    await requireDecider(actor, id);
    return formAction(form, decideSchema, async (v) => {
      await decideReferral(actor, v);
      return redirectWithFlash(`/vacancies/${id}`, `seekers.decided.${v.decision}`);
    }, { intent: "decide", fields: ["reason"] });
  }
  throw badRequest();
}

const linkClass = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50";

export default function VacancyPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const v = d.vacancy;
  const move = useFormState("move");
  const decide = useFormState("decide");
  const apply = useFormState("apply");
  const item = (label: string, value: React.ReactNode) => (<div><dt className="text-sm text-slate-600">{label}</dt><dd>{value}</dd></div>);
  return (
    <div>
      <PageTitle actions={
        <div className="flex flex-wrap gap-2">
          {d.actions.edit && <Link className={linkClass} to={`/vacancies/${v.id}/edit`}>{t("seekers.vacancy.edit")}</Link>}
          {d.canMatch && <Link className={linkClass} to={`/vacancies/${v.id}/matches`}>{t("seekers.matches.seekers")}</Link>}
        </div>
      }>
        {v.title} {v.is_demo && <span className="text-base font-normal text-slate-600">{t("seekers.demo")}</span>}
      </PageTitle>
      <Card>
        <p className="mb-3"><span className="rounded bg-slate-100 px-2 py-0.5" data-testid="vacancy-status">{t(`seekers.vacancyStatus.${v.status}`)}</span>
          {" "}{t("seekers.vacancy.hiredOf", { n: formatNumber(locale, v.hired_count), posts: formatNumber(locale, v.posts) })}</p>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {item(t("seekers.vacancy.employer"), locale === "fa" ? v.employer_fa : v.employer_en || v.employer_fa)}
          {item(t("seekers.vacancy.occupation"), d.labels.occupation)}
          {item(t("seekers.vacancy.skills"), d.labels.skills.join("، ") || "—")}
          {item(t("seekers.vacancy.education"), t(`seekers.education.${v.education_level}`))}
          {item(t("seekers.vacancy.county"), d.labels.county)}
          {item(t("seekers.vacancy.contractType"), `${t(`seekers.contract.${v.contract_type}`)}${v.temp_months ? ` · ${t("seekers.vacancy.months", { n: formatNumber(locale, v.temp_months) })}` : ""}`)}
          {item(t("seekers.vacancy.wage"), <><Wage rials={v.wage_min} /> – <Wage rials={v.wage_max} /></>)}
          {item(t("seekers.vacancy.closesOn"), formatDate(locale, v.closes_on))}
          {item(t("seekers.vacancy.minExperience"), formatNumber(locale, v.min_experience))}
          {item(t("seekers.vacancy.priorityOptIn"), t(v.priority_opt_in ? "common.yes" : "common.no"))}
        </dl>
        {v.description && <p className="mt-3 whitespace-pre-line">{v.description}</p>}
        {d.actions.moves.length > 0 && (
          <Form method="post" className="mt-4 flex flex-wrap gap-2">
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="version" value={v.version} />
            <FormError error={move.formError} />
            {d.actions.moves.map((m) => <SubmitButton key={m} name="to" value={m}>{t(`seekers.vacancy.move.${m}`)}</SubmitButton>)}
          </Form>
        )}
        {d.canApply && (
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="apply" />
            <FormError error={apply.formError} />
            <SubmitButton>{t("seekers.apply")}</SubmitButton>
          </Form>
        )}
        {d.myReferral && <p className="mt-4" data-testid="my-referral">{t("seekers.myReferral", { status: t(`seekers.referralStatus.${d.myReferral.status}`) })}</p>}
      </Card>
      {d.referrals.employerSide && (
        <Card title={t("seekers.referrals.title")}>
          <FormError error={decide.formError} />
          {d.referrals.rows.length === 0 ? <EmptyState>{t("seekers.referrals.none")}</EmptyState> : (
            <TableRegion>
              <table className={tableClass} data-testid="referrals">
                <thead><tr>
                  <th scope="col">{t("seekers.field.fullName")}</th>
                  <th scope="col">{t("seekers.referrals.kind")}</th>
                  <th scope="col">{t("seekers.field.status")}</th>
                  <th scope="col">{t("seekers.referrals.answer")}</th>
                </tr></thead>
                <tbody>
                  {d.referrals.rows.map((r) => (
                    <tr key={r.id}>
                      <td><Link to={`/seekers/${r.seeker_id}`}>{r.full_name}</Link></td>
                      <td>{t(`seekers.referralKind.${r.kind}`)}</td>
                      <td>{t(`seekers.referralStatus.${r.status}`)}{r.reason && ` · ${r.reason}`}{r.report_id && <> · <Link to={`/employment/reports/${r.report_id}`} className="underline">{t("seekers.placement.report")}</Link></>}</td>
                      <td>
                        {d.referrals.canDecide && (r.status === "pending" || r.status === "interview") && (
                          <Form method="post" className="flex flex-wrap items-end gap-2">
                            <input type="hidden" name="intent" value="decide" />
                            <input type="hidden" name="referralId" value={r.id} />
                            <input type="hidden" name="version" value={r.version} />
                            <label className="sr-only" htmlFor={`reason-${r.id}`}>{t("seekers.referrals.reason")}</label>
                            <input id={`reason-${r.id}`} name="reason" placeholder={t("seekers.referrals.reason")} className="rounded-md border border-slate-400 px-2 py-1" />
                            {r.status === "pending" && <SubmitButton name="decision" value="interview">{t("seekers.decide.interview")}</SubmitButton>}
                            <SubmitButton name="decision" value="hired">{t("seekers.decide.hired")}</SubmitButton>
                            <SubmitButton name="decision" value="rejected">{t("seekers.decide.rejected")}</SubmitButton>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </Card>
      )}
    </div>
  );
}
