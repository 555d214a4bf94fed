import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/actor.server";
import { downloadResponse } from "~/modules/files/http.server";
import { openDownload } from "~/modules/files/service.server";

// A resource route: the file's bytes as an attachment, only after `openDownload` has checked
// that the actor may see it (missing and not-allowed files answer the same 404).
// `X-Content-Type-Options: nosniff` comes from the HTTP layer (server/app.mjs) on every response;
// set here as well it would be sent twice ("nosniff, nosniff"). The e2e test checks the header.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  return downloadResponse(request, () => openDownload(actor, params.id ?? ""));
}
