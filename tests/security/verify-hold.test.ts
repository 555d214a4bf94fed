// Staff can require a confirmed email address for particular roles (issue 18 item 3, decision 0044).
// An unverified user holding such a role is held at /account/verify (every other signed-in page and
// action sends them there) but can still ask for the link again, follow it, and log out; users
// whose role is not listed, or who confirmed their address, are not held. The setting is audited and
// read in the session statement, so it takes effect on the next request without a cache.
import { describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { setVerifyRequiredRoles, VERIFY_ROLES_KEY } from "~/modules/accounts/verification.server";
import { actorFor, createUser } from "../factories";
import { builtServer, send, sessionCookieFor } from "./http-helpers";

vi.setConfig({ testTimeout: 120_000 });

const app = builtServer();

const stored = async () => (await (await getDb()).selectFrom("settings").select("value").where("key", "=", VERIFY_ROLES_KEY).executeTakeFirst())?.value ?? null;

describe("roles that must confirm their email address", () => {
  it("the admin page saves the roles (audited) and refuses an unknown role on the form, keeping what was ticked", async () => {
    const admin = await createUser({ role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    expect((await send(app.server, "/admin/verification", { cookie })).status).toBe(200);

    const bad = await send(app.server, "/admin/verification", { cookie, form: new URLSearchParams([["roles", "counsellor"], ["roles", "overlord"]]) });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="roles-error"');
    const box = (role: string) => bad.body.match(new RegExp(`<input[^>]*value="${role}"[^>]*>`))?.[0] ?? "";
    expect(box("counsellor")).toContain("checked");
    expect(box("mentor")).not.toContain("checked");
    expect(await stored()).toBeNull();

    const ok = await send(app.server, "/admin/verification", { cookie, form: new URLSearchParams([["roles", "counsellor"], ["roles", "mentor"]]) });
    expect(ok.status).toBe(302);
    expect(await stored()).toEqual(["mentor", "counsellor"]);
    const audit = await (await getDb()).selectFrom("audit_log").select(["actor_id", "details"]).where("action", "=", "settings.verify_roles").executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.id);
    expect(audit.details).toMatchObject({ before: [], after: ["mentor", "counsellor"] });

    const other = await createUser({ role: "staff" });
    expect((await send(app.server, "/admin/verification", { cookie: await sessionCookieFor(other.id), form: { roles: "mentor" } })).status).toBe(403);
  });

  it("holds an unverified user of a listed role at the verify page until the address is confirmed; resend and logout still work", async () => {
    await setVerifyRequiredRoles(await actorFor((await createUser({ role: "admin" })).id), ["mentor"]);
    const mentor = await createUser({ role: "mentor", verified: false });
    const cookie = await sessionCookieFor(mentor.id);

    for (const p of ["/home", "/account", "/account/email", "/notifications"]) {
      const r = await send(app.server, p, { cookie });
      expect(r.status, p).toBe(302);
      expect(r.headers.location, p).toBe("/account/verify");
    }
    // Actions too (a password change is not let through).
    const post = await send(app.server, "/account", { cookie, form: { currentPassword: mentor.password, newPassword: "another-long-pass", newPasswordConfirm: "another-long-pass" } });
    expect(post.status).toBe(302);
    expect(post.headers.location).toBe("/account/verify");

    const page = await send(app.server, "/account/verify", { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-testid="verify-hold"');
    expect(page.body).toContain('action="/logout"');

    // "Send the link again" is allowed (audited; the mail itself needs SMTP_URL, see email.test.ts).
    const resend = await send(app.server, "/account/verify", { cookie, form: {} });
    expect(resend.status).toBe(302);
    expect(resend.headers.location).toBe("/account/verify");
    const db = await getDb();
    expect(await db.selectFrom("audit_log").select("id").where("action", "=", "auth.verify_resent").where("actor_id", "=", mentor.id).executeTakeFirst()).toBeTruthy();

    // Confirmed: every page opens again, and the verify page sends them home.
    await db.updateTable("users").set({ email_verified_at: new Date() }).where("id", "=", mentor.id).execute();
    expect((await send(app.server, "/home", { cookie })).status).toBe(200);
    expect((await send(app.server, "/account/verify", { cookie })).headers.location).toBe("/home");

    // Logging out works while held.
    const held = await createUser({ role: "mentor", verified: false });
    const heldCookie = await sessionCookieFor(held.id);
    const out = await send(app.server, "/logout", { cookie: heldCookie, form: {} });
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe("/");
    expect((await send(app.server, "/home", { cookie: heldCookie })).headers.location).toMatch(/^\/login/);
  });

  it("does not hold users of roles not listed, nor anyone once the role is taken off the list", async () => {
    const admin = await actorFor((await createUser({ role: "admin" })).id);
    await setVerifyRequiredRoles(admin, ["counsellor"]);
    const entrepreneur = await createUser({ role: "entrepreneur", verified: false });
    const e = await send(app.server, "/home", { cookie: await sessionCookieFor(entrepreneur.id) });
    expect(e.status).toBe(200);
    expect(e.body).toContain('data-testid="verify-banner"');

    const counsellor = await createUser({ role: "counsellor", verified: false });
    const cookie = await sessionCookieFor(counsellor.id);
    expect((await send(app.server, "/home", { cookie })).headers.location).toBe("/account/verify");
    await setVerifyRequiredRoles(admin, []);
    expect((await send(app.server, "/home", { cookie })).status).toBe(200);
  });
});
