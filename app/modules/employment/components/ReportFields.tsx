import { useLocale, useT } from "~/i18n";
import { SelectField, TextField } from "~/ui/Field";
import { PROGRAMMES } from "../schema";

// The numbers of a report (manual entry and corrections share them).
export function ReportFields({ v, e, groups }: { v: Record<string, string>; e: Record<string, string>; groups: { code: string; fa: string; en: string }[] }) {
  const t = useT();
  const locale = useLocale();
  const num = (name: string, key: string, required = false) => (
    <TextField name={name} label={t(key)} inputMode="numeric" dir="ltr" required={required} defaultValue={v[name]} error={e[name]} />
  );
  const selected = new Set((v.priorityGroups ?? "").split(","));
  return (
    <>
      <TextField name="asOf" label={t("employment.report.asOf")} hint={t("employment.report.asOfHint")} dir="ltr" required defaultValue={v.asOf} error={e.asOf} />
      <SelectField name="programme" label={t("employment.filter.programme")} required defaultValue={v.programme} error={e.programme}
        options={PROGRAMMES.map((p) => ({ value: p, label: t(`employment.programme.${p}`) }))} />
      <div className="grid gap-x-4 md:grid-cols-2">
        {num("fteBaseline", "employment.report.fteBaseline")}
        {num("fteNow", "employment.report.fteNow", true)}
        {num("createdFullTime", "employment.report.createdFullTime")}
        {num("createdPartTime", "employment.report.createdPartTime")}
        {num("createdTempMonths", "employment.report.createdTempMonths")}
        {num("retainedFullTime", "employment.report.retainedFullTime")}
        {num("retainedPartTime", "employment.report.retainedPartTime")}
        {num("retainedTempMonths", "employment.report.retainedTempMonths")}
        {num("volunteers", "employment.report.volunteers")}
        {num("women", "employment.report.women")}
      </div>
      <fieldset className="mb-4">
        <legend className="mb-1 font-medium">{t("employment.report.groups")}</legend>
        {e.priorityGroups && <p role="alert" className="text-sm text-red-700">{t(e.priorityGroups)}</p>}
        <div className="flex flex-wrap gap-4">
          {groups.map((g) => (
            <label key={g.code} className="flex items-center gap-2">
              <input type="checkbox" name="priorityGroups" value={g.code} defaultChecked={selected.has(g.code)} />
              {locale === "fa" ? g.fa : g.en}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
