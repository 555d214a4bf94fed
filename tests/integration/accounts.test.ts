import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { isHttpError } from "~/lib/http";
import { loadSessionUser, revokeSession } from "~/modules/accounts/session.server";
import { notify } from "~/modules/notifications/service.server";
import {
  AuthError, LOGIN_LIMIT, addRole, changePassword, createUser as adminCreateUser, setDisabled, signup, startSession, verifyLogin,
} from "~/modules/accounts/service.server";
import { actorFor, anonymousActor, createUser } from "../factories";

const sidFrom = (setCookie: string) => decodeURIComponent(setCookie.split(";")[0].split("=")[1]);

async function sessionIdOf(cookie: string) {
  const { sessionCookie } = await import("~/modules/accounts/session.server");
  return (await sessionCookie().parse(`sid=${sidFrom(cookie)}`)) as string;
}

describe("sign-up and login", () => {
  it("signs up an entrepreneur once per email, with an audit row", async () => {
    const actor = anonymousActor();
    // Without SMTP_URL (evaluation): the new account's id, logged in at once (decision 0035).
    const id = Number(await signup(actor, { fullName: "مریم", email: "maryam@example.com", password: "long-enough-1" }, "fa"));
    const db = await getDb();
    const roles = await db.selectFrom("role_assignments").select("role").where("user_id", "=", id).execute();
    expect(roles.map((r) => r.role)).toEqual(["entrepreneur"]);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "user.signup").where("entity_id", "=", String(id)).execute();
    expect(audit).toHaveLength(1);
    await expect(signup(anonymousActor(), { fullName: "x", email: "maryam@example.com", password: "long-enough-1" }, "fa")).rejects.toSatisfy(
      (e: unknown) => isHttpError(e) && e.data.fieldErrors?.email === "error.emailTaken",
    );
    const count = await db.selectFrom("users").select(sql<number>`count(*)::int`.as("n")).where("email", "=", "maryam@example.com").executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it("gives one generic error for a wrong password and an unknown email", async () => {
    const u = await createUser();
    const wrong = await verifyLogin(anonymousActor(), u.email, "nope-nope").catch((e) => e);
    const unknown = await verifyLogin(anonymousActor(), "nobody@test.local", "nope-nope").catch((e) => e);
    expect(wrong).toBeInstanceOf(AuthError);
    expect(unknown).toBeInstanceOf(AuthError);
    expect(wrong.messageKey).toBe(unknown.messageKey);
    expect(await verifyLogin(anonymousActor(), u.email, u.password)).toBe(u.id);
  });

  it("slows an account down after 10 failures (one attempt a minute, even with the right password), never locks it", async () => {
    const u = await createUser();
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      const e = await verifyLogin({ ...anonymousActor(), ip: `192.0.2.${i + 1}` }, u.email, "wrong-password").catch((x) => x);
      expect(e.status).toBe(401);
    }
    const e = await verifyLogin({ ...anonymousActor(), ip: "192.0.2.50" }, u.email, u.password).catch((x) => x);
    expect(e).toBeInstanceOf(AuthError);
    expect(e.status).toBe(429);
    expect(e.retryAfter).toBeGreaterThan(0);
    expect(e.retryAfter).toBeLessThanOrEqual(60);
    // A minute later one attempt is allowed again (not fifteen minutes, as the old lockout had it).
    const db = await getDb();
    await db.updateTable("rate_limits").set({ at: sql`at - interval '61 seconds'` }).where("bucket", "=", "login-account").execute();
    expect(await verifyLogin({ ...anonymousActor(), ip: "192.0.2.51" }, u.email, u.password)).toBe(u.id);
  });

  it("a browser with the owner's device cookie is limited on its own, not by the account's or the address's limit", async () => {
    const u = await createUser();
    const actor = { ...anonymousActor(), ip: "192.0.2.99" };
    for (let i = 0; i < LOGIN_LIMIT; i++) await verifyLogin(actor, u.email, "wrong-password").catch(() => null);
    expect((await verifyLogin(actor, u.email, u.password).catch((x) => x)).status).toBe(429);
    expect(await verifyLogin(actor, u.email, u.password, { userId: u.id, id: "owner-device" })).toBe(u.id);
    // Another account's device cookie buys nothing.
    expect((await verifyLogin(actor, u.email, u.password, { userId: u.id + 1, id: "owner-device" }).catch((x) => x)).status).toBe(429);
    // The device has a limit of its own.
    for (let i = 0; i < LOGIN_LIMIT; i++) await verifyLogin(actor, u.email, "wrong-password", { userId: u.id, id: "guessing-device" }).catch(() => null);
    expect((await verifyLogin(actor, u.email, u.password, { userId: u.id, id: "guessing-device" }).catch((x) => x)).status).toBe(429);
  });

  it("refuses the 11th failed login from one IP across accounts", async () => {
    const actor = { ...anonymousActor(), ip: "192.0.2.77" };
    for (let i = 0; i < LOGIN_LIMIT; i++) await verifyLogin(actor, `x${i}@test.local`, "wrong-password").catch(() => null);
    const u = await createUser();
    const e = await verifyLogin(actor, u.email, u.password).catch((x) => x);
    expect(e.status).toBe(429);
  });
});

