import { z } from "zod";
import { int } from "~/lib/forms";

// Tunable match weights (pure, shared by partnerships and job seekers; decision 0054): whole numbers
// 0..max per named part, at least one above zero. The stored row and its edit form are in
// tunable-weights.server.ts.

export const MAX_WEIGHT = 100;

/** Field errors of a set of weights (i18n keys); `_form` when every weight is zero. */
export function weightsProblems<P extends string>(parts: readonly P[], w: Partial<Record<P, unknown>>, allZeroKey: string, max = MAX_WEIGHT): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of parts) {
    const v = w[p];
    if (typeof v !== "number" || !Number.isInteger(v)) errors[p] = "error.invalidNumber";
    else if (v < 0) errors[p] = "error.numberTooSmall";
    else if (v > max) errors[p] = "error.numberTooLarge";
  }
  if (!Object.keys(errors).length && parts.reduce((s, p) => s + (w[p] as number), 0) === 0) errors._form = allZeroKey;
  return errors;
}

/** The edit form's schema: one whole number per part and the version the form was read with. */
export function weightsSchemaFor<P extends string>(parts: readonly P[], max = MAX_WEIGHT) {
  return z.object(Object.fromEntries(parts.map((p) => [p, int(0, max)])) as Record<P, ReturnType<typeof int>>)
    .extend({ version: z.preprocess((v) => (v === "" || v == null ? undefined : v), int(0).optional()) });
}
