import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { toJalaliInput } from "~/i18n/format";
import { badRequest, idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { activeEntries } from "~/modules/reference/service.server";
import { callSchema } from "~/modules/ideas/schema";
import { CallScope } from "~/modules/ideas/components/CallScope";
import { getCall, listCallsForStaff, saveCall, setCallStatus } from "~/modules/ideas/calls.server";
import { gate } from "~/modules/ideas/service.server";
import { FormError, TextArea, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { Card, PageTitle } from "~/ui/Page";
import { formAction, readForm, redirectWithFlash } from "~/lib/form-action.server";
import { noFields } from "~/lib/forms";
import { useFormState } from "~/ui/form-state";

function callId(params: { id?: string }): number | null {
  if (params.id === "new") return null;
  return idOrNotFound(params.id);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = callId(params);
  await listCallsForStaff(actor); // permission check (manage:call)
  const [sectors, counties] = await Promise.all([activeEntries("sectors"), activeEntries("counties")]);
  if (id == null) return { call: null, values: { reviewersPerIdea: "2", reviewDueDays: "7", rubric: "" } as Record<string, string>, sectors, counties };
  const { call, criteria } = await getCall(actor, id);
  const values: Record<string, string> = {
    title: call.title, description: call.description, theme: call.theme, opensOn: toJalaliInput(call.opens_on), closesOn: toJalaliInput(call.closes_on),
    standing: call.standing ? "on" : "", blind: call.blind ? "on" : "", reviewersPerIdea: String(call.reviewers_per_idea),
    reviewDueDays: String(call.review_due_days), rubric: criteria.map((c) => `${c.label} | ${c.weight}`).join("\n"), version: String(call.version),
  };
  return {
    call: { id: call.id, status: call.status, version: call.version, sector_codes: call.sector_codes, county_codes: call.county_codes, sectors: call.sectors, counties: call.counties },
    values, sectors, counties,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, context);
  const id = callId(params);
  await gate(actor, "callManager");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "open" || intent === "close") {
    if (id == null) throw badRequest();
    return formAction(form, noFields, async () => {
      await setCallStatus(actor, id, Number(form.get("version")) || 0, intent === "open" ? "open" : "closed");
      return redirectWithFlash(`/staff/calls/${id}`, "flash.calls.status");
    }, { intent: "status" });
  }
  return formAction(form, callSchema, async (v) => {
    const saved = await saveCall(actor, id, v);
    return redirectWithFlash(`/staff/calls/${saved}`, "flash.calls.saved");
  }, { intent: "save" });
}

export default function EditCall() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const r = useFormState(); // either form's answer: the status buttons' refusal shows above the page too
  const e = r.errors;
  const saving = useFormState("save");
  const v = saving.failed ? saving.values : d.values;
  // The ticked sectors and counties, so a form refused for another field keeps them.
  const chosen = (name: string, key: "sector_codes" | "county_codes") => new Set(saving.failed ? saving.all(name) : (d.call?.[key] ?? []));
  const multi = (name: string, label: string, list: { code: string; name_fa: string; name_en: string }[], selected: Set<string>) => (
    <fieldset className="mb-4">
      <legend className="mb-1 font-medium">{label} <span className="text-sm font-normal text-slate-600">{t("calls.any")}</span></legend>
      {e[name] && <p role="alert" className="mb-2 text-sm font-medium text-red-700">{t(e[name])}</p>}
      <div className="grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-3">
        {list.map((x) => (
          <label key={x.code} className="flex items-center gap-2">
            <input type="checkbox" name={name} value={x.code} defaultChecked={selected.has(x.code)} className="h-4 w-4" />
            <span>{locale === "fa" ? x.name_fa : x.name_en}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
  return (
    <div className="max-w-3xl">
      <PageTitle>{d.call ? t("calls.edit") : t("calls.new")}</PageTitle>
      <FormError error={r.formError} />
      {d.call && (
        <Card>
          <p className="mb-3">{t("common.status")}: {t(`call.status.${d.call.status}`)}</p>
          <CallScope sectors={d.call.sectors} counties={d.call.counties} className="mb-3" />
          <Form method="post">
            <input type="hidden" name="version" value={d.call.version} />
            {d.call.status !== "open" ? (
              <SubmitButton name="intent" value="open">{t("calls.open")}</SubmitButton>
            ) : (
              <SubmitButton name="intent" value="close" variant="danger">{t("calls.close")}</SubmitButton>
            )}
          </Form>
        </Card>
      )}
      <Card>
        <Form method="post" noValidate>
          {v.version && <input type="hidden" name="version" value={v.version} />}
          <TextField name="title" label={t("ideas.call")} required defaultValue={v.title} error={e.title} />
          <TextField name="theme" label={t("calls.theme")} defaultValue={v.theme} error={e.theme} />
          <TextArea name="description" label={t("calls.description")} defaultValue={v.description} error={e.description} />
          {multi("sectorCodes", t("calls.sectors"), d.sectors, chosen("sectorCodes", "sector_codes"))}
          {multi("countyCodes", t("calls.counties"), d.counties, chosen("countyCodes", "county_codes"))}
          <div className="mb-4 flex items-center gap-2">
            <input id="standing" type="checkbox" name="standing" defaultChecked={v.standing === "on"} className="h-5 w-5" />
            <label htmlFor="standing">{t("calls.standing")}</label>
          </div>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <TextField name="opensOn" label={t("calls.opens")} hint={t("calls.datesHint")} defaultValue={v.opensOn} error={e.opensOn} />
            <TextField name="closesOn" label={t("calls.closes")} hint={t("calls.datesHint")} defaultValue={v.closesOn} error={e.closesOn} />
            <TextField name="reviewersPerIdea" label={t("calls.reviewersPerIdea")} required inputMode="numeric" defaultValue={v.reviewersPerIdea} error={e.reviewersPerIdea} />
            <TextField name="reviewDueDays" label={t("calls.reviewDueDays")} required inputMode="numeric" defaultValue={v.reviewDueDays} error={e.reviewDueDays} />
          </div>
          <div className="mb-4 flex items-center gap-2">
            <input id="blind" type="checkbox" name="blind" defaultChecked={v.blind === "on"} className="h-5 w-5" />
            <label htmlFor="blind">{t("calls.blind")}</label>
          </div>
          <TextArea name="rubric" label={t("calls.rubric")} required hint={t("calls.rubricHint")} defaultValue={v.rubric} error={e.rubric} rows={5} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
