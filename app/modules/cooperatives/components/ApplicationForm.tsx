import { Form } from "@remix-run/react";
import { useId } from "react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { FormError, SelectField, TextArea, TextField } from "~/ui/Field";
import { SubmitButton } from "~/ui/SubmitButton";
import type { FormState } from "~/lib/forms";
import { COOP_TYPES, MEMBER_ROLES } from "../rules";

// The formation application form (new and edit). Works without JavaScript: "add a member row" and
// "remove this row" are submit buttons the action answers with the same form, one row more or less,
// everything typed kept. Messages of a member row are keyed members.<row>.<field> and listed in a
// summary that names the row.

type Opt = { value: string; fa: string; en: string };
export interface ApplicationFormProps {
  values: Record<string, string>;
  lists: Record<string, string[]>;
  errors: Record<string, string>;
  options: { counties: Opt[]; sectors: Opt[] };
  rules: { minMembers: number; minCapital: number; maxShare: { num: number; den: number }; minBoard: number; minInspectors: number; allowedTypes: string[] };
}

const MEMBER_FIELDS = ["fullName", "nationalId", "mobile", "share", "role"] as const;
const inputClass = "block w-full rounded-md border border-slate-400 bg-white px-2 py-1 text-start text-slate-900 aria-[invalid=true]:border-red-600";

function MemberRow({ i, v, e }: { i: number; v: Record<string, string>; e: (f: string) => string | undefined }) {
  const t = useT();
  const id = useId();
  const field = (f: (typeof MEMBER_FIELDS)[number], name: string, extra: Record<string, unknown> = {}) => (
    <div key={f}>
      <label htmlFor={`${id}-${f}`} className="block text-sm font-medium text-slate-800">{t(`coop.member.${f}`)}</label>
      {f === "role" ? (
        <select id={`${id}-${f}`} name={name} defaultValue={v[f] || "founder"} className={inputClass} aria-invalid={e(f) ? true : undefined} aria-describedby={e(f) ? `${id}-${f}-e` : undefined}>
          {MEMBER_ROLES.map((r) => <option key={r} value={r}>{t(`coop.role.${r}`)}</option>)}
        </select>
      ) : (
        <input id={`${id}-${f}`} name={name} defaultValue={v[f] ?? ""} className={inputClass} aria-invalid={e(f) ? true : undefined} aria-describedby={e(f) ? `${id}-${f}-e` : undefined} {...extra} />
      )}
      {e(f) && <p id={`${id}-${f}-e`} className="text-sm font-medium text-red-700">{t(e(f)!)}</p>}
    </div>
  );
  return (
    <fieldset className="mb-3 rounded-md border border-slate-300 p-3" data-testid={`member-row-${i}`}>
      <legend className="px-1 font-semibold">{t("coop.member.row", { n: i + 1 })}</legend>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-5">
        {field("fullName", "memberName")}
        {field("nationalId", "memberNationalId", { dir: "ltr", inputMode: "numeric" })}
        {field("mobile", "memberMobile", { dir: "ltr", inputMode: "tel" })}
        {field("share", "memberShare", { dir: "ltr", inputMode: "numeric" })}
        {field("role", "memberRole")}
      </div>
      <div className="mt-2">
        <SubmitButton name="intent" value={`remove:${i}`} variant="secondary">{t("coop.member.remove", { n: i + 1 })}</SubmitButton>
      </div>
    </fieldset>
  );
}