describe("sessions", () => {
  it("a password change ends the user's other sessions but keeps the current one", async () => {
    const u = await createUser();
    const db = await getDb();
    const a = await startSession(anonymousActor(), u.id, "browser A");
    const b = await startSession(anonymousActor(), u.id, "browser B");
    const sidA = await sessionIdOf(a);
    const sidB = await sessionIdOf(b);
    const current = await loadSessionUser(db, sidA);
    expect(current).not.toBeNull();
    await changePassword({ user: current!.user, sessionIdHash: current!.idHash, requestId: "r", ip: "127.0.0.1" }, u.password, "a-new-password-2");
    expect(await loadSessionUser(db, sidA)).not.toBeNull();
    expect(await loadSessionUser(db, sidB)).toBeNull();
    expect(await verifyLogin(anonymousActor(), u.email, "a-new-password-2")).toBe(u.id);
  });

  it("idle sessions and disabled users are not accepted", async () => {
    const u = await createUser();
    const db = await getDb();
    const sid = await sessionIdOf(await startSession(anonymousActor(), u.id, null));
    await db.updateTable("sessions").set({ last_seen_at: sql`now() - interval '31 minutes'` }).where("user_id", "=", u.id).execute();
    expect(await loadSessionUser(db, sid)).toBeNull();
    const sid2 = await sessionIdOf(await startSession(anonymousActor(), u.id, null));
    const admin = await actorFor((await createUser({ role: "admin" })).id);
    await setDisabled(admin, u.id, true);
    expect(await loadSessionUser(db, sid2)).toBeNull();
    const e = await verifyLogin(anonymousActor(), u.email, u.password).catch((x) => x);
    expect(e).toBeInstanceOf(AuthError);
  });
});

// The session statement is compiled once and reused with each request's id hash (decision 0036): it
// must still answer each session for itself, and a change is seen on the very next read.
describe("the session statement", () => {
  it("answers each session its own user, and a role, a notification or a logout on the next read", async () => {
    const db = await getDb();
    const [u1, u2] = [await createUser(), await createUser({ role: "mentor" })];
    const s1 = await sessionIdOf(await startSession(anonymousActor(), u1.id, null));
    const s2 = await sessionIdOf(await startSession(anonymousActor(), u2.id, null));
    const first = await loadSessionUser(db, s1);
    expect(first?.user.id).toBe(u1.id);
    expect((await loadSessionUser(db, s2))?.user.id).toBe(u2.id);
    expect((await loadSessionUser(db, s1))?.user).toMatchObject({ id: u1.id, unread: 0 });
    expect(first!.user.roles.map((r) => r.role)).not.toContain("staff");

    const admin = await actorFor((await createUser({ role: "admin" })).id);
    const directorate = await db.selectFrom("org_units").select("id").where("kind", "=", "directorate").executeTakeFirstOrThrow();
    await addRole(admin, u1.id, "staff", directorate.id);
    const withRole = await loadSessionUser(db, s1);
    expect(withRole!.user.roles.map((r) => r.role)).toContain("staff");
    await notify(db, u1.id, "flash.saved");
    const after = await loadSessionUser(db, s1);
    expect(after!.user.unread).toBe(withRole!.user.unread + 1);
    expect((await loadSessionUser(db, s2))!.user.unread).toBe(0);

    await revokeSession(db, after!.idHash);
    expect(await loadSessionUser(db, s1)).toBeNull();
    expect((await loadSessionUser(db, s2))?.user.id).toBe(u2.id);
    expect(await loadSessionUser(db, "x".repeat(43))).toBeNull();
  });
});

describe("administration", () => {
  it("only admins manage users; a refusal is audited", async () => {
    const staff = await actorFor((await createUser({ role: "staff" })).id);
    const e = await adminCreateUser(staff, { fullName: "x", email: "x@test.local", role: "mentor", orgUnitId: null }).catch((x) => x);
    expect(isHttpError(e) && e.init?.status).toBe(403);
    const db = await getDb();
    const denied = await db.selectFrom("audit_log").selectAll().where("action", "=", "authz.denied").where("actor_id", "=", staff.user.id).execute();
    expect(denied.length).toBe(1);
  });

  it("checks that a role is held in a suitable unit", async () => {
    const admin = await actorFor((await createUser({ role: "admin" })).id);
    const db = await getDb();
    const uni = await db.selectFrom("org_units").select("id").where("code", "=", "uni-tabriz").executeTakeFirstOrThrow();
    const bad = await adminCreateUser(admin, { fullName: "x", email: "m@test.local", role: "mentor", orgUnitId: uni.id }).catch((x) => x);
    expect(isHttpError(bad) && bad.data.fieldErrors?.orgUnitId).toBe("error.roleWrongUnit");
    const ok = await adminCreateUser(admin, { fullName: "x", email: "c@test.local", role: "chair_manager", orgUnitId: uni.id });
    expect(ok.inviteToken.length).toBeGreaterThan(20);
    await addRole(admin, ok.id, "entrepreneur", null);
    const notes = await db.selectFrom("notifications").selectAll().where("user_id", "=", ok.id).execute();
    expect(notes.map((n) => n.message_key)).toContain("notify.roleAdded");
  });
});
