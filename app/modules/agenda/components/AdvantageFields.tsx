import { useT } from "~/i18n";
import { ADVANTAGE_PROGRAMMES } from "~/modules/agenda/workflow";
import { AREAS } from "~/modules/agenda/schema";
import { SelectField, TextArea, TextField } from "~/ui/Field";

type Option = { value: string; label: string };
export interface AdvantageFieldValues {
  agency?: string | null; sector?: string | null; isic?: string | null; activity?: string | null; counties: string[]; area?: string | null;
  description?: string | null; potentialJobs?: string | null; investment?: string | null; programme?: string | null; howToJoin?: string | null; published: boolean;
}

/** The fields of a sector advantage (new and edit share them). */
export function AdvantageFields({ v, errors, agencies, sectors, counties }: { v: AdvantageFieldValues; errors: Record<string, string>; agencies: Option[]; sectors: Option[]; counties: Option[] }) {
  const t = useT();
  const countiesError = errors.counties;
  return (
    <>
      {agencies.length > 1 ? (
        <SelectField name="agency" label={t("agenda.field.agency")} required defaultValue={v.agency} error={errors.agency} options={agencies} />
      ) : (
        <>
          <input type="hidden" name="agency" value={agencies[0]?.value ?? ""} />
          <p className="mb-4"><span className="font-medium">{t("agenda.field.agency")}:</span> {agencies[0]?.label}</p>
          {errors.agency && <p className="mb-4 text-sm font-medium text-red-700" role="alert">{t(errors.agency)}</p>}
        </>
      )}
      <SelectField name="sector" label={t("agenda.advantage.field.sector")} required defaultValue={v.sector} error={errors.sector} options={sectors} />
      <TextField name="isic" label={t("agenda.advantage.field.isic")} dir="ltr" inputMode="numeric" defaultValue={v.isic} error={errors.isic} hint={t("agenda.advantage.field.isicHint")} maxLength={8} />
      <TextField name="activity" label={t("agenda.advantage.field.activity")} required defaultValue={v.activity} error={errors.activity} maxLength={200} />
      <fieldset className="mb-4" aria-describedby={countiesError ? "counties-error" : undefined}>
        <legend className="mb-1 font-medium text-slate-800">{t("agenda.advantage.field.counties")}</legend>
        <div className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3">
          {counties.map((c) => (
            <label key={c.value} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name="counties" value={c.value} defaultChecked={v.counties.includes(c.value)} />
              {c.label}
            </label>
          ))}
        </div>
        {countiesError && <p id="counties-error" className="mt-1 text-sm font-medium text-red-700" role="alert">{t(countiesError)}</p>}
      </fieldset>
      <SelectField name="area" label={t("agenda.advantage.field.area")} required defaultValue={v.area} error={errors.area} options={AREAS.map((a) => ({ value: a, label: t(`agenda.advantage.area.${a}`) }))} />
      <TextArea name="description" label={t("agenda.advantage.field.description")} required defaultValue={v.description} error={errors.description} maxLength={4000} />
      <TextField name="potentialJobs" label={t("agenda.advantage.field.potentialJobs")} required dir="ltr" inputMode="numeric" defaultValue={v.potentialJobs} error={errors.potentialJobs} hint={t("agenda.field.jobsHint")} />
      <TextField name="investment" label={t("agenda.advantage.field.investment")} dir="ltr" inputMode="numeric" defaultValue={v.investment} error={errors.investment} />
      <SelectField name="programme" label={t("agenda.advantage.field.programme")} required defaultValue={v.programme} error={errors.programme} options={ADVANTAGE_PROGRAMMES.map((p) => ({ value: p, label: t(`agenda.advantage.programme.${p}`) }))} />
      <TextArea name="howToJoin" label={t("agenda.advantage.field.howToJoin")} defaultValue={v.howToJoin} error={errors.howToJoin} maxLength={1000} rows={3} />
      <label className="mb-4 flex min-h-11 items-center gap-2">
        <input type="checkbox" name="published" value="on" defaultChecked={v.published} />
        {t("agenda.advantage.field.published")}
      </label>
    </>
  );
}
