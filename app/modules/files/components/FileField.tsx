import { useEffect, useId, useState } from "react";
import { useLocale, useT } from "~/i18n";
import { ACCEPT_ATTRIBUTE } from "../types";

/**
 * A file input with its label, hint and field error (the size limit fills `{mb}` in messages).
 * The browser's own picker says "Choose Files / No file chosen" in the browser's language, whatever
 * the page's: the native input is visually hidden (still focusable, still the labelled control) and a
 * second label styled as a button opens it, which works without JavaScript. With JavaScript the
 * chosen names are shown; without, the browser still sends the files.
 */
export function FileField({ name, label, error, maxMb, required, multiple, hint: extraHint }: { name: string; label: string; error?: string | null; maxMb: number; required?: boolean; multiple?: boolean; hint?: string }) {
  const t = useT();
  const id = useId();
  const locale = useLocale();
  const [chosen, setChosen] = useState<string[]>([]);
  // The chosen names need the script; without it the line would say "no file chosen" after a choice.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const hint = extraHint ? `${t("files.hint", { mb: maxMb })}. ${extraHint}` : t("files.hint", { mb: maxMb });
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block font-medium text-slate-800">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <input
          id={id}
          name={name}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          required={required}
          multiple={multiple}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(" ")}
          onChange={(e) => setChosen([...(e.currentTarget.files ?? [])].map((f) => f.name))}
          className="peer sr-only"
        />
        {/* A second label of the same input (valid HTML; aria-hidden on a label is not): a click opens the
            picker without JavaScript, and the input's name reads "<field>, choose a file". */}
        <label
          htmlFor={id}
          data-testid="file-button"
          className="inline-flex min-h-11 cursor-pointer items-center rounded-md border border-slate-500 bg-slate-100 px-4 py-2 font-medium text-slate-900 hover:bg-slate-200 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-brand-700 peer-aria-[invalid=true]:border-red-600"
        >
          {t(multiple ? "files.chooseMany" : "files.choose")}
        </label>
        {live && (
          <span className="text-sm text-slate-700" aria-live="polite" data-testid="file-chosen">
            {chosen.length ? chosen.join(locale === "fa" ? "، " : ", ") : t(multiple ? "files.noneChosenMany" : "files.noneChosen")}
          </span>
        )}
      </div>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">{hint}</p>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700" role="alert">
          {t(error, { mb: maxMb })}
        </p>
      )}
    </div>
  );
}
