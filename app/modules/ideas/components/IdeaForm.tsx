import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { localDigits } from "~/i18n/format";
import { FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import { ORIGINS, STAGES } from "../schema";

type Ref = { code: string; name_fa: string; name_en: string; id?: number };

export interface IdeaFormProps {
  calls: { id: number; title: string }[];
  sectors: Ref[];
  counties: Ref[];
  universities: Ref[];
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  idempotencyKey?: string;
  submitLabel: string;
}

export function IdeaForm({ calls, sectors, counties, universities, values: v, errors: e, idempotencyKey, submitLabel }: IdeaFormProps) {
  const t = useT();
  const locale = useLocale();
  const name = (r: Ref) => (locale === "fa" ? r.name_fa : r.name_en);
  const formError = e._form ?? (Object.keys(e).length ? "error.form" : null);
  return (
    <Form method="post" noValidate>
      <FormError error={formError} />
      {idempotencyKey && <input type="hidden" name="idempotencyKey" value={idempotencyKey} />}
      {v.version && <input type="hidden" name="version" value={v.version} />}
      <SelectField name="callId" label={t("ideas.call")} required defaultValue={v.callId} error={e.callId} options={calls.map((c) => ({ value: String(c.id), label: c.title }))} />
      <TextField name="title" label={t("ideas.field.title")} required maxLength={200} defaultValue={v.title} error={e.title} />
      <TextField name="summary" label={t("ideas.field.summary")} required maxLength={500} defaultValue={v.summary} error={e.summary} />
      <TextArea name="problem" label={t("ideas.field.problem")} required defaultValue={v.problem} error={e.problem} />
      <TextArea name="solution" label={t("ideas.field.solution")} required defaultValue={v.solution} error={e.solution} />
      <TextArea name="market" label={t("ideas.field.market")} required defaultValue={v.market} error={e.market} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField name="sectorCode" label={t("ideas.field.sector")} required defaultValue={v.sectorCode} error={e.sectorCode} options={sectors.map((s) => ({ value: s.code, label: name(s) }))} />
        <SelectField name="countyCode" label={t("ideas.field.county")} required defaultValue={v.countyCode} error={e.countyCode} options={counties.map((s) => ({ value: s.code, label: name(s) }))} />
        <SelectField name="stage" label={t("ideas.field.stage")} required defaultValue={v.stage} error={e.stage} options={STAGES.map((s) => ({ value: s, label: t(`ideas.stage.${s}`) }))} />
      </div>
      <div className="mb-4 flex items-center gap-2">
        <input id="knowledgeBased" type="checkbox" name="knowledgeBased" defaultChecked={v.knowledgeBased === "on" || v.knowledgeBased === "true"} className="h-5 w-5" />
        <label htmlFor="knowledgeBased">{t("ideas.field.knowledgeBased")}</label>
      </div>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField name="expectedJobs" label={t("ideas.field.expectedJobs")} required inputMode="numeric" defaultValue={localDigits(locale, v.expectedJobs)} error={e.expectedJobs} />
        <TextField name="fundingRials" label={t("ideas.field.fundingRials")} required inputMode="numeric" defaultValue={localDigits(locale, v.fundingRials)} error={e.fundingRials} />
      </div>
      <TextArea name="team" label={t("ideas.field.team")} required hint={t("ideas.field.teamHint")} defaultValue={v.team} error={e.team} rows={3} />
      <SelectField name="originKind" label={t("ideas.field.origin")} required defaultValue={v.originKind ?? "own"} error={e.originKind} options={ORIGINS.map((o) => ({ value: o, label: t(`ideas.origin.${o}`) }))} />
      <p className="mb-2 text-sm text-slate-700">{t("ideas.field.originRefHint")}</p>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          name="originUniversity"
          label={t("chairs.originLabel")}
          defaultValue={v.originKind === "chair" ? v.originRef : undefined}
          error={v.originKind === "chair" ? e.originRef : undefined}
          options={universities.map((u) => ({ value: String(u.id), label: name(u) }))}
        />
        <TextField
          name="originCooperative"
          label={t("ideas.field.cooperativeName")}
          defaultValue={v.originKind === "cooperative" ? v.originRef : undefined}
          error={v.originKind === "cooperative" ? e.originRef : undefined}
        />
      </div>
      <p className="mb-4 text-sm text-slate-700">{t("ideas.submitHint")}</p>
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="save" variant="secondary">{t("ideas.saveDraft")}</SubmitButton>
        <SubmitButton name="intent" value="submit">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
