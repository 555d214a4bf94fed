import { useId } from "react";
import { useT } from "~/i18n";
import { CheckboxGroup, DateField, FormSection, SelectField, TextField } from "~/ui/Field";
import { AREAS, GENDERS, OWNER_MODES, SALES_CHANNELS } from "../schema";
import type { PermitStatus } from "../rules";

// The registry's form parts (registration, edit, permit and yearly update share them). `v` holds the
// values to show (what was typed, or the stored record), `e` the field errors (i18n keys).

type Values = Record<string, string>;
type Errors = Record<string, string>;
type Option = { value: string; label: string };

export function Checkbox({ name, label, checked, hint }: { name: string; label: string; checked?: boolean; hint?: string }) {
  const id = useId();
  return (
    <div className="mb-4">
      <label htmlFor={id} className="flex items-center gap-2 font-medium text-slate-800">
        <input id={id} type="checkbox" name={name} defaultChecked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
        {label}
      </label>
      {hint && <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">{hint}</p>}
    </div>
  );
}

export function OwnerFields({ v, e, withEmail }: { v: Values; e: Errors; withEmail: boolean }) {
  const t = useT();
  return (
    <FormSection title={t("micro.section.owner")}>
      <TextField name="ownerName" label={t("micro.field.ownerName")} required defaultValue={v.ownerName} error={e.ownerName} />
      <TextField name="ownerNationalId" label={t("micro.field.ownerNationalId")} required dir="ltr" inputMode="numeric" defaultValue={v.ownerNationalId} error={e.ownerNationalId} />
      <SelectField name="ownerGender" label={t("micro.field.ownerGender")} required defaultValue={v.ownerGender} error={e.ownerGender} options={GENDERS.map((g) => ({ value: g, label: t(`micro.gender.${g}`) }))} />
      <TextField name="ownerMobile" label={t("micro.field.ownerMobile")} dir="ltr" inputMode="tel" defaultValue={v.ownerMobile} error={e.ownerMobile} />
      {withEmail && <TextField name="ownerEmail" type="email" label={t("micro.field.ownerEmail")} hint={t("micro.hint.ownerEmail")} dir="ltr" defaultValue={v.ownerEmail} error={e.ownerEmail} />}
    </FormSection>
  );
}

export function BusinessFields({ v, e, channels, counties, sectors }: { v: Values; e: Errors; channels: string[]; counties: Option[]; sectors: Option[] }) {
  const t = useT();
  return (
    <FormSection title={t("micro.section.business")}>
      <TextField name="name" label={t("micro.field.name")} required defaultValue={v.name} error={e.name} />
      <SelectField name="sector" label={t("micro.field.sector")} required defaultValue={v.sector} error={e.sector} options={sectors} />
      <TextField name="isicCode" label={t("micro.field.isicCode")} hint={t("micro.hint.isic")} dir="ltr" inputMode="numeric" defaultValue={v.isicCode} error={e.isicCode} />
      <TextField name="activity" label={t("micro.field.activity")} required defaultValue={v.activity} error={e.activity} />
      <SelectField name="county" label={t("micro.field.county")} required defaultValue={v.county} error={e.county} options={counties} />
      <SelectField name="area" label={t("micro.field.area")} required defaultValue={v.area} error={e.area} options={AREAS.map((a) => ({ value: a, label: t(`micro.area.${a}`) }))} />
      <TextField name="address" label={t("micro.field.address")} required defaultValue={v.address} error={e.address} />
      <DateField name="startedOn" label={t("micro.field.startedOn")} required typed={v.startedOn} error={e.startedOn} />
      <Checkbox name="homeBased" label={t("micro.field.homeBased")} checked={v.homeBased === "on" || v.homeBased === "true"} />
      <CheckboxGroup name="salesChannels" legend={t("micro.field.salesChannels")} optional checked={channels} error={e.salesChannels}
        options={SALES_CHANNELS.map((c) => ({ value: c, label: t(`micro.channel.${c}`) }))} />
    </FormSection>
  );
}

export function PermitFields({ v, e, choices }: { v: Values; e: Errors; choices: readonly PermitStatus[] }) {
  const t = useT();
  return (
    <FormSection title={t("micro.section.permit")}>
      <SelectField name="permitStatus" label={t("micro.field.permitStatus")} required defaultValue={v.permitStatus} error={e.permitStatus}
        options={choices.map((s) => ({ value: s, label: t(`micro.permit.${s}`) }))} />
      <p className="mb-4 text-sm text-slate-600">{t("micro.hint.permit")}</p>
      <DateField name="permitAppliedOn" label={t("micro.field.permitAppliedOn")} typed={v.permitAppliedOn} error={e.permitAppliedOn} />
      <TextField name="permitNumber" label={t("micro.field.permitNumber")} dir="ltr" defaultValue={v.permitNumber} error={e.permitNumber} />
      <DateField name="permitIssuedOn" label={t("micro.field.permitIssuedOn")} typed={v.permitIssuedOn} error={e.permitIssuedOn} />
      <DateField name="permitExpiresOn" label={t("micro.field.permitExpiresOn")} typed={v.permitExpiresOn} error={e.permitExpiresOn} />
    </FormSection>
  );
}

/** The fixed workers grid: the owner, family members and hired people (no rows to add, works without JavaScript). */
export function WorkersFields({ v, e }: { v: Values; e: Errors }) {
  const t = useT();
  const num = (name: string, label: string) => (
    <TextField name={name} label={t(label)} inputMode="numeric" dir="ltr" defaultValue={v[name] ?? ""} error={e[name]} />
  );
  return (
    <FormSection title={t("micro.section.workers")}>
      <p className="mb-4 text-sm text-slate-600">{t("micro.hint.workers")}</p>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField name="ownerMode" label={t("micro.field.ownerMode")} required defaultValue={v.ownerMode} error={e.ownerMode} options={OWNER_MODES.map((m) => ({ value: m, label: t(`micro.mode.${m}`) }))} />
        {num("ownerMonths", "micro.field.ownerMonths")}
      </div>
      <h2 className="mb-2 font-semibold">{t("micro.workers.family")}</h2>
      <div className="grid gap-x-4 sm:grid-cols-4">
        {num("familyFullTime", "micro.field.familyFullTime")}
        {num("familyPartTime", "micro.field.familyPartTime")}
        {num("familySeasonal", "micro.field.familySeasonal")}
        {num("familyMonths", "micro.field.familyMonths")}
      </div>
      <h2 className="mb-2 font-semibold">{t("micro.workers.hired")}</h2>
      <div className="grid gap-x-4 sm:grid-cols-4">
        {num("hiredFullTime", "micro.field.hiredFullTime")}
        {num("hiredPartTime", "micro.field.hiredPartTime")}
        {num("hiredSeasonal", "micro.field.hiredSeasonal")}
        {num("hiredMonths", "micro.field.hiredMonths")}
      </div>
      {num("women", "micro.field.women")}
    </FormSection>
  );
}
