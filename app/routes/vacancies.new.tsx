import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { VacancyFields } from "~/modules/seekers/components/vacancy";
import { vacancySchema } from "~/modules/seekers/schema";
import { createVacancy, requireVacancyCreator, vacancyForm } from "~/modules/seekers/vacancies.server";
import { FormError } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, EmptyState, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireVacancyCreator(actor);
  return vacancyForm(actor, await getLocale(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireVacancyCreator(actor); // 403 before the form is read
  return formAction(await readForm(request), vacancySchema, async (v) => {
    const id = await createVacancy(actor, v);
    return redirectWithFlash(`/vacancies/${id}`, "seekers.vacancy.created");
  });
}

export default function NewVacancy() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const [params] = useSearchParams(); // ?employer=<unit>: staff arrive here from registering an employer
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("seekers.vacancy.new")}</PageTitle>
      {d.noUnit ? <EmptyState>{t("error.seekers.noEmployerUnit")}</EmptyState> : (
        <Card>
          <Form method="post" noValidate>
            <FormError error={f.formError} />
            <VacancyFields v={{ employerId: params.get("employer") ?? "", ...f.values }} lists={{ skills: f.all("skills") }} e={f.errors} o={d} />
            <SubmitButton>{t("seekers.vacancy.saveDraft")}</SubmitButton>
          </Form>
        </Card>
      )}
    </div>
  );
}
