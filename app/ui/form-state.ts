import { useActionData } from "@remix-run/react";
import type { FieldErrors, FormState } from "~/lib/forms";

const EMPTY: FormState = { errors: {}, values: {}, lists: {} };

/**
 * The answer of the last failed submit (see formAction in ~/lib/form-action.server), for the form
 * tagged `intent` (a page with several forms shows each answer on its own form). Empty when the
 * last answer belongs to another form or there was none.
 */
export function useFormState(intent?: string): FormState & { failed: boolean; formError: string | null; all(name: string): string[] } {
  const r = useActionData() as Partial<FormState> | undefined;
  const mine = r && r.errors && (intent == null || r.intent === intent) ? { ...EMPTY, ...r } as FormState : EMPTY;
  return {
    ...mine,
    failed: mine !== EMPTY,
    formError: formErrorOf(mine.errors),
    all: (name) => mine.lists[name] ?? (mine.values[name] != null ? [mine.values[name]] : []),
  };
}

/** The message to show above a form: its own error, or "see the fields below" when only fields failed. */
export function formErrorOf(errors: FieldErrors): string | null {
  if (errors._form) return errors._form;
  return Object.keys(errors).length ? "error.form" : null;
}
