import { useNavigation } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { useT } from "~/i18n";

// Which button sent the form being submitted: a page often has several forms (the case page has a
// dozen), and only the button that was pressed shows "sending…" (issue 11 item 8). The browser's
// submit event names it (`submitter`); when a script submits without a button, its form stands in.
let lastSubmitter: HTMLElement | null = null;
let lastForm: HTMLFormElement | null = null;
if (typeof document !== "undefined") {
  document.addEventListener(
    "submit",
    (e) => {
      lastSubmitter = (e as SubmitEvent).submitter ?? null;
      lastForm = e.target instanceof HTMLFormElement ? e.target : null;
    },
    true,
  );
}

/** Whether this button's press is the submission in flight (pure apart from the two captured elements). */
export function isThisSubmission(
  button: HTMLButtonElement | null,
  sent: { submitter: HTMLElement | null; form: HTMLFormElement | null },
  nav: { name?: string; value?: string; formData?: FormData },
): boolean {
  if (!button) return false;
  if (sent.submitter) return sent.submitter === button;
  if (sent.form) return button.form === sent.form && (nav.name === undefined || nav.formData?.get(nav.name) === nav.value);
  return false;
}

/** A submit button that shows a pending state while its own press is being submitted. */
export function SubmitButton({
  children, pendingLabel, name, value, variant = "primary", formAction,
}: { children: ReactNode; pendingLabel?: string; name?: string; value?: string; variant?: "primary" | "secondary" | "danger"; formAction?: string }) {
  const t = useT();
  const nav = useNavigation();
  const ref = useRef<HTMLButtonElement>(null);
  const pending =
    nav.state === "submitting" &&
    isThisSubmission(ref.current, { submitter: lastSubmitter, form: lastForm }, { name, value, formData: nav.formData });
  const styles = {
    primary: "bg-brand-700 text-white hover:bg-brand-800",
    secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[variant];
  return (
    <button
      ref={ref}
      type="submit"
      name={name}
      value={value}
      formAction={formAction}
      disabled={pending}
      aria-disabled={pending || undefined}
      className={`inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-md px-4 py-2 font-medium disabled:opacity-70 ${styles}`}
    >
      {pending ? (pendingLabel ?? t("common.submitting")) : children}
    </button>
  );
}
