import crypto from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import type { ByteReader } from "./types";

/**
 * A file handed to `saveUpload`: its bytes (in memory or spooled to a temporary file by the
 * upload parser), the name the user gave it (for display only, never a path) and the
 * size and SHA-256 computed by us while the bytes went by.
 */
export interface IncomingFile extends ByteReader {
  name: string;
  size: number;
  sha256: string;
  stream(): Readable;
  blob(): Promise<Blob>;
}

export function fileFromBytes(name: string, bytes: Uint8Array): IncomingFile {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    name,
    size: buf.byteLength,
    sha256: crypto.createHash("sha256").update(buf).digest("hex"),
    read: async (offset, length) => buf.subarray(offset, Math.min(buf.byteLength, offset + length)),
    stream: () => Readable.from([buf]),
    blob: async () => new Blob([new Uint8Array(buf)]),
  };
}

/** A file already on disk whose size and hash the caller computed while writing it. */
export function fileOnDisk(filePath: string, name: string, size: number, sha256: string): IncomingFile {
  return {
    name,
    size,
    sha256,
    async read(offset, length) {
      const fh = await fs.promises.open(filePath, "r");
      try {
        const want = Math.max(0, Math.min(length, size - offset));
        const buf = Buffer.alloc(want);
        const { bytesRead } = await fh.read(buf, 0, want, offset);
        return buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
    stream: () => fs.createReadStream(filePath),
    blob: () => fs.openAsBlob(filePath),
  };
}
