// The HTTP layer (server/app.mjs) in front of the built app: foreign Origins, security headers on
// every kind of response, the body cap, and that GET requests change nothing.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { sql } from "kysely";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, stable, startServer, type Reply, type TestServer } from "./http-helpers";

// Every request goes through the real HTTP stack and, without DATABASE_URL, an embedded PGlite on a shared
// machine: the first request of a file alone can take half a minute.
vi.setConfig({ testTimeout: 180_000 });

let build: ServerBuild;
let server: TestServer;
let prod: TestServer;

beforeAll(async () => {
  build = await loadBuild();
  server = await startServer(build);
  prod = await startServer(build, { production: true });
});
afterAll(async () => {
  await server?.close();
  await prod?.close();
});

describe("foreign Origin on non-GET requests", () => {
  const targets = ["/login", "/signup", "/logout", "/lang", "/account", "/admin/users/new", "/no-such-page"];

  it("refuses a foreign Origin with 403 on every method and route, before the app runs", async () => {
    const admin = await createUser({ role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    const db = await getDb();
    const before = await db.selectFrom("users").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    for (const p of targets) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        // Same host on another scheme or port is another site: Origin compares scheme, host and port.
        for (const origin of ["http://evil.example", "https://127.0.0.1.evil.example", "null", `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`, "http://127.0.0.1"]) {
          const r = await send(server, p, { method, cookie, origin, form: { email: "csrf@test.local", fullName: "x", role: "admin", orgUnitId: "" } });
          expect(r.status, `${method} ${p} from ${origin}`).toBe(403);
          expect(r.setCookies).toEqual([]);
        }
      }
    }
    // Without Origin, a foreign Referer is refused the same way (another scheme included).
    for (const referer of ["http://evil.example/page", `https://127.0.0.1:${server.port}/login`]) {
      const r = await send(server, "/logout", { method: "POST", cookie, origin: "none", form: {}, headers: { Referer: referer } });
      expect(r.status, referer).toBe(403);
    }
    const after = await db.selectFrom("users").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // The session survived the cross-site logout attempts.
    expect((await send(server, "/home", { cookie })).status).toBe(200);
  });

  it("lets a same-site Origin (or a same-site Referer) through", async () => {
    const u = await createUser();
    const ok = await send(server, "/login", { method: "POST", form: { email: u.email, password: u.password } });
    expect(ok.status).toBe(302);
    const viaReferer = await send(server, "/lang", { method: "POST", origin: "none", headers: { Referer: `${server.origin}/login` }, form: { locale: "en", redirectTo: "/" } });
    expect(viaReferer.status).toBe(302);
    expect(viaReferer.setCookies.some((c) => c.startsWith("lang=") || c.includes("en"))).toBe(true);
  });
});

