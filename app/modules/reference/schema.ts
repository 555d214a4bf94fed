import { z } from "zod";
import { normalise } from "~/i18n/normalise";
import { text } from "~/lib/forms";
import { MAX_INT_ID } from "~/lib/ids";

export const codeField = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : ""),
  z.string().min(1, "error.required").max(40, "error.tooLong").regex(/^[a-z0-9][a-z0-9-]*$/, "error.invalidCode"),
);

export const addEntrySchema = z.object({
  code: codeField,
  nameFa: text(200),
  nameEn: text(200),
  countyCode: z.string().optional(),
  centreKind: z.enum(["consulting", "accelerator"]).optional(),
});

/** Activate or deactivate: the entry's code as sent (an unknown one is the service's 404). */
export const entryCodeSchema = z.object({ code: z.preprocess((v) => (typeof v === "string" ? normalise(v).slice(0, 40) : ""), z.string()) });

export const renameEntrySchema = z.object({
  code: text(40),
  nameFa: text(200),
  nameEn: text(200),
  version: z.coerce.number().int().positive().max(MAX_INT_ID),
});
