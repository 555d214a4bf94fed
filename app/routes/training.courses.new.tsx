import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { CourseFields } from "~/modules/training/components/fields";
import { courseForm, createCourse, requireCourseManager } from "~/modules/training/courses.server";
import { courseSchema } from "~/modules/training/schema";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return courseForm(actor, await getLocale(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireCourseManager(actor); // 403 (and an audit row) before the form is read
  return formAction(await readForm(request), courseSchema, async (v) => {
    const id = await createCourse(actor, v);
    return redirectWithFlash(`/training/courses/${id}`, "training.flash.created");
  });
}

export default function NewCourse() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <PageTitle actions={<Link to="/training">{t("common.back")}</Link>}>{t("training.course.new")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <CourseFields v={f.failed ? f.values : { minEducation: "none", mode: "in_person" }} lists={{ skills: f.all("skills"), priorityGroups: f.all("priorityGroups") }} e={f.errors} o={d} typed withProvider />
          <SubmitButton>{t("training.course.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
