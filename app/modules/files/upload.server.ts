import crypto from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { formFailure, readForm } from "~/lib/form-action.server";
import { typedValues } from "~/lib/forms";
import { fileOnDisk, type IncomingFile } from "./source.server";

/** The size limit for one uploaded file, from `MAX_UPLOAD_MB` (default 10). */
export const maxUploadBytes = () => Math.round(env().MAX_UPLOAD_MB * 1024 * 1024);
export const maxUploadMb = () => env().MAX_UPLOAD_MB;

const MAX_TEXT_FIELD = 64 * 1024;
const MAX_FIELDS = 50;

class UploadRefused extends Error {
  constructor(public messageKey: string) {
    super(messageKey);
  }
}

let swept = false;
/** Once per process: temporary files older than an hour are leftovers of a crash; remove them. */
async function sweepStale(tmpDir: string) {
  if (swept) return;
  swept = true;
  const names = await fs.promises.readdir(tmpDir).catch(() => [] as string[]);
  // eslint-disable-next-line no-restricted-syntax -- wall-clock timer (compared with the database's now() / file times), not a date rule
  const cutoff = Date.now() - 3600_000;
  for (const name of names) {
    if (!name.endsWith(".upload")) continue;
    const p = path.join(tmpDir, name);
    const st = await fs.promises.stat(p).catch(() => null);
    if (st && st.mtimeMs < cutoff) await fs.promises.rm(p, { force: true });
  }
}

/**
 * The file name as the user sees it. Browsers send `"`, CR and LF in a multipart file name as `%22`,
 * `%0D`, `%0A` (HTML's form-data encoding; `%` itself is not escaped), so those three are decoded;
 * control characters are removed later by `cleanFileName`.
 */
export function browserFileName(sent: string): string {
  return sent.replace(/%22|%0D|%0A/gi, (m) => (m === "%22" ? '"' : " "));
}

export interface ParsedUpload {
  /** The one file in field `field`, spooled to a temporary file; null when none was chosen. */
  file: IncomingFile | null;
  /** Every file in field `field` (at most `maxFiles`), in the order sent; `file` is the first. */
  files: IncomingFile[];
  /** Text fields of the form. */
  fields: FormData;
  /** A field error key when the request was refused (too large, not a form, several files...). */
  error: string | null;
  /** Removes the temporary file; call it in `finally` whatever happened. */
  dispose(): Promise<void>;
}

/**
 * Reads a multipart form while it streams: one file (or up to `maxFiles`, e.g. from an
 * `<input type="file" multiple>`) in field `field` goes to a temporary file
 * under `$DATA_DIR/tmp` while its size and SHA-256 are computed; the moment it passes the size
 * limit reading stops and the partial file is removed, so an oversized upload is never read
 * whole. Text fields are capped at 64 KB each.
 */
