import crypto from "node:crypto";
import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, tooMany } from "~/lib/http";
import { perWindow, takeToken } from "~/lib/rate-limit.server";
import { makeT } from "~/i18n";
import { now, nowMs } from "~/i18n/clock";
import { isLocale, type Locale } from "~/i18n/locale";
import { writeAudit } from "~/modules/audit/service.server";
import { queueMail } from "~/modules/email/outbox.server";
import { mailEnabled, publicUrl } from "~/modules/email/mailer.server";
import { renderMail } from "~/modules/email/render";
import { auditMeta, type Actor, type UserActor } from "./actor.server";
import { hashPassword } from "./password.server";
import { revokeUserSessions } from "./session.server";

// Password reset and email verification (issue 18, decision 0033). A link carries a random token;
// only its SHA-256 is stored (email_tokens), with an expiry, and it is used once. "Forgot password"
// answers the same whether or not the address has an account, and is limited per address and per
// client address in PostgreSQL (shared by every instance). A reset ends every session of the user.

export const RESET_TTL_MS = 60 * 60_000;
export const VERIFY_TTL_MS = 7 * 86400_000;
export const RESET_PER_ADDRESS = perWindow(3, 60 * 60_000);
export const RESET_PER_IP = perWindow(10, 60 * 60_000);
export const VERIFY_RESEND = perWindow(3, 60 * 60_000);

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

async function issueToken(trx: Database, userId: number, purpose: "reset" | "verify", ttlMs: number) {
  const token = crypto.randomBytes(32).toString("base64url");
  // A new link replaces the unused ones of the same purpose.
  await trx.updateTable("email_tokens").set({ used_at: now() }).where("user_id", "=", userId).where("purpose", "=", purpose).where("used_at", "is", null).execute();
  await trx.insertInto("email_tokens").values({ user_id: userId, purpose, token_hash: hashToken(token), expires_at: new Date(nowMs() + ttlMs) }).execute();
  return token;
}

const localeOf = (v: string): Locale => (isLocale(v) ? v : "fa");

/**
 * "Forgot password": mails a one-time reset link when the address has an enabled account. The
 * caller shows the same answer in every case; only the rate limits (taken before anything is
 * looked up, for existing and unknown addresses alike) can refuse.
 */
export async function requestPasswordReset(actor: Actor, email: string) {
  const db = await getDb();
  const address = email.trim().toLowerCase();
  for (const [bucket, key, limit] of [["reset-ip", actor.ip, RESET_PER_IP], ["reset-address", address, RESET_PER_ADDRESS]] as const) {
    const took = await takeToken(db, bucket, key, limit);
    if (!took.granted) throw tooMany();
  }
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users").select(["id", "email", "locale", "full_name"])
      .where(sql<string>`lower(email)`, "=", address).where("disabled_at", "is", null)
      .executeTakeFirst();
    await writeAudit(trx, auditMeta(actor), { action: "auth.reset_requested", entity: "user", entityId: user?.id ?? null, details: { known: !!user } });
    if (!user || !mailEnabled()) return;
    const token = await issueToken(trx, user.id, "reset", RESET_TTL_MS);
    const locale = localeOf(user.locale);
    const t = makeT(locale);
    const mail = renderMail(locale, {
      subject: t("email.reset.subject"),
      heading: t("email.reset.heading", { name: user.full_name }),
      paragraphs: [t("email.reset.intro"), t("email.reset.expiry")],
      action: { label: t("email.reset.action"), url: publicUrl(`/password/reset/${token}`) },
      footer: t("email.reset.ignore"),
    });
    await queueMail(trx, { userId: user.id, to: user.email, kind: "reset", locale, mail, sensitive: true });
  });
}

async function liveToken(db: Database, token: string, purpose: "reset" | "verify") {
  if (!token || token.length > 100) return null;
  return (
    (await db
      .selectFrom("email_tokens as t").innerJoin("users as u", "u.id", "t.user_id")
      .select(["t.id", "t.user_id", "u.email"])
      .where("t.token_hash", "=", hashToken(token)).where("t.purpose", "=", purpose)
      .where("t.used_at", "is", null).where("t.expires_at", ">", now()).where("u.disabled_at", "is", null)
      .executeTakeFirst()) ?? null
  );
}

/** Whether a reset link is still good (the page's loader; reads only). */
export async function checkResetToken(token: string) {
  return (await liveToken(await getDb(), token, "reset")) !== null;
}

/** Sets the new password through a reset link: the link is spent, every session ends. */
export async function resetPassword(actor: Actor, token: string, password: string) {
  const hash = await hashPassword(password);
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable("email_tokens").set({ used_at: now() })
      .where("token_hash", "=", hashToken(token)).where("purpose", "=", "reset")
      .where("used_at", "is", null).where("expires_at", ">", now())
      .returning("user_id")
      .executeTakeFirst();
    if (!spent) throw badRequest("error.form", { password: "recovery.linkInvalid" });
    // Following the link proved the address is theirs.
    await trx
      .updateTable("users")
      .set({ password_hash: hash, email_verified_at: sql`coalesce(email_verified_at, now())`, signup_pending: false, version: sql`version + 1` })
      .where("id", "=", spent.user_id).where("disabled_at", "is", null)
      .execute();
    await revokeUserSessions(trx, spent.user_id);
    await writeAudit(trx, { ...auditMeta(actor), actorId: spent.user_id }, { action: "auth.password_reset", entity: "user", entityId: spent.user_id });
  });
}

