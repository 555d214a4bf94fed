// Orphaned uploads (issue 10 item 7) with real files on disk: bytes whose `files` row never committed are
// removed once older than the grace period; files with a row, and young files, stay.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { registeredJobs } from "~/jobs.server";
import { sweepOrphanedUploads } from "~/modules/files/orphans.server";
import { createUser } from "../factories";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "portal-orphans-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function put(name: string, ageMs: number) {
  const file = path.join(root, name.slice(0, 2), name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "%PDF-1.4 x");
  const t = new Date(Date.now() - ageMs);
  fs.utimesSync(file, t, t);
  return file;
}

describe("orphaned uploads", () => {
  it("removes old files no row names and .part leftovers; keeps files with a row and young files", async () => {
    const db = await getDb();
    const owner = await createUser();
    const keptId = crypto.randomUUID();
    await db.insertInto("files").values({ id: keptId, owner_id: owner.id, original_name: "a.pdf", extension: "pdf", mime_type: "application/pdf", size_bytes: 10, sha256: "0".repeat(64), storage_key: `${keptId}.pdf`, store: "local" }).execute();
    const kept = put(`${keptId}.pdf`, 3 * 3600_000);
    const orphan = put(`${crypto.randomUUID()}.pdf`, 3 * 3600_000);
    const part = put(`${crypto.randomUUID()}.png.part`, 3 * 3600_000);
    const young = put(`${crypto.randomUUID()}.pdf`, 60_000);
    const foreign = put("notes.txt", 3 * 3600_000);
    const removed = await sweepOrphanedUploads({ root });
    expect(removed.sort()).toEqual([path.basename(orphan), path.basename(part)].sort());
    expect([kept, young, foreign].every((f) => fs.existsSync(f))).toBe(true);
    expect([orphan, part].some((f) => fs.existsSync(f))).toBe(false);
    expect(await sweepOrphanedUploads({ root })).toEqual([]);
    expect(registeredJobs().map((j) => j.name)).toContain("files.orphans");
  });
});
