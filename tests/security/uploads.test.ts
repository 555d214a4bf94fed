// Uploads and downloads through the real HTTP layer (server/app.mjs + the built app): lying files,
// oversized files (refused while streaming, or by the body cap before Remix), foreign origins,
// several files in one request, hostile names; download headers.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const dataDir = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "portal-sec-up-"));
  process.env.DATA_DIR = dir;
  delete process.env.UPLOADTHING_TOKEN;
  return dir as string;
});

import { getDb } from "~/lib/db.server";
import { createUser } from "../factories";
import { sampleExe, samplePdf, samplePng } from "../factories/files";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "./http-helpers";

let build: ServerBuild;
let server: TestServer;
let cookie: string;
let ownerId: number;

beforeAll(async () => {
  build = await loadBuild();
  server = await startServer(build);
  const u = await createUser();
  ownerId = u.id;
  cookie = await sessionCookieFor(u.id);
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function multipart(files: { name: string; bytes: Buffer; field?: string }[]) {
  const boundary = `----sec${crypto.randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? "file"}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, "utf8"), f.bytes, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` } };
}

function upload(files: { name: string; bytes: Buffer }[], opts: { origin?: string } = {}) {
  const sent = multipart(files);
  return send(server, "/files", { method: "POST", cookie, body: sent.body, headers: { ...sent.headers, Accept: "text/html" }, origin: opts.origin, timeoutMs: 60_000 });
}

async function rows() {
  const db = await getDb();
  return db.selectFrom("files").selectAll().where("owner_id", "=", ownerId).execute();
}
const tmpFiles = () => (fs.existsSync(path.join(dataDir, "tmp")) ? fs.readdirSync(path.join(dataDir, "tmp")) : []);

describe("uploads through the HTTP layer", () => {
  it("stores a real PDF and serves it back as an attachment with the stored type, nosniff once", async () => {
    const pdf = samplePdf("security");
    const sent = multipart([{ name: "../../etc/گزارش.pdf", bytes: pdf }]);
    const r = await send(server, "/files", { method: "POST", cookie, body: sent.body, headers: sent.headers });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe("/files");
    const [row] = await rows();
    expect(row.original_name).toBe("گزارش.pdf");
    expect(row.storage_key).toBe(`${row.id}.pdf`);
    const d = await send(server, `/files/${row.id}`, { cookie });
    expect(d.status).toBe(200);
    expect(d.headers["content-type"]).toBe("application/pdf");
    expect(d.headers["x-content-type-options"]).toBe("nosniff");
    expect(d.headers["content-disposition"]).toBe(`attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent("گزارش.pdf")}`);
    expect(d.headers["cache-control"]).toBe("private, no-store");
    expect(d.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(Number(d.headers["content-length"])).toBe(pdf.length);
    expect(d.body.startsWith("%PDF-1.4")).toBe(true);
  });

  it("refuses lying files with the Persian field message and writes nothing", async () => {
    const before = (await rows()).length;
    for (const [name, bytes] of [["photo.pdf", samplePng()], ["invoice.pdf", sampleExe()], ["setup.exe", sampleExe()]] as const) {
      const r = await upload([{ name, bytes }]);
      expect([name, r.status]).toEqual([name, 400]);
      expect(r.body).toMatch(name === "setup.exe" ? /این نوع پرونده پذیرفته نیست/ : /محتوای پرونده با پسوند آن نمی‌خواند/);
    }
    expect((await rows()).length).toBe(before);
    expect(tmpFiles()).toEqual([]);
  });

  it("refuses a file just over the limit while streaming, and a body far over it before Remix", async () => {
    const before = (await rows()).length;
    const over = Buffer.concat([samplePdf(), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const r = await upload([{ name: "big.pdf", bytes: over }]);
    expect(r.status).toBe(400);
    expect(r.body).toContain("حجم پرونده بیش از ۱۰ مگابایت است.");
    const huge = await upload([{ name: "huge.pdf", bytes: Buffer.concat([over, Buffer.alloc(1024 * 1024)]) }]);
    expect(huge.status).toBe(413);
    expect((await rows()).length).toBe(before);
    expect(tmpFiles()).toEqual([]);
  });

  it("refuses a foreign origin, several files at once, and anonymous uploads", async () => {
    const before = (await rows()).length;
    expect((await upload([{ name: "a.pdf", bytes: samplePdf() }], { origin: "https://evil.example" })).status).toBe(403);
    expect((await upload([{ name: "a.pdf", bytes: samplePdf() }, { name: "b.pdf", bytes: samplePdf() }])).status).toBe(400);
    const sent = multipart([{ name: "a.pdf", bytes: samplePdf() }]);
    const anon = await send(server, "/files", { method: "POST", body: sent.body, headers: sent.headers });
    expect(anon.status).toBe(302);
    expect(anon.headers.location).toMatch(/^\/login/);
    expect((await rows()).length).toBe(before);
    const db = await getDb();
    expect((await db.selectFrom("files").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n).toBe(before);
  });
});

// Real users' file names carry `;` and `"` (issue 10 item 5). Browsers send `"` as %22 in the
// multipart header (HTML's form-data encoding), older clients as \"; a raw `;` stays raw. The file is
// stored under the name the user gave and served back with a Content-Disposition that cannot be
// split into a second parameter.
describe("hostile upload names", () => {
  it.each([
    ["report;v2.pdf", "report;v2.pdf"],
    ["a; filename=evil.exe.pdf", "a; filename=evil.exe.pdf"],
    ["my %22best%22 plan.pdf", 'my "best" plan.pdf'],
    ['quoted \\"name\\".pdf', 'quoted "name".pdf'],
    ["طرح;نهایی %22۱۴۰۳%22.pdf", 'طرح;نهایی "۱۴۰۳".pdf'],
  ])("%s is stored and served safely", async (sentName, stored) => {
    const r = await upload([{ name: sentName, bytes: samplePdf("names") }]);
    expect(r.status, r.body.slice(0, 300)).toBe(302);
    const db = await getDb();
    const row = await db.selectFrom("files").selectAll().where("owner_id", "=", ownerId).orderBy("created_at", "desc").limit(1).executeTakeFirstOrThrow();
    expect(row.original_name).toBe(stored);
    const d = await send(server, `/files/${row.id}`, { cookie });
    expect(d.status).toBe(200);
    const cd = d.headers["content-disposition"] ?? "";
    // One ASCII fallback without quotes, semicolons or backslashes, and the exact name percent-encoded.
    expect(cd).toMatch(/^attachment; filename="[\w. =-]+"; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]+$/);
    expect(decodeURIComponent(cd.split("filename*=UTF-8''")[1])).toBe(stored);
  });
});
