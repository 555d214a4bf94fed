import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";

// Uploads of this file go to a throwaway folder (set before anything reads the environment).
const dataDir = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "portal-files-"));
  process.env.DATA_DIR = dir;
  delete process.env.UPLOADTHING_TOKEN;
  return dir as string;
});

import { getDb } from "~/lib/db.server";
import { isHttpError } from "~/lib/http";
import { fileFromBytes, listLinkedFiles, listMyFiles, openDownload, registerFileAccess, saveUpload } from "~/modules/files/service.server";
import { parseUpload } from "~/modules/files/upload.server";
import { actorFor, createUser } from "../factories";
import { readAll, sampleDocx, sampleExe, samplePdf, samplePng, storedFiles } from "../factories/files";

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
const uploadsOnDisk = () => storedFiles(dataDir);
const tmpOnDisk = () => (fs.existsSync(path.join(dataDir, "tmp")) ? fs.readdirSync(path.join(dataDir, "tmp")) : []);
/** Opens a download and closes its stream (for tests that only look at the metadata). */
async function opened(p: ReturnType<typeof openDownload>) {
  const r = await p;
  r.stream.destroy();
  return r;
}
const status = (e: unknown) => (isHttpError(e) ? e.init?.status : e);
const fieldError = (e: unknown) => (isHttpError(e) ? e.data.fieldErrors?.file : e);
async function fileCount() {
  const db = await getDb();
  return (await db.selectFrom("files").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
}

describe("saveUpload", () => {
  it("stores a file under a server-generated name with its size, sha256, owner and linked record", async () => {
    const u = await createUser();
    const actor = await actorFor(u.id);
    const bytes = samplePdf("saved");
    const saved = await saveUpload(actor, fileFromBytes("../../گزارش نهایی.pdf", bytes), { entity: "idea", entityId: 42 });
    const db = await getDb();
    const row = await db.selectFrom("files").selectAll().where("id", "=", saved.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      store: "local", original_name: "گزارش نهایی.pdf", mime_type: "application/pdf", extension: "pdf",
      sha256: sha(bytes), owner_id: u.id, entity: "idea", entity_id: "42",
    });
    expect(Number(row.size_bytes)).toBe(bytes.length);
    expect(row.storage_key).toBe(`${saved.id}.pdf`);
    expect(uploadsOnDisk()).toContain(`${saved.id}.pdf`);
    expect(uploadsOnDisk().some((n) => n.includes("گزارش"))).toBe(false);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "file.uploaded").where("entity_id", "=", saved.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(u.id);
  });

  it("refuses lying, empty, missing and unknown files with a field error and leaves nothing behind", async () => {
    const actor = await actorFor((await createUser()).id);
    const before = { rows: await fileCount(), disk: uploadsOnDisk().length };
    const cases: [string, Uint8Array, string][] = [
      ["photo.pdf", samplePng(), "error.fileMismatch"],
      ["invoice.pdf", sampleExe(), "error.fileMismatch"],
      ["setup.exe", sampleExe(), "error.fileType"],
      ["empty.pdf", new Uint8Array(), "error.fileEmpty"],
      ["plan.docx", samplePdf(), "error.fileMismatch"],
    ];
    for (const [name, bytes, key] of cases) {
      const e = await saveUpload(actor, fileFromBytes(name, bytes)).catch((x) => x);
      expect([name, status(e), fieldError(e)]).toEqual([name, 400, key]);
    }
    const none = await saveUpload(actor, null).catch((x) => x);
    expect(fieldError(none)).toBe("error.fileRequired");
    expect(await fileCount()).toBe(before.rows);
    expect(uploadsOnDisk().length).toBe(before.disk);
  });

  it("removes the stored bytes when the row cannot be written", async () => {
    const actor = await actorFor((await createUser()).id);
    const db = await getDb();
    // This test file has its own database: make inserts of one name fail inside the transaction.
    await sql`CREATE FUNCTION refuse_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.original_name = 'fail.pdf' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`.execute(db);
    await sql`CREATE TRIGGER refuse_file BEFORE INSERT ON files FOR EACH ROW EXECUTE FUNCTION refuse_file()`.execute(db);
    try {
      const before = { rows: await fileCount(), disk: uploadsOnDisk().length };
      await expect(saveUpload(actor, fileFromBytes("fail.pdf", samplePdf()))).rejects.toThrow(/refused/);
      expect(await fileCount()).toBe(before.rows);
      expect(uploadsOnDisk().length).toBe(before.disk);
    } finally {
      await sql`DROP TRIGGER refuse_file ON files`.execute(db);
    }
  });

  it("lets a linking module refuse attachments to records the actor may not change", async () => {
    registerFileAccess("locked_thing", { canRead: () => false, canAttach: (_db, _actor, id) => id !== "7" });
    const actor = await actorFor((await createUser()).id);
    const before = await fileCount();
    const e = await saveUpload(actor, fileFromBytes("a.pdf", samplePdf()), { entity: "locked_thing", entityId: 7 }).catch((x) => x);
    expect(status(e)).toBe(403);
    expect(await fileCount()).toBe(before);
    await saveUpload(actor, fileFromBytes("a.pdf", samplePdf()), { entity: "locked_thing", entityId: 8 });
    expect(await fileCount()).toBe(before + 1);
  });
});

