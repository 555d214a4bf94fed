import type { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getT } from "~/lib/locale.server";
import { httpErrorStatus, isHttpError } from "~/lib/http";
import { attachmentDisposition } from "./types";

export interface OpenedFile {
  name: string;
  mimeType: string;
  size: number;
  stream: Readable;
}

/**
 * The response of every download route: the bytes as a private attachment once `open` (which does
 * the owning record's permission check and the FileStore's) has succeeded; a refusal or a missing
 * file answers as plain text in the reader's language (403 -> `forbiddenKey`, else "files.notFound").
 * `X-Content-Type-Options: nosniff` comes from the HTTP layer (server/app.mjs) on every response.
 */
export async function downloadResponse(request: Request, open: () => Promise<OpenedFile>, forbiddenKey = "files.notFound"): Promise<Response> {
  try {
    const file = await open();
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
    return new Response(t(status === 403 ? forbiddenKey : "files.notFound"), {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
}
