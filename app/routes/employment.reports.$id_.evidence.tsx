import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { getT } from "~/lib/locale.server";
import { httpErrorStatus, isHttpError, notFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { openEvidence } from "~/modules/employment/reports.server";
import { attachmentDisposition } from "~/modules/files/types";

// A report's evidence file as an attachment. Ledger readers only: anyone else gets 403 (and an
// authz.denied audit row) before the report is even looked up; the files module checks again.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  try {
    const id = Number(params.id);
    if (!Number.isInteger(id) || id < 1 || id > Number.MAX_SAFE_INTEGER) throw notFound();
    const file = await openEvidence(actor, id);
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
