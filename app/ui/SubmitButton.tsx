import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n";

/** A submit button that shows a pending state while its form is submitting. */
export function SubmitButton({
  children, pendingLabel, name, value, variant = "primary", formAction,
}: { children: ReactNode; pendingLabel?: string; name?: string; value?: string; variant?: "primary" | "secondary" | "danger"; formAction?: string }) {
  const t = useT();
  const nav = useNavigation();
  const pending =
    nav.state === "submitting" &&
    (name === undefined || nav.formData?.get(name) === value) &&
    (formAction === undefined || nav.formAction === formAction);
  const styles = {
    primary: "bg-brand-700 text-white hover:bg-brand-800",
    secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[variant];
  return (
    <button
      type="submit"
      name={name}
      value={value}
      formAction={formAction}
      disabled={pending}
      aria-disabled={pending || undefined}
      className={`inline-flex items-center gap-2 rounded-md px-4 py-2 font-medium disabled:opacity-70 ${styles}`}
    >
      {pending ? (pendingLabel ?? t("common.submitting")) : children}
    </button>
  );
}
