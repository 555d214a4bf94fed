import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { formAction, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound, notFound } from "~/lib/http";
import { getLocale } from "~/lib/locale.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { obstacleSchema } from "~/modules/agenda/schema";
import { assertCanRaise, MAX_EVIDENCE, raiseForm, raiseObstacle } from "~/modules/agenda/service.server";
import { OBSTACLE_CATEGORIES } from "~/modules/agenda/workflow";
import { FileField } from "~/modules/files/components/FileField";
import { maxUploadMb, withUploadForm } from "~/modules/files/upload.server";
import { DateField, FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// Raising an obstacle on a record of another module: /agenda/obstacles/new?kind=case&id=12. The
// subject's module decides who may see it (404 for everyone else, with no hint it exists).
function subjectOf(url: URL) {
  const kind = url.searchParams.get("kind") ?? "";
  if (!/^[a-z_]{1,40}$/.test(kind)) throw notFound();
  return { kind, id: idOrNotFound(url.searchParams.get("id")) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const { kind, id } = subjectOf(new URL(request.url));
  return { ...(await raiseForm(actor, kind, id, await getLocale(request))), maxMb: maxUploadMb(), maxFiles: MAX_EVIDENCE };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const { kind, id } = subjectOf(new URL(request.url));
  await assertCanRaise(actor, kind, id);
  return withUploadForm(request, { field: "evidence", maxFiles: MAX_EVIDENCE }, (form, files) => {
    form.set("subjectKind", kind);
    form.set("subjectId", String(id));
    return formAction(form, obstacleSchema, async (v) => {
      const { id: obstacleId } = await raiseObstacle(actor, v, files);
      return redirectWithFlash(`/agenda/obstacles/${obstacleId}`, "agenda.obstacle.raised");
    }, { fields: ["evidence"] });
  });
}

export default function RaiseObstacle() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const v = f.values;
  return (
    <div className="max-w-2xl">
      <PageTitle actions={<Link to={d.subject.link}>{t("common.back")}</Link>}>{t("agenda.raise.title")}</PageTitle>
      <p className="mb-4">{t("agenda.raise.on", { kind: t(`agenda.subject.${d.subject.kind}`), title: d.subject.title })}</p>
      <Card>
        <Form method="post" encType="multipart/form-data" noValidate>
          <FormError error={f.formError} />
          <SelectField name="category" label={t("agenda.field.category")} required defaultValue={v.category} error={f.errors.category}
            options={OBSTACLE_CATEGORIES.map((c) => ({ value: c, label: `${t(`agenda.category.${c}`)} (${t("agenda.sla", { days: formatNumber(locale, d.categories.find((x) => x.code === c)?.sla_days ?? 30) })})` }))} />
          <SelectField name="agency" label={t("agenda.field.agency")} required defaultValue={v.agency} error={f.errors.agency} options={d.agencies} />
          <TextArea name="description" label={t("agenda.field.description")} required defaultValue={v.description} error={f.errors.description} maxLength={2000} />
          <TextField name="jobsCreated" label={t("agenda.field.jobsCreated")} inputMode="numeric" dir="ltr" defaultValue={v.jobsCreated} error={f.errors.jobsCreated} hint={t("agenda.field.jobsHint")} />
          <TextField name="jobsRetained" label={t("agenda.field.jobsRetained")} inputMode="numeric" dir="ltr" defaultValue={v.jobsRetained} error={f.errors.jobsRetained} hint={t("agenda.field.jobsHint")} />
          <DateField name="beganOn" label={t("agenda.field.beganOn")} required typed={v.beganOn} error={f.errors.beganOn} />
          <FileField name="evidence" label={t("agenda.field.evidence")} error={f.errors.evidence} maxMb={d.maxMb} multiple />
          <SubmitButton>{t("agenda.raise.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
