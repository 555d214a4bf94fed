// With SECURE_COOKIES=true (HTTPS deployments) the session cookie is also `Secure`. A file of its
// own: the app reads its environment once per process (per test file here).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "../factories";
import { loadBuild, login, startServer, type TestServer } from "./http-helpers";

// Every request goes through the real HTTP stack and, without DATABASE_URL, an embedded PGlite on a shared
// machine: the first request of a file alone can take half a minute.
vi.setConfig({ testTimeout: 180_000 });

process.env.SECURE_COOKIES = "true";
let server: TestServer;

beforeAll(async () => {
  server = await startServer(await loadBuild(), { production: true });
});
afterAll(async () => {
  await server?.close();
  delete process.env.SECURE_COOKIES;
});

describe("session cookie with SECURE_COOKIES=true", () => {
  it("is Secure, HttpOnly, SameSite=Lax, Path=/", async () => {
    const u = await createUser();
    const r = await login(server, u.email, u.password);
    expect(r.status).toBe(302);
    const attrs = r.setCookies.find((c) => c.startsWith("sid="))!.split(";").map((s) => s.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    expect(r.headers["strict-transport-security"]).toMatch(/max-age=/);
  });
});
