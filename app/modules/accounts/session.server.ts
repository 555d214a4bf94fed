import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { sql, type CompiledQuery } from "kysely";
import { env } from "~/lib/env.server";
import { prepareAs, type Database } from "~/lib/db.server";
import type { OrgKind, Role, RoleHolding } from "./roles";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;
/** The settings row listing the roles that must confirm their address (verification.server.ts). */
export const VERIFY_ROLES_KEY = "accounts.verify_required_roles";

let cookie: ReturnType<typeof createCookie> | undefined;
export function sessionCookie() {
  cookie ??= createCookie("sid", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env().secureCookies,
    secrets: [env().sessionSecret],
  });
  return cookie;
}

// The device cookie (decision 0002): after a successful login the browser keeps a signed random id
// naming the account. Login attempts that present it for that account are limited per device, not
// by the account's and the address's shared limits, so an attacker hammering an account cannot lock
// its owner out of a browser they used before. It grants nothing by itself.
export const DEVICE_MAX_AGE_S = 180 * 24 * 3600;
let device: ReturnType<typeof createCookie> | undefined;
function deviceCookie() {
  device ??= createCookie("did", { httpOnly: true, sameSite: "lax", path: "/", secure: env().secureCookies, secrets: [env().sessionSecret], maxAge: DEVICE_MAX_AGE_S });
  return device;
}

export interface Device {
  userId: number;
  id: string;
}

export function deviceCookieFor(userId: number, id = crypto.randomBytes(16).toString("base64url")) {
  return deviceCookie().serialize({ u: userId, d: id });
}

/** The device cookie the request carries, when its signature holds. */
export async function readDevice(request: Request): Promise<Device | null> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("did=")) return null;
  const v = (await deviceCookie().parse(header).catch(() => null)) as { u?: unknown; d?: unknown } | null;
  return v && typeof v.u === "number" && typeof v.d === "string" && v.d.length <= 64 ? { userId: v.u, id: v.d } : null;
}

export const hashSessionId = (id: string) => crypto.createHash("sha256").update(id).digest("hex");

export interface SessionUser {
  id: number;
  email: string;
  fullName: string;
  locale: string;
  roles: RoleHolding[];
  /** Unread notifications when the session was read (the bell); read in the same statement. */
  unread: number;
  /** The email address was confirmed (unverified accounts see a banner). */
  verified: boolean;
  /**
   * Unverified while holding a role that must confirm its address (the setting
   * accounts.verify_required_roles, read in the session statement, never cached): requireUser sends
   * the user to /account/verify.
   */
  held: boolean;
}

