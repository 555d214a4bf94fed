import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber, localDigits } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { referenceOptions } from "~/modules/reference/service.server";
import { sessionsOf } from "~/modules/seekers/counselling.server";
import { groupSchema, referSchema, visibilitySchema, withdrawSchema } from "~/modules/seekers/schema";
import { referSeeker, requireWithdrawer, seekerReferrals, withdrawReferral } from "~/modules/seekers/referrals.server";
import { confirmGroup, requireSeekerPermission, seekerProfile, setHidden } from "~/modules/seekers/seekers.server";
import { completeness } from "~/modules/seekers/rules";
import { FormError, SelectField, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const locale = await getLocale(request);
  const page = await seekerProfile(actor, id);
  const referrals = page.relation === "employer" ? { rows: [], open: [] } : await seekerReferrals(actor, id, page.can.refer);
  const [sessions, counties, occupations, skills, groups] = await Promise.all([
    sessionsOf(actor, id), referenceOptions("counties", locale), referenceOptions("occupations", locale), referenceOptions("skills", locale), referenceOptions("priority_groups", locale),
  ]);
  const label = (list: { value: string; label: string }[]) => (c: string) => list.find((o) => o.value === c)?.label ?? c;
  const p = page.profile;
  return {
    ...page,
    sessions,
    referrals,
    completeness: completeness(p),
    labels: {
      county: label(counties)(p.county_code),
      occupations: p.occupations.map(label(occupations)),
      skills: p.skills.map(label(skills)),
      desiredCounties: p.desired_counties.map(label(counties)),
      groups: Object.fromEntries(groups.map((g) => [g.value, g.label])),
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const form = await readForm(request);
  if (form.get("intent") === "refer") {
    await requireSeekerPermission(actor, id, "refer:seeker");
    form.set("seekerId", String(id));
    return formAction(form, referSchema, async (v) => {
      await referSeeker(actor, v.vacancyId, id);
      return redirectWithFlash(`/seekers/${id}`, "seekers.referred");
    }, { intent: "refer" });
  }
  if (form.get("intent") === "withdraw") {
    await requireWithdrawer(actor, id);
    return formAction(form, withdrawSchema, async (v) => {
      await withdrawReferral(actor, id, v);
      return redirectWithFlash(`/seekers/${id}`, "seekers.referral.withdrawn");
    }, { intent: "withdraw" });
  }
  if (form.get("intent") === "visibility") {
    await requireSeekerPermission(actor, id, "update:seeker");
    return formAction(form, visibilitySchema, async (v) => {
      await setHidden(actor, id, v.hidden, v.version);
      return redirectWithFlash(`/seekers/${id}`, v.hidden ? "seekers.visibility.hidden" : "seekers.visibility.shown");
    }, { intent: "visibility" });
  }
  await requireSeekerPermission(actor, id, "confirm:seeker");
  return formAction(form, groupSchema, async (v) => {
    await confirmGroup(actor, id, v);
    return redirectWithFlash(`/seekers/${id}`, v.confirm ? "seekers.group.confirmed" : "seekers.group.unconfirmed");
  }, { intent: "group" });
}

const linkClass = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50";

export default function SeekerPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const p = d.profile;
  const f = useFormState("group");
  const rf = useFormState("refer");
  const wf = useFormState("withdraw");
  const vf = useFormState("visibility");
  const canWithdraw = d.relation === "self" || d.can.refer;
  const item = (label: string, value: React.ReactNode) => (
    <div><dt className="text-sm text-slate-600">{label}</dt><dd>{value}</dd></div>
  );
  const list = (xs: string[]) => (xs.length ? xs.join("، ") : "—");
  return (
    <div>
      <PageTitle actions={
        <div className="flex flex-wrap gap-2">
          {d.can.edit && <Link className={linkClass} to={`/seekers/${p.id}/edit`}>{t("seekers.edit")}</Link>}
          {d.can.counsel && <Link className={linkClass} to={`/seekers/${p.id}/sessions`}>{t("seekers.session.add")}</Link>}
          {d.relation !== "employer" && <Link className={linkClass} to={`/seekers/${p.id}/matches`}>{t("seekers.matches.vacancies")}</Link>}
        </div>
      }>
        {p.full_name} {p.is_demo && <span className="text-base font-normal text-slate-600">{t("seekers.demo")}</span>}
      </PageTitle>
      {p.hidden && <p className="mb-4 rounded-md border border-slate-300 bg-slate-50 p-3" role="status" data-testid="seeker-hidden">{t("seekers.hiddenNotice")}</p>}
      {d.can.edit && (
        <Form method="post" className="mb-4">
          <input type="hidden" name="intent" value="visibility" />
          <input type="hidden" name="version" value={p.version} />
          {!p.hidden && <input type="hidden" name="hidden" value="on" />}
          <FormError error={vf.formError} />
          <SubmitButton variant="secondary">{t(p.hidden ? "seekers.visibility.show" : "seekers.visibility.hide")}</SubmitButton>
        </Form>
      )}
      {d.relation === "self" && <p className="mb-4" data-testid="completeness">{t("seekers.completeness", { pct: formatNumber(locale, d.completeness) })}</p>}
      <Card title={t("seekers.section.person")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {d.private && item(t("seekers.field.nationalId"), <span dir="ltr">{localDigits(locale, p.national_id ?? "")}</span>)}
          {d.private && item(t("seekers.field.mobile"), <span dir="ltr">{localDigits(locale, p.mobile ?? "")}</span>)}
          {d.private && p.birth_year != null && item(t("seekers.field.birthYear"), localDigits(locale, String(p.birth_year)))}
          {item(t("seekers.field.gender"), t(`seekers.gender.${p.gender}`))}
          {item(t("seekers.field.county"), `${d.labels.county}${p.marginal_area && d.private ? ` · ${t("seekers.field.marginalArea")}` : ""}`)}
          {item(t("seekers.field.centre"), (locale === "fa" ? p.centre_fa : p.centre_en || p.centre_fa) ?? "—")}
          {d.private && item(t("seekers.field.counsellor"), p.counsellor_name ?? "—")}
          {d.private && p.path && item(t("seekers.field.path"), <span data-testid="seeker-path">{t(`seekers.path.${p.path}`)}{p.path_href && <Link className="ms-2 underline" to={p.path_href}>{t("seekers.path.continue")}</Link>}</span>)}
        </dl>
      </Card>
      <Card title={t("seekers.section.work")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
          {item(t("seekers.field.educationLevel"), `${t(`seekers.education.${p.education_level}`)}${p.education_field ? ` · ${p.education_field}` : ""}`)}
          {item(t("seekers.field.experienceYears"), formatNumber(locale, p.experience_years))}
          {item(t("seekers.field.occupations"), list(d.labels.occupations))}
          {item(t("seekers.field.skills"), list(d.labels.skills))}
          {item(t("seekers.field.desiredWork"), p.desired_work || "—")}
          {item(t("seekers.field.desiredCounties"), list(d.labels.desiredCounties))}
          {item(t("seekers.field.availability"), t(`seekers.availability.${p.availability}`))}
          {item(t("seekers.field.cv"), p.cv_file_id ? <a className="underline" href={`/files/${p.cv_file_id}`}>{t("seekers.cv.open")}</a> : "—")}
        </dl>
        {d.can.edit && (
          <Form method="post" action={`/seekers/${p.id}/cv`} encType="multipart/form-data" className="mt-4 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="cv-file" className="mb-1 block font-medium">{t("seekers.cv.upload")}</label>
              <input id="cv-file" type="file" name="file" accept=".pdf,.doc,.docx,.odt" required />
            </div>
            <SubmitButton>{t("seekers.cv.submit")}</SubmitButton>
          </Form>
        )}
      </Card>
      {d.private && (
        <Card title={t("seekers.section.groups")}>
          {d.groups.length === 0 ? <EmptyState>{t("seekers.groups.none")}</EmptyState> : (
            <ul className="mb-4 space-y-2" data-testid="seeker-groups">
              {d.groups.map((g) => (
                <li key={g.group_code}>
                  <span className="font-medium">{d.labels.groups[g.group_code] ?? g.group_code}</span>{" "}
                  {g.confirmed_at
                    ? <span className="rounded bg-emerald-100 px-2 py-0.5 text-sm text-emerald-900">{t("seekers.groups.confirmedBy", { name: g.confirmed_by_name ?? "", date: formatDate(locale, g.confirmed_at) })}</span>
                    : <span className="rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">{t("seekers.groups.unconfirmed")}</span>}
                  {g.note && <span className="ms-2 text-sm text-slate-700">{g.note}</span>}
                </li>
              ))}
            </ul>
          )}
          {d.can.confirm && (
            <Form method="post" noValidate className="border-t border-slate-200 pt-3">
              <input type="hidden" name="intent" value="group" />
              <input type="hidden" name="confirm" value="on" />
              <FormError error={f.formError} />
              <div className="grid gap-x-4 sm:grid-cols-2">
                <div className="mb-4">
                  <label htmlFor="group" className="mb-1 block font-medium">{t("seekers.groups.group")}</label>
                  <select id="group" name="group" defaultValue={f.values.group ?? ""} className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2" aria-invalid={f.errors.group ? true : undefined}>
                    <option value="">—</option>
                    {Object.entries(d.labels.groups).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
                  </select>
                  {f.errors.group && <p className="mt-1 text-sm font-medium text-red-700" role="alert">{t(f.errors.group)}</p>}
                </div>
                <TextField name="note" label={t("seekers.groups.note")} required defaultValue={f.values.note} error={f.errors.note} maxLength={500} />
              </div>
              <SubmitButton>{t("seekers.groups.confirm")}</SubmitButton>
            </Form>
          )}
        </Card>
      )}
      {d.relation !== "employer" && (
        <Card title={t("seekers.referrals.ofSeeker")}>
          <FormError error={wf.formError} />
          {d.referrals.rows.length === 0 ? <EmptyState>{t("seekers.referrals.none")}</EmptyState> : (
            <ul className="mb-4 list-disc ps-6" data-testid="seeker-referrals">
              {d.referrals.rows.map((r) => (
                <li key={r.id}><Link className="underline" to={`/vacancies/${r.vacancy_id}`}>{r.title}</Link> · {locale === "fa" ? r.employer_fa : r.employer_en || r.employer_fa} · {t(`seekers.referralKind.${r.kind}`)} · {t(`seekers.referralStatus.${r.status}`)}
                  {canWithdraw && (r.status === "pending" || r.status === "interview") && (
                    <Form method="post" className="ms-2 inline">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="referralId" value={r.id} />
                      <input type="hidden" name="version" value={r.version} />
                      <SubmitButton variant="secondary">{t("seekers.referral.withdraw")}</SubmitButton>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {d.can.refer && d.referrals.open.length > 0 && (
            <Form method="post" noValidate className="border-t border-slate-200 pt-3">
              <input type="hidden" name="intent" value="refer" />
              <FormError error={rf.formError} />
              <SelectField name="vacancyId" label={t("seekers.refer.vacancy")} required defaultValue={rf.values.vacancyId} error={rf.errors.vacancyId} options={d.referrals.open} />
              <SubmitButton>{t("seekers.refer.submit")}</SubmitButton>
            </Form>
          )}
        </Card>
      )}
      {d.private && (
        <Card title={t("seekers.section.sessions")}>
          {d.sessions.length === 0 ? <EmptyState>{t("seekers.sessions.none")}</EmptyState> : (
            <TableRegion>
              <table className={tableClass} data-testid="seeker-sessions">
                <thead><tr>
                  <th scope="col">{t("seekers.session.heldOn")}</th>
                  <th scope="col">{t("seekers.session.mode")}</th>
                  <th scope="col">{t("seekers.session.minutes")}</th>
                  <th scope="col">{t("seekers.session.counsellor")}</th>
                  <th scope="col">{t("seekers.session.notes")}</th>
                  <th scope="col">{t("seekers.session.nextSteps")}</th>
                  <th scope="col">{t("seekers.session.outcome")}</th>
                </tr></thead>
                <tbody>
                  {d.sessions.map((s) => (
                    <tr key={s.id}>
                      <td>{formatDate(locale, s.held_on as unknown as string)}</td>
                      <td>{t(`seekers.mode.${s.mode}`)}</td>
                      <td>{formatNumber(locale, s.minutes)}</td>
                      <td>{s.counsellor}</td>
                      <td>{s.notes || "—"}</td>
                      <td>{s.next_steps || "—"}{s.next_step_due && ` (${formatDate(locale, s.next_step_due as unknown as string)})`}</td>
                      <td>{s.outcome ? t(`seekers.path.${s.outcome}`) : "—"}</td>
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