describe("no GET changes data", () => {
  it("GET on every action route leaves users, roles, sessions and settings as they were", async () => {
    const db = await getDb();
    const admin = await createUser({ role: "admin" });
    const victim = await createUser();
    const cookie = await sessionCookieFor(admin.id);
    const snapshot = async () => ({
      users: await db.selectFrom("users").select(["id", "disabled_at", "version", "password_hash"]).orderBy("id").execute(),
      roles: await db.selectFrom("role_assignments").select(["id", "user_id", "role"]).orderBy("id").execute(),
      revoked: await db.selectFrom("sessions").select("id_hash").where("revoked_at", "is not", null).orderBy("id_hash").execute(),
      counties: await db.selectFrom("counties").select(["code", "active", "name_fa"]).orderBy("code").execute(),
    });
    const before = await snapshot();
    const gets = [
      "/logout", "/lang?locale=en&redirectTo=/", `/admin/users/${victim.id}?intent=disable`,
      `/admin/users/${victim.id}?intent=endSessions`, "/admin/reference/counties?intent=deactivate&code=tabriz",
      "/signup?fullName=x&email=get-signup@test.local&password=long-enough-1&passwordConfirm=long-enough-1",
      "/notifications?id=1", "/account?currentPassword=test-pass-1401&newPassword=changed-by-get&newPasswordConfirm=changed-by-get",
    ];
    for (const p of gets) {
      const r = await send(server, p, { cookie });
      expect(r.status, p).toBeLessThan(500);
      expect(r.setCookies.filter((c) => c.startsWith("sid=") || c.startsWith("lang=")), p).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
    expect((await send(server, "/home", { cookie })).status).toBe(200);
  });
});

function expectSecurityHeaders(r: Reply, what: string, production = false) {
  const csp = String(r.headers["content-security-policy"] ?? "");
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("default-src 'self'");
  expect(csp, `${what}: CSP`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(r.headers["x-content-type-options"], `${what}: nosniff`).toBe("nosniff");
  expect(r.headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  expect(r.headers["x-powered-by"], `${what}: X-Powered-By`).toBeUndefined();
  if (production) expect(r.headers["strict-transport-security"], `${what}: HSTS`).toMatch(/max-age=\d{7,}/);
  else expect(r.headers["strict-transport-security"], `${what}: no HSTS outside production`).toBeUndefined();
}

describe("security headers on every kind of response", () => {
  function staticFile(): string {
    const dir = path.resolve(__dirname, "../../public/build");
    const file = fs.readdirSync(dir).find((f) => f.endsWith(".js"));
    if (!file) throw new Error("no built asset under public/build: run `npx remix build`");
    return `/build/${file}`;
  }

  for (const production of [false, true]) {
    it(`HTML page, static file, 404, 403, error and refusal responses (${production ? "production: with" : "development: without"} HSTS)`, async () => {
      const s = production ? prod : server;
      const entrepreneur = await createUser();
      const cookie = await sessionCookieFor(entrepreneur.id);
      const cases: [string, Promise<Reply>, number][] = [
        ["HTML page", send(s, "/"), 200],
        ["static file", send(s, staticFile()), 200],
        ["missing static file", send(s, "/build/no-such-file.js"), 404],
        ["404 page", send(s, "/no-such-page"), 404],
        ["403 page", send(s, "/admin/users", { cookie }), 403],
        ["redirect", send(s, "/home"), 302],
        ["validation error", send(s, "/login", { method: "POST", form: { email: "" } }), 400],
        ["cross-site refusal", send(s, "/login", { method: "POST", origin: "http://evil.example", form: {} }), 403],
        ["oversized body", oversize(s), 413],
        ["malformed URL", send(s, "/%E0%A4%A"), 400],
      ];
      for (const [what, p, status] of cases) {
        const r = await p;
        expect(r.status, what).toBe(status);
        expectSecurityHeaders(r, what, production);
      }
    });
  }

  it("an unexpected server error (500) carries the headers too, and leaks nothing in production", async () => {
    const index = build.routes["routes/_index"];
    const broken = {
      ...build,
      routes: { ...build.routes, "routes/_index": { ...index, module: { ...index.module, loader: () => { throw new Error("secret-detail-boom"); } } } },
    } as ServerBuild;
    for (const production of [false, true]) {
      const s = await startServer(broken, { production });
      try {
        const r = await send(s, "/");
        expect(r.status).toBe(500);
        expectSecurityHeaders(r, `500 page (${production ? "production" : "development"})`, production);
        if (production) expect(r.body).not.toContain("secret-detail-boom");
      } finally {
        await s.close();
      }
    }
  });

  it("HTML pages use a per-request script nonce, and the page's scripts carry it", async () => {
    const a = await send(server, "/login");
    const b = await send(server, "/login");
    const nonceOf = (r: Reply) => /'nonce-([^']+)'/.exec(String(r.headers["content-security-policy"]))?.[1];
    expect(nonceOf(a)).toBeTruthy();
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    const scripts = [...a.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(a)}"`);
  });
});

/** Sends only the headers of a huge POST and waits for the answer without sending the body. */
function oversize(s: TestServer, headers: Record<string, string> = { "Content-Length": String(50 * 1024 * 1024) }, urlPath = "/login"): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1", port: s.port, path: urlPath, method: "POST", agent: false,
      headers: { Origin: s.origin, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString("utf8")));
      res.on("end", () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, setCookies: [], body }); req.destroy(); });
    });
    req.setTimeout(5000, () => req.destroy(new Error("no answer within 5 s: the server waited for (or read) the body")));
    req.on("error", reject);
    req.flushHeaders();
  });
}

