// What may be uploaded, and how we tell what a file really is. Pure: no Node imports, so the
// checks are unit-tested on plain byte arrays. The extension the user gave and the magic bytes
// must agree; Office files (DOCX, XLSX) are ZIP archives, so for them the ZIP central directory
// must also hold the parts that make a Word or Excel document.

export const ALLOWED_TYPES = {
  pdf: { mime: "application/pdf", kind: "pdf" },
  png: { mime: "image/png", kind: "png" },
  jpg: { mime: "image/jpeg", kind: "jpeg" },
  jpeg: { mime: "image/jpeg", kind: "jpeg" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", kind: "docx" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kind: "xlsx" },
} as const;

export type AllowedExtension = keyof typeof ALLOWED_TYPES;
export type FileKind = (typeof ALLOWED_TYPES)[AllowedExtension]["kind"];

/** For `<input accept>`: extensions and MIME types the form offers. */
export const ACCEPT_ATTRIBUTE = [
  ...Object.keys(ALLOWED_TYPES).map((e) => `.${e}`),
  ...new Set(Object.values(ALLOWED_TYPES).map((t) => t.mime)),
].join(",");

export type FileCheckError = "error.fileEmpty" | "error.fileTooLarge" | "error.fileType" | "error.fileMismatch";
export type FileCheck =
  | { ok: true; extension: AllowedExtension; mimeType: string }
  | { ok: false; error: FileCheckError };

/** Random access to the bytes being checked (a file on disk or a buffer). */
export interface ByteReader {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bytesReader(bytes: Uint8Array): ByteReader {
  return { size: bytes.byteLength, read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.byteLength, offset + length)) };
}

/** The lower-cased extension of a file name if it is on the allow-list, else null. */
export function allowedExtension(name: string): AllowedExtension | null {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  if (!m) return null;
  const ext = m[1].toLowerCase();
  return Object.prototype.hasOwnProperty.call(ALLOWED_TYPES, ext) ? (ext as AllowedExtension) : null;
}

const startsWith = (head: Uint8Array, sig: readonly number[], at = 0) =>
  head.byteLength >= at + sig.length && sig.every((b, i) => head[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: an archive with at least one entry

/** The container the first bytes announce: pdf, png, jpeg, zip, or null for anything else. */
export function sniff(head: Uint8Array): "pdf" | "png" | "jpeg" | "zip" | null {
  if (startsWith(head, PDF)) return "pdf";
  if (startsWith(head, PNG)) return "png";
  if (startsWith(head, JPEG)) return "jpeg";
  if (startsWith(head, ZIP_LOCAL)) return "zip";
  return null;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const MAX_ENTRIES = 20_000;

/**
 * The entry names in a ZIP archive's central directory, or null when the archive is malformed
 * (no end-of-central-directory record, a directory outside the file, ZIP64, a broken entry).
 */
export async function zipEntryNames(reader: ByteReader): Promise<string[] | null> {
  const EOCD = 22;
  if (reader.size < EOCD) return null;
  const tailLength = Math.min(reader.size, EOCD + 0xffff);
  const tailStart = reader.size - tailLength;
  const tail = await reader.read(tailStart, tailLength);
  let at = -1;
  for (let i = tail.byteLength - EOCD; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      at = i;
      break;
    }
  }
  if (at < 0) return null;
  const entries = u16(tail, at + 10);
  const cdSize = u32(tail, at + 12);
  const cdOffset = u32(tail, at + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return null; // ZIP64: not for our sizes
  if (entries === 0 || entries > MAX_ENTRIES || cdOffset + cdSize > tailStart + at) return null;
  const cd = await reader.read(cdOffset, cdSize);
  if (cd.byteLength !== cdSize) return null;
  const names: string[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > cd.byteLength || u32(cd, p) !== 0x02014b50) return null;
    const nameLength = u16(cd, p + 28);
    const extraLength = u16(cd, p + 30);
    const commentLength = u16(cd, p + 32);
    if (p + 46 + nameLength > cd.byteLength) return null;
    names.push(decoder.decode(cd.subarray(p + 46, p + 46 + nameLength)));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Does the archive hold the parts of an Office Open XML document of this kind? */
export function looksLikeOffice(names: readonly string[], kind: "docx" | "xlsx"): boolean {
  const dir = kind === "docx" ? "word/" : "xl/";
  const main = kind === "docx" ? "word/document.xml" : "xl/workbook.xml";
  return names.includes("[Content_Types].xml") && names.some((n) => n.startsWith(dir)) && names.includes(main);
}

/**
 * Checks a file against the allow-list and the size limit; the extension the user gave and the
 * content must agree. Returns the canonical extension and MIME type to record.
 */
export async function checkFile(name: string, reader: ByteReader, maxBytes: number): Promise<FileCheck> {
  if (reader.size === 0) return { ok: false, error: "error.fileEmpty" };
  if (reader.size > maxBytes) return { ok: false, error: "error.fileTooLarge" };
  const extension = allowedExtension(name);
  if (!extension) return { ok: false, error: "error.fileType" };
  const { kind, mime } = ALLOWED_TYPES[extension];
  const found = sniff(await reader.read(0, 16));
  let agrees: boolean;
  if (kind === "docx" || kind === "xlsx") {
    if (found !== "zip") {
      agrees = false;
    } else {
      const names = await zipEntryNames(reader);
      agrees = names !== null && looksLikeOffice(names, kind);
    }
  } else {
    agrees = found === kind;
  }
  return agrees ? { ok: true, extension, mimeType: mime } : { ok: false, error: "error.fileMismatch" };
}

/**
 * A display name safe to store and show: no path, no control or bidi-override characters (the
 * zero-width non-joiner Persian needs stays), at most 200 characters.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.normalize("NFC").replace(/[\u0000-\u001f\u007f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  if (cleaned.length <= 200) return cleaned || "file";
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(cleaned)?.[0] ?? "";
  return cleaned.slice(0, 200 - ext.length) + ext;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;]/g, "_") || "file";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
