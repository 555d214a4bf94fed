import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/actor.server";
import { idParam } from "~/modules/chairs/schema";
import { openEvidence } from "~/modules/chairs/service.server";
import { attachmentDisposition } from "~/modules/files/types";
import { getT } from "~/lib/locale.server";
import { httpErrorStatus, isHttpError } from "~/lib/http";

// A resource route: an evidence file of one of the chair's activities. The chair is checked
// first (another university's chair manager gets 403 and an audit row, as for every chair
// action), then the FileStore's own download check (staff, the uploader, the university's
// chair managers). Errors answer as plain text, like /files/:id.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  try {
    const id = idParam(params.id);
    const file = await openEvidence(actor, id ?? 0, params.fileId ?? "");
    return new Response(createReadableStreamFromReadable(file.stream), {
      status: 200,
      headers: {
        "Content-Type": file.mimeType,
        "Content-Length": String(file.size),
        "Content-Disposition": attachmentDisposition(file.name),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (!isHttpError(e)) throw e;
    const t = await getT(request);
    const status = httpErrorStatus(e);
    return new Response(t(status === 403 ? "error.forbidden.body" : "files.notFound"), {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
}
