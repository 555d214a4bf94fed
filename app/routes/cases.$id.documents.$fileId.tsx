import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/actor.server";
import { openCaseDocument } from "~/modules/cases/documents.server";
import { attachmentDisposition } from "~/modules/files/types";
import { getT } from "~/lib/locale.server";
import { httpErrorStatus, isHttpError, notFound } from "~/lib/http";

// A resource route: one document of a case. The case is checked first (anyone not on it, e.g.
// another entrepreneur or a mentor not assigned to it, gets 403 and an authz.denied audit row),
// then the FileStore's own download check. Errors answer as plain text, like /files/:id.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  try {
    if (!/^\d{1,10}$/.test(params.id ?? "") || Number(params.id) <= 0 || Number(params.id) > 2_147_483_647) throw notFound();
    const file = await openCaseDocument(actor, Number(params.id), params.fileId ?? "");
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
    return new Response(t(status === 403 ? "cases.documents.forbidden" : "files.notFound"), {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
}
