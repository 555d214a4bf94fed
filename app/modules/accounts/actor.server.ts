import { redirect } from "@remix-run/node";
import { connection, getDb } from "~/lib/db.server";
import { forbidden, notFound } from "~/lib/http";
import { requestContext } from "~/lib/request.server";
import { writeAudit } from "~/modules/audit/service.server";
import { loadSessionUser, loadUserById, readSessionId, type SessionUser } from "./session.server";
import { allows, grantLevel, type Level, type Permission, type Subject, type WidePermission } from "./roles";

/** Who is asking: the signed-in user (or null) plus the request's id and address. */
export interface Actor {
  user: SessionUser | null;
  sessionIdHash: string | null;
  requestId: string;
  ip: string;
}
export interface UserActor extends Actor {
  user: SessionUser;
}

// Remix hands each loader its own copy of the Request, so the cache is keyed by the load context,
// the one object all loaders of an HTTP request share (server/app.mjs makes a new one per request).
// The method is part of the key so loaders that run after an action read the session afresh.
const cache = new WeakMap<object, Map<string, Promise<Actor>>>();

/** Reads the session once per request (root and route loaders share it). */
export function getActor(request: Request, context: unknown): Promise<Actor> {
  const owner: object = context && typeof context === "object" ? context : request;
  let byMethod = cache.get(owner);
  if (!byMethod) cache.set(owner, (byMethod = new Map()));
  let p = byMethod.get(request.method);
  if (!p) {
    p = (async () => {
      const { requestId, ip, meta } = requestContext(context);
      const sid = await readSessionId(request);
      const found = sid ? await loadSessionUser(await getDb(), sid) : null;
      if (meta && found) meta.userId = found.user.id;
      return { user: found?.user ?? null, sessionIdHash: found?.idHash ?? null, requestId, ip };
    })();
    byMethod.set(request.method, p);
  }
  return p;
}

export const auditMeta = (actor: Actor) => ({ actorId: actor.user?.id ?? null, requestId: actor.requestId, ip: actor.ip });

/** Where a user who must confirm their address first is held (decision 0044). */
export const HOLD_PATH = "/account/verify";

/**
 * A signed-in user, or a redirect to the login page that comes back here. A user who must confirm
 * their address first (unverified, holding a role the admins listed) is sent to the hold page instead;
 * only that page passes `{ whileHeld: true }`.
 */
export async function requireUser(request: Request, context: unknown, opts?: { whileHeld?: boolean }): Promise<UserActor> {
  const actor = await getActor(request, context);
  if (!actor.user) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (actor.user.held && !opts?.whileHeld) throw redirect(HOLD_PATH);
  return actor as UserActor;
}

async function deny(actor: Actor, what: string, subject?: Subject & { entity?: string; entityId?: string | number }) {
  const conn = await connection();
  const write = writeAudit(conn.db, auditMeta(actor), {
    action: "authz.denied",
    entity: subject?.entity ?? what.split(":")[1] ?? "unknown",
    entityId: subject?.entityId ?? null,
    details: { permission: what },
  });
  if (conn.kind === "pglite") {
    // PGlite has one connection: when the refusal happens inside a transaction, awaiting a second
    // query would wait for that very connection forever. The insert is queued instead and runs as
    // soon as the refused transaction rolls back (queries on the one connection run in order).
    write.catch((e) => console.error("audit write failed", e));
  } else {
    await write;
  }
  return forbidden();
}

/**
 * Throws 403 (and writes an audit row) unless the actor's roles grant the permission on the subject.
 * `own`/`scope` grants need a subject (fail closed); for a list, use requireGrant and narrow the query.
 */
export async function requirePermission(actor: UserActor, permission: WidePermission, subject?: AuditedSubject): Promise<void>;
export async function requirePermission(actor: UserActor, permission: Permission, subject: AuditedSubject): Promise<void>;
export async function requirePermission(actor: UserActor, permission: Permission, subject?: AuditedSubject) {
  if (!allows(actor.user, permission, subject)) throw await deny(actor, permission, subject);
}

type AuditedSubject = Subject & { entity?: string; entityId?: string | number };

/**
 * One record someone else may hold: like requirePermission, but a refusal answers 404 exactly as a
 * missing id does, so nobody learns that the record exists (issue 10 item 6). The refusal is still
 * audited (`authz.denied`).
 */
export async function requireVisible(actor: UserActor, permission: Permission, subject: AuditedSubject): Promise<void> {
  if (!allows(actor.user, permission, subject)) {
    await deny(actor, permission, subject);
    throw notFound();
  }
}

/**
 * For lists and forms that are not about one record yet: throws 403 unless the actor holds the
 * permission at some level, and returns that level so the caller narrows its query (own, scope, any).
 */
export async function requireGrant(actor: UserActor, permission: Permission, what?: { entity?: string }): Promise<Level> {
  const level = grantLevel(actor.user.roles, permission);
  if (!level) throw await deny(actor, permission, what);
  return level;
}

/** A refusal after a relationship check made by the module itself: 403 and an audit row. */
export async function refuse(actor: UserActor, permission: Permission, subject?: { entity?: string; entityId?: string | number }): Promise<never> {
  throw await deny(actor, permission, subject);
}

/** The actor a background job acts as: the user who started it (null when disabled since). */
export async function jobActor(userId: number, jobId: string): Promise<UserActor | null> {
  const user = await loadUserById(await getDb(), userId);
  return user ? { user, sessionIdHash: null, requestId: `job:${jobId}`.slice(0, 100), ip: "" } : null;
}
