import { useT } from "~/i18n";
import { toJalaliInput } from "~/i18n/format";
import { CheckboxGroup, SelectField, TextArea, TextField } from "~/ui/Field";
import { SIZE_CLASSES } from "~/modules/employment/schema";
import type { FormState } from "~/lib/forms";
import { CERTIFICATE_TYPES, CHALLENGE_CATEGORIES, VISIBILITIES } from "../workflow";

// The fields of the profile and challenge forms (shared by the new and edit pages). `v` is what was
// typed (after a failed submit) or the record's values; `lists` the checked boxes.

type Options = { value: string; label: string }[];
interface Labels { counties: Options; sectors: Options; domains: Options }
interface FieldsProps {
  v: Record<string, string | undefined>;
  lists: Record<string, readonly string[]>;
  e: FormState["errors"];
  labels: Labels;
}

const dateHint = "partnerships.hint.date";

export function CompanyFields({ v, lists, e, labels }: FieldsProps) {
  const t = useT();
  return (
    <>
      <TextField name="name" label={t("partnerships.company.name")} required defaultValue={v.name} error={e.name} maxLength={200} />
      <TextField name="nameEn" label={t("partnerships.company.nameEn")} defaultValue={v.nameEn} error={e.nameEn} maxLength={200} dir="ltr" />
      <TextField name="registrationNo" label={t("partnerships.field.registrationNo")} required defaultValue={v.registrationNo} error={e.registrationNo} dir="ltr" inputMode="numeric" hint={t("partnerships.hint.registrationNo")} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField name="certificateNo" label={t("partnerships.company.certificateNo")} required defaultValue={v.certificateNo} error={e.certificateNo} dir="ltr" />
        <SelectField name="certificateType" label={t("partnerships.company.certificateType")} required defaultValue={v.certificateType} error={e.certificateType}
          options={CERTIFICATE_TYPES.map((c) => ({ value: c, label: t(`partnerships.certificateType.${c}`) }))} />
        <TextField name="certificateExpiresOn" label={t("partnerships.company.certificateExpiresOn")} required defaultValue={v.certificateExpiresOn} error={e.certificateExpiresOn} hint={t(dateHint)} dir="ltr" />
      </div>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField name="county" label={t("partnerships.field.county")} required defaultValue={v.county} error={e.county} options={labels.counties} />
        <SelectField name="sector" label={t("partnerships.company.sector")} required defaultValue={v.sector} error={e.sector} options={labels.sectors} />
        <TextField name="employees" label={t("partnerships.field.employees")} required defaultValue={v.employees} error={e.employees} inputMode="numeric" />
      </div>
      <CheckboxGroup name="domains" legend={t("partnerships.company.domains")} options={labels.domains} checked={lists.domains ?? []} error={e.domains} />
      <CheckboxGroup name="sectorsServed" legend={t("partnerships.company.sectorsServed")} options={labels.sectors} checked={lists.sectorsServed ?? []} error={e.sectorsServed} />
      <TextArea name="portfolio" label={t("partnerships.company.portfolio")} defaultValue={v.portfolio} error={e.portfolio} rows={5} maxLength={4000} hint={t("partnerships.hint.portfolio")} />
      {v.version && <input type="hidden" name="version" value={v.version} />}
    </>
  );
}

export function IndustryFields({ v, e, labels }: FieldsProps) {
  const t = useT();
  return (
    <>
      <TextField name="name" label={t("partnerships.industry.name")} required defaultValue={v.name} error={e.name} maxLength={200} />
      <TextField name="nameEn" label={t("partnerships.company.nameEn")} defaultValue={v.nameEn} error={e.nameEn} maxLength={200} dir="ltr" />
      <TextField name="registrationNo" label={t("partnerships.field.registrationNo")} required defaultValue={v.registrationNo} error={e.registrationNo} dir="ltr" inputMode="numeric" hint={t("partnerships.hint.registrationNo")} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField name="sector" label={t("partnerships.industry.sector")} required defaultValue={v.sector} error={e.sector} options={labels.sectors} />
        <SelectField name="sizeClass" label={t("partnerships.industry.sizeClass")} required defaultValue={v.sizeClass} error={e.sizeClass}
          options={SIZE_CLASSES.map((s) => ({ value: s, label: t(`partnerships.size.${s}`) }))} />
        <SelectField name="county" label={t("partnerships.field.county")} required defaultValue={v.county} error={e.county} options={labels.counties} />
        <TextField name="employees" label={t("partnerships.field.employees")} required defaultValue={v.employees} error={e.employees} inputMode="numeric" />
      </div>
      <TextArea name="mainProducts" label={t("partnerships.industry.mainProducts")} required defaultValue={v.mainProducts} error={e.mainProducts} rows={3} maxLength={2000} />
      {v.version && <input type="hidden" name="version" value={v.version} />}
    </>
  );
}

export function ChallengeFields({ v, lists, e, labels, industries }: FieldsProps & { industries?: Options }) {
  const t = useT();
  return (
    <>
      {industries && industries.length > 1 && (
        <SelectField name="industryId" label={t("partnerships.challenge.industry")} required defaultValue={v.industryId} error={e.industryId} options={industries} />
      )}
      <SelectField name="category" label={t("partnerships.challenge.category")} required defaultValue={v.category} error={e.category}
        options={CHALLENGE_CATEGORIES.map((c) => ({ value: c, label: t(`partnerships.category.${c}`) }))} />
      <TextField name="title" label={t("partnerships.challenge.title")} required defaultValue={v.title} error={e.title} maxLength={200} />
      <TextArea name="description" label={t("partnerships.challenge.description")} required defaultValue={v.description} error={e.description} rows={5} maxLength={5000} />
      <TextArea name="currentFigures" label={t("partnerships.challenge.currentFigures")} defaultValue={v.currentFigures} error={e.currentFigures} rows={2} maxLength={2000} hint={t("partnerships.hint.currentFigures")} />
      <TextArea name="expectedResult" label={t("partnerships.challenge.expectedResult")} required defaultValue={v.expectedResult} error={e.expectedResult} rows={2} maxLength={1000} hint={t("partnerships.hint.expectedResult")} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField name="budgetMin" label={t("partnerships.challenge.budgetMin")} required defaultValue={v.budgetMin} error={e.budgetMin} inputMode="numeric" hint={t("partnerships.hint.million")} />
        <TextField name="budgetMax" label={t("partnerships.challenge.budgetMax")} required defaultValue={v.budgetMax} error={e.budgetMax} inputMode="numeric" hint={t("partnerships.hint.million")} />
        <TextField name="deadline" label={t("partnerships.challenge.deadline")} required defaultValue={v.deadline} error={e.deadline} hint={t(dateHint)} dir="ltr" />
      </div>
      <SelectField name="visibility" label={t("partnerships.challenge.visibility")} required defaultValue={v.visibility} error={e.visibility}
        options={VISIBILITIES.map((x) => ({ value: x, label: t(`partnerships.visibility.${x}`) }))} />
      <CheckboxGroup name="domains" legend={t("partnerships.challenge.domains")} options={labels.domains} checked={lists.domains ?? []} error={e.domains} hint={t("partnerships.hint.domains")} />
      {v.version && <input type="hidden" name="version" value={v.version} />}
    </>
  );
}

/** A stored date as the date field shows it (Jalali, in the reader's digits). */
export const asFormDate = (iso: string | null | undefined, locale: "fa" | "en") => toJalaliInput(iso ?? "", locale);
