// Issue 10 item 6, decision 0035: with mail configured, sign-up answers the same for a new and a
// taken address (status and page text, no session either way); the new address gets its
// verification link, the owner of the taken one a "someone tried to sign up" mail, on a real SMTP
// server. The pending account cannot log in until its link is followed. Without SMTP_URL
// (evaluation) the old answers stay: logged in at once, or "this email already has an account".
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { translate } from "~/i18n";
import { getDb } from "~/lib/db.server";
import { sendDue } from "~/modules/email/outbox.server";
import { verifyEmail } from "~/modules/accounts/recovery.server";
import { verifyLogin } from "~/modules/accounts/service.server";
import { anonymousActor, createUser, statusOf } from "../factories";
import { loadBuild, send, sidCookie, startServer, type TestServer } from "../security/http-helpers";
import { startSmtpSink } from "../support/smtp-sink";

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let server: TestServer;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.PUBLIC_URL = "https://portal.example.ir";
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await server?.close();
  await sink?.close();
});

const form = (email: string, password: string) => ({ fullName: "سارا نوری", email, mobile: "", password, passwordConfirm: password, website: "" });
/** What a reader sees: the HTML without scripts (nonces, loader data), tags and spacing. */
const visible = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

describe("sign-up with mail: one answer for a new and a taken address", () => {
  it("same status and text, no session; the right mails arrive; the pending account logs in only after its link", async () => {
    const owner = await createUser({ role: "entrepreneur", email: "taken-owner@test.local" });
    const headers = { "Accept-Language": "fa" };
    const fresh = await send(server, "/signup", { form: form("brand-new@test.local", "a-new-password-1"), headers, from: "127.0.0.21" });
    const taken = await send(server, "/signup", { form: form("taken-owner@test.local", "someone-else-2"), headers, from: "127.0.0.22" });
    expect([fresh.status, taken.status]).toEqual([200, 200]);
    expect(sidCookie(fresh.setCookies)).toBeNull();
    expect(sidCookie(taken.setCookies)).toBeNull();
    expect(visible(fresh.body)).toContain(translate("fa", "signup.checkMail.body"));
    expect(visible(taken.body)).toBe(visible(fresh.body));
    expect(fresh.body).not.toContain(translate("fa", "error.emailTaken"));

    await sendDue();
    const verify = await sink.waitFor("brand-new@test.local");
    expect(verify.subject).toBe(translate("fa", "email.verify.subject"));
    const notice = await sink.waitFor("taken-owner@test.local");
    expect(notice.subject).toBe(translate("fa", "email.signupTaken.subject"));
    expect(notice.text).toContain("https://portal.example.ir/password/forgot");
    expect(notice.text).not.toMatch(/\/verify\//); // the owner's account is not touched

    // The taken account keeps its owner's password; the pending one cannot log in yet.
    const db = await getDb();
    expect(await verifyLogin(anonymousActor(), "taken-owner@test.local", owner.password)).toBe(owner.id);
    expect(statusOf(await verifyLogin(anonymousActor(), "taken-owner@test.local", "someone-else-2").catch((e) => e))).toBe("error.loginFailed");
    expect(statusOf(await verifyLogin(anonymousActor(), "brand-new@test.local", "a-new-password-1").catch((e) => e))).toBe("error.loginFailed");
    const token = /https:\/\/portal\.example\.ir\/verify\/([A-Za-z0-9_-]+)/.exec(verify.text ?? "")?.[1];
    expect(token).toBeTruthy();
    await verifyEmail(anonymousActor(), token!);
    const id = (await db.selectFrom("users").select("id").where("email", "=", "brand-new@test.local").executeTakeFirstOrThrow()).id;
    expect(await verifyLogin(anonymousActor(), "brand-new@test.local", "a-new-password-1")).toBe(id);
  });

  it("a second sign-up on a still pending address takes over the attempt: the first link stops working", async () => {
    const headers = { "Accept-Language": "en" };
    await send(server, "/signup", { form: form("twice@test.local", "first-password-1"), headers, from: "127.0.0.23" });
    await sendDue();
    const first = /\/verify\/([A-Za-z0-9_-]+)/.exec((await sink.waitFor("twice@test.local")).text ?? "")![1];
    const before = sink.received.length;
    const again = await send(server, "/signup", { form: form("twice@test.local", "second-password-2"), headers, from: "127.0.0.24" });
    expect(again.status).toBe(200);
    expect(visible(again.body)).toContain(translate("en", "signup.checkMail.body"));
    await sendDue();
    for (let i = 0; i < 100 && sink.received.length === before; i++) await new Promise((r) => setTimeout(r, 100));
    const second = /\/verify\/([A-Za-z0-9_-]+)/.exec(sink.received.at(-1)?.text ?? "")![1];
    expect(statusOf(await verifyEmail(anonymousActor(), first).catch((e) => e))).toBe(400);
    await verifyEmail(anonymousActor(), second);
    expect(statusOf(await verifyLogin(anonymousActor(), "twice@test.local", "first-password-1").catch((e) => e))).toBe("error.loginFailed");
    expect(await verifyLogin(anonymousActor(), "twice@test.local", "second-password-2")).toBeGreaterThan(0);
  });

  it("following the confirmation link does not log anyone in: opening it writes nothing, confirming it sends to the login page without a session", async () => {
    await send(server, "/signup", { form: form("link-only@test.local", "link-password-1"), from: "127.0.0.27" });
    await sendDue();
    const token = /\/verify\/([A-Za-z0-9_-]+)/.exec((await sink.waitFor("link-only@test.local")).text ?? "")![1];
    // Opening the link (a mail scanner does too) shows a button: no session, nothing confirmed.
    const opened = await send(server, `/verify/${token}`);
    expect(opened.status).toBe(200);
    expect(sidCookie(opened.setCookies)).toBeNull();
    expect(statusOf(await verifyLogin(anonymousActor(), "link-only@test.local", "link-password-1").catch((e) => e))).toBe("error.loginFailed");
    // Confirming it: the address is confirmed, but whoever holds the link is sent to log in.
    const confirmed = await send(server, `/verify/${token}`, { form: {} });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.location).toBe("/login");
    expect(sidCookie(confirmed.setCookies)).toBeNull();
    const home = await send(server, "/home", { cookie: confirmed.setCookies.map((c) => c.split(";")[0]).join("; ") });
    expect(home.status).toBe(302);
    expect(home.headers.location).toMatch(/^\/login/);
    // Only the password logs in.
    expect(await verifyLogin(anonymousActor(), "link-only@test.local", "link-password-1")).toBeGreaterThan(0);
  });

  it("without SMTP_URL (evaluation) a new address is logged in at once and a taken one is told", async () => {
    const url = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      const fresh = await send(server, "/signup", { form: form("eval-new@test.local", "a-new-password-1"), from: "127.0.0.25" });
      expect(fresh.status).toBe(302);
      expect(sidCookie(fresh.setCookies)).not.toBeNull();
      const taken = await send(server, "/signup", { form: form("eval-new@test.local", "a-new-password-1"), headers: { "Accept-Language": "fa" }, from: "127.0.0.26" });
      expect(taken.status).toBe(400);
      expect(taken.body).toContain(translate("fa", "error.emailTaken"));
    } finally {
      process.env.SMTP_URL = url;
    }
  });
});
