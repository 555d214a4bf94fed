import type { z } from "zod";
import { formAction, formFailure, readForm } from "~/lib/form-action.server";
import { typedValues } from "~/lib/forms";
import { parseUpload } from "~/modules/files/upload.server";
import type { IncomingFile } from "~/modules/files/service.server";

// The form action of a form that may carry one file (a signed contract, evidence, an attachment):
// formAction over the multipart fields, the file handed to the use case, the temporary file removed
// whatever happens, a refused file (too large, several) shown on its field with what was typed kept.
// A urlencoded post of the same form (no file chosen, or no JavaScript file input) works too.

export const isMultipart = (request: Request) => /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "");

export async function formActionWithFile<S extends z.ZodTypeAny>(
  request: Request,
  field: string,
  schema: S,
  run: (data: z.infer<S>, file: IncomingFile | null) => Promise<Response>,
  opts: { intent?: string } = {},
) {
  if (!isMultipart(request)) return formAction(await readForm(request), schema, (v) => run(v, null), { ...opts, fields: [field] });
  const upload = await parseUpload(request, { field });
  try {
    if (upload.error) return formFailure({ intent: opts.intent, errors: { [field]: upload.error }, ...typedValues(upload.fields) });
    return await formAction(upload.fields, schema, (v) => run(v, upload.file), { ...opts, fields: [field] });
  } finally {
    await upload.dispose();
  }
}
