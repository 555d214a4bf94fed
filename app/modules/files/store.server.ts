import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { env } from "~/lib/env.server";
import type { IncomingFile } from "./source.server";

export type StoreKind = "local" | "uploadthing";

/**
 * Where file bytes live. `put` receives a server-generated name (never the user's) and
 * answers the storage key to record; `get` and `delete` take that key.
 */
export interface FileStore {
  readonly kind: StoreKind;
  put(name: string, file: IncomingFile, meta: { mimeType: string }): Promise<string>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export class StoredFileMissing extends Error {
  constructor(key: string) {
    super(`stored file missing: ${key}`);
  }
}

// Keys are our own names: "<uuid>.<ext>"; anything else never reaches the disk.
const LOCAL_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,8}$/;

/** Files under `root` (default `$DATA_DIR/uploads`), sharded by the key's first two characters. */
export function localStore(root = path.join(env().dataDir, "uploads")): FileStore {
  const where = (key: string) => {
    if (!LOCAL_KEY.test(key)) throw new Error("invalid storage key");
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    kind: "local",
    async put(name, file) {
      const target = where(name);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const part = `${target}.part`;
      try {
        await pipeline(file.stream(), fs.createWriteStream(part, { flags: "wx", mode: 0o640 }));
        await fs.promises.rename(part, target);
      } catch (e) {
        await fs.promises.rm(part, { force: true });
        throw e;
      }
      return name;
    },
    async get(key) {
      const p = where(key);
      const handle = await fs.promises.open(p, "r").catch((e: NodeJS.ErrnoException) => {
        throw e.code === "ENOENT" ? new StoredFileMissing(key) : e;
      });
      return handle.createReadStream();
    },
    async delete(key) {
      await fs.promises.rm(where(key), { force: true });
    },
  };
}

let uploadthing: Promise<FileStore> | undefined;
let local: FileStore | undefined;

/** The store new uploads go to: UploadThing when `UPLOADTHING_TOKEN` is set, else the local disk. */
export function currentStoreKind(): StoreKind {
  return env().UPLOADTHING_TOKEN ? "uploadthing" : "local";
}

/** The store of a given kind (a file keeps the store it was written to, even after a switch). */
export async function storeOf(kind: StoreKind): Promise<FileStore> {
  if (kind === "local") return (local ??= localStore());
  const token = env().UPLOADTHING_TOKEN;
  if (!token) throw new Error("UPLOADTHING_TOKEN is not set but a file lives in UploadThing");
  // Loaded on demand: the SDK is large and most installations keep files on disk.
  uploadthing ??= import("./uploadthing.server").then((m) => m.uploadThingStore({ token }));
  return uploadthing;
}
