import crypto from "node:crypto";
import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { badRequest, conflict, notFound, tooMany } from "~/lib/http";
import { giveBack, perWindow, takeAll, takeToken, type Limit } from "~/lib/rate-limit.server";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import { auditMeta, requirePermission, type Actor, type UserActor } from "./actor.server";
import { hashPassword, verifyPassword } from "./password.server";
import { createSession, revokeSession, revokeUserSessions, type Device } from "./session.server";
import { ROLE_UNITS, type Role } from "./roles";
import * as q from "./queries.server";
import { sendInvitation, sendSignupTaken, sendVerification } from "./recovery.server";
import { mailEnabled } from "~/modules/email/mailer.server";
import { nowMs } from "~/i18n/clock";

// Login and sign-up limits (decision 0002, OWASP ASVS 5.0 6.1.1/6.3.1). Only failed attempts count:
// a successful login gives its tokens back.
export const LOGIN_LIMIT = 10;
/** Per address: strict, 10 failed logins per 15 minutes across all accounts. */
export const LOGIN_PER_IP = perWindow(LOGIN_LIMIT, 15 * 60_000);
/** Per account (any address): 10 at once, then one attempt a minute. A slow-down, never a lock. */
export const LOGIN_PER_ACCOUNT: Limit = { capacity: LOGIN_LIMIT, perSecond: 1 / 60 };
/** Per device cookie of the account's owner: 10 per 15 minutes, instead of the two above. */
export const LOGIN_PER_DEVICE = perWindow(LOGIN_LIMIT, 15 * 60_000);
export const SIGNUP_PER_IP = perWindow(10, 15 * 60_000);

export class AuthError extends Error {
  constructor(public messageKey: string, public status: number, public email?: string, public retryAfter?: number) {
    super(messageKey);
  }
}

/**
 * Verifies credentials with rate limits; returns the user id. Errors are generic on purpose.
 * The attempt takes its tokens before the password is checked (one atomic statement per bucket),
 * so parallel guesses cannot pass a limit that a sequential attacker meets. A browser that presents
 * a device cookie of this very account is limited per device instead of per account and address.
 */
export async function verifyLogin(actor: Actor, email: string, password: string, device?: Device | null): Promise<number> {
  const db = await getDb();
  const user = await q.findUserByEmail(db, email);
  const trusted = !!device && !!user && device.userId === user.id;
  const takes = trusted
    ? [{ bucket: "login-device", key: device!.id, limit: LOGIN_PER_DEVICE }]
    : [{ bucket: "login-ip", key: actor.ip, limit: LOGIN_PER_IP }, { bucket: "login-account", key: email, limit: LOGIN_PER_ACCOUNT }];
  const took = await takeAll(db, takes);
  if (!took.granted) {
    await writeAudit(db, auditMeta(actor), { action: "auth.login.limited", entity: "user", entityId: user?.id ?? null, details: { email } });
    throw new AuthError("error.rateLimited", 429, undefined, took.retryAfter);
  }
  const ok = await verifyPassword(password, user?.password_hash);
  // A pending sign-up (decision 0035) answers as a wrong password: a login must not tell whether
  // the address was new when someone signed up with it.
  if (!user || !ok || user.disabled_at || user.signup_pending) {
    await writeAudit(db, auditMeta(actor), { action: "auth.login.failed", entity: "user", entityId: user?.id ?? null, details: { email } });
    throw new AuthError("error.loginFailed", 401);
  }
  for (const t of takes) await giveBack(db, t.bucket, t.key, t.limit);
  return user.id;
}

/** Starts a session after a verified login; returns the Set-Cookie header. */
export async function startSession(actor: Actor, userId: number, userAgent: string | null) {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const cookie = await createSession(trx, userId, userAgent);
    if (actor.sessionIdHash) await revokeSession(trx, actor.sessionIdHash);
    await writeAudit(trx, { ...auditMeta(actor), actorId: userId }, { action: "auth.login", entity: "user", entityId: userId });
    return cookie;
  });
}

export async function logout(actor: Actor) {
  if (!actor.sessionIdHash) return;
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    await revokeSession(trx, actor.sessionIdHash!);
    await writeAudit(trx, auditMeta(actor), { action: "auth.logout", entity: "user", entityId: actor.user?.id ?? null });
  });
}

/**
 * Sign-up is confirmed through the mail when mail is configured (decision 0035), unless the operator
 * sets SIGNUP_MAIL_CONFIRM=false: then a new address is logged in at once and a taken one is told, as
 * without mail (the end-to-end server does, so its journeys sign up and go on).
 */
export function signupConfirmedByMail(): boolean {
  return mailEnabled() && process.env.SIGNUP_MAIL_CONFIRM !== "false";
}

/**
 * Entrepreneur sign-up (decision 0035). With mail configured every valid form gets the same answer,
 * "check your mail", and this returns null: a new address becomes a pending account with a mailed
 * verification link; a taken one mails its owner that someone tried (a still pending one takes the
 * new attempt and a new link). Without mail (evaluation) a new address returns the new account's id
 * to log in at once and a taken one is a field error, as before.
 */
