import { Link } from "@remix-run/react";
import { useT } from "~/i18n";
import type { FormState } from "~/lib/forms";
import { CheckboxGroup, SelectField, TextArea, TextField } from "~/ui/Field";
import { AVAILABILITY, EDUCATION_LEVELS, GENDERS } from "../rules";

// The fields of the seeker profile (registration and edit share them). `v` is what was typed after a
// failed submit or the record's values; `lists` the checked boxes.

type Options = { value: string; label: string }[];

export function SeekerFields({ v, lists, e, o }: {
  v: Record<string, string | undefined>;
  lists: Record<string, readonly string[]>;
  e: FormState["errors"];
  o: { counties: Options; occupations: Options; skills: Options; groups: Options; centres?: Options | null };
}) {
  const t = useT();
  const opts = (prefix: string, values: readonly string[]) => values.map((x) => ({ value: x, label: t(`${prefix}.${x}`) }));
  return (
    <>
      <fieldset className="mb-2">
        <legend className="mb-2 text-lg font-semibold">{t("seekers.section.person")}</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField name="fullName" label={t("seekers.field.fullName")} required defaultValue={v.fullName} error={e.fullName} maxLength={200} autoComplete="name" />
          <TextField name="nationalId" label={t("seekers.field.nationalId")} required defaultValue={v.nationalId} error={e.nationalId} dir="ltr" inputMode="numeric" />
          <TextField name="mobile" label={t("seekers.field.mobile")} required defaultValue={v.mobile} error={e.mobile} dir="ltr" inputMode="tel" autoComplete="tel" hint={t("seekers.hint.mobile")} />
          <TextField name="birthYear" label={t("seekers.field.birthYear")} required defaultValue={v.birthYear} error={e.birthYear} inputMode="numeric" hint={t("seekers.hint.birthYear")} />
          <SelectField name="gender" label={t("seekers.field.gender")} required defaultValue={v.gender} error={e.gender} options={opts("seekers.gender", GENDERS)} />
          <SelectField name="county" label={t("seekers.field.county")} required defaultValue={v.county} error={e.county} options={o.counties} />
        </div>
        <label className="mb-4 flex items-center gap-2">
          <input type="checkbox" name="marginalArea" defaultChecked={v.marginalArea === "on" || v.marginalArea === "true"} className="h-4 w-4" />
          <span>{t("seekers.field.marginalArea")}</span>
        </label>
        {o.centres && <SelectField name="centreId" label={t("seekers.field.centre")} defaultValue={v.centreId} error={e.centreId} options={o.centres} />}
      </fieldset>
      <fieldset className="mb-2">
        <legend className="mb-2 text-lg font-semibold">{t("seekers.section.work")}</legend>
        <div className="grid gap-x-4 sm:grid-cols-3">
          <SelectField name="educationLevel" label={t("seekers.field.educationLevel")} required defaultValue={v.educationLevel} error={e.educationLevel} options={opts("seekers.education", EDUCATION_LEVELS)} />
          <TextField name="educationField" label={t("seekers.field.educationField")} defaultValue={v.educationField} error={e.educationField} maxLength={200} />
          <TextField name="experienceYears" label={t("seekers.field.experienceYears")} required defaultValue={v.experienceYears ?? "0"} error={e.experienceYears} inputMode="numeric" />
        </div>
        <CheckboxGroup name="occupations" legend={t("seekers.field.occupations")} options={o.occupations} checked={lists.occupations ?? []} error={e.occupations} />
        <CheckboxGroup name="skills" legend={t("seekers.field.skills")} options={o.skills} checked={lists.skills ?? []} error={e.skills} />
        <TextArea name="desiredWork" label={t("seekers.field.desiredWork")} defaultValue={v.desiredWork} error={e.desiredWork} rows={3} maxLength={1000} />
        <CheckboxGroup name="desiredCounties" legend={t("seekers.field.desiredCounties")} options={o.counties} checked={lists.desiredCounties ?? []} error={e.desiredCounties} />
        <SelectField name="availability" label={t("seekers.field.availability")} required defaultValue={v.availability} error={e.availability} options={opts("seekers.availability", AVAILABILITY)} />
      </fieldset>
      <CheckboxGroup name="groups" legend={t("seekers.field.groups")} hint={t("seekers.hint.groups")} options={o.groups} checked={lists.groups ?? []} error={e.groups} />
      <label className="mb-4 flex items-center gap-2">
        <input type="checkbox" name="hidden" defaultChecked={v.hidden === "on" || v.hidden === "true"} className="h-4 w-4" />
        <span>{t("seekers.field.hidden")}</span>
      </label>
      {v.version && <input type="hidden" name="version" value={v.version} />}
    </>
  );
}

export function DuplicateLink({ id }: { id?: string }) {
  const t = useT();
  if (!id || !/^\d+$/.test(id)) return null;
  return (
    <p className="mb-4" data-testid="duplicate-link">
      <Link to={`/seekers/${id}`} className="font-medium text-brand-700 underline">{t("seekers.duplicate.open")}</Link>
    </p>
  );
}
