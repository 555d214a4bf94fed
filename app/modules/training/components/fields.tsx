import { useT } from "~/i18n";
import { CheckboxGroup, DateField, FormSection, SelectField, TextArea, TextField } from "~/ui/Field";
import { EDUCATION, MODES } from "../schema";

// The course form's fields (new and edit share them). `v` holds the values to show (what was typed,
// or the stored course), `lists` the repeated fields, `e` the field errors (i18n keys).

type Option = { value: string; label: string };


export interface CourseOptions {
  occupations: Option[];
  skills: Option[];
  counties: Option[];
  groups: Option[];
  providers: Option[];
  chooseProvider: boolean;
}

export function CourseFields({ v, lists, e, o, typed, withProvider }: {
  v: Record<string, string>; lists: Record<string, string[]>; e: Record<string, string>; o: CourseOptions; typed: boolean; withProvider: boolean;
}) {
  const t = useT();
  return (
    <>
      <FormSection title={t("training.section.course")}>
        {withProvider && o.chooseProvider && <SelectField name="provider" label={t("training.field.provider")} required options={o.providers} defaultValue={v.provider} error={e.provider} />}
        <TextField name="title" label={t("training.field.title")} required defaultValue={v.title} error={e.title} />
        <TextArea name="description" label={t("training.field.description")} defaultValue={v.description} error={e.description} />
        <SelectField name="occupation" label={t("training.field.occupation")} required options={o.occupations} defaultValue={v.occupation} error={e.occupation} />
        <CheckboxGroup name="skills" legend={t("training.field.skills")} options={o.skills} optional checked={lists.skills ?? []} error={e.skills} />
        <TextField name="hours" label={t("training.field.hours")} required inputMode="numeric" defaultValue={v.hours} error={e.hours} />
        <SelectField name="mode" label={t("training.field.mode")} required options={MODES.map((m) => ({ value: m, label: t(`training.mode.${m}`) }))} defaultValue={v.mode} error={e.mode} />
        <SelectField name="county" label={t("training.field.county")} required options={o.counties} defaultValue={v.county} error={e.county} />
      </FormSection>
      <FormSection title={t("training.section.dates")}>
        <DateField name="startsOn" label={t("training.field.startsOn")} required typed={typed ? v.startsOn : null} iso={typed ? null : v.startsOn} error={e.startsOn} />
        <DateField name="endsOn" label={t("training.field.endsOn")} required typed={typed ? v.endsOn : null} iso={typed ? null : v.endsOn} error={e.endsOn} />
        <TextField name="capacity" label={t("training.field.capacity")} required inputMode="numeric" defaultValue={v.capacity} error={e.capacity} />
        <TextField name="fee" label={t("training.field.fee")} inputMode="numeric" defaultValue={v.fee} error={e.fee} hint={t("training.field.feeHint")} />
      </FormSection>
      <FormSection title={t("training.section.eligibility")}>
        <CheckboxGroup name="priorityGroups" legend={t("training.field.priorityGroups")} options={o.groups} optional checked={lists.priorityGroups ?? []} error={e.priorityGroups} />
        <SelectField name="minEducation" label={t("training.field.minEducation")} required options={EDUCATION.map((m) => ({ value: m, label: t(`training.education.${m}`) }))} defaultValue={v.minEducation ?? "none"} error={e.minEducation} />
      </FormSection>
    </>
  );
}
