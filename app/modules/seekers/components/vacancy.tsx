import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import type { FormState } from "~/lib/forms";
import { CheckboxGroup, DateField, SelectField, TextArea, TextField } from "~/ui/Field";
import { CONTRACT_TYPES, EDUCATION_LEVELS } from "../rules";
import { WAGE_UNIT } from "../schema";

type Options = { value: string; label: string }[];

/** The vacancy form's fields (new and edit). */
export function VacancyFields({ v, lists, e, o }: {
  v: Record<string, string | undefined>;
  lists: Record<string, readonly string[]>;
  e: FormState["errors"];
  o: { employers: Options | null; occupations: Options; skills: Options; counties: Options };
}) {
  const t = useT();
  return (
    <>
      {o.employers && <SelectField name="employerId" label={t("seekers.vacancy.employer")} required defaultValue={v.employerId} error={e.employerId} options={o.employers} />}
      <TextField name="title" label={t("seekers.vacancy.title")} required defaultValue={v.title} error={e.title} maxLength={200} />
      <TextArea name="description" label={t("seekers.vacancy.description")} defaultValue={v.description} error={e.description} rows={3} maxLength={4000} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField name="occupation" label={t("seekers.vacancy.occupation")} required defaultValue={v.occupation} error={e.occupation} options={o.occupations} />
        <SelectField name="educationLevel" label={t("seekers.vacancy.education")} required defaultValue={v.educationLevel} error={e.educationLevel}
          options={EDUCATION_LEVELS.map((x) => ({ value: x, label: t(`seekers.education.${x}`) }))} />
        <SelectField name="county" label={t("seekers.vacancy.county")} required defaultValue={v.county} error={e.county} options={o.counties} />
      </div>
      <CheckboxGroup name="skills" legend={t("seekers.vacancy.skills")} options={o.skills} checked={lists.skills ?? []} error={e.skills} />
      <div className="grid gap-x-4 sm:grid-cols-4">
        <TextField name="posts" label={t("seekers.vacancy.posts")} required defaultValue={v.posts ?? "1"} error={e.posts} inputMode="numeric" />
        <SelectField name="contractType" label={t("seekers.vacancy.contractType")} required defaultValue={v.contractType} error={e.contractType}
          options={CONTRACT_TYPES.map((x) => ({ value: x, label: t(`seekers.contract.${x}`) }))} />
        <TextField name="tempMonths" label={t("seekers.vacancy.tempMonths")} defaultValue={v.tempMonths} error={e.tempMonths} inputMode="numeric" hint={t("seekers.hint.tempMonths")} />
        <TextField name="minExperience" label={t("seekers.vacancy.minExperience")} defaultValue={v.minExperience ?? "0"} error={e.minExperience} inputMode="numeric" />
      </div>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField name="wageMin" label={t("seekers.vacancy.wageMin")} required defaultValue={v.wageMin} error={e.wageMin} inputMode="numeric" hint={t("seekers.hint.wage")} />
        <TextField name="wageMax" label={t("seekers.vacancy.wageMax")} required defaultValue={v.wageMax} error={e.wageMax} inputMode="numeric" hint={t("seekers.hint.wage")} />
        <DateField name="closesOn" label={t("seekers.vacancy.closesOn")} required typed={v.closesOn && /\//.test(v.closesOn) ? v.closesOn : undefined} iso={v.closesOn && !/\//.test(v.closesOn) ? v.closesOn : undefined} error={e.closesOn} />
      </div>
      <label className="mb-4 flex items-center gap-2">
        <input type="checkbox" name="priorityOptIn" defaultChecked={v.priorityOptIn === "on" || v.priorityOptIn === "true"} className="h-4 w-4" />
        <span>{t("seekers.vacancy.priorityOptIn")}</span>
      </label>
      {v.version && <input type="hidden" name="version" value={v.version} />}
    </>
  );
}

/** A wage stored in rials, shown in thousand tomans. */
export function Wage({ rials }: { rials: number | string }) {
  const t = useT();
  const locale = useLocale();
  return <>{t("seekers.wage", { n: formatNumber(locale, Number(rials) / WAGE_UNIT) })}</>;
}
