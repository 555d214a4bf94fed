// Public pages a shared cache may keep (issue 18 item 8): an anonymous reader gets an ETag and a public
// Cache-Control; a conditional request with that ETag answers 304 without a body; any change made
// through a service (an audit row of a change) gives a new ETag, and signing in or reading does not; signed-in readers and other languages never share
// an entry with the anonymous page.
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { sql } from "kysely";
import { CHANGES, PUBLIC_CACHEABLE, PUBLIC_CACHE_CONTROL } from "~/lib/public-cache.server";
import { OBSERVATIONS } from "~/modules/audit/observations";
import { writeAudit } from "~/modules/audit/service.server";
import { createUser } from "../factories";
import { makeCluster } from "../factories/clusters";
import { loadBuild, login, send, sessionCookieFor, startServer, type TestServer } from "./http-helpers";

vi.setConfig({ testTimeout: 180_000 });

let build: ServerBuild;
let server: TestServer;

beforeAll(async () => {
  build = await loadBuild();
  server = await startServer(build, { production: true });
});
afterAll(async () => {
  await server?.close();
});

describe("public pages behind a shared cache", () => {
  it("every listed path answers an anonymous GET with an ETag and a public Cache-Control", async () => {
    for (const p of PUBLIC_CACHEABLE) {
      const r = await send(server, p);
      expect(r.status, p).toBe(200);
      expect(r.headers.etag, p).toMatch(/^W\/"[\w-]{27}"$/);
      expect(r.headers["cache-control"], p).toBe(PUBLIC_CACHE_CONTROL);
      expect(r.headers.vary, p).toContain("Cookie");
    }
  });

  it("answers 304 with no body to a matching If-None-Match, and 200 again after a change", async () => {
    const first = await send(server, "/employment.json");
    const etag = String(first.headers.etag);
    const again = await send(server, "/employment.json", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    // The stored page keeps its own CSP: a new nonce in the 304 would block the stored page's scripts.
    expect(first.headers["content-security-policy"]).toMatch(/nonce-/);
    expect(again.headers["content-security-policy"]).toBeUndefined();
    // A list of tags, one of them current, is a match too.
    expect((await send(server, "/employment.json", { headers: { "If-None-Match": `W/"old", ${etag}` } })).status).toBe(304);

    // Signing in, a failed login and a staff read of a private profile are audited, but they change
    // nothing a public page shows: the tag stays valid (before, every audit row made every page new).
    const user = await createUser({ role: "entrepreneur" });
    expect((await login(server, user.email, "wrong-password")).status).toBe(401);
    expect((await login(server, user.email, user.password)).status).toBe(302);
    const db0 = await getDb();
    await writeAudit(db0, { actorId: user.id, ip: "127.0.0.1", requestId: "t" }, { action: "seeker.read", entity: "job_seeker_profile", entityId: 1 });
    await new Promise((r) => setTimeout(r, 1100));
    const afterReads = await send(server, "/employment.json", { headers: { "If-None-Match": etag } });
    expect(afterReads.status).toBe(304);

    // A change made through this server (a sign-up creates an account, audited) is seen by its next request.
    const email = `etag-${Date.now()}@example.test`;
    const signup = await send(server, "/signup", { form: { fullName: "آزمون کش", email, mobile: "", password: "a-long-pass-1401", passwordConfirm: "a-long-pass-1401", website: "" } });
    expect(signup.status).toBe(302);
    expect(await db0.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()).toBeTruthy();
    const afterLocal = await send(server, "/employment.json", { headers: { "If-None-Match": etag } });
    expect(afterLocal.status).toBe(200);
    expect(afterLocal.headers.etag).not.toBe(etag);
    expect(JSON.parse(afterLocal.body)).toBeTruthy();

    // A change made by another instance (here: the test's own copy of the service code, which shares
    // only the database with the server) is seen within the second the version is kept.
    const etag2 = String(afterLocal.headers.etag);
    const db = await getDb();
    await writeAudit(db, { actorId: null, ip: "127.0.0.1", requestId: "t" }, { action: "test.change", entity: "employment_reports", entityId: 1 });
    await new Promise((r) => setTimeout(r, 1100));
    const afterOther = await send(server, "/employment.json", { headers: { "If-None-Match": etag2 } });
    expect(afterOther.status).toBe(200);
    expect(afterOther.headers.etag).not.toBe(etag2);
  });

  it("the public advantages and the cluster directory answer 304, and a new page after a change to their data", async () => {
    for (const p of ["/opportunities", "/clusters/directory"] as const) {
      expect(PUBLIC_CACHEABLE, p).toContain(p);
      const first = await send(server, p);
      expect(first.status, p).toBe(200);
      expect(first.headers["cache-control"], p).toBe(PUBLIC_CACHE_CONTROL);
      const etag = String(first.headers.etag);
      const again = await send(server, p, { headers: { "If-None-Match": etag } });
      expect(again.status, p).toBe(304);
      expect(again.body, p).toBe("");
    }
    // A cluster created through the clusters service (in this process: the server's change is seen at once).
    const before = await send(server, "/clusters/directory");
    const agent = await createUser({ role: "cluster_agent" });
    const name = `خوشه کش ${Date.now()}`;
    await makeCluster(agent.id, { name });
    // The change is made through the test's own copy of the modules, which for the server's build is
    // another instance: it keeps the data's version a second (publicVersion's KEEP_MS), then reads it again.
    await new Promise((r) => setTimeout(r, 1100));
    const after = await send(server, "/clusters/directory", { headers: { "If-None-Match": String(before.headers.etag) } });
    expect(after.status).toBe(200);
    expect(after.body).toContain(name);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it("reads the version of changes from the partial index whose predicate is the list of observations", async () => {
    const db = await getDb();
    const idx = await sql<{ def: string }>`select indexdef as def from pg_indexes where indexname = 'audit_log_changes_idx'`.execute(db);
    const def = idx.rows[0]?.def ?? "";
    // The index leaves out exactly the observations the code leaves out (a new observation needs a migration).
    const listed = [...def.matchAll(/'([a-z_.]+)'::text/g)].map((m) => m[1]).sort();
    expect(listed).toEqual([...OBSERVATIONS].sort());
    const plan = await sql<{ "QUERY PLAN": string }>`explain select max(id) from audit_log where ${CHANGES}`.execute(db);
    expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("audit_log_changes_idx");
    // And the version is the newest change, whatever observations came after it.
    await writeAudit(db, { actorId: null }, { action: "test.change", entity: "setting", entityId: 1 });
    const change = await db.selectFrom("audit_log").select(sql<string>`max(id)`.as("id")).executeTakeFirstOrThrow();
    await writeAudit(db, { actorId: null }, { action: "auth.login.failed", entity: "user" });
    const r = await sql<{ id: string }>`select max(id) as id from audit_log where ${CHANGES}`.execute(db);
    expect(String(r.rows[0].id)).toBe(String(change.id));
  });

  it("keeps the query and the reader's language apart", async () => {
    const a = await send(server, "/calls");
    const en = await send(server, "/calls", { headers: { Cookie: "lang=en" } });
    const q = await send(server, "/employment?year=1401");
    const plain = await send(server, "/employment");
    expect(en.status).toBe(200);
    expect(en.headers.etag).not.toBe(a.headers.etag);
    expect(q.headers.etag).not.toBe(plain.headers.etag);
    const cross = await send(server, "/calls", { headers: { Cookie: "lang=en", "If-None-Match": String(a.headers.etag) } });
    expect(cross.status).toBe(200);
  });

  it("never marks a signed-in reader's page public, and never answers them 304 from the anonymous tag", async () => {
    const user = await createUser({ role: "entrepreneur" });
    const cookie = await sessionCookieFor(user.id);
    const anon = await send(server, "/calls");
    const signedIn = await send(server, "/calls", { cookie, headers: { "If-None-Match": String(anon.headers.etag) } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.etag).toBeUndefined();
    expect(String(signedIn.headers["cache-control"] ?? "")).not.toContain("public");
  });

  it("no cacheable path is a file of public/ (the conditional GET is answered before the file lookup)", async () => {
    const fs = await import("node:fs");
    for (const p of PUBLIC_CACHEABLE) expect(fs.existsSync(`public${p}`), p).toBe(false);
  });

  it("leaves pages that are not listed, and answers that are not 200, as they were", async () => {
    const login = await send(server, "/login");
    expect(login.headers.etag).toBeUndefined();
    const missing = await send(server, "/no-such-page");
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });
});
