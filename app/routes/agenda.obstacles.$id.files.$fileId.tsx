import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/actor.server";
import { openEvidence } from "~/modules/agenda/service.server";
import { downloadResponse } from "~/modules/files/http.server";
import { idOrNotFound } from "~/lib/http";

// A resource route: one evidence file of an obstacle (the obstacle is checked first: 404 for anyone
// who may not read it, then the FileStore's own check).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return downloadResponse(request, async () => openEvidence(actor, idOrNotFound(params.id), params.fileId ?? ""));
}
