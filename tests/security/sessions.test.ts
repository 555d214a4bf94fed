// Sessions and logins over the real HTTP layer: cookie flags, fixation, logout, timeouts,
// disabling a user, rate limits (per account and per IP) and generic login errors.
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { hashSessionId, sessionCookie } from "~/modules/accounts/session.server";
import { LOGIN_LIMIT } from "~/modules/accounts/service.server";
import { createUser } from "../factories";
import { loadBuild, login, send, sessionCookieFor, sidCookie, stable, startServer, type TestServer } from "./http-helpers";

// Every request goes through the real HTTP stack and, without DATABASE_URL, an embedded PGlite on a shared
// machine: the first request of a file alone can take half a minute.
vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;

beforeAll(async () => {
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  // Every test logs in from 127.0.0.1; start each with no recorded failures.
  await (await getDb()).deleteFrom("rate_limits").execute();
});

/** 200 when the cookie's session is alive, 302 (to /login) when it is not. */
async function homeStatus(cookie: string | null) {
  return (await send(server, "/home", { cookie })).status;
}

async function sessionIdOf(cookie: string): Promise<string> {
  return (await sessionCookie().parse(cookie)) as string;
}

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/, not Secure in tests, and carries only a random id", async () => {
    const u = await createUser();
    const r = await login(server, u.email, u.password);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe("/home");
    const set = r.setCookies.find((c) => c.startsWith("sid="));
    expect(set).toBeDefined();
    const attrs = set!.split(";").map((s) => s.trim().toLowerCase());
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
    expect(attrs.some((a) => a === "secure")).toBe(false);
    expect(attrs).toContain("max-age=43200");
    // The value is a signed random id: nothing about the user, and its hash is a session row's key.
    const id = await sessionIdOf(sidCookie(r.setCookies)!);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const raw = decodeURIComponent(set!.split(";")[0].slice(4));
    const payload = raw.slice(0, raw.lastIndexOf("."));
    expect(JSON.parse(Buffer.from(payload, "base64").toString("utf8"))).toBe(id);
    const row = await (await getDb()).selectFrom("sessions").select("user_id").where("id_hash", "=", hashSessionId(id)).executeTakeFirst();
    expect(row?.user_id).toBe(u.id);
  });

  it("a forged or tampered cookie is not a session", async () => {
    const u = await createUser();
    const good = await sessionCookieFor(u.id);
    expect(await homeStatus(good)).toBe(200);
    const id = await sessionIdOf(good);
    expect(await homeStatus(`sid=${encodeURIComponent(btoa(JSON.stringify(id)))}`)).toBe(302); // unsigned
    expect(await homeStatus(good.slice(0, -3) + (good.endsWith("AAA") ? "BBB" : "AAA"))).toBe(302);
  });
});

