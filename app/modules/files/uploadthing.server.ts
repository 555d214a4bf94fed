import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import type { UTApiOptions } from "uploadthing/types";
import { StoredFileMissing, type FileStore } from "./store.server";

/**
 * FileStore on UploadThing through its server SDK (`UTApi`). The SDK reads the rest of its
 * configuration from the environment: `UPLOADTHING_API_URL`, `UPLOADTHING_INGEST_URL`,
 * `UPLOADTHING_UFS_HOST`, `UPLOADTHING_UFS_APP_ID_LOCATION` (the contract test points them at
 * a stand-in server on 127.0.0.1).
 *
 * - put: `uploadFiles` signs an ingest URL locally and PUTs the bytes (multipart, field `file`);
 *   the storage key is the key UploadThing assigns.
 * - get: a short-lived signed URL made locally (`generateSignedURL`, works for private files),
 *   fetched by us and streamed on; the browser never sees UploadThing.
 * - delete: `deleteFiles` (POST /v6/deleteFiles).
 */
export async function uploadThingStore(opts: { token: string; fetch?: typeof fetch } & Omit<UTApiOptions, "token" | "fetch">): Promise<FileStore> {
  const { UTApi, UTFile } = await import("uploadthing/server");
  const doFetch = opts.fetch ?? globalThis.fetch;
  const api = new UTApi({ logLevel: "Error", ...opts, fetch: doFetch });
  return {
    kind: "uploadthing",
    async put(name, file, meta) {
      const blob = await file.blob();
      const result = await api.uploadFiles(new UTFile([blob], name, { type: meta.mimeType }), { contentDisposition: "attachment" });
      if (result.error || !result.data) throw new Error(`UploadThing upload failed: ${result.error?.code ?? "unknown"} ${result.error?.message ?? ""}`);
      return result.data.key;
    },
    async get(key) {
      const { ufsUrl } = await api.generateSignedURL(key, { expiresIn: 60 });
      const res = await doFetch(ufsUrl);
      if (res.status === 404) throw new StoredFileMissing(key);
      if (!res.ok || !res.body) throw new Error(`UploadThing download failed: ${res.status}`);
      return Readable.fromWeb(res.body as unknown as NodeWebReadableStream<Uint8Array>);
    },
    async delete(key) {
      const r = await api.deleteFiles(key);
      if (!r.success) throw new Error("UploadThing delete failed");
    },
  };
}
