import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { CourseFields } from "~/modules/training/components/fields";
import { editCourseForm, updateCourse } from "~/modules/training/courses.server";
import { courseEditSchema } from "~/modules/training/schema";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return editCourseForm(actor, idOrNotFound(params.id), await getLocale(request));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await editCourseForm(actor, id, "fa"); // 403 (and an audit row) before the form is read
  return formAction(await readForm(request), courseEditSchema, async (v) => {
    await updateCourse(actor, id, v);
    return redirectWithFlash(`/training/courses/${id}`, "training.flash.saved");
  });
}

export default function EditCourse() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const c = d.course;
  const stored: Record<string, string> = {
    title: c.title, description: c.description, occupation: c.occupation_code, hours: String(c.hours), mode: c.mode, county: c.county_code,
    startsOn: String(c.starts_on), endsOn: String(c.ends_on), capacity: String(c.capacity), fee: String(c.fee), minEducation: c.min_education,
  };
  return (
    <div className="max-w-3xl">
      <PageTitle actions={<Link to={`/training/courses/${c.id}`}>{t("common.back")}</Link>}>{t("training.course.edit", { title: c.title })}</PageTitle>
      {!d.editable ? <EmptyState>{t("training.error.notEditable")}</EmptyState> : (
        <Card>
          <Form method="post" noValidate>
            <FormError error={f.formError} />
            <input type="hidden" name="version" value={c.version} />
            <CourseFields v={f.failed ? f.values : stored} lists={f.failed ? { skills: f.all("skills"), priorityGroups: f.all("priorityGroups") } : { skills: c.skills, priorityGroups: c.priority_groups }} e={f.errors} o={d} typed={f.failed} withProvider={false} />
            <SubmitButton>{t("common.save")}</SubmitButton>
          </Form>
        </Card>
      )}
    </div>
  );
}