export function ApplicationForm({ values: v, lists, errors, options, rules }: ApplicationFormProps) {
  const t = useT();
  const locale = useLocale();
  const col = (name: string) => lists[name] ?? (v[name] != null ? [v[name]] : []);
  const cols = { fullName: col("memberName"), nationalId: col("memberNationalId"), mobile: col("memberMobile"), share: col("memberShare"), role: col("memberRole") };
  const typed = Math.max(...Object.values(cols).map((c) => c.length));
  const n = v.rows != null ? Math.max(typed, Number(v.rows) || 0) : Math.max(typed, rules.minMembers);
  const rowErrors = Object.entries(errors).filter(([k]) => k.startsWith("members."));
  const opt = (o: Opt) => ({ value: o.value, label: locale === "fa" ? o.fa : o.en });
  return (
    <Form method="post" noValidate>
      {/* Enter in a field saves the draft (the first submit button of a form is its default). */}
      <button type="submit" name="intent" value="save" tabIndex={-1} className="sr-only">{t("coop.saveDraft")}</button>
      <FormError error={errors._form ?? (Object.keys(errors).length ? "error.form" : null)} />
      {rowErrors.length > 0 && (
        <ul className="mb-4 list-disc ps-6 text-red-800" data-testid="row-errors">
          {rowErrors.map(([k, m]) => {
            const [, row, f] = k.split(".");
            return <li key={k}>{t("coop.member.rowError", { n: formatNumber(locale, Number(row) + 1), field: t(`coop.member.${f}`), message: t(m) })}</li>;
          })}
        </ul>
      )}
      <input type="hidden" name="version" value={v.version ?? ""} />
      <input type="hidden" name="ideaId" value={v.ideaId ?? ""} />
      <input type="hidden" name="rows" value={String(n)} />
      <p className="mb-4 text-sm text-slate-700" data-testid="coop-rules">
        {t("coop.rules.summary", {
          members: formatNumber(locale, rules.minMembers), capital: formatNumber(locale, rules.minCapital),
          share: `${formatNumber(locale, rules.maxShare.num)}/${formatNumber(locale, rules.maxShare.den)}`,
          board: formatNumber(locale, rules.minBoard), inspectors: formatNumber(locale, rules.minInspectors),
        })}
      </p>
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
        <TextField name="name1" label={t("coop.field.name1")} required defaultValue={v.name1} error={errors.name1} />
        <TextField name="name2" label={t("coop.field.name2")} defaultValue={v.name2} error={errors.name2} />
        <TextField name="name3" label={t("coop.field.name3")} defaultValue={v.name3} error={errors.name3} />
      </div>
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <SelectField name="typeCode" required label={t("coop.field.type")} defaultValue={v.typeCode} error={errors.typeCode}
          options={COOP_TYPES.filter((c) => rules.allowedTypes.includes(c) || c === v.typeCode).map((c) => ({ value: c, label: t(`coop.type.${c}`) }))} />
        <SelectField name="sector" required label={t("coop.field.sector")} defaultValue={v.sector} error={errors.sector} options={options.sectors.map(opt)} />
        <TextField name="isicCode" label={t("coop.field.isic")} defaultValue={v.isicCode} error={errors.isicCode} dir="ltr" inputMode="numeric" />
        <SelectField name="county" required label={t("coop.field.county")} defaultValue={v.county} error={errors.county} options={options.counties.map(opt)} />
      </div>
      <TextArea name="activity" required label={t("coop.field.activity")} defaultValue={v.activity} error={errors.activity} rows={3} />
      <TextArea name="address" required label={t("coop.field.address")} defaultValue={v.address} error={errors.address} rows={2} />
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
        <TextField name="capital" required label={t("coop.field.capital")} defaultValue={v.capital} error={errors.capital} dir="ltr" inputMode="numeric" />
        <TextField name="jobsMembers" label={t("coop.field.jobsMembers")} defaultValue={v.jobsMembers} error={errors.jobsMembers} dir="ltr" inputMode="numeric" />
        <TextField name="jobsHires" label={t("coop.field.jobsHires")} defaultValue={v.jobsHires} error={errors.jobsHires} dir="ltr" inputMode="numeric" />
      </div>
      <h2 className="mb-2 mt-4 text-lg font-semibold">{t("coop.members")}</h2>
      {errors.members && <p className="mb-2 font-medium text-red-700" role="alert">{t(errors.members, { n: formatNumber(locale, rules.minMembers) })}</p>}
      {errors.roles && <p className="mb-2 font-medium text-red-700" role="alert">{t(errors.roles, { board: formatNumber(locale, rules.minBoard), inspectors: formatNumber(locale, rules.minInspectors) })}</p>}
      {Array.from({ length: n }, (_, i) => (
        <MemberRow key={i} i={i} v={Object.fromEntries(MEMBER_FIELDS.map((f) => [f, cols[f][i] ?? ""]))} e={(f) => errors[`members.${i}.${f}`]} />
      ))}
      <div className="mb-6"><SubmitButton name="intent" value="addRow" variant="secondary">{t("coop.member.add")}</SubmitButton></div>
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="save" variant="secondary">{t("coop.saveDraft")}</SubmitButton>
        <SubmitButton name="intent" value="send">{t("coop.send")}</SubmitButton>
      </div>
    </Form>
  );
}

export type { FormState };