export async function signup(
  actor: Actor,
  input: { fullName: string; email: string; mobile?: string; password: string },
  locale: string,
): Promise<number | null> {
  const db = await getDb();
  if (!(await takeToken(db, "signup-ip", actor.ip, SIGNUP_PER_IP)).granted) throw tooMany();
  const passwordHash = await hashPassword(input.password);
  const byMail = signupConfirmedByMail();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("users")
      .values({ email: input.email, full_name: input.fullName, mobile: input.mobile ?? null, password_hash: passwordHash, locale, signup_pending: byMail })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row) {
      await trx.insertInto("role_assignments").values({ user_id: row.id, role: "entrepreneur", org_unit_id: null }).execute();
      await writeAudit(trx, { ...auditMeta(actor), actorId: row.id }, { action: "user.signup", entity: "user", entityId: row.id });
      await sendVerification(trx, row.id);
      return row.id;
    }
    if (!byMail) return null;
    const taken = await trx.selectFrom("users").select(["id", "signup_pending", "disabled_at"]).where("email", "=", input.email).forUpdate().executeTakeFirstOrThrow();
    if (taken.disabled_at) return null;
    if (taken.signup_pending) {
      // Nobody has confirmed this address yet: the latest attempt replaces the pending one and gets
      // a new link (the older links stop working), so whoever reads the mailbox decides.
      await trx.updateTable("users")
        .set({ full_name: input.fullName, mobile: input.mobile ?? null, password_hash: passwordHash, locale, version: sql`version + 1` })
        .where("id", "=", taken.id).execute();
      await writeAudit(trx, auditMeta(actor), { action: "user.signup_repeated", entity: "user", entityId: taken.id });
      await sendVerification(trx, taken.id);
    } else {
      await writeAudit(trx, auditMeta(actor), { action: "user.signup_taken", entity: "user", entityId: taken.id });
      await sendSignupTaken(trx, taken.id);
    }
    return null;
  });
  if (byMail) return null;
  if (id == null) throw badRequest("error.form", { email: "error.emailTaken" });
  return id;
}

export async function changePassword(actor: UserActor, current: string, next: string) {
  const db = await getDb();
  const user = await q.findUserById(db, actor.user.id);
  if (!user || !(await verifyPassword(current, user.password_hash))) {
    throw badRequest("error.form", { currentPassword: "error.wrongPassword" });
  }
  const hash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: hash, version: sql`version + 1` }).where("id", "=", user.id).execute();
    await revokeUserSessions(trx, user.id, actor.sessionIdHash ?? undefined);
    await writeAudit(trx, auditMeta(actor), { action: "user.password_changed", entity: "user", entityId: user.id });
  });
}

// ---- administration ----

export async function listUsers(actor: UserActor, opts: { q?: string; after?: number }) {
  await requirePermission(actor, "read:user");
  const rows = await q.listUsers(await getDb(), opts);
  const more = rows.length > q.USERS_PAGE;
  const page = more ? rows.slice(0, q.USERS_PAGE) : rows;
  return { users: page, next: more ? page[page.length - 1].id : null };
}

export async function getUserForAdmin(actor: UserActor, id: number) {
  await requirePermission(actor, "manage:user");
  const db = await getDb();
  const user = await q.findUserById(db, id);
  if (!user) throw notFound();
  const roles = await q.rolesOf(db, id);
  const sessions = await db
    .selectFrom("sessions").select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", id).where("revoked_at", "is", null).where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirstOrThrow();
  const { password_hash: _p, invite_token_hash: _i, ...safe } = user;
  return { user: safe, roles, activeSessions: sessions.n, orgUnits: await q.listOrgUnits(db) };
}

export async function orgUnitsForAdmin(actor: UserActor) {
  await requirePermission(actor, "manage:user");
  return q.listOrgUnits(await getDb());
}

async function checkRoleUnit(db: Awaited<ReturnType<typeof getDb>>, role: Role, orgUnitId: number | null) {
  const kinds = ROLE_UNITS[role];
  if (kinds.length === 0) {
    if (orgUnitId != null) throw badRequest("error.form", { orgUnitId: "error.roleNoUnit" });
    return;
  }
  if (orgUnitId == null) throw badRequest("error.form", { orgUnitId: "error.roleNeedsUnit" });
  const unit = await db.selectFrom("org_units").select(["kind", "active"]).where("id", "=", orgUnitId).executeTakeFirst();
  if (!unit || !unit.active || !kinds.includes(unit.kind as never)) throw badRequest("error.form", { orgUnitId: "error.roleWrongUnit" });
}

