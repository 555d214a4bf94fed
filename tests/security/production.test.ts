// `npm start` and `npm run serve` (issue 10, items 4 and 15): the real server.mjs, started as the
// README says, runs in production mode (HSTS, Secure cookies on a real database, no stack traces),
// refuses production on the embedded database unless the operator says it is an evaluation, and
// answers wrong content types with 415/400, never 500.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseEnv, bootRefusal } from "~/lib/env.server";
import { createUser } from "../factories";
import { send, type TestServer } from "./http-helpers";

vi.setConfig({ testTimeout: 300_000 });

const ROOT = path.resolve(__dirname, "../..");
const started: ChildProcess[] = [];
afterAll(() => {
  for (const p of started) p.kill("SIGTERM");
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Runs `node server.mjs ...args` with exactly `env` (plus PATH/HOME); resolves when it listens or exits. */
async function startReal(args: string[], env: Record<string, string>) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["server.mjs", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: String(port), HOST: "127.0.0.1", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const outcome = await new Promise<{ listening: boolean; code: number | null }>((resolve) => {
    child.on("exit", (code: number | null) => resolve({ listening: false, code }));
    const timer = setInterval(() => {
      if (out.includes("portal listening")) {
        clearInterval(timer);
        resolve({ listening: true, code: null });
      }
    }, 100);
  });
  const server: TestServer = { origin: `http://127.0.0.1:${port}`, port, close: async () => void child.kill("SIGTERM") };
  return { ...outcome, output: () => out, server };
}

describe("configuration defaults", () => {
  it("cookies are Secure by default in production; SECURE_COOKIES=false is the explicit exception", () => {
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x@h/db", SESSION_SECRET: "s".repeat(32) }).secureCookies).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", EVALUATION: "true", SECURE_COOKIES: "false" }).secureCookies).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).secureCookies).toBe(false);
    expect(parseEnv({ NODE_ENV: "test", SECURE_COOKIES: "true" }).secureCookies).toBe(true);
  });

  it("production on the embedded database needs EVALUATION=true", () => {
    expect(bootRefusal(parseEnv({ NODE_ENV: "production" }))).toMatch(/EVALUATION=true/);
    expect(bootRefusal(parseEnv({ NODE_ENV: "production", EVALUATION: "true" }))).toBeNull();
    // Several instances on one database: uploads need UploadThing or a folder they all share.
    expect(bootRefusal(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x@h/db", SESSION_SECRET: "s".repeat(32) }))).toMatch(/FILES_SHARED=true/);
    expect(bootRefusal(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x@h/db", SESSION_SECRET: "s".repeat(32), FILES_SHARED: "true" }))).toBeNull();
    expect(bootRefusal(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x@h/db", SESSION_SECRET: "s".repeat(32), UPLOADTHING_TOKEN: "t" }))).toBeNull();
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x@h/db" })).toThrow(/SESSION_SECRET/);
    expect(bootRefusal(parseEnv({ NODE_ENV: "development" }))).toBeNull();
  });
});

describe("server.mjs as the README starts it", () => {
  it("`npm run serve` without a database refuses to start (production on PGlite is for evaluation)", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-refuse-"));
    try {
      const r = await startReal([], { DATA_DIR: dataDir });
      expect(r.listening, r.output()).toBe(false);
      expect(r.code).not.toBe(0);
      expect(r.output()).toMatch(/EVALUATION=true/);
      expect(fs.existsSync(path.join(dataDir, "pglite")), "refused before opening the embedded database").toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("runs in production mode: HSTS, no stack traces, 415/400 for bodies that are not forms", async () => {
    const db = await getDb();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-prod-"));
    // On PostgreSQL (CI) this is `npm run serve` on a real database; on PGlite it is `npm start`'s evaluation.
    const onPostgres = !!process.env.TEST_DATABASE_URL;
    const r = onPostgres
      ? await startReal([], { DATABASE_URL: process.env.TEST_DATABASE_URL!, SESSION_SECRET: "p".repeat(40), DATA_DIR: dataDir, FILES_SHARED: "true" })
      : await startReal(["--evaluation"], { DATA_DIR: dataDir });
    try {
      expect(r.listening, r.output()).toBe(true);
      expect(r.output()).toContain("production");
      const page = await send(r.server, "/login");
      expect(page.status).toBe(200);
      expect(page.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
      for (const [type, body, status] of [
        ["application/json", '{"email":"a@b.c","password":"x"}', 415],
        ["text/plain", "email=a@b.c&password=x", 415],
        ["application/xml", "<a/>", 415],
        ["multipart/form-data; boundary=zzz", "--zzz\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nbroken", 400],
      ] as const) {
        const res = await send(r.server, "/login", { method: "POST", body, headers: { "Content-Type": type } });
        expect(res.status, type).toBe(status);
        expect(res.body, type).not.toMatch(/node_modules|\bat [\w.]+ \(|\.tsx?:\d+|stack/);
      }
      if (onPostgres) {
        const u = await createUser();
        const login = await send(r.server, "/login", { method: "POST", form: { email: u.email, password: u.password } });
        expect(login.status).toBe(302);
        for (const name of ["sid=", "did="]) {
          const c = login.setCookies.find((x) => x.startsWith(name));
          expect(c?.split(";").map((a) => a.trim().toLowerCase()), name).toContain("secure");
        }
      }
      void db;
    } finally {
      await r.server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
