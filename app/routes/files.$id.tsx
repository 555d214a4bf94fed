import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/actor.server";
import { openDownload } from "~/modules/files/service.server";
import { attachmentDisposition } from "~/modules/files/types";
import { getT } from "~/lib/locale.server";
import { httpErrorStatus, isHttpError } from "~/lib/http";

// A resource route: the file's bytes as an attachment, only after `openDownload` has checked
// that the actor may see it (missing and not-allowed files answer the same 404).
// `X-Content-Type-Options: nosniff` comes from the HTTP layer (server/app.mjs) on every response;
// set here as well it would be sent twice ("nosniff, nosniff"). The e2e test checks the header.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  try {
    const file = await openDownload(actor, params.id ?? "");
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
    return new Response(t("files.notFound"), {
      status: httpErrorStatus(e),
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
}
