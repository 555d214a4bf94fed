// Contract test of the UploadThing adapter against a stand-in for UploadThing on 127.0.0.1.
// It answers exactly what uploadthing 7.7's server SDK (`UTApi`) asks, as read in
// node_modules/uploadthing/server/index.js:
//   upload:   PUT  {ingestUrl}/{key}?expires&x-ut-identifier&x-ut-file-name&x-ut-file-size&x-ut-file-type
//                  &x-ut-content-disposition&signature=hmac-sha256=<hex>   (multipart body, field "file")
//             -> 200 JSON { url, appUrl, ufsUrl, fileHash }
//   download: GET  http://{ufsHost}/a/{appId}/{key}?expires&signature      (URL signed locally by generateSignedURL)
//   delete:   POST {apiUrl}/v6/deleteFiles { fileKeys } with x-uploadthing-api-key -> { success, deletedCount }
// Signatures are HMAC-SHA256 with the API key over the URL before `&signature=`; the stand-in checks them.
// Every request the SDK makes is checked to go to loopback: nothing leaves the machine.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const API_KEY = "sk_test_contract_0123456789";
const APP_ID = "portalapp";
const dataDir = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "portal-ut-"));
  process.env.DATA_DIR = dir;
  process.env.UPLOADTHING_TOKEN = Buffer.from(JSON.stringify({ apiKey: "sk_test_contract_0123456789", appId: "portalapp", regions: ["fra1"] })).toString("base64");
  return dir as string;
});

import { getDb } from "~/lib/db.server";
import { fileFromBytes, openDownload, saveUpload } from "~/modules/files/service.server";
import { uploadThingStore } from "~/modules/files/uploadthing.server";
import { actorFor, createUser } from "../factories";
import { samplePdf, samplePng } from "../factories/files";

interface Seen { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders }
const seen: Seen[] = [];
const blobs = new Map<string, { bytes: Buffer; type: string; name: string }>();
let failNextUpload = false;
let server: http.Server;
let port = 0;
const outbound: string[] = [];

function verifySigned(host: string, rawUrl: string): boolean {
  const full = `http://${host}${rawUrl}`;
  const at = full.lastIndexOf("&signature=");
  if (at < 0) return false;
  const payload = full.slice(0, at);
  const signature = decodeURIComponent(full.slice(at + "&signature=".length));
  const expected = `hmac-sha256=${crypto.createHmac("sha256", API_KEY).update(payload).digest("hex")}`;
  const expires = Number(new URL(full).searchParams.get("expires"));
  return signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected)) && expires > Date.now();
}

async function body(req: http.IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function json(res: http.ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(value));
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url!, `http://${req.headers.host}`);
  seen.push({ method: req.method!, path: url.pathname, query: url.searchParams, headers: req.headers });
  // Upload to the ingest server.
  if (req.method === "PUT" && /^\/[A-Za-z0-9]+$/.test(url.pathname)) {
    if (!verifySigned(req.headers.host!, req.url!)) return json(res, 403, { error: "bad signature" });
    if (url.searchParams.get("x-ut-identifier") !== APP_ID) return json(res, 403, { error: "wrong app" });
    const raw = await body(req);
    if (failNextUpload) {
      failNextUpload = false;
      return json(res, 500, { error: "ingest down" });
    }
    const form = await new Response(raw, { headers: { "Content-Type": req.headers["content-type"]! } }).formData();
    const file = form.get("file");
    if (!(file instanceof Blob)) return json(res, 400, { error: "no file" });
    const bytes = Buffer.from(await file.arrayBuffer());
    if (String(bytes.length) !== url.searchParams.get("x-ut-file-size")) return json(res, 400, { error: "size mismatch" });
    const key = url.pathname.slice(1);
    blobs.set(key, { bytes, type: decodeURIComponent(url.searchParams.get("x-ut-file-type") ?? ""), name: decodeURIComponent(url.searchParams.get("x-ut-file-name") ?? "") });
    const ufsUrl = `http://localhost:${port}/a/${APP_ID}/${key}`;
    return json(res, 200, { url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash: crypto.createHash("md5").update(bytes).digest("hex") });
  }
  // Download from the file host.
  const ufs = /^\/a\/([^/]+)\/([A-Za-z0-9]+)$/.exec(url.pathname);
  if (req.method === "GET" && ufs) {
    if (ufs[1] !== APP_ID || !verifySigned(req.headers.host!, req.url!)) return json(res, 403, { error: "bad signature" });
    const blob = blobs.get(ufs[2]);
    if (!blob) return json(res, 404, { error: "not found" });
    res.writeHead(200, { "Content-Type": blob.type, "Content-Length": blob.bytes.length }).end(blob.bytes);
    return;
  }
  // The REST API.
  if (req.method === "POST" && url.pathname === "/v6/deleteFiles") {
    if (req.headers["x-uploadthing-api-key"] !== API_KEY) return json(res, 401, { error: "bad key" });
    const { fileKeys } = JSON.parse((await body(req)).toString()) as { fileKeys: string[] };
    let deletedCount = 0;
    for (const k of fileKeys) if (blobs.delete(k)) deletedCount++;
    return json(res, 200, { success: true, deletedCount });
  }
  json(res, 404, { error: `unexpected ${req.method} ${url.pathname}` });
}

const realFetch = globalThis.fetch;
/** Only loopback: any other host fails the test. */
const loopbackFetch: typeof fetch = (input, init) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  outbound.push(url.host);
  if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") throw new Error(`outside host called: ${url.host}`);
  return realFetch(input, init);
};

