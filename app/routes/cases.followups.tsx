import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { followUpSchema } from "~/modules/cases/schema";
import { assertCasesReader } from "~/modules/cases/service.server";
import { listFollowUps, recordFollowUp } from "~/modules/cases/closing.server";
import { FormError, TextField } from "~/ui/Field";
import { Card, EmptyState, PageTitle } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";
import { todayTehran } from "~/i18n/clock";
import { useFormState } from "~/ui/form-state";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return { items: await listFollowUps(actor), today: todayTehran() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  await assertCasesReader(actor);
  // every message on a field this form shows, else on the form (the ledger's refusals too; issue 11 item 2)
  return formAction(await readForm(request), followUpSchema, async (v) => {
    await recordFollowUp(actor, v);
    return redirectWithFlash("/cases/followups", "cases.followUp.recorded");
  }, { visible: ["employeesNow", "jobsRetained", "note"] });
}

export default function FollowUps() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const r = useFormState(); // the answer belongs to the row whose followUpId it echoes
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("cases.followUps.title")}</PageTitle>
      {d.items.length === 0 && <EmptyState>{t("common.empty")}</EmptyState>}
      {d.items.map((f) => {
        const mine = r.failed && r.values.followUpId === String(f.id);
        const e: Record<string, string> = mine ? r.errors : {};
        const v: Record<string, string> = mine ? r.values : {};
        const due = String(f.due_on).slice(0, 10);
        return (
          <Card key={f.id}>
            <h2 id={`f${f.id}`} className="mb-2 font-semibold">
              <Link className="underline" to={`/cases/${f.case_id}`}>{f.firm_name}</Link> · {t("cases.followUp.due", { m: formatNumber(locale, f.months), date: formatDate(locale, due) })}
              {due < d.today && <span className="ms-2 rounded bg-red-700 px-2 py-0.5 text-sm text-white">{t("cases.milestone.overdue")}</span>}
            </h2>
            <Form method="post" noValidate>
              <FormError error={e._form} />
              <input type="hidden" name="followUpId" value={f.id} />
              <TextField name="employeesNow" label={t("cases.outcome.employeesNow")} inputMode="numeric" required defaultValue={v.employeesNow} error={e.employeesNow} />
              <TextField name="jobsRetained" label={t("cases.outcome.jobsRetained")} inputMode="numeric" required defaultValue={v.jobsRetained} error={e.jobsRetained} />
              <TextField name="note" label={t("cases.field.note")} defaultValue={v.note} error={e.note} />
              <SubmitButton>{t("cases.followUp.record")}</SubmitButton>
            </Form>
          </Card>
        );
      })}
    </div>
  );
}
