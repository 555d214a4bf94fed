import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/actor.server";
import { openCaseDocument } from "~/modules/cases/documents.server";
import { downloadResponse } from "~/modules/files/http.server";
import { idOrNotFound } from "~/lib/http";

// A resource route: one document of a case. The case is checked first (anyone not on it, e.g.
// another entrepreneur or a mentor not assigned to it, gets 403 and an authz.denied audit row),
// then the FileStore's own download check. Errors answer as plain text, like /files/:id.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return downloadResponse(request, async () => {
    return openCaseDocument(actor, idOrNotFound(params.id), params.fileId ?? "");
  }, "cases.documents.forbidden");
}
