import { useLocale, useT } from "~/i18n";
import { SelectField, TextField } from "~/ui/Field";
import { ENTERPRISE_KINDS, SIZE_CLASSES } from "../schema";
import type { ReferenceNames } from "../service.server";
import { pickable } from "../names";

// An enterprise's details (the new-enterprise and edit forms share them).
export function EnterpriseFields({ v, e, names }: { v: Record<string, string>; e: Record<string, string>; names: ReferenceNames }) {
  const t = useT();
  const locale = useLocale();
  // Deactivated counties, sectors and agencies are not offered, except the enterprise's own (issue 11 item 10).
  const opts = (list: ReferenceNames["county"], current?: string) => pickable(list, current).map((n) => ({ value: n.code, label: locale === "fa" ? n.fa : n.en }));
  return (
    <>
      <TextField name="name" label={t("employment.enterprise.name")} required defaultValue={v.name} error={e.name} />
      <TextField name="registrationNo" label={t("employment.enterprise.registrationNo")} hint={t("employment.enterprise.identityHint")} dir="ltr" defaultValue={v.registrationNo} error={e.registrationNo} />
      <TextField name="nationalId" label={t("employment.enterprise.nationalId")} dir="ltr" inputMode="numeric" defaultValue={v.nationalId} error={e.nationalId} />
      <SelectField name="kind" label={t("employment.enterprise.kind")} required defaultValue={v.kind} error={e.kind} options={ENTERPRISE_KINDS.map((k) => ({ value: k, label: t(`employment.kind.${k}`) }))} />
      <SelectField name="county" label={t("employment.filter.county")} required defaultValue={v.county} error={e.county} options={opts(names.county, v.county)} />
      <SelectField name="sector" label={t("employment.enterprise.sector")} required defaultValue={v.sector} error={e.sector} options={opts(names.sector, v.sector)} />
      <SelectField name="agency" label={t("employment.filter.agency")} defaultValue={v.agency} error={e.agency} options={opts(names.agency, v.agency)} />
      <SelectField name="sizeClass" label={t("employment.enterprise.sizeClass")} required defaultValue={v.sizeClass} error={e.sizeClass} options={SIZE_CLASSES.map((k) => ({ value: k, label: t(`employment.size.${k}`) }))} />
      <TextField name="baselineHeadcount" label={t("employment.enterprise.baseline")} inputMode="numeric" dir="ltr" defaultValue={v.baselineHeadcount} error={e.baselineHeadcount} />
    </>
  );
}
