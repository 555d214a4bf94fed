// Open redirects over HTTP (issue 10, item 3): every form that sends the browser on (`next` on
// /login, `redirectTo` on /lang, `link` on /notifications) stays on the site, whatever it is given.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "./http-helpers";

vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});

const HOSTILE = [
  "/..//evil.example/phish", "//evil.example", "/\\evil.example", "/../\\evil.example", "/%2e%2e//evil.example",
  "/\t/evil.example", "https://evil.example", "/.//evil.example", "/a/../..//evil.example",
];

function expectOnSite(location: string | undefined, what: string) {
  expect(location, what).toBeDefined();
  const target = new URL(location!, `${server.origin}/somewhere`);
  expect(target.origin, `${what}: Location ${location}`).toBe(server.origin);
  expect(location, what).toMatch(/^\/(?![/\\])/);
}

describe("redirect targets from forms stay on the site", () => {
  it("POST /login next=...", async () => {
    const u = await createUser();
    for (const next of HOSTILE) {
      await (await getDb()).deleteFrom("rate_limits").execute();
      const r = await send(server, "/login", { method: "POST", form: { email: u.email, password: u.password, next } });
      expect(r.status, next).toBe(302);
      expectOnSite(r.headers.location, `next=${next}`);
    }
    const ok = await send(server, "/login", { method: "POST", form: { email: u.email, password: u.password, next: "/ideas?status=draft" } });
    expect(ok.headers.location).toBe("/ideas?status=draft");
  });

  it("POST /lang redirectTo=...", async () => {
    for (const redirectTo of HOSTILE) {
      const r = await send(server, "/lang", { method: "POST", form: { locale: "en", redirectTo } });
      expect(r.status, redirectTo).toBe(302);
      expectOnSite(r.headers.location, `redirectTo=${redirectTo}`);
    }
  });

  it("POST /notifications: the stored link is followed (never one the form sends), and only on the site", async () => {
    const u = await createUser();
    const cookie = await sessionCookieFor(u.id);
    const db = await getDb();
    for (const link of HOSTILE) {
      const n = await db.insertInto("notifications").values({ user_id: u.id, message_key: "notify.roleAdded", params: JSON.stringify({ role: "mentor" }), link }).returning("id").executeTakeFirstOrThrow();
      const r = await send(server, "/notifications", { method: "POST", cookie, form: { id: String(n.id), link } });
      expect(r.status, link).toBe(302);
      expectOnSite(r.headers.location, `link=${link}`);
    }
    const n = await db.insertInto("notifications").values({ user_id: u.id, message_key: "notify.roleAdded", params: JSON.stringify({ role: "mentor" }), link: "/cases/7" }).returning("id").executeTakeFirstOrThrow();
    const r = await send(server, "/notifications", { method: "POST", cookie, form: { id: String(n.id), link: "/admin/users" } });
    expect(r.headers.location).toBe("/cases/7");
  });
});
