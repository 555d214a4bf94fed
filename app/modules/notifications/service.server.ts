import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import type { UserActor } from "~/modules/accounts/actor.server";
import { queueNotificationMail } from "~/modules/email/outbox.server";

/**
 * Queues an in-app notification in the caller's transaction; text comes from the i18n key at display
 * time. When mail is configured and the user chose email for this kind, the mail goes to the outbox
 * in the same transaction (app/modules/email/outbox.server.ts).
 */
export async function notify(db: Database, userId: number, messageKey: string, params: Record<string, unknown> = {}, link: string | null = null) {
  await db.insertInto("notifications").values({ user_id: userId, message_key: messageKey, params: JSON.stringify(params), link }).execute();
  await queueNotificationMail(db, userId, messageKey, params, link);
}

/** One notice for one or more people (a scheduled job's batch, see notifyBatch); `name` names its subject in a digest. */
export type Notice = { to: Iterable<number>; key: string; params: Record<string, unknown>; link: string; name: string };
/** The one notice that replaces a person's many of one key: made from their count and the first three names. */
export type Digest = (key: string, count: number, names: string) => { key: string; params: Record<string, unknown>; link: string };

/** More notices than this of one key for one person in one batch become one digest. */
export const DIGEST_OVER = 3;

/**
 * Sends a batch of notices (a scheduled job's run): each person gets their notices of a key one by one,
 * or, when they would get more than DIGEST_OVER, ONE digest instead, made by `digest` (the first three
 * different names, joined by a middle dot that reads in both languages; its link goes to the list where
 * they all are). A backlog (an import, a day the jobs did not run) never floods a bell or an inbox with
 * hundreds of lines and mails (decision 0060).
 */
export async function notifyBatch(db: Database, notices: Notice[], digest: Digest) {
  const groups = new Map<string, { userId: number; key: string; notices: Notice[] }>();
  for (const n of notices) {
    for (const userId of n.to) {
      const id = `${userId}\n${n.key}`;
      const g = groups.get(id) ?? groups.set(id, { userId, key: n.key, notices: [] }).get(id)!;
      g.notices.push(n);
    }
  }
  for (const { userId, key, notices: mine } of groups.values()) {
    if (mine.length <= DIGEST_OVER) {
      for (const n of mine) await notify(db, userId, n.key, n.params, n.link);
      continue;
    }
    const names = [...new Set(mine.map((n) => n.name).filter(Boolean))].slice(0, DIGEST_OVER);
    const d = digest(key, mine.length, names.join(" · "));
    await notify(db, userId, d.key, d.params, d.link);
  }
}

export async function listNotifications(actor: UserActor, after?: number) {
  const db = await getDb();
  let q = db
    .selectFrom("notifications")
    .select(["id", "message_key", "params", "link", "created_at", "read_at"])
    .where("user_id", "=", actor.user.id)
    .orderBy("id", "desc")
    .limit(51);
  if (after) q = q.where("id", "<", after);
  const rows = await q.execute();
  const more = rows.length > 50;
  const page = more ? rows.slice(0, 50) : rows;
  return { items: page, next: more ? page[page.length - 1].id : null };
}

/**
 * Marks one (or, without an id, all) of the actor's notifications read. Others' ids are silently
 * ignored. Returns the link of the one marked (the stored link, never one the form sent).
 */
export async function markRead(actor: UserActor, id?: number): Promise<string | null> {
  const db = await getDb();
  let q = db.updateTable("notifications").set({ read_at: sql`now()` }).where("user_id", "=", actor.user.id).where("read_at", "is", null);
  if (id) q = q.where("id", "=", id);
  const rows = await q.returning("link").execute();
  return id ? rows[0]?.link ?? null : null;
}
