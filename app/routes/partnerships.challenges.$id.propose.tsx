import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { typedValues } from "~/lib/forms";
import { idOrNotFound } from "~/lib/http";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/modules/accounts/actor.server";
import { proposalFormData, submitProposal } from "~/modules/partnerships/proposals.server";
import { MAX_MILESTONE_ROWS, proposalSchema } from "~/modules/partnerships/schema";
import { Day, Money, nameOf } from "~/modules/partnerships/components/bits";
import { FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

// A company's proposal: approach, work plan, milestones (rows: "add a row" works without JavaScript,
// the form comes back with what was typed and one more row), price, duration, team.
const START_ROWS = 3;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  const d = await proposalFormData(actor, id, parseId(new URL(request.url).searchParams.get("company")) ?? undefined);
  if (d.existing) throw redirect(`/partnerships/proposals/${d.existing}`);
  return d;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await proposalFormData(actor, id, parseId(new URL(request.url).searchParams.get("company")) ?? undefined); // 403 before the form is read
  const form = await readForm(request);
  if (form.get("intent") === "addRow") {
    const typed = typedValues(form);
    const rows = Math.min(MAX_MILESTONE_ROWS, Math.max(START_ROWS, form.getAll("milestoneTitle").length) + 1);
    return data({ intent: "save", errors: {}, ...typed, rows });
  }
  return formAction(form, proposalSchema, async (v) => {
    const pid = await submitProposal(actor, id, v);
    return redirectWithFlash(`/partnerships/proposals/${pid}`, "partnerships.flash.proposalSent");
  }, { intent: "save" });
}

export default function Propose() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState("save");
  const extra = useActionData<{ rows?: number }>();
  const c = d.challenge;
  const titles = f.all("milestoneTitle");
  const weeks = f.all("milestoneWeek");
  const rows = Math.max(extra?.rows ?? 0, titles.length, START_ROWS);
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("partnerships.proposal.newTitle", { title: c.title })}</PageTitle>
      <Card>
        <p>{nameOf(locale, { name_fa: c.industry_fa, name_en: c.industry_en })} · {t(`partnerships.category.${c.category}`)} · {t("partnerships.challenge.deadline")}: <Day value={c.deadline} /></p>
        <p className="mt-1">{t("partnerships.challenge.budget")}: <Money rials={c.budget_min} /> – <Money rials={c.budget_max} /></p>
        <p className="mt-1">{t("partnerships.challenge.expectedResult")}: {c.expected_result}</p>
        <p className="mt-2"><Link className="text-brand-700 underline" to={`/partnerships/challenges/${c.id}`}>{t("partnerships.proposal.backToChallenge")}</Link></p>
      </Card>
      {d.block && <p role="alert" data-testid="propose-blocked" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">{t(d.block)}</p>}
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          {d.companies.length > 1 ? (
            <SelectField name="companyId" label={t("partnerships.proposal.company")} required defaultValue={f.values.companyId ?? String(d.companyId)}
              options={d.companies.map((u) => ({ value: String(u.id), label: nameOf(locale, u) }))} />
          ) : <input type="hidden" name="companyId" value={d.companyId} />}
          <TextArea name="approach" label={t("partnerships.proposal.approach")} required rows={5} maxLength={5000} defaultValue={f.values.approach} error={f.errors.approach} />
          <TextArea name="workPlan" label={t("partnerships.proposal.workPlan")} required rows={4} maxLength={5000} defaultValue={f.values.workPlan} error={f.errors.workPlan} />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <TextField name="price" label={t("partnerships.proposal.price")} required inputMode="numeric" defaultValue={f.values.price} error={f.errors.price} hint={t("partnerships.hint.million")} />
            <TextField name="durationWeeks" label={t("partnerships.proposal.durationWeeks")} required inputMode="numeric" defaultValue={f.values.durationWeeks} error={f.errors.durationWeeks} />
          </div>
          <TextArea name="team" label={t("partnerships.proposal.team")} required rows={3} maxLength={2000} defaultValue={f.values.team} error={f.errors.team} />
          <fieldset className="mb-4">
            <legend className="mb-1 font-medium">{t("partnerships.proposal.milestones")}</legend>
            <p className="mb-2 text-sm text-slate-600">{t("partnerships.hint.milestones")}</p>
            {(f.errors.milestoneTitle || f.errors.milestoneWeek) && (
              <p role="alert" className="mb-2 text-sm font-medium text-red-700">{t(f.errors.milestoneTitle ?? f.errors.milestoneWeek)}</p>
            )}
            {Array.from({ length: rows }, (_, i) => (
              <div key={i} className="grid gap-x-4 sm:grid-cols-4">
                <div className="sm:col-span-3">
                  <TextField name="milestoneTitle" label={t("partnerships.proposal.milestoneTitle", { n: i + 1 })} defaultValue={titles[i] ?? ""} maxLength={200} />
                </div>
                <TextField name="milestoneWeek" label={t("partnerships.proposal.milestoneWeek", { n: i + 1 })} defaultValue={weeks[i] ?? ""} inputMode="numeric" />
              </div>
            ))}
            {rows < MAX_MILESTONE_ROWS && (
              <button type="submit" name="intent" value="addRow" formNoValidate className="rounded-md border border-slate-400 bg-white px-3 py-1 text-sm">{t("partnerships.proposal.addRow")}</button>
            )}
          </fieldset>
          <SubmitButton name="intent" value="save">{t("partnerships.proposal.submit")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