describe("login and logout", () => {
  it("issues a new session id at every login and ends the one the browser had (no fixation)", async () => {
    const u = await createUser();
    const first = sidCookie((await login(server, u.email, u.password)).setCookies)!;
    expect(await homeStatus(first)).toBe(200);
    // Logging in again from a browser that already holds a session (or a planted one).
    const again = await login(server, u.email, u.password, { cookie: first });
    expect(again.status).toBe(302);
    const second = sidCookie(again.setCookies)!;
    expect(second).toBeTruthy();
    expect(await sessionIdOf(second)).not.toBe(await sessionIdOf(first));
    expect(await homeStatus(second)).toBe(200);
    expect(await homeStatus(first)).toBe(302);
  });

  it("logout revokes the session server-side: the old cookie no longer works", async () => {
    const u = await createUser();
    const cookie = sidCookie((await login(server, u.email, u.password)).setCookies)!;
    expect(await homeStatus(cookie)).toBe(200);
    const out = await send(server, "/logout", { method: "POST", cookie, form: {} });
    expect(out.status).toBe(302);
    expect(out.setCookies.some((c) => c.startsWith("sid=;") && /max-age=0/i.test(c))).toBe(true);
    // A client that ignores the cleared cookie and replays the old one is still signed out.
    expect(await homeStatus(cookie)).toBe(302);
    const row = await (await getDb()).selectFrom("sessions").select("revoked_at").where("id_hash", "=", hashSessionId(await sessionIdOf(cookie))).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it("GET /logout does not log out (no GET changes data)", async () => {
    const u = await createUser();
    const cookie = await sessionCookieFor(u.id);
    const r = await send(server, "/logout", { cookie });
    expect(r.status).toBe(302);
    expect(r.setCookies.some((c) => c.startsWith("sid="))).toBe(false);
    expect(await homeStatus(cookie)).toBe(200);
  });

  it("gives the same generic answer for a wrong password, an unknown email and a disabled user", async () => {
    const u = await createUser();
    const off = await createUser();
    await (await getDb()).updateTable("users").set({ disabled_at: sql`now()` }).where("id", "=", off.id).execute();
    const email = "same-length@test.local";
    const wrong = await login(server, u.email, "wrong-password-1");
    const unknown = await login(server, "nobody-here@test.local", "wrong-password-1");
    const disabled = await login(server, off.email, off.password);
    for (const r of [wrong, unknown, disabled]) {
      expect(r.status).toBe(401);
      expect(r.setCookies.some((c) => c.startsWith("sid="))).toBe(false);
    }
    const page = (r: typeof wrong, e: string) => stable(r.body).split(e).join(email);
    expect(page(unknown, "nobody-here@test.local")).toBe(page(wrong, u.email));
    expect(page(disabled, off.email)).toBe(page(wrong, u.email));
  });
});

describe("timeouts", () => {
  async function moveSession(cookie: string, set: { createdAgoMs?: number; lastSeenAgoMs?: number }) {
    const db = await getDb();
    const idHash = hashSessionId(await sessionIdOf(cookie));
    const patch: Record<string, unknown> = {};
    if (set.createdAgoMs !== undefined) {
      // The absolute limit is stored as expires_at = created_at + 12 h; move both together.
      patch.created_at = new Date(Date.now() - set.createdAgoMs);
      patch.expires_at = new Date(Date.now() - set.createdAgoMs + 12 * 3600_000);
    }
    if (set.lastSeenAgoMs !== undefined) patch.last_seen_at = new Date(Date.now() - set.lastSeenAgoMs);
    await db.updateTable("sessions").set(patch).where("id_hash", "=", idHash).execute();
  }

  it("ends a session after 30 minutes without activity, not before", async () => {
    const u = await createUser();
    const a = await sessionCookieFor(u.id);
    const b = await sessionCookieFor(u.id);
    await moveSession(a, { lastSeenAgoMs: 29 * 60_000 });
    await moveSession(b, { lastSeenAgoMs: 31 * 60_000 });
    expect(await homeStatus(a)).toBe(200);
    expect(await homeStatus(b)).toBe(302);
    // Activity moved `a`'s clock: it is alive again for a full idle period.
    const db = await getDb();
    const row = await db.selectFrom("sessions").select("last_seen_at").where("id_hash", "=", hashSessionId(await sessionIdOf(a))).executeTakeFirstOrThrow();
    expect(Date.now() - new Date(row.last_seen_at).getTime()).toBeLessThan(60_000);
  });

  it("ends a session 12 hours after login even when it was active all along", async () => {
    const u = await createUser();
    const a = await sessionCookieFor(u.id);
    const b = await sessionCookieFor(u.id);
    await moveSession(a, { createdAgoMs: 11 * 3600_000 + 59 * 60_000, lastSeenAgoMs: 0 });
    await moveSession(b, { createdAgoMs: 12 * 3600_000 + 60_000, lastSeenAgoMs: 0 });
    expect(await homeStatus(a)).toBe(200);
    expect(await homeStatus(b)).toBe(302);
  });
});

describe("disabling a user", () => {
  it("ends their sessions at once", async () => {
    const admin = await createUser({ role: "admin" });
    const u = await createUser();
    const theirs = [await sessionCookieFor(u.id), sidCookie((await login(server, u.email, u.password)).setCookies)!];
    for (const c of theirs) expect(await homeStatus(c)).toBe(200);
    const r = await send(server, `/admin/users/${u.id}`, { method: "POST", cookie: await sessionCookieFor(admin.id), form: { intent: "disable" } });
    expect(r.status).toBe(302);
    for (const c of theirs) expect(await homeStatus(c)).toBe(302);
    const live = await (await getDb()).selectFrom("sessions").select("id_hash").where("user_id", "=", u.id).where("revoked_at", "is", null).execute();
    expect(live).toEqual([]);
    expect((await login(server, u.email, u.password)).status).toBe(401);
  });
});

describe("login rate limits over HTTP", () => {
  it("slows one account down after 10 failures from any address (429 with Retry-After), without locking it", async () => {
    const u = await createUser();
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      const r = await login(server, u.email, `wrong-password-${i}`, { from: `127.0.1.${i + 1}` });
      expect(r.status, `attempt ${i + 1}`).toBe(401);
    }
    const r = await login(server, u.email, u.password, { from: "127.0.1.200" });
    expect(r.status).toBe(429);
    expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(r.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(r.setCookies.some((c) => c.startsWith("sid="))).toBe(false);
    // Another account from those addresses is unaffected.
    const other = await createUser();
    expect((await login(server, other.email, other.password, { from: "127.0.1.1" })).status).toBe(302);
    // A minute later the owner gets an attempt again.
    await (await getDb()).updateTable("rate_limits").set({ at: sql`at - interval '61 seconds'` }).execute();
    expect((await login(server, u.email, u.password, { from: "127.0.1.200" })).status).toBe(302);
  });

  it("refuses the 11th failed login from one IP across accounts (429), while other addresses still log in", async () => {
    const from = "127.0.2.7";
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      const r = await login(server, `nobody-${i}@test.local`, "wrong-password", { from });
      expect(r.status, `attempt ${i + 1}`).toBe(401);
    }
    const keys = await (await getDb()).selectFrom("rate_limits").select("key").where("bucket", "=", "login-ip").execute();
    expect(keys.map((k) => k.key)).toEqual([from]); // the client's address, never "unknown"
    const u = await createUser();
    expect((await login(server, u.email, u.password, { from })).status).toBe(429);
    expect((await login(server, u.email, u.password, { from: "127.0.2.8" })).status).toBe(302);
  });

  it("successful logins cost nothing: an office behind one address logs in all day", async () => {
    const from = "127.0.2.9";
    const u = await createUser();
    for (let i = 0; i < LOGIN_LIMIT * 2; i++) expect((await login(server, u.email, u.password, { from })).status, `login ${i + 1}`).toBe(302);
  });

  it("gives an address one attempt back every 90 seconds and all ten after 15 minutes", async () => {
    const u = await createUser();
    const from = "127.0.3.1";
    const move = (interval: string) => getDb().then((db) => db.updateTable("rate_limits").set({ at: sql`at - ${interval}::interval` }).where("bucket", "=", "login-ip").execute());
    for (let i = 0; i < LOGIN_LIMIT; i++) await login(server, `someone-${i}@test.local`, "wrong-password", { from });
    expect((await login(server, u.email, u.password, { from })).status).toBe(429);
    await move("91 seconds");
    expect((await login(server, "someone-x@test.local", "wrong-password", { from })).status).toBe(401);
    expect((await login(server, u.email, u.password, { from })).status).toBe(429);
    await move("16 minutes");
    for (let i = 0; i < LOGIN_LIMIT - 1; i++) expect((await login(server, `someone-${i}@test.local`, "wrong-password", { from })).status).toBe(401);
    expect((await login(server, u.email, u.password, { from })).status).toBe(302);
  });

});