// ---- email verification ----

/** Mails a verification link (sign-up, a changed address, "send again"); in the caller's transaction. */
export async function sendVerification(trx: Database, userId: number) {
  if (!mailEnabled()) return;
  const user = await trx.selectFrom("users").select(["id", "email", "locale", "full_name"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const token = await issueToken(trx, user.id, "verify", VERIFY_TTL_MS);
  const locale = localeOf(user.locale);
  const t = makeT(locale);
  const mail = renderMail(locale, {
    subject: t("email.verify.subject"),
    heading: t("email.verify.heading", { name: user.full_name }),
    paragraphs: [t("email.verify.intro")],
    action: { label: t("email.verify.action"), url: publicUrl(`/verify/${token}`) },
    footer: t("email.reset.ignore"),
  });
  await queueMail(trx, { userId: user.id, to: user.email, kind: "verify", locale, mail, sensitive: true });
}

/** The verification page's loader: the address a live link confirms, or null (reads only). */
export async function checkVerifyToken(token: string) {
  return (await liveToken(await getDb(), token, "verify"))?.email ?? null;
}

export async function verifyEmail(actor: Actor, token: string) {
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable("email_tokens").set({ used_at: now() })
      .where("token_hash", "=", hashToken(token)).where("purpose", "=", "verify")
      .where("used_at", "is", null).where("expires_at", ">", now())
      .returning("user_id")
      .executeTakeFirst();
    if (!spent) throw badRequest("recovery.linkInvalid");
    // Following the link confirms the address and, for a sign-up, the account (decision 0035).
    await trx.updateTable("users").set({ email_verified_at: sql`coalesce(email_verified_at, now())`, signup_pending: false }).where("id", "=", spent.user_id).execute();
    await writeAudit(trx, { ...auditMeta(actor), actorId: spent.user_id }, { action: "auth.email_verified", entity: "user", entityId: spent.user_id });
  });
}

export async function emailStatus(actor: UserActor) {
  const db = await getDb();
  const row = await db.selectFrom("users").select(["email", "email_verified_at"]).where("id", "=", actor.user.id).executeTakeFirstOrThrow();
  return { email: row.email, verified: row.email_verified_at !== null, mailEnabled: mailEnabled() };
}

/** "Send the link again" from the banner or /account/email (limited: three an hour). */
export async function resendVerification(actor: UserActor) {
  const db = await getDb();
  if (!(await takeToken(db, "verify-resend", String(actor.user.id), VERIFY_RESEND)).granted) throw tooMany();
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("email_verified_at").where("id", "=", actor.user.id).executeTakeFirstOrThrow();
    if (user.email_verified_at) return;
    await sendVerification(trx, actor.user.id);
    await writeAudit(trx, auditMeta(actor), { action: "auth.verify_resent", entity: "user", entityId: actor.user.id });
  });
}

/**
 * Someone signed up with the address of a confirmed account (decision 0035): its owner is told, in
 * their language, with the way in and the way back to a forgotten password. Nothing else changes.
 */
export async function sendSignupTaken(trx: Database, userId: number) {
  if (!mailEnabled()) return;
  const user = await trx.selectFrom("users").select(["id", "email", "locale", "full_name"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const locale = localeOf(user.locale);
  const t = makeT(locale);
  const mail = renderMail(locale, {
    subject: t("email.signupTaken.subject"),
    heading: t("email.reset.heading", { name: user.full_name }),
    paragraphs: [t("email.signupTaken.intro"), t("email.signupTaken.forgot", { url: publicUrl("/password/forgot") })],
    action: { label: t("email.signupTaken.action"), url: publicUrl("/login") },
    footer: t("email.signupTaken.ignore"),
  });
  await queueMail(trx, { userId: user.id, to: user.email, kind: "signup_taken", locale, mail, sensitive: true });
}

/** An admin's invitation goes by email when mail is configured (the admin also sees the link). */
export async function sendInvitation(trx: Database, userId: number, token: string) {
  if (!mailEnabled()) return;
  const user = await trx.selectFrom("users").select(["id", "email", "locale", "full_name"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const locale = localeOf(user.locale);
  const t = makeT(locale);
  const mail = renderMail(locale, {
    subject: t("email.invite.subject"),
    heading: t("email.reset.heading", { name: user.full_name }),
    paragraphs: [t("email.invite.intro")],
    action: { label: t("email.invite.action"), url: publicUrl(`/invite/${token}`) },
    footer: t("email.reset.ignore"),
  });
  await queueMail(trx, { userId: user.id, to: user.email, kind: "invite", locale, mail, sensitive: true });
}
