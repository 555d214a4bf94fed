import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { idOrNotFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { VacancyFields } from "~/modules/seekers/components/vacancy";
import { vacancySchema } from "~/modules/seekers/schema";
import { requireVacancyManager, updateVacancy, vacancyForEdit } from "~/modules/seekers/vacancies.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return vacancyForEdit(actor, idOrNotFound(params.id), await getLocale(request));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await requireVacancyManager(actor, id);
  return formAction(await readForm(request), vacancySchema, async (v) => {
    await updateVacancy(actor, id, v);
    return redirectWithFlash(`/vacancies/${id}`, "seekers.vacancy.saved");
  });
}

export default function EditVacancy() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("seekers.vacancy.edit")}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <VacancyFields v={f.failed ? f.values : d.values} lists={f.failed ? { skills: f.all("skills") } : d.lists} e={f.errors} o={{ ...d, employers: null }} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