/** Creates a user with one role and an invitation link (valid 7 days) to set their password. */
export async function createUser(
  actor: UserActor,
  input: { fullName: string; email: string; mobile?: string; role: Role; orgUnitId: number | null },
) {
  await requirePermission(actor, "manage:user");
  const db = await getDb();
  await checkRoleUnit(db, input.role, input.orgUnitId);
  const token = crypto.randomBytes(24).toString("base64url");
  const tokenHash = crypto.createHash("sha256").update(token).digest("hex");
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("users")
      .values({
        email: input.email, full_name: input.fullName, mobile: input.mobile ?? null,
        invite_token_hash: tokenHash, invite_expires_at: new Date(nowMs() + 7 * 86400_000),
      })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return null;
    await trx.insertInto("role_assignments").values({ user_id: row.id, role: input.role, org_unit_id: input.orgUnitId }).execute();
    await writeAudit(trx, auditMeta(actor), { action: "user.created", entity: "user", entityId: row.id, details: { role: input.role, orgUnitId: input.orgUnitId } });
    await sendInvitation(trx, row.id, token);
    return row.id;
  });
  if (id == null) throw badRequest("error.form", { email: "error.emailTaken" });
  return { id, inviteToken: token };
}

export async function addRole(actor: UserActor, userId: number, role: Role, orgUnitId: number | null) {
  await requirePermission(actor, "manage:user");
  const db = await getDb();
  if (!(await q.findUserById(db, userId))) throw notFound();
  await checkRoleUnit(db, role, orgUnitId);
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("role_assignments")
      .values({ user_id: userId, role, org_unit_id: orgUnitId })
      .onConflict((oc) => oc.expression(sql`user_id, role, coalesce(org_unit_id, 0)`).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return;
    await writeAudit(trx, auditMeta(actor), { action: "user.role_added", entity: "user", entityId: userId, details: { role, orgUnitId } });
    await notify(trx, userId, "notify.roleAdded", { role }, "/home");
  });
}

export async function removeRole(actor: UserActor, userId: number, assignmentId: number) {
  await requirePermission(actor, "manage:user");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom("role_assignments").where("id", "=", assignmentId).where("user_id", "=", userId).returning(["role", "org_unit_id"]).executeTakeFirst();
    if (!row) throw notFound();
    await writeAudit(trx, auditMeta(actor), { action: "user.role_removed", entity: "user", entityId: userId, details: { role: row.role, orgUnitId: row.org_unit_id } });
  });
}

export async function setDisabled(actor: UserActor, userId: number, disabled: boolean) {
  await requirePermission(actor, "manage:user");
  if (userId === actor.user.id) throw conflict("error.cannotDisableSelf");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("users")
      .set({ disabled_at: disabled ? sql`now()` : null, version: sql`version + 1` })
      .where("id", "=", userId)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw notFound();
    if (disabled) await revokeUserSessions(trx, userId);
    await writeAudit(trx, auditMeta(actor), { action: disabled ? "user.disabled" : "user.enabled", entity: "user", entityId: userId });
  });
}

export async function endSessions(actor: UserActor, userId: number) {
  await requirePermission(actor, "manage:user");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    await revokeUserSessions(trx, userId);
    await writeAudit(trx, auditMeta(actor), { action: "user.sessions_ended", entity: "user", entityId: userId });
  });
}

export async function findInvite(token: string) {
  const hash = crypto.createHash("sha256").update(token).digest("hex");
  const db = await getDb();
  return db
    .selectFrom("users").select(["id", "email", "full_name"])
    .where("invite_token_hash", "=", hash).where("invite_expires_at", ">", sql<Date>`now()`).where("disabled_at", "is", null)
    .executeTakeFirst();
}

export async function acceptInvite(actor: Actor, token: string, password: string) {
  const user = await findInvite(token);
  if (!user) throw notFound("error.inviteInvalid");
  const hash = await hashPassword(password);
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    // The link reached them: the address is theirs.
    await trx.updateTable("users").set({ password_hash: hash, invite_token_hash: null, invite_expires_at: null, email_verified_at: sql`coalesce(email_verified_at, now())`, version: sql`version + 1` }).where("id", "=", user.id).execute();
    await writeAudit(trx, { ...auditMeta(actor), actorId: user.id }, { action: "user.invite_accepted", entity: "user", entityId: user.id });
  });
  return user.id;
}

// Every enabled mentor as a select option (filters of the idea queue and the case list). Role and
// account changes are audited as "user", which drops it (app/lib/memo.server.ts).
const mentorList = memo("user", 60_000, async () =>
  (await getDb()).selectFrom("role_assignments as ra").innerJoin("users as u", "u.id", "ra.user_id")
    .select(["u.id", "u.full_name"]).distinct()
    .where("ra.role", "=", "mentor").where("u.disabled_at", "is", null).orderBy("u.full_name").execute()
    .then((rows) => rows.map((r) => ({ value: String(r.id), label: r.full_name }))));

/** Enabled mentors as `{ value: id, label: name }`, by name; callers check their own permission. */
export function mentorOptions(): Promise<{ value: string; label: string }[]> {
  return mentorList.get("all");
}
