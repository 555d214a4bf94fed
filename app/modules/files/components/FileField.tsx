import { useId } from "react";
import { useT } from "~/i18n";
import { ACCEPT_ATTRIBUTE } from "../types";

/** A file input with its label, hint and field error (the size limit fills `{mb}` in messages). */
export function FileField({ name, label, error, maxMb, required, multiple, hint: extraHint }: { name: string; label: string; error?: string | null; maxMb: number; required?: boolean; multiple?: boolean; hint?: string }) {
  const t = useT();
  const id = useId();
  const hint = extraHint ? `${t("files.hint", { mb: maxMb })}. ${extraHint}` : t("files.hint", { mb: maxMb });
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        required={required}
        multiple={multiple}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(" ")}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-start text-slate-900 file:me-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1 aria-[invalid=true]:border-red-600"
      />
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">{hint}</p>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700" role="alert">
          {t(error, { mb: maxMb })}
        </p>
      )}
    </div>
  );
}