/** Creates a session row and returns the Set-Cookie header value (a fresh id at every login). */
export async function createSession(db: Database, userId: number, userAgent: string | null) {
  const id = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashSessionId(id),
      user_id: userId,
      // eslint-disable-next-line no-restricted-syntax -- wall-clock timer (compared with the database's now() / file times), not a date rule
      expires_at: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return sessionCookie().serialize(id, { maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

export function clearSessionCookie() {
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** The session statement for one session id hash (built by Kysely; see sessionStatement for how it is reused). */
function sessionQuery(db: Database, idHash: string) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "u.id", "u.email", "u.full_name", "u.locale", "s.last_seen_at", sql<boolean>`u.email_verified_at is not null`.as("verified"),
      sql<boolean>`(u.email_verified_at is null and exists (select 1 from role_assignments rh join settings st on st.key = ${VERIFY_ROLES_KEY}
        where rh.user_id = u.id and st.value ? rh.role))`.as("held"),
      sql<RoleHolding[]>`coalesce((select json_agg(json_build_object('role', ra.role, 'orgUnitId', ra.org_unit_id, 'orgKind', ou.kind) order by ra.id)
        from role_assignments ra left join org_units ou on ou.id = ra.org_unit_id where ra.user_id = u.id), '[]'::json)`.as("roles"),
      // The bell's count rides along: every signed-in page needs it, and a second statement per page
      // was a second round trip to the database (notifications_user_idx).
      sql<number>`(select count(*)::int from notifications n where n.user_id = u.id and n.read_at is null)`.as("unread"),
    ])
    .where("s.id_hash", "=", idHash)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", sql<Date>`now()`)
    .where("s.last_seen_at", ">", sql<Date>`now() - make_interval(secs => ${IDLE_TIMEOUT_MS / 1000})`)
    .where("u.disabled_at", "is", null);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>["executeTakeFirst"]>>;

// Every signed-in request runs the session statement, and building it with Kysely (an immutable tree of
// frozen nodes, then compiled to SQL) cost more server CPU than reading its answer. The SQL never changes;
// only the id hash does. So it is compiled once per database handle with a marker in the hash's place,
// and each request gets that compiled statement with its own hash as the parameter (decision 0036).
// Nothing is cached but the SQL text: every request still reads the session, roles and count afresh.
const MARKER = "\u0000session-id-hash\u0000";
const compiledFor = new WeakMap<Database, CompiledQuery<NonNullable<SessionRow>>>();
function sessionStatement(db: Database, idHash: string): CompiledQuery<NonNullable<SessionRow>> {
  let compiled = compiledFor.get(db);
  if (!compiled) {
    compiled = sessionQuery(db, MARKER).compile() as CompiledQuery<NonNullable<SessionRow>>;
    if (compiled.parameters.filter((p) => p === MARKER).length !== 1) throw new Error("session statement: the id hash must be exactly one parameter");
    // The same text on every request: a named prepared statement on PostgreSQL (db/connect.ts, decision 0059).
    prepareAs("session", compiled.sql);
    compiledFor.set(db, compiled);
  }
  return { ...compiled, parameters: compiled.parameters.map((p) => (p === MARKER ? idHash : p)) };
}

/** The live session's user with roles, or null (revoked, expired, idle, or the user disabled). */
export async function loadSessionUser(db: Database, sessionId: string): Promise<{ user: SessionUser; idHash: string } | null> {
  const idHash = hashSessionId(sessionId);
  const row = (await db.executeQuery(sessionStatement(db, idHash))).rows[0];
  if (!row) return null;
  // eslint-disable-next-line no-restricted-syntax -- wall-clock timer (compared with the database's now() / file times), not a date rule
  if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("id_hash", "=", idHash).execute();
  }
  return {
    idHash,
    user: {
      id: row.id,
      email: row.email,
      fullName: row.full_name,
      locale: row.locale,
      roles: row.roles.map((r) => ({ role: r.role as Role, orgUnitId: r.orgUnitId, orgKind: (r.orgKind ?? null) as OrgKind | null })),
      unread: row.unread,
      verified: row.verified,
      held: row.held,
    },
  };
}

export async function revokeSession(db: Database, idHash: string) {
  await db.updateTable("sessions").set({ revoked_at: sql`now()` }).where("id_hash", "=", idHash).where("revoked_at", "is", null).execute();
}

export async function revokeUserSessions(db: Database, userId: number, exceptIdHash?: string) {
  let q = db.updateTable("sessions").set({ revoked_at: sql`now()` }).where("user_id", "=", userId).where("revoked_at", "is", null);
  if (exceptIdHash) q = q.where("id_hash", "<>", exceptIdHash);
  await q.execute();
}

/**
 * A user as a session would show them, without a session: for background jobs that act on behalf of
 * the person who started them (an import confirmed by a staff member). Null when disabled or gone.
 */
export async function loadUserById(db: Database, userId: number): Promise<SessionUser | null> {
  const row = await db
    .selectFrom("users as u")
    .select([
      "u.id", "u.email", "u.full_name", "u.locale", sql<boolean>`u.email_verified_at is not null`.as("verified"),
      sql<RoleHolding[]>`coalesce((select json_agg(json_build_object('role', ra.role, 'orgUnitId', ra.org_unit_id, 'orgKind', ou.kind) order by ra.id)
        from role_assignments ra left join org_units ou on ou.id = ra.org_unit_id where ra.user_id = u.id), '[]'::json)`.as("roles"),
    ])
    .where("u.id", "=", userId)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id, email: row.email, fullName: row.full_name, locale: row.locale, unread: 0, verified: row.verified, held: false,
    roles: row.roles.map((r) => ({ role: r.role as Role, orgUnitId: r.orgUnitId, orgKind: (r.orgKind ?? null) as OrgKind | null })),
  };
}
