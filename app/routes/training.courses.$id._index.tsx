import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { getDb } from "~/lib/db.server";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { loadManagedCourse } from "~/modules/training/access.server";
import { EnrolmentLists, EnrolmentForms } from "~/modules/training/components/enrolments";
import { courseLabels, courseView, transitionCourse } from "~/modules/training/courses.server";
import { applyToCourse, courseEnrolments, enrolPerson, requireApplicant, requireEnroller, requireWithdrawer, withdrawEnrolment } from "~/modules/training/enrolments.server";
import { applySchema, enrolSchema, stepSchema, withdrawSchema } from "~/modules/training/schema";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const db = await getDb();
  const [view, labels] = await Promise.all([courseView(db, actor, id), courseLabels(await getLocale(request))]);
  return { ...view, labels, enrolments: await courseEnrolments(db, actor, view.course) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const form = await readForm(request);
  const back = `/training/courses/${id}`;
  switch (form.get("intent")) {
    case "enrol":
      await requireEnroller(actor, id); // 403 (and an audit row) before the fields are read
      return formAction(form, enrolSchema, async (v) => {
        const r = await enrolPerson(actor, id, v);
        return redirectWithFlash(back, `training.flash.enrolled.${r.status}`);
      }, { intent: "enrol" });
    case "apply":
      await requireApplicant(actor, id);
      return formAction(form, applySchema, async (v) => {
        const r = await applyToCourse(actor, id, v);
        return redirectWithFlash(back, `training.flash.applied.${r.status}`);
      }, { intent: "apply" });
    case "withdraw":
      await requireWithdrawer(actor);
      return formAction(form, withdrawSchema, async (v) => {
        await withdrawEnrolment(actor, v.enrolment, v.version);
        return redirectWithFlash(back, "training.flash.withdrawn");
      }, { intent: "withdraw" });
    default:
      await loadManagedCourse(await getDb(), actor, id);
      return formAction(form, stepSchema, async (v) => {
        await transitionCourse(actor, id, v.step, v.version);
        return redirectWithFlash(back, `training.flash.${v.step}`);
      }, { intent: "step" });
  }
}

const secondary = "inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-2";

export default function CoursePage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const c = d.course;
  const step = useFormState("step");
  const row = (label: string, value: React.ReactNode) => (
    <div className="py-1 sm:grid sm:grid-cols-3 sm:gap-4"><dt className="font-medium text-slate-700">{label}</dt><dd className="sm:col-span-2">{value}</dd></div>
  );
  return (
    <div className="max-w-5xl">
      <PageTitle actions={<div className="flex flex-wrap gap-2">
        {d.canEdit && <Link className={secondary} to={`/training/courses/${c.id}/edit`}>{t("training.course.editLink")}</Link>}
        {d.enrolments.canRecordResults && <Link className={secondary} to={`/training/courses/${c.id}/results`}>{t("training.results.link")}</Link>}
        {d.enrolments.seesEnrolees && <Link className={secondary} to={`/training/courses/${c.id}/outcomes`}>{t("training.outcomes.link")}</Link>}
      </div>}>{c.title}</PageTitle>
      <p className="mb-4" data-testid="course-status">{t("training.field.status")}: <strong>{t(`training.status.${c.status}`)}</strong></p>

      {d.actions.length > 0 && (
        <Card title={t("training.course.workflow")}>
          <FormError error={step.formError} />
          <div className="flex flex-wrap gap-2">
            {d.actions.map((a) => (
              <Form method="post" key={a}>
                <input type="hidden" name="intent" value="step" />
                <input type="hidden" name="version" value={c.version} />
                <button type="submit" name="step" value={a} className={a === "cancel" ? secondary : "rounded-md bg-brand-700 px-4 py-2 text-white"}>{t(`training.action.${a}`)}</button>
              </Form>
            ))}
          </div>
        </Card>
      )}

      <Card title={t("training.section.course")}>
        <dl>
          {row(t("training.field.provider"), locale === "fa" ? c.provider_fa : c.provider_en)}
          {row(t("training.field.occupation"), d.labels.occupations[c.occupation_code] ?? c.occupation_code)}
          {c.skills.length > 0 && row(t("training.field.skills"), c.skills.map((s) => d.labels.skills[s] ?? s).join("، "))}
          {row(t("training.field.hours"), formatNumber(locale, c.hours))}
          {row(t("training.field.mode"), t(`training.mode.${c.mode}`))}
          {row(t("training.field.county"), d.labels.counties[c.county_code] ?? c.county_code)}
          {row(t("training.field.dates"), `${formatDate(locale, c.starts_on)} – ${formatDate(locale, c.ends_on)}`)}
          {row(t("training.field.places"), t("training.places", { taken: formatNumber(locale, c.accepted_count), capacity: formatNumber(locale, c.capacity), waiting: formatNumber(locale, c.waiting_count) }))}
          {row(t("training.field.fee"), c.fee ? t("training.feeRials", { fee: formatNumber(locale, c.fee) }) : t("training.free"))}
          {c.priority_groups.length > 0 && row(t("training.field.priorityGroups"), c.priority_groups.map((g) => d.labels.priority_groups[g] ?? g).join("، "))}
          {row(t("training.field.minEducation"), t(`training.education.${c.min_education}`))}
        </dl>
        {c.description && <p className="mt-3 whitespace-pre-line">{c.description}</p>}
      </Card>
      <EnrolmentForms e={d.enrolments} groups={d.labels.priority_groups} />
      {d.enrolments.seesEnrolees && <EnrolmentLists e={d.enrolments} groups={d.labels.priority_groups} />}
    </div>
  );
}
