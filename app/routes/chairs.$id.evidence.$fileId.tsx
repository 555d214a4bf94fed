import type { LoaderFunctionArgs } from "@remix-run/node";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";

import { openEvidence } from "~/modules/chairs/service.server";
import { downloadResponse } from "~/modules/files/http.server";

// A resource route: an evidence file of one of the chair's activities. The chair is checked
// first (another university's chair manager gets 403 and an audit row, as for every chair
// action), then the FileStore's own download check (staff, the uploader, the university's
// chair managers). Errors answer as plain text, like /files/:id.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return downloadResponse(request, async () => openEvidence(actor, idOrNotFound(params.id), params.fileId ?? ""), "error.forbidden.body");
}
