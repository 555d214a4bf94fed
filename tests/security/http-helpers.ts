// Shared by the security tests: the built Remix server behind the real express layer
// (server/app.mjs) on 127.0.0.1:0, and a small node:http client that never follows redirects
// and can choose its source address (127.0.0.x) so per-IP limits can be exercised.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll } from "vitest";
import { createApp } from "../../server/app.mjs";
import { anonymousActor } from "../factories";
import { startSession } from "~/modules/accounts/service.server";

const BUILD = path.resolve(__dirname, "../../build/index.js");

/** The server build `npx remix build` produced; a clear failure when it is missing. */
export async function loadBuild(): Promise<ServerBuild> {
  if (!fs.existsSync(BUILD)) {
    throw new Error(`Security tests need the built server at ${BUILD}: run \`npx remix build\` first.`);
  }
  return (await import(/* @vite-ignore */ BUILD)) as ServerBuild;
}

export interface TestServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Starts createApp({ build, production }) on 127.0.0.1 with an ephemeral port. */
export async function startServer(build: ServerBuild, opts: { production?: boolean; maxBodyBytes?: number } = {}): Promise<TestServer> {
  const app = createApp({ build, production: opts.production ?? false, ...(opts.maxBodyBytes ? { maxBodyBytes: opts.maxBodyBytes } : {}) });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/**
 * The built server for the tests of one file (or one describe block): loaded and started before
 * them, closed after. `const app = builtServer();` then `send(app.server, ...)`, `app.build.routes`.
 */
export function builtServer(opts: { production?: boolean } = {}): { build: ServerBuild; server: TestServer } {
  const app = {} as { build: ServerBuild; server: TestServer };
  beforeAll(async () => {
    app.build = await loadBuild();
    app.server = await startServer(app.build, opts);
  });
  afterAll(async () => {
    await app.server?.close();
  });
  return app;
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  setCookies: string[];
  body: string;
}

export interface SendOptions {
  method?: string;
  cookie?: string | null;
  /** Form fields (urlencoded). */
  form?: Record<string, string> | URLSearchParams;
  /** Raw body instead of a form. */
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Origin header: "same" (the default for non-GET), "none", or a literal value. */
  origin?: "same" | "none" | string;
  /** Source address, e.g. "127.0.0.7" (any 127/8 address works on Linux loopback). */
  from?: string;
  timeoutMs?: number;
}

/** One HTTP request to the test server; never follows redirects. */
export function send(server: TestServer, urlPath: string, opts: SendOptions = {}): Promise<Reply> {
  const method = opts.method ?? (opts.form || opts.body ? "POST" : "GET");
  const headers: Record<string, string> = { "User-Agent": "security-tests", ...opts.headers };
  const origin = opts.origin ?? (method === "GET" || method === "HEAD" ? "none" : "same");
  if (origin === "same") headers.Origin = server.origin;
  else if (origin !== "none") headers.Origin = origin;
  if (opts.cookie) headers.Cookie = opts.cookie;
  let payload: Buffer | undefined;
  if (opts.form) {
    const params = opts.form instanceof URLSearchParams ? opts.form : new URLSearchParams(opts.form);
    payload = Buffer.from(params.toString(), "utf8");
    headers["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8";
  } else if (opts.body !== undefined) {
    payload = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body, "utf8");
  }
  if (payload) headers["Content-Length"] = String(payload.length);
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: server.port, path: urlPath, method, headers, localAddress: opts.from, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const sc = res.headers["set-cookie"];
          resolve({ status: res.statusCode ?? 0, headers: res.headers, setCookies: Array.isArray(sc) ? sc : sc ? [sc] : [], body: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", reject);
      },
    );
    req.setTimeout(opts.timeoutMs ?? 20_000, () => req.destroy(new Error(`timeout: ${method} ${urlPath}`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/** The `sid=...` pair from a Set-Cookie list, ready for a Cookie header (null when absent). */
export function sidCookie(setCookies: string[]): string | null {
  const c = setCookies.find((s) => s.startsWith("sid="));
  return c ? c.split(";")[0] : null;
}

/** A real session for a user, as the login route would create it; returns the Cookie header value. */
export async function sessionCookieFor(userId: number): Promise<string> {
  const setCookie = await startSession(anonymousActor(), userId, "security-tests");
  return setCookie.split(";")[0];
}

/** Signs in through POST /login and returns the reply (302 with a sid cookie on success). */
export function login(server: TestServer, email: string, password: string, opts: Omit<SendOptions, "form"> = {}) {
  return send(server, "/login", { ...opts, method: "POST", form: { email, password } });
}

/** Strips per-request values (nonces, request ids) so two pages can be compared. */
export function stable(html: string): string {
  return html
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/"requestId":"[^"]*"/g, '"requestId":""')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
}