beforeAll(async () => {
  server = http.createServer((req, res) => void handle(req, res).catch((e) => json(res, 500, { error: String(e) })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  process.env.UPLOADTHING_API_URL = `http://127.0.0.1:${port}`;
  process.env.UPLOADTHING_INGEST_URL = `http://127.0.0.1:${port}`;
  // The SDK builds download URLs as http://{ufsHost}/a/{appId}/{key} ("http" because the host
  // contains "local"); localhost is the loopback address here.
  process.env.UPLOADTHING_UFS_HOST = `localhost:${port}`;
  process.env.UPLOADTHING_UFS_APP_ID_LOCATION = "path";
  vi.stubGlobal("fetch", loopbackFetch);
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dataDir, { recursive: true, force: true });
  for (const k of ["UPLOADTHING_API_URL", "UPLOADTHING_INGEST_URL", "UPLOADTHING_UFS_HOST", "UPLOADTHING_UFS_APP_ID_LOCATION", "UPLOADTHING_TOKEN"]) delete process.env[k];
});

beforeEach(() => {
  seen.length = 0;
  outbound.length = 0;
});

async function readAll(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

describe("UploadThing adapter (contract with a stand-in on 127.0.0.1)", () => {
  it("puts, gets and deletes through the SDK's real requests", async () => {
    const store = await uploadThingStore({ token: process.env.UPLOADTHING_TOKEN!, fetch: loopbackFetch });
    const bytes = samplePdf("to the cloud");
    const name = `${crypto.randomUUID()}.pdf`;
    const key = await store.put(name, fileFromBytes("ignored-client-name.pdf", bytes), { mimeType: "application/pdf" });

    const put = seen.find((s) => s.method === "PUT")!;
    expect(put.path).toBe(`/${key}`);
    expect(decodeURIComponent(put.query.get("x-ut-file-name")!)).toBe(name); // our name, never the user's
    expect(decodeURIComponent(put.query.get("x-ut-file-type")!)).toBe("application/pdf");
    expect(decodeURIComponent(put.query.get("x-ut-content-disposition")!)).toBe("attachment");
    expect(put.headers["x-uploadthing-version"]).toBeTruthy();
    expect(blobs.get(key)?.bytes.equals(bytes)).toBe(true);

    const got = await readAll(await store.get(key));
    expect(got.equals(bytes)).toBe(true);
    expect(seen.some((s) => s.method === "GET" && s.path === `/a/${APP_ID}/${key}`)).toBe(true);

    await store.delete(key);
    expect(blobs.has(key)).toBe(false);
    expect(seen.some((s) => s.method === "POST" && s.path === "/v6/deleteFiles")).toBe(true);
    expect(outbound.every((h) => h === `127.0.0.1:${port}` || h === `localhost:${port}`)).toBe(true);
  });

  it("reports a failed upload and a missing file", async () => {
    const store = await uploadThingStore({ token: process.env.UPLOADTHING_TOKEN!, fetch: loopbackFetch });
    failNextUpload = true;
    await expect(store.put(`${crypto.randomUUID()}.pdf`, fileFromBytes("x.pdf", samplePdf()), { mimeType: "application/pdf" })).rejects.toThrow(/UploadThing upload failed/);
    await expect(store.get("NoSuchKey123")).rejects.toThrow(/stored file missing/);
  });

  it("is the store saveUpload and openDownload use when UPLOADTHING_TOKEN is set", async () => {
    const owner = await actorFor((await createUser()).id);
    const bytes = samplePng();
    const saved = await saveUpload(owner, fileFromBytes("عکس.png", bytes));
    const db = await getDb();
    const row = await db.selectFrom("files").selectAll().where("id", "=", saved.id).executeTakeFirstOrThrow();
    expect(row.store).toBe("uploadthing");
    expect(blobs.get(row.storage_key)?.name).toBe(`${saved.id}.png`);
    expect(fs.existsSync(`${dataDir}/uploads`)).toBe(false); // nothing on local disk
    const dl = await openDownload(owner, saved.id);
    expect(dl).toMatchObject({ name: "عکس.png", mimeType: "image/png", size: bytes.length });
    expect((await readAll(dl.stream)).equals(bytes)).toBe(true);
    expect(outbound.length).toBeGreaterThan(0);
    expect(outbound.every((h) => h === `127.0.0.1:${port}` || h === `localhost:${port}`)).toBe(true);
  });

  it("leaves no row when the upload fails and deletes the stored file when the row cannot be written", async () => {
    const owner = await actorFor((await createUser()).id);
    const db = await getDb();
    const count = async () => (await db.selectFrom("files").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
    const before = await count();
    failNextUpload = true;
    await expect(saveUpload(owner, fileFromBytes("a.pdf", samplePdf()))).rejects.toThrow();
    expect(await count()).toBe(before);

    await sql`CREATE FUNCTION refuse_file() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`.execute(db);
    await sql`CREATE TRIGGER refuse_file BEFORE INSERT ON files FOR EACH ROW EXECUTE FUNCTION refuse_file()`.execute(db);
    try {
      const stored = blobs.size;
      await expect(saveUpload(owner, fileFromBytes("b.pdf", samplePdf()))).rejects.toThrow(/refused/);
      expect(await count()).toBe(before);
      expect(blobs.size).toBe(stored);
      expect(seen.some((s) => s.path === "/v6/deleteFiles")).toBe(true);
    } finally {
      await sql`DROP TRIGGER refuse_file ON files`.execute(db);
    }
  });
});
