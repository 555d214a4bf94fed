import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { assignSchema } from "~/modules/cases/schema";
import { assertCaseManager, assertCaseReadable, caseFormChoices, getCase } from "~/modules/cases/service.server";
import { assignMentors, mentorLoads } from "~/modules/cases/assignment.server";
import { FormError, SelectField, TextArea } from "~/ui/Field";
import { useFormState } from "~/ui/form-state";
import { Card, PageTitle, tableClass, TableRegion } from "~/ui/Page";
import { SubmitButton } from "~/ui/SubmitButton";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const loads = await mentorLoads(actor);
  const d = await getCase(actor, idOrNotFound(params.id));
  return { case: d.case, mentors: d.mentors.filter((m) => m.active), loads, centres: (await caseFormChoices()).centres };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = idOrNotFound(params.id);
  await assertCaseManager(actor);
  // A case the actor may not read (another centre's, for centre staff) is a 404 before the form is read.
  await assertCaseReadable(actor, id);
  // Every message on a field this form shows, else on the form (issue 11 item 2).
  return formAction(await readForm(request), assignSchema, async (v) => {
    await assignMentors(actor, id, v);
    return redirectWithFlash(`/cases/${id}`, "cases.assigned");
  }, { visible: ["centreId", "leadMentorId", "coMentorIds", "reason"] });
}

export default function Assign() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const f = useFormState();
  const e = f.errors;
  const v = f.values;
  const lead = d.mentors.find((m) => m.role === "lead");
  const co = new Set(f.failed ? f.all("coMentorIds") : d.mentors.filter((m) => m.role === "co").map((m) => String(m.mentor_id)));
  const name = (x: { name_fa: string | null; name_en: string | null }) => (locale === "fa" ? x.name_fa : x.name_en) ?? "—";
  const unique = [...new Map(d.loads.map((l) => [l.id, l])).values()];
  const label = (l: (typeof unique)[number]) =>
    `${l.full_name} · ${name({ name_fa: l.centre_fa, name_en: l.centre_en })} · ${t("cases.assign.load", { n: formatNumber(locale, l.active_cases ?? 0), max: formatNumber(locale, l.max_active) })}${(l.active_cases ?? 0) >= l.max_active ? ` · ${t("cases.assign.over")}` : ""}`;
  return (
    <div className="max-w-3xl">
      <PageTitle>{t("cases.assign.title", { firm: d.case.firm_name })}</PageTitle>
      <Card title={t("cases.home.staff.loads")}>
        <TableRegion>
        <table className={tableClass} data-testid="mentor-loads">
          <thead>
            <tr><th>{t("cases.field.mentor")}</th><th>{t("cases.field.centre")}</th><th>{t("cases.capacity")}</th></tr>
          </thead>
          <tbody>
            {unique.map((l) => (
              <tr key={l.id} className={(l.active_cases ?? 0) >= l.max_active ? "bg-amber-50" : ""}>
                <td>{l.full_name}</td>
                <td>{name({ name_fa: l.centre_fa, name_en: l.centre_en })}</td>
                <td>{t("cases.assign.load", { n: formatNumber(locale, l.active_cases ?? 0), max: formatNumber(locale, l.max_active) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
        <p className="mt-3"><Link to="/cases/mentors" className="underline">{t("cases.capacity.manage")}</Link></p>
      </Card>
      <Card>
        <Form method="post" noValidate>
          <FormError error={f.formError} />
          <input type="hidden" name="version" value={d.case.version} />
          <SelectField name="centreId" label={t("cases.field.centre")} required defaultValue={v.centreId ?? (d.case.centre_id ? String(d.case.centre_id) : "")} error={e.centreId}
            options={d.centres.map((c) => ({ value: String(c.id), label: name(c) }))} />
          <SelectField name="leadMentorId" label={t("cases.field.leadMentor")} required defaultValue={v.leadMentorId ?? (lead ? String(lead.mentor_id) : "")} error={e.leadMentorId}
            options={unique.map((l) => ({ value: String(l.id), label: label(l) }))} />
          <fieldset className="mb-4">
            <legend className="mb-1 font-medium">{t("cases.field.coMentors")} <span className="text-sm font-normal text-slate-600">{t("common.optional")}</span></legend>
            {unique.map((l) => (
              <label key={l.id} className="flex items-center gap-2">
                <input type="checkbox" name="coMentorIds" value={l.id} defaultChecked={co.has(String(l.id))} />
                <span>{label(l)}</span>
              </label>
            ))}
            {e.coMentorIds && <p role="alert" className="mt-1 text-sm font-medium text-red-700">{t(e.coMentorIds)}</p>}
          </fieldset>
          <TextArea name="reason" label={t("cases.field.reason")} rows={2} defaultValue={v.reason} error={e.reason} />
          <div className="flex gap-3">
            <SubmitButton>{t("cases.assign.submit")}</SubmitButton>
            <Link to={`/cases/${d.case.id}`} className="px-2 py-2">{t("common.cancel")}</Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