export async function parseUpload(request: Request, opts: { field?: string; maxBytes?: number; maxFiles?: number } = {}): Promise<ParsedUpload> {
  const field = opts.field ?? "file";
  const maxBytes = opts.maxBytes ?? maxUploadBytes();
  const maxFiles = Math.max(1, opts.maxFiles ?? 1);
  const tmpDir = path.join(env().dataDir, "tmp");
  const temps: string[] = [];
  const files: IncomingFile[] = [];
  let fieldCount = 0;
  const declared = Number(request.headers.get("Content-Length") || 0);
  /** A refusal of the files (too large, too many) that still lets the text fields be read. */
  let fileError: string | null = null;
  const drain = async (data: AsyncIterable<Uint8Array>) => {
    for await (const _chunk of data);
    return undefined;
  };
  const dispose = async () => {
    await Promise.all(temps.map((t) => fs.promises.rm(t, { force: true })));
  };

  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (++fieldCount > MAX_FIELDS) throw new UploadRefused("error.badRequest");
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > MAX_TEXT_FIELD) throw new UploadRefused("error.tooLong");
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString("utf8");
    }
    if (name !== field) throw new UploadRefused("error.badRequest");
    if (fileError) return drain(data);
    if (files.length >= maxFiles) {
      if (maxFiles === 1) throw new UploadRefused("error.badRequest");
      // Refuse the files but keep reading the form, so what was typed comes back with the message.
      fileError = "error.tooManyFiles";
      return drain(data);
    }
    if (filename === "") {
      // An empty file input: the browser sends a part with no name and (normally) no bytes.
      for await (const chunk of data) if (chunk.byteLength > 0) throw new UploadRefused("error.fileRequired");
      return undefined;
    }
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${crypto.randomUUID()}.upload`);
    temps.push(tmp);
    const out = fs.createWriteStream(tmp, { flags: "wx", mode: 0o600 });
    let writeError: Error | null = null;
    out.on("error", (e) => (writeError = e));
    const hash = crypto.createHash("sha256");
    let size = 0;
    const chunks = data[Symbol.asyncIterator]();
    try {
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        const chunk = next.value;
        size += chunk.byteLength;
        if (size > maxBytes) {
          // Too large: stop keeping the bytes at once. When the body's length was declared (and so is
          // bounded, see below) the rest of this part is read and dropped so the text fields still
          // arrive with the message; an undeclared body stops being read here.
          if (!declared) throw new UploadRefused("error.fileTooLarge");
          fileError = "error.fileTooLarge";
          break;
        }
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, "drain");
        if (writeError) throw writeError;
      }
    } finally {
      await new Promise<void>((resolve) => out.end(() => resolve()));
    }
    if (writeError) throw writeError;
    if (fileError) {
      await fs.promises.rm(tmp, { force: true });
      for (let next = await chunks.next(); !next.done; next = await chunks.next());
      return undefined;
    }
    files.push(fileOnDisk(tmp, browserFileName(filename), size, hash.digest("hex")));
    return filename;
  };

  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(type)) {
    return { file: null, files: [], fields: new FormData(), error: "error.fileRequired", dispose };
  }
  await sweepStale(tmpDir);
  if (declared > maxBytes * maxFiles + MAX_FIELDS * MAX_TEXT_FIELD) {
    // Refused from the header alone; the body is never read.
    return { file: null, files: [], fields: new FormData(), error: "error.fileTooLarge", dispose };
  }
  try {
    const fields = await unstable_parseMultipartFormData(request, handler);
    fields.delete(field);
    if (fileError) {
      await dispose();
      return { file: null, files: [], fields, error: fileError, dispose };
    }
    return { file: files[0] ?? null, files, fields, error: null, dispose };
  } catch (e) {
    await dispose();
    if (e instanceof UploadRefused) return { file: null, files: [], fields: new FormData(), error: e.messageKey, dispose };
    // A broken body (no boundary, a part without a name, unterminated quotes): the parser throws "malformed ...".
    if (e instanceof TypeError || (e instanceof Error && /^malformed /.test(e.message))) return { file: null, files: [], fields: new FormData(), error: "error.badRequest", dispose };
    throw e;
  }
}

export const isMultipart = (request: Request) => /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "");

/**
 * A form that may carry files in `field`: multipart (the files stream to temporary files, removed
 * once `run` is done) or urlencoded (no JavaScript, no file chosen: no files). A refused upload (too
 * large, too many files) answers 400 on `field` with what was typed, before `run`. Use with
 * formAction: `withUploadForm(request, { field: "evidence" }, (form, files) => formAction(form, ...))`.
 */
export async function withUploadForm<R>(
  request: Request,
  opts: { field: string; maxFiles?: number; intent?: string },
  run: (form: FormData, files: IncomingFile[]) => Promise<R>,
) {
  if (!isMultipart(request)) return run(await readForm(request), []);
  const upload = await parseUpload(request, { field: opts.field, maxFiles: opts.maxFiles });
  try {
    if (upload.error) return formFailure({ intent: opts.intent, errors: { [opts.field]: upload.error }, ...typedValues(upload.fields) });
    return await run(upload.fields, upload.files);
  } finally {
    await upload.dispose();
  }
}
