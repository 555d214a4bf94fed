import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import { setFlash } from "./flash.server";
import { parseForm, schemaFields, typedValues, type FormState } from "./forms";
import { badRequest, httpError, httpErrorStatus, isHttpError } from "./http";

// The one way to write a form action (docs/conventions.md):
//
//   export async function action({ request, context, params }: ActionFunctionArgs) {
//     const actor = await requireUser(request, context);
//     return formAction(await readForm(request), ideaSchema, async (v) => {
//       const id = await saveIdea(actor, v);
//       return redirectWithFlash(`/ideas/${id}`, "ideas.saved");
//     });
//   }
//
// - The form is parsed with the schema; a failure answers 400 with one message per field.
// - A service's 400 (field errors) or 409 (stale form, illegal step) answers with the same status;
//   every message lands on a field the form shows or on the form itself: an error naming a field
//   the schema does not have (so the form cannot show it) is moved to the form.
// - What the user typed comes back as typed (`values`, `lists` for repeated fields; never passwords).
// - 403 and 404 are thrown on to the error page; anything else is a bug and stays a 500.
// - `intent` tags the answer so a page with several forms shows it on the right one.
// - `fields` adds fields the form shows beyond the schema's (a file input, a duplicate's link);
//   `visible`, when given, is every field the form shows (hidden inputs such as `version` or a
//   row id are in the schema but not on screen): every error, the schema's own included, lands on
//   one of these or on the form.
// - `rename` moves a service's field error to the form's name for it (the files module says `file`;
//   a form's input may be `evidence`).
// In the component: `const f = useFormState("intent")` from ~/ui/form-state.

/**
 * Reads a urlencoded or multipart body; anything else (JSON, text/plain, a broken body) is a 415 or
 * 400 with a message, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw httpError(415, "error.unsupportedMedia");
  }
  try {
    return await request.formData();
  } catch {
    throw badRequest("error.badForm");
  }
}

export async function redirectWithFlash(to: string, messageKey: string, kind: "success" | "error" = "success") {
  return redirect(to, { headers: { "Set-Cookie": await setFlash(messageKey, kind) } });
}

/** The failure answer of a form action (also for routes that check something before the schema). */
export function formFailure(state: Omit<FormState, "lists"> & { lists?: FormState["lists"] }, status = 400) {
  return data<FormState>({ lists: {}, ...state }, { status });
}

/** Places a service's field errors: fields the form has keep theirs, the rest go to the form. */
export function placeErrors(fields: ReadonlySet<string> | null, fieldErrors: Record<string, string> | undefined, messageKey: string) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fieldErrors ?? {})) {
    const top = k.split(".")[0];
    if (k === "_form" || !fields || fields.has(k) || fields.has(top)) out[k] = v;
    else out._form ??= v;
  }
  if (Object.keys(out).length === 0) out._form = messageKey;
  return out;
}

export async function formAction<S extends z.ZodTypeAny, R = Response>(
  form: FormData,
  schema: S,
  run: (data: z.infer<S>) => Promise<R>,
  opts: { intent?: string; fields?: readonly string[]; visible?: readonly string[]; rename?: Readonly<Record<string, string>> } = {},
) {
  const { values, lists } = typedValues(form);
  const intent = opts.intent;
  const shown = opts.visible ? new Set(opts.visible) : null;
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return formFailure({ intent, errors: shown ? placeErrors(shown, parsed.errors, "error.form") : parsed.errors, values, lists });
  try {
    return await run(parsed.data);
  } catch (e) {
    if (!isHttpError(e)) throw e;
    const status = httpErrorStatus(e);
    if (status !== 400 && status !== 409 && status !== 422) throw e;
    const known = shown ?? schemaFields(schema);
    if (known && opts.fields) for (const f of opts.fields) known.add(f);
    const fieldErrors = opts.rename && e.data.fieldErrors
      ? Object.fromEntries(Object.entries(e.data.fieldErrors).map(([k, v]) => [opts.rename?.[k] ?? k, v]))
      : e.data.fieldErrors;
    return formFailure({ intent, errors: placeErrors(known, fieldErrors, e.data.messageKey), values, lists }, status);
  }
}
