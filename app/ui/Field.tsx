import { useId, type ReactNode } from "react";
import { useLocale, useT } from "~/i18n";
import { toJalaliInput } from "~/i18n/format";

interface BaseProps {
  name: string;
  label: string;
  error?: string | null;
  hint?: string;
  required?: boolean;
}

function Wrapper({ id, label, error, hint, required, children }: BaseProps & { id: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block font-medium text-slate-800">
        {label}
        {!required && <span className="ms-1 text-sm font-normal text-slate-600">{t("common.optional")}</span>}
      </label>
      {children}
      {hint && <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700" role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}

const inputClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-start text-slate-900 focus:border-brand-600 aria-[invalid=true]:border-red-600";

function describedBy(id: string, error?: string | null, hint?: string) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

export function TextField(
  props: BaseProps & { type?: string; defaultValue?: string | number | null; autoComplete?: string; dir?: "ltr" | "rtl" | "auto"; inputMode?: "text" | "numeric" | "email" | "tel"; placeholder?: string; maxLength?: number },
) {
  const id = useId();
  return (
    <Wrapper {...props} id={id}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue ?? undefined}
        autoComplete={props.autoComplete}
        dir={props.dir}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        className={inputClass}
      />
    </Wrapper>
  );
}

/**
 * A Jalali date field: what was typed comes back as typed (`typed`), else the stored ISO date (`iso`)
 * in the reader's digits; the hint gives an example in the reader's digits.
 */
export function DateField(props: BaseProps & { typed?: string | null; iso?: string | Date | null }) {
  const t = useT();
  const locale = useLocale();
  const { typed, iso, ...rest } = props;
  return <TextField {...rest} dir="ltr" hint={props.hint ?? t("common.dateHint")} defaultValue={typed ?? toJalaliInput(iso, locale)} />;
}

export function TextArea(props: BaseProps & { defaultValue?: string | null; rows?: number; maxLength?: number }) {
  const id = useId();
  return (
    <Wrapper {...props} id={id}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={props.defaultValue ?? undefined}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        className={inputClass}
      />
    </Wrapper>
  );
}

export function SelectField(
  props: BaseProps & { options: { value: string; label: string; group?: string }[]; defaultValue?: string | null; placeholder?: string },
) {
  const id = useId();
  // Options that name a group are shown under it (<optgroup>), in the order given.
  const groups: { label?: string; options: typeof props.options }[] = [];
  for (const o of props.options) {
    const last = groups[groups.length - 1];
    if (last && last.label === o.group) last.options.push(o);
    else groups.push({ label: o.group, options: [o] });
  }
  const item = (o: { value: string; label: string }) => <option key={o.value} value={o.value}>{o.label}</option>;
  return (
    <Wrapper {...props} id={id}>
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        className={inputClass}
      >
        {/* one empty choice: the list's own ("all") when it has one, else the placeholder (two would both be selected) */}
        {!props.options.some((o) => o.value === "") && <option value="">{props.placeholder ?? "—"}</option>}
        {groups.map((g, i) => (g.label ? <optgroup key={`g${i}`} label={g.label}>{g.options.map(item)}</optgroup> : g.options.map(item)))}
      </select>
    </Wrapper>
  );
}

export function FormError({ error }: { error?: string | null }) {
  const t = useT();
  if (!error) return null;
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
      {t(error)}
    </div>
  );
}

/**
 * A group of checkboxes with a legend (the one way to offer several choices: keyboard reachable, hint
 * and error tied to the group, the error announced). `optional` marks the legend as a text field's label is.
 */
export function CheckboxGroup({ name, legend, options, checked, error, hint, optional }: {
  name: string; legend: string; options: readonly { value: string; label: string }[]; checked: readonly string[]; error?: string | null; hint?: string; optional?: boolean;
}) {
  const t = useT();
  const id = useId();
  const chosen = new Set(checked);
  return (
    <fieldset className="mb-4" aria-describedby={describedBy(id, error, hint)}>
      <legend className="mb-1 font-medium text-slate-800">
        {legend}
        {optional && <span className="ms-1 text-sm font-normal text-slate-600">{t("common.optional")}</span>}
      </legend>
      {hint && <p id={`${id}-hint`} className="mb-1 text-sm text-slate-600">{hint}</p>}
      <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2">
            <input type="checkbox" name={name} value={o.value} defaultChecked={chosen.has(o.value)} className="h-4 w-4" />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error && <p id={`${id}-error`} role="alert" className="mt-1 text-sm font-medium text-red-700">{t(error)}</p>}
    </fieldset>
  );
}

/** A titled part of a long form (a fieldset with its legend as the part's heading). */
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="mb-6 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-lg font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}
