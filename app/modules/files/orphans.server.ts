import fs from "node:fs";
import path from "node:path";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { registerJob } from "~/lib/jobs.server";

// Orphaned uploads (issue 10 item 7): the FileStore writes the bytes before the `files` row commits, so a
// process killed in between (or a transaction that rolled back after the write) leaves a file on disk that
// no row names. This pass removes such files once they are older than a grace period (an upload in
// progress is younger), and `.part` leftovers of an interrupted write.

/** Files younger than this are left alone: their row may still be committing. */
export const ORPHAN_GRACE_MS = 60 * 60_000;
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,8}(\.part)?$/;

/** Removes local files no `files` row names, older than `graceMs`; answers the names removed. */
export async function sweepOrphanedUploads(opts: { root?: string; graceMs?: number } = {}): Promise<string[]> {
  const root = opts.root ?? path.join(env().dataDir, "uploads");
  // eslint-disable-next-line no-restricted-syntax -- compared with file times on disk, not a date rule
  const cutoff = Date.now() - (opts.graceMs ?? ORPHAN_GRACE_MS);
  const old: { name: string; file: string }[] = [];
  for (const shard of await fs.promises.readdir(root, { withFileTypes: true }).catch(() => [] as fs.Dirent[])) {
    if (!shard.isDirectory() || shard.name.length !== 2) continue;
    for (const name of await fs.promises.readdir(path.join(root, shard.name)).catch(() => [] as string[])) {
      if (!KEY.test(name)) continue;
      const file = path.join(root, shard.name, name);
      const st = await fs.promises.stat(file).catch(() => null);
      if (st?.isFile() && st.mtimeMs < cutoff) old.push({ name, file });
    }
  }
  const db = await getDb();
  const removed: string[] = [];
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    const keys = batch.filter((f) => !f.name.endsWith(".part")).map((f) => f.name);
    const known = new Set(
      keys.length ? (await db.selectFrom("files").select("storage_key").where("store", "=", "local").where("storage_key", "in", keys).execute()).map((r) => r.storage_key) : [],
    );
    for (const f of batch) {
      if (known.has(f.name)) continue;
      await fs.promises.rm(f.file, { force: true });
      removed.push(f.name);
    }
  }
  return removed;
}

registerJob("files.orphans", () => sweepOrphanedUploads(), "20 * * * *");
