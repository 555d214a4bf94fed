import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { currentJalaliYear } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { planSchema, yearParam } from "~/modules/chairs/schema";
import { getChairForEdit, getPlan, savePlan } from "~/modules/chairs/service.server";
import { FormError, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const year = yearParam(new URL(request.url), currentJalaliYear());
  const { chair, plan } = await getPlan(actor, id, year);
  return {
    id, title: chair.title, year,
    values: {
      year: String(year), goalActivities: String(plan?.goal_activities ?? ""), goalParticipants: String(plan?.goal_participants ?? ""),
      goalIdeas: String(plan?.goal_ideas ?? ""), goalStartups: String(plan?.goal_startups ?? ""),
    } as Record<string, string>,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await getChairForEdit(actor, id); // 403 (and audit) before reading the form
  return formAction(await readForm(request), planSchema, async (v) => {
    await savePlan(actor, id, v);
    return redirectWithFlash(`/chairs/${id}?year=${v.year}`, "chairs.plan.saved");
  });
}

export default function ChairPlan() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  const v = f.failed ? f.values : d.values;
  return (
    <div className="max-w-xl">
      <PageTitle>{`${t("chairs.plan.edit")}: ${d.title}`}</PageTitle>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <TextField name="year" label={t("chairs.plan.year")} inputMode="numeric" dir="ltr" required defaultValue={v.year} error={e.year} />
          <TextField name="goalActivities" label={t("chairs.plan.goalActivities")} inputMode="numeric" dir="ltr" required defaultValue={v.goalActivities} error={e.goalActivities} />
          <TextField name="goalParticipants" label={t("chairs.plan.goalParticipants")} inputMode="numeric" dir="ltr" required defaultValue={v.goalParticipants} error={e.goalParticipants} />
          <TextField name="goalIdeas" label={t("chairs.plan.goalIdeas")} inputMode="numeric" dir="ltr" required defaultValue={v.goalIdeas} error={e.goalIdeas} />
          <TextField name="goalStartups" label={t("chairs.plan.goalStartups")} inputMode="numeric" dir="ltr" required defaultValue={v.goalStartups} error={e.goalStartups} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