describe("openDownload", () => {
  it("gives the owner and readers at `any` the bytes; others, like missing files, get the same 404", async () => {
    const owner = await createUser();
    const bytes = samplePdf("mine");
    const { id } = await saveUpload(await actorFor(owner.id), fileFromBytes("mine.pdf", bytes));

    const got = await openDownload(await actorFor(owner.id), id);
    expect(got).toMatchObject({ name: "mine.pdf", mimeType: "application/pdf", size: bytes.length });
    expect(sha(await readAll(got.stream))).toBe(sha(bytes));
    for (const role of ["staff", "admin"] as const) {
      const r = await openDownload(await actorFor((await createUser({ role })).id), id);
      expect(sha(await readAll(r.stream))).toBe(sha(bytes));
    }

    const refusals = [];
    for (const role of ["entrepreneur", "mentor", "chair_manager", "company_rep", "industry_rep"] as const) {
      refusals.push(await openDownload(await actorFor((await createUser({ role })).id), id).catch((x) => x));
    }
    const stranger = await actorFor((await createUser()).id);
    const missing = await openDownload(stranger, crypto.randomUUID()).catch((x) => x);
    const garbage = await openDownload(stranger, "../../etc/passwd").catch((x) => x);
    for (const e of [...refusals, missing, garbage]) {
      expect(status(e)).toBe(404);
      expect(e.data).toEqual(missing.data);
    }
    const db = await getDb();
    const denied = await db.selectFrom("audit_log").select("actor_id").where("action", "=", "authz.denied").where("entity", "=", "file").where("entity_id", "=", id).execute();
    expect(denied).toHaveLength(5);
  });

  it("lets readers at `scope` see files of people in their unit", async () => {
    const colleague = await createUser({ role: "mentor", unit: "accel-tabriz-1" });
    const { id } = await saveUpload(await actorFor(colleague.id), fileFromBytes("notes.docx", sampleDocx()));
    const sameUnit = await actorFor((await createUser({ role: "mentor", unit: "accel-tabriz-1" })).id);
    expect((await opened(openDownload(sameUnit, id))).mimeType).toMatch(/wordprocessingml/);
    const db = await getDb();
    const other = await db.selectFrom("org_units").select("code").where("kind", "=", "centre").where("code", "!=", "accel-tabriz-1").executeTakeFirstOrThrow();
    const otherUnit = await actorFor((await createUser({ role: "mentor", unit: other.code })).id);
    expect(status(await openDownload(otherUnit, id).catch((x) => x))).toBe(404);
  });

  it("asks the linked module's registered rule about everyone else", async () => {
    const owner = await createUser();
    const reviewer = await createUser();
    registerFileAccess("review_case", { canRead: (_db, actor, file) => actor.user.id === reviewer.id && file.entityId === "5" });
    const { id } = await saveUpload(await actorFor(owner.id), fileFromBytes("case.png", samplePng()), { entity: "review_case", entityId: 5 });
    expect((await opened(openDownload(await actorFor(reviewer.id), id))).mimeType).toBe("image/png");
    expect(status(await openDownload(await actorFor((await createUser()).id), id).catch((x) => x))).toBe(404);
    expect((await listLinkedFiles(await actorFor(reviewer.id), "review_case", 5)).map((f) => f.id)).toEqual([id]);
    expect(await listLinkedFiles(await actorFor((await createUser()).id), "review_case", 5)).toEqual([]);
  });

  it("answers 404 when the bytes are gone from the store", async () => {
    const owner = await actorFor((await createUser()).id);
    const { id } = await saveUpload(owner, fileFromBytes("gone.pdf", samplePdf()));
    fs.rmSync(path.join(dataDir, "uploads", id.slice(0, 2), `${id}.pdf`));
    expect(status(await openDownload(owner, id).catch((x) => x))).toBe(404);
  });

  it("lists only the user's own files, newest first, in pages", async () => {
    const u = await createUser();
    const actor = await actorFor(u.id);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await saveUpload(actor, fileFromBytes(`f${i}.pdf`, samplePdf(String(i))))).id);
    await saveUpload(await actorFor((await createUser()).id), fileFromBytes("other.pdf", samplePdf()));
    const { files, next } = await listMyFiles(actor);
    expect(files.map((f) => f.id)).toEqual([...ids].reverse());
    expect(next).toBeNull();
  });
});

