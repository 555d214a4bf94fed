import { z } from "zod";
import { normalise, normaliseMobile, normaliseText, isValidNationalId, normaliseNationalId } from "~/i18n/normalise";
import { parseJalaliDate } from "~/i18n/format";
import { catalogs } from "~/i18n/catalog";

// Field builders for zod schemas shared by forms and actions; every message is an i18n key.
// Free text (`text`, `optionalText`) is stored as typed through normaliseText(): Arabic ي/ك become
// Persian, zero-width and control characters go, digits stay in the script the user typed them in.
// Values that are parsed (numbers, dates, identifiers, codes) go through normalise(), which also
// folds digits to ASCII; search columns use searchForm().

export const text = (max = 200) =>
  z.preprocess((v) => normaliseText(typeof v === "string" ? v : ""), z.string().min(1, "error.required").max(max, "error.tooLong"));

export const optionalText = (max = 2000) =>
  z.preprocess(
    (v) => {
      const s = normaliseText(typeof v === "string" ? v : "");
      return s === "" ? undefined : s;
    },
    z.string().max(max, "error.tooLong").optional(),
  );

export const email = () =>
  z.preprocess(
    (v) => normalise(typeof v === "string" ? v : "").toLowerCase(),
    z.string().min(1, "error.required").max(254, "error.tooLong").email("error.invalidEmail"),
  );

export const password = () =>
  z.string({ required_error: "error.required" }).min(8, "error.passwordTooShort").max(128, "error.tooLong");

export const mobile = () =>
  z.preprocess(
    (v) => {
      const s = normalise(typeof v === "string" ? v : "");
      if (s === "") return undefined;
      return normaliseMobile(s) ?? "invalid";
    },
    z.string().regex(/^09\d{9}$/, "error.invalidMobile").optional(),
  );

export const nationalId = () =>
  z.preprocess(
    (v) => normaliseNationalId(typeof v === "string" ? v : ""),
    z.string().min(1, "error.required").refine(isValidNationalId, "error.invalidNationalId"),
  );

export const int = (min = 0, max = 1_000_000_000) =>
  z.preprocess(
    (v) => {
      const s = normalise(typeof v === "string" ? v : v == null ? "" : String(v)).replace(/[,٬،\s]/g, "");
      if (s === "") return undefined;
      return /^-?\d+$/.test(s) ? Number(s) : NaN;
    },
    z.number({ required_error: "error.required", invalid_type_error: "error.invalidNumber" })
      .int("error.invalidNumber").min(min, "error.numberTooSmall").max(max, "error.numberTooLarge"),
  );

export const jalaliDate = () =>
  z.preprocess(
    (v) => {
      const s = normalise(typeof v === "string" ? v : "");
      if (s === "") return undefined;
      return parseJalaliDate(s) ?? "invalid";
    },
    z.string({ required_error: "error.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "error.invalidDate"),
  );

export const checkbox = () => z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** A form of buttons only (disable, retry...): formAction still maps the service's refusal onto the form. */
export const noFields = z.object({});

export type FieldErrors = Record<string, string>;

/** What a form action answers on failure: messages per field (`_form` for the form) and what was typed. */
export interface FormState {
  intent?: string;
  errors: FieldErrors;
  /** Each field's typed text (the first value of repeated fields); passwords and files never. */
  values: Record<string, string>;
  /** Every value of fields sent more than once (checkbox groups, member rows). */
  lists: Record<string, string[]>;
}

/** The typed text of a form, as typed (no normalising), for echoing back. */
export function typedValues(form: FormData): { values: Record<string, string>; lists: Record<string, string[]> } {
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || /password/i.test(k)) continue;
    if (k in values) (lists[k] ??= [values[k]]).push(v);
    else values[k] = v;
  }
  return { values, lists };
}

/** The top-level field names of an object schema (through preprocess/refine wrappers), or null. */
export function schemaFields(schema: z.ZodTypeAny): Set<string> | null {
  let s: z.ZodTypeAny = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodObject) return new Set(Object.keys(s.shape as object));
    if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodIntersection) {
      const a = schemaFields(s._def.left), b = schemaFields(s._def.right);
      return a && b ? new Set([...a, ...b]) : null;
    } else if (s instanceof z.ZodDiscriminatedUnion || s instanceof z.ZodUnion) {
      const all = new Set<string>();
      for (const o of s.options as z.ZodTypeAny[]) for (const k of schemaFields(o) ?? []) all.add(k);
      return all;
    } else return null;
  }
  return null;
}
export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Parses a form against a schema; on failure returns the first message key per field and the typed values. */
export function parseForm<S extends z.ZodTypeAny>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string") continue;
    if (k in raw) {
      raw[k] = ([] as unknown[]).concat(raw[k], v);
    } else {
      raw[k] = v;
    }
    if (!/password/i.test(k)) values[k] = v;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_form";
    // A schema's own message is any catalog key (module keys such as "cluster.error.countyRequired"
    // included); zod's built-in English messages become the generic "invalid choice".
    if (!errors[key]) errors[key] = Object.hasOwn(catalogs.fa, issue.message) ? issue.message : "error.invalidChoice";
  }
  return { ok: false, errors, values };
}

/**
 * A decimal number with at most `fraction` decimals, typed with any digits and either decimal mark
 * (".", "٫", "/"); thousands separators ignored. Empty is "required" (wrap in optional handling yourself).
 */
export const decimal = (min = 0, max = 1e12, fraction = 2) =>
  z.preprocess(
    (v) => {
      const s = normalise(typeof v === "string" ? v : v == null ? "" : String(v)).replace(/[,٬،\s]/g, "").replace(/[٫/]/, ".");
      if (s === "") return undefined;
      return new RegExp(`^-?\\d+(\\.\\d{1,${fraction}})?$`).test(s) ? Number(s) : NaN;
    },
    z.number({ required_error: "error.required", invalid_type_error: "error.invalidNumber" })
      .min(min, "error.numberTooSmall").max(max, "error.numberTooLarge"),
  );