describe("body size cap", () => {
  it("refuses a Content-Length beyond the cap with 413 before reading the body", async () => {
    const started = Date.now();
    const r = await oversize(server);
    expect(r.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(4000);
    const bodyTooBigButHonest = await send(server, "/signup", { method: "POST", body: "a=".padEnd(11 * 1024 * 1024, "x"), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(bodyTooBigButHonest.status).toBe(413);
  });

  it("refuses a chunked body without Content-Length rather than reading it whole", async () => {
    const r = await oversize(server, { "Transfer-Encoding": "chunked" });
    expect(r.status).toBe(411);
  });

  it("a small capped server refuses just above its cap and accepts just below", async () => {
    const small = await startServer(build, { maxBodyBytes: 1024 });
    try {
      const over = await send(small, "/login", { method: "POST", form: { email: "x@test.local", password: "p".repeat(1100) } });
      expect(over.status).toBe(413);
      const under = await send(small, "/login", { method: "POST", form: { email: "x@test.local", password: "p".repeat(100) } });
      expect(under.status).toBe(401);
    } finally {
      await small.close();
    }
  });
});

describe("unknown and hidden ids", () => {
  it("unknown ids and tokens answer 404", async () => {
    const admin = await createUser({ role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    for (const p of ["/admin/users/999999999", "/admin/users/2147483648", "/admin/users/99999999999999999999", "/admin/users/0", "/admin/users/-1", "/admin/users/1e3", "/admin/users/abc", "/admin/reference/nope", "/invite/nope", "/no/such/page"]) {
      expect((await send(server, p, { cookie })).status, p).toBe(404);
    }
  });

  it("out-of-range numbers and NUL in admin forms and filters answer 4xx, never a database error", async () => {
    const admin = await createUser({ role: "admin" });
    const target = await createUser();
    const cookie = await sessionCookieFor(admin.id);
    for (const p of ["/admin/audit?action=%00&entity=%00", "/admin/audit?actor=99999999999999999999&before=1e400", "/admin/users?after=99999999999999999999&q=%00", "/notifications?after=1e400"]) {
      expect((await send(server, p, { cookie })).status, p).toBe(200);
    }
    const posts: [string, Record<string, string>, number][] = [
      [`/admin/users/${target.id}`, { intent: "removeRole", assignmentId: "99999999999" }, 404],
      [`/admin/users/${target.id}`, { intent: "addRole", role: "mentor", orgUnitId: "99999999999" }, 400],
      ["/admin/users/new", { fullName: "x", email: "range@test.local", role: "mentor", orgUnitId: "99999999999" }, 400],
      ["/admin/reference/sectors", { intent: "rename", code: "x\u0000", nameFa: "x", nameEn: "y", version: "99999999999999999" }, 400],
      ["/admin/reference/sectors", { intent: "deactivate", code: "\u0000" }, 404],
      ["/notifications", { id: "99999999999999999999" }, 302],
    ];
    for (const [p, form, status] of posts) {
      expect((await send(server, p, { method: "POST", cookie, form })).status, `${p} ${JSON.stringify(form)}`).toBe(status);
    }
  });

  it("an admin user page the actor may not see answers exactly like a missing one", async () => {
    const target = await createUser();
    for (const role of ["entrepreneur", "staff", "mentor"] as const) {
      const cookie = await sessionCookieFor((await createUser({ role })).id);
      const existing = await send(server, `/admin/users/${target.id}`, { cookie });
      const missing = await send(server, "/admin/users/999999999", { cookie });
      expect(existing.status, role).toBe(403);
      expect(missing.status, role).toBe(existing.status);
      const norm = (r: Reply) => stable(r.body).replace(/\/admin\/users\/\d+/g, "/admin/users/N");
      expect(norm(missing)).toBe(norm(existing));
      for (const method of ["POST"]) {
        const a = await send(server, `/admin/users/${target.id}`, { method, cookie, form: { intent: "disable" } });
        const b = await send(server, "/admin/users/999999999", { method, cookie, form: { intent: "disable" } });
        expect([a.status, b.status], `${role} ${method}`).toEqual([403, 403]);
      }
    }
    const db = await getDb();
    const t = await db.selectFrom("users").select("disabled_at").where("id", "=", target.id).executeTakeFirstOrThrow();
    expect(t.disabled_at).toBeNull();
  });
});
