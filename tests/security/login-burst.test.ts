// Parallel login guesses (issue 10, item 1): however many attempts arrive at once, no more than the
// limit are ever checked against the password, per IP and per account. Runs on whichever database
// the suite uses: PGlite by default (`npm test`), PostgreSQL with DATABASE_URL (CI).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { LOGIN_LIMIT } from "~/modules/accounts/service.server";
import { createUser } from "../factories";
import { loadBuild, login, sidCookie, startServer, type Reply, type TestServer } from "./http-helpers";

vi.setConfig({ testTimeout: 300_000 });

let server: TestServer;

beforeAll(async () => {
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  await (await getDb()).deleteFrom("rate_limits").execute();
});

/** 99 wrong passwords and the right one last, all sent at once; `from(i)` picks each request's source address. */
async function burst(email: string, password: string, from: (i: number) => string) {
  const attempts: Promise<Reply>[] = [];
  for (let i = 0; i < 100; i++) attempts.push(login(server, email, i === 99 ? password : `wrong-password-${i}`, { from: from(i), timeoutMs: 240_000 }));
  const replies = await Promise.all(attempts);
  const count = (s: number) => replies.filter((r) => r.status === s).length;
  return { replies, checked: count(401) + count(302), limited: count(429), other: replies.filter((r) => ![302, 401, 429].includes(r.status)).map((r) => r.status) };
}

async function checksAudited(email: string) {
  const rows = await (await getDb()).selectFrom("audit_log").select("action")
    .where("action", "in", ["auth.login.failed", "auth.login"])
    .where((eb) => eb.or([eb("details", "@>", JSON.stringify({ email })), eb("entity_id", "in", eb.selectFrom("users").select(eb.cast<string>("id", "text").as("id")).where("email", "=", email))]))
    .execute();
  return rows.length;
}

describe("100 parallel logins for one account", () => {
  it("from one address: at most the limit are checked, the rest are refused with 429 and Retry-After", async () => {
    const u = await createUser();
    const r = await burst(u.email, u.password, () => "127.0.8.1");
    expect(r.other).toEqual([]);
    expect(r.checked).toBeLessThanOrEqual(LOGIN_LIMIT);
    expect(r.limited).toBeGreaterThanOrEqual(100 - LOGIN_LIMIT);
    expect(await checksAudited(u.email)).toBeLessThanOrEqual(LOGIN_LIMIT);
    const refused = r.replies.find((x) => x.status === 429)!;
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.setCookies.some((c) => c.startsWith("sid="))).toBe(false);
  });

  it("from 100 addresses: the account's own limit holds, at most the limit are checked", async () => {
    const u = await createUser();
    const r = await burst(u.email, u.password, (i) => `127.0.9.${i + 1}`);
    expect(r.other).toEqual([]);
    expect(r.checked).toBeLessThanOrEqual(LOGIN_LIMIT);
    expect(r.limited).toBeGreaterThanOrEqual(100 - LOGIN_LIMIT);
    expect(await checksAudited(u.email)).toBeLessThanOrEqual(LOGIN_LIMIT);
  });

  it("the owner still logs in from a browser that logged in before, while the account is under attack", async () => {
    const u = await createUser();
    const first = await login(server, u.email, u.password, { from: "127.0.10.1" });
    expect(first.status).toBe(302);
    const device = first.setCookies.find((c) => c.startsWith("did="));
    expect(device, "a device cookie after a successful login").toBeDefined();
    // Someone hammers the account from many addresses until it is slowed down.
    const attack = await burst(u.email, "not-the-password", (i) => `127.0.11.${i + 1}`);
    expect(attack.limited).toBeGreaterThan(0);
    const stranger = await login(server, u.email, u.password, { from: "127.0.10.2" });
    expect(stranger.status).toBe(429);
    // The owner's browser presents its device cookie: the attack does not lock them out.
    const owner = await login(server, u.email, u.password, { from: "127.0.10.1", cookie: device!.split(";")[0] });
    expect(owner.status).toBe(302);
    expect(sidCookie(owner.setCookies)).toBeTruthy();
  });
});