describe("parseUpload", () => {
  const multipart = (parts: { name: string; filename?: string; body: Uint8Array | string }[]) => {
    const form = new FormData();
    for (const p of parts) {
      if (p.filename !== undefined) form.append(p.name, new Blob([typeof p.body === "string" ? p.body : new Uint8Array(p.body)]), p.filename);
      else form.append(p.name, p.body as string);
    }
    return new Request("http://localhost/files", { method: "POST", body: form });
  };

  it("spools the file and computes its size and hash while it streams", async () => {
    const bytes = samplePdf("spooled");
    const up = await parseUpload(multipart([{ name: "note", body: "سلام" }, { name: "file", filename: "a.pdf", body: bytes }]));
    try {
      expect(up.error).toBeNull();
      expect(up.fields.get("note")).toBe("سلام");
      expect(up.file).toMatchObject({ name: "a.pdf", size: bytes.length, sha256: sha(bytes) });
      expect(tmpOnDisk()).toHaveLength(1);
    } finally {
      await up.dispose();
    }
    expect(tmpOnDisk()).toHaveLength(0);
  });

  it("stops reading an oversized file at the limit and keeps nothing", async () => {
    const boundary = "----portal-test-boundary";
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
    let pulled = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(head);
        pulled += head.length;
      },
      pull(c) {
        if (pulled > 50 * 1024 * 1024) return c.close(); // never reached if the parser stops
        c.enqueue(chunk);
        pulled += chunk.length;
      },
    });
    const request = new Request("http://localhost/files", {
      method: "POST", body, duplex: "half", headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    const up = await parseUpload(request, { maxBytes: 1024 * 1024 });
    expect(up.error).toBe("error.fileTooLarge");
    expect(up.file).toBeNull();
    expect(pulled).toBeLessThan(3 * 1024 * 1024);
    expect(tmpOnDisk()).toHaveLength(0);
  });

  it("refuses a too large file of a declared-length body but keeps the typed fields (nothing typed is lost)", async () => {
    const form = new FormData();
    form.append("title", "عنوان تایپ‌شده");
    form.append("file", new Blob([new Uint8Array(samplePdf("big")), new Uint8Array(2 * 1024 * 1024)]), "big.pdf");
    form.append("note", "یادداشت بعد از فایل");
    const sized = new Request("http://localhost/files", { method: "POST", body: form });
    const buf = new Uint8Array(await sized.arrayBuffer());
    const request = new Request("http://localhost/files", {
      method: "POST", body: buf, headers: { "Content-Type": sized.headers.get("Content-Type")!, "Content-Length": String(buf.length) },
    });
    const up = await parseUpload(request, { maxBytes: 1024 * 1024 });
    expect(up.error).toBe("error.fileTooLarge");
    expect(up.file).toBeNull();
    expect(up.fields.get("title")).toBe("عنوان تایپ‌شده");
    expect(up.fields.get("note")).toBe("یادداشت بعد از فایل");
    expect(tmpOnDisk()).toHaveLength(0);
  });

  it("refuses from the Content-Length header alone", async () => {
    const request = new Request("http://localhost/files", {
      method: "POST", body: "x", headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(500 * 1024 * 1024) },
    });
    expect((await parseUpload(request)).error).toBe("error.fileTooLarge");
  });

  it("treats an empty file input as no file, and refuses a second file or a form that is not multipart", async () => {
    const empty = await parseUpload(multipart([{ name: "file", filename: "", body: "" }]));
    expect(empty.error).toBeNull();
    expect(empty.file).toBeNull();
    const two = await parseUpload(multipart([{ name: "file", filename: "a.pdf", body: samplePdf() }, { name: "file", filename: "b.pdf", body: samplePdf() }]));
    expect(two.error).toBe("error.badRequest");
    expect(tmpOnDisk()).toHaveLength(0);
    const plain = await parseUpload(new Request("http://localhost/files", { method: "POST", body: new URLSearchParams({ a: "b" }) }));
    expect(plain.error).toBe("error.fileRequired");
  });
});
