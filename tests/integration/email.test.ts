import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { setClock } from "~/i18n/clock";
import { notify } from "~/modules/notifications/service.server";
import { MAX_ATTEMPTS, sendDue } from "~/modules/email/outbox.server";
import { kindOf, setChannels, unsubscribe } from "~/modules/email/prefs.server";
import { checkResetToken, requestPasswordReset, resetPassword, resendVerification, verifyEmail } from "~/modules/accounts/recovery.server";
import { signup } from "~/modules/accounts/service.server";
import { createSession, loadSessionUser } from "~/modules/accounts/session.server";
import { verifyPassword } from "~/modules/accounts/password.server";
import { actorFor, anonymousActor, createUser, statusOf } from "../factories";
import { startSmtpSink } from "../support/smtp-sink";
import { catalogs } from "~/i18n/catalog";

let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.PUBLIC_URL = "https://portal.example.ir";
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});
beforeEach(() => setClock(null));

const linkIn = (text: string, path: string) => {
  const m = text.match(new RegExp(`https://portal\\.example\\.ir${path}/([A-Za-z0-9_-]+)`));
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[1];
};

describe("email outbox", () => {
  it("writes the mail in the notification's transaction and sends Persian RTL HTML with a text part and one-click unsubscribe", async () => {
    const u = await createUser({ role: "entrepreneur", email: "fa-mail@test.local" });
    const db = await getDb();
    await db.transaction().execute(async (trx) => notify(trx, u.id, "cases.notify.opened", { firm: "نان سحر" }, "/cases/1"));
    const row = await db.selectFrom("email_outbox").selectAll().where("user_id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
    expect((await sendDue()).sent).toBeGreaterThanOrEqual(1);
    const mail = await sink.waitFor("fa-mail@test.local");
    expect(mail.subject).toContain("نان سحر");
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.html).toContain('lang="fa"');
    expect(mail.text).toContain("https://portal.example.ir/cases/1");
    const lines = mail.headerLines.map((h) => h.line.replace(/\r?\n\s+/g, " ")).join("\n");
    expect(lines).toMatch(/List-Unsubscribe: <https:\/\/portal\.example\.ir\/unsubscribe\/[0-9a-f]+\?kind=cases>/);
    expect(lines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const after = await db.selectFrom("email_outbox").select(["status", "sent_at"]).where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("sent");
    expect(after.sent_at).not.toBeNull();
  });

  it("a rolled-back notification leaves no mail", async () => {
    const u = await createUser({ role: "entrepreneur" });
    const db = await getDb();
    await expect(
      db.transaction().execute(async (trx) => {
        await notify(trx, u.id, "cases.notify.opened", { firm: "x" }, null);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await db.selectFrom("email_outbox").select("id").where("user_id", "=", u.id).execute()).toHaveLength(0);
  });

  it("in-app only, an unsubscribe, an unverified address or no SMTP_URL write no mail; English users get English LTR mail", async () => {
    const db = await getDb();
    const inApp = await createUser({ role: "entrepreneur" });
    await setChannels(await actorFor(inApp.id), { cases: "in_app" });
    const unverified = await createUser({ role: "entrepreneur", verified: false });
    const unsub = await createUser({ role: "entrepreneur" });
    const token = (await db.selectFrom("users").select("unsubscribe_token").where("id", "=", unsub.id).executeTakeFirstOrThrow()).unsubscribe_token;
    await unsubscribe(anonymousActor(), token, null);
    const en = await createUser({ role: "entrepreneur", email: "en-mail@test.local" });
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", en.id).execute();
    for (const id of [inApp.id, unverified.id, unsub.id, en.id]) await notify(db, id, "cases.notify.opened", { firm: "Firm" }, null);
    const rows = await db.selectFrom("email_outbox").select("user_id").where("user_id", "in", [inApp.id, unverified.id, unsub.id, en.id]).execute();
    expect(rows.map((r) => r.user_id)).toEqual([en.id]);
    // The in-app notification is there either way.
    expect(await db.selectFrom("notifications").select("id").where("user_id", "=", inApp.id).execute()).toHaveLength(1);
    await sendDue();
    const mail = await sink.waitFor("en-mail@test.local");
    expect(mail.html).toContain('dir="ltr"');
    expect(mail.subject).toContain("Firm");

    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      await notify(db, en.id, "cases.notify.opened", { firm: "Off" }, null);
      expect(await db.selectFrom("email_outbox").select("id").where("user_id", "=", en.id).execute()).toHaveLength(1);
    } finally {
      process.env.SMTP_URL = saved;
    }
  });

  it("job-seeking and training reminders are kinds of their own, each following the user's choice", async () => {
    expect(kindOf("seekers.notify.retentionDue")).toBe("seekers");
    expect(kindOf("training.notify.checkDue")).toBe("training");
    expect(kindOf("training.notice.promoted")).toBe("training");
    const db = await getDb();
    const counsellor = await createUser({ role: "counsellor" });
    // In-app only for training, email for job seeking: the retention reminder is mailed, the check reminder is not.
    await setChannels(await actorFor(counsellor.id), { training: "in_app" });
    await notify(db, counsellor.id, "seekers.notify.retentionDue", { months: 3 }, null);
    await notify(db, counsellor.id, "training.notify.checkDue", { months: 3, course: "Course" }, null);
    const rows = await db.selectFrom("email_outbox").select("kind").where("user_id", "=", counsellor.id).execute();
    expect(rows.map((r) => r.kind)).toEqual(["notify.seekers"]);
    // And the other way round.
    await setChannels(await actorFor(counsellor.id), { training: "email", seekers: "in_app" });
    await notify(db, counsellor.id, "seekers.notify.retentionDue", { months: 6 }, null);
    await notify(db, counsellor.id, "training.notify.checkDue", { months: 6, course: "Course" }, null);
    const after = await db.selectFrom("email_outbox").select("kind").where("user_id", "=", counsellor.id).orderBy("id").execute();
    expect(after.map((r) => r.kind)).toEqual(["notify.seekers", "notify.training"]);
    expect((await sendDue()).failed).toBe(0); // delivered, so the next test's failing server sees only its own mail
  });

  it("cooperative, cluster and agenda notifications are kinds of their own (not 'other'), each following the user's choice", async () => {
    const keys = Object.keys(catalogs.fa).filter((k) => /^(coop|cluster|agenda)\.notify\./.test(k));
    expect(keys.length).toBeGreaterThan(10);
    for (const k of keys) expect(kindOf(k), k).toBe(k.startsWith("coop.") ? "cooperatives" : k.startsWith("cluster.") ? "clusters" : "agenda");
    const db = await getDb();
    const officer = await createUser({ role: "staff" });
    await setChannels(await actorFor(officer.id), { cooperatives: "in_app" });
    await notify(db, officer.id, "coop.notify.status", { name: "Coop", status: "approved" }, null);
    await notify(db, officer.id, "cluster.notify.stage", { name: "Cluster", stage: "active" }, null);
    await notify(db, officer.id, "agenda.notify.assignedToYou", { id: 1 }, null);
    const rows = await db.selectFrom("email_outbox").select("kind").where("user_id", "=", officer.id).orderBy("id").execute();
    expect(rows.map((r) => r.kind)).toEqual(["notify.clusters", "notify.agenda"]);
    // One-click unsubscribe from the agenda's mail leaves the other kinds alone.
    const token = (await db.selectFrom("users").select("unsubscribe_token").where("id", "=", officer.id).executeTakeFirstOrThrow()).unsubscribe_token;
    await unsubscribe(anonymousActor(), token, "agenda");
    await notify(db, officer.id, "agenda.notify.assignedToYou", { id: 2 }, null);
    await notify(db, officer.id, "coop.notify.status", { name: "Coop", status: "active" }, null);
    await setChannels(await actorFor(officer.id), { cooperatives: "email" });
    await notify(db, officer.id, "coop.notify.status", { name: "Coop", status: "dormant" }, null);
    const after = await db.selectFrom("email_outbox").select("kind").where("user_id", "=", officer.id).orderBy("id").execute();
    expect(after.map((r) => r.kind)).toEqual(["notify.clusters", "notify.agenda", "notify.cooperatives"]);
    expect((await sendDue()).failed).toBe(0);
  });

  it("retries with backoff when the server fails and marks the mail dead after the last attempt", async () => {
    const u = await createUser({ role: "entrepreneur" });
    const db = await getDb();
    await notify(db, u.id, "cases.notify.opened", { firm: "دیر" }, null);
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens there
    try {
      for (let i = 1; i <= MAX_ATTEMPTS; i++) {
        await db.updateTable("email_outbox").set({ next_attempt_at: sql`now() - interval '1 second'` }).where("user_id", "=", u.id).execute();
        expect((await sendDue()).failed).toBe(1);
        const row = await db.selectFrom("email_outbox").select(["status", "attempts", "last_error", sql<number>`extract(epoch from next_attempt_at - now())`.as("wait")]).where("user_id", "=", u.id).executeTakeFirstOrThrow();
        expect(row.attempts).toBe(i);
        expect(row.last_error).toBeTruthy();
        expect(row.status).toBe(i === MAX_ATTEMPTS ? "dead" : "pending");
        if (i < MAX_ATTEMPTS) expect(row.wait).toBeGreaterThan(60 * 2 ** (i - 1) - 5);
      }
    } finally {
      process.env.SMTP_URL = saved;
    }
  });
});

describe("password reset and verification", () => {
  it("answers the same for an unknown address, mails a one-time link that ends every session, valid one hour", async () => {
    const db = await getDb();
    const u = await createUser({ role: "mentor", email: "Reset-Me@test.local", password: "old-password-1" });
    const before = received();
    await requestPasswordReset(anonymousActor(), "nobody-here@test.local");
    await sendDue();
    expect(received()).toBe(before);

    const session = (await createSession(db, u.id, null)) && (await db.selectFrom("sessions").select("id_hash").where("user_id", "=", u.id).execute());
    expect(session.length).toBe(1);
    await requestPasswordReset(anonymousActor(), "reset-me@test.local");
    await sendDue();
    const mail = await sink.waitFor("Reset-Me@test.local");
    expect(mail.html).toContain('dir="rtl"');
    const token = linkIn(mail.text ?? "", "/password/reset");
    // Only the hash is stored, and the sent mail's body is blanked.
    expect(await db.selectFrom("email_tokens").select("id").where("token_hash", "=", token).execute()).toHaveLength(0);
    const sent = await db.selectFrom("email_outbox").select(["body_text", "status"]).where("user_id", "=", u.id).where("kind", "=", "reset").executeTakeFirstOrThrow();
    expect(sent).toEqual({ body_text: "", status: "sent" });

    expect(await checkResetToken(token)).toBe(true);
    await resetPassword(anonymousActor(), token, "new-password-2");
    const user = await db.selectFrom("users").select("password_hash").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(await verifyPassword("new-password-2", user.password_hash)).toBe(true);
    const live = await db.selectFrom("sessions").select("id_hash").where("user_id", "=", u.id).where("revoked_at", "is", null).execute();
    expect(live).toHaveLength(0);
    // Single use.
    expect(await checkResetToken(token)).toBe(false);
    expect(statusOf(await resetPassword(anonymousActor(), token, "third-password-3").catch((e) => e))).toBe(400);

    // A new link expires after an hour.
    await requestPasswordReset(anonymousActor(), "reset-me@test.local");
    await sendDue();
    await waitUntil(() => sink.received.filter((m) => m.subject === mail.subject && (m.to && !Array.isArray(m.to) ? m.to.text : "").includes("Reset-Me")).length === 2);
    const second = sink.received.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : "").includes("Reset-Me")).at(-1)!;
    const token2 = linkIn(second.text ?? "", "/password/reset");
    setClock(Date.now() + 61 * 60_000);
    expect(await checkResetToken(token2)).toBe(false);
    expect(statusOf(await resetPassword(anonymousActor(), token2, "late-password-4").catch((e) => e))).toBe(400);
  });

  it("limits requests per address and per client address", async () => {
    await createUser({ role: "entrepreneur", email: "limited@test.local" });
    const codes: (number | string)[] = [];
    for (let i = 0; i < 4; i++) codes.push(await requestPasswordReset(anonymousActor(), "limited@test.local").then(() => 200, statusOf));
    expect(codes).toEqual([200, 200, 200, 429]);
    const actor = { ...anonymousActor(), ip: "10.9.9.9" };
    const byIp: (number | string)[] = [];
    for (let i = 0; i < 11; i++) byIp.push(await requestPasswordReset(actor, `someone-${i}@test.local`).then(() => 200, statusOf));
    expect(byIp.filter((c) => c === 429)).toHaveLength(1);
  });

  it("sign-up sends a verification link; the account is unverified until the link is used", async () => {
    const db = await getDb();
    // With mail, sign-up answers "check your mail" (null) and the account is pending (decision 0035).
    expect(await signup(anonymousActor(), { fullName: "ثبت‌نام تازه", email: "verify-me@test.local", password: "password-123" }, "fa")).toBeNull();
    const { id } = await db.selectFrom("users").select("id").where("email", "=", "verify-me@test.local").executeTakeFirstOrThrow();
    const session = await createSession(db, id, null);
    void session;
    const row = await db.selectFrom("users").select(["email_verified_at", "signup_pending"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email_verified_at: null, signup_pending: true });
    await sendDue();
    const mail = await sink.waitFor("verify-me@test.local");
    const token = linkIn(mail.text ?? "", "/verify");
    await verifyEmail(anonymousActor(), token);
    const after = await db.selectFrom("users").select(["email_verified_at", "signup_pending"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(after.email_verified_at).not.toBeNull();
    expect(after.signup_pending).toBe(false);
    expect(statusOf(await verifyEmail(anonymousActor(), token).catch((e) => e))).toBe(400);
    // Verified: "send again" sends nothing.
    const n = received();
    await resendVerification(await actorFor(id));
    await sendDue();
    expect(received()).toBe(n);
    void loadSessionUser;
  });
});

function received() {
  return sink.received.length;
}

async function waitUntil(ok: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
