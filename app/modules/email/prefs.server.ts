import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, notFound } from "~/lib/http";
import { writeAudit } from "~/modules/audit/service.server";
import { auditMeta, type Actor, type UserActor } from "~/modules/accounts/actor.server";

// Each user chooses, per kind of notification, in-app only or in-app and email. The kind is the
// module a notification's message key belongs to ("ideas.notify.overdue" -> ideas); keys of the
// accounts module ("notify.roleAdded") are "account". Without a row the choice is "email".

export const NOTIFICATION_KINDS = ["account", "ideas", "cases", "chairs", "employment", "partnerships", "micro", "seekers", "training", "cooperatives", "clusters", "agenda", "other"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type Channel = "in_app" | "email";

/** Message-key prefixes that are not a kind's own name. */
const KIND_OF_PREFIX: Record<string, NotificationKind> = { notify: "account", coop: "cooperatives", cluster: "clusters" };

export function kindOf(messageKey: string): NotificationKind {
  const first = messageKey.split(".")[0];
  if (KIND_OF_PREFIX[first]) return KIND_OF_PREFIX[first];
  // Vacancies and referrals speak in the seekers module's keys; training's notices are "training.notice.*".
  return (NOTIFICATION_KINDS as readonly string[]).includes(first) ? (first as NotificationKind) : "other";
}

export async function channelsOf(db: Database, userId: number): Promise<Record<NotificationKind, Channel>> {
  const rows = await db.selectFrom("notification_prefs").select(["kind", "channel"]).where("user_id", "=", userId).execute();
  const out = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, "email"])) as Record<NotificationKind, Channel>;
  for (const r of rows) if ((NOTIFICATION_KINDS as readonly string[]).includes(r.kind)) out[r.kind as NotificationKind] = r.channel as Channel;
  return out;
}

/** The recipient of a notification mail of this kind, or null (in-app only, or address not verified). */
export async function emailRecipient(db: Database, userId: number, kind: NotificationKind) {
  return (
    (await db
      .selectFrom("users as u")
      .leftJoin("notification_prefs as p", (j) => j.onRef("p.user_id", "=", "u.id").on("p.kind", "=", kind))
      .select(["u.id", "u.email", "u.locale", "u.unsubscribe_token"])
      .where("u.id", "=", userId)
      .where("u.disabled_at", "is", null)
      .where("u.email_verified_at", "is not", null)
      .where(sql<boolean>`coalesce(p.channel, 'email') = 'email'`)
      .executeTakeFirst()) ?? null
  );
}

export async function setChannels(actor: UserActor, choices: Partial<Record<NotificationKind, Channel>>) {
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    for (const [kind, channel] of Object.entries(choices)) {
      if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind) || (channel !== "email" && channel !== "in_app")) throw badRequest();
      await trx
        .insertInto("notification_prefs")
        .values({ user_id: actor.user.id, kind, channel })
        .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ channel, updated_at: sql`now()` }))
        .execute();
    }
    await writeAudit(trx, auditMeta(actor), { action: "user.notification_prefs", entity: "user", entityId: actor.user.id, details: choices });
  });
}

/** Who an unsubscribe link names (the token from a mail), or 404. */
export async function unsubscribeTarget(token: string) {
  // Tokens are 32 hex digits (the column's default); anything else (a NUL byte, a path) is simply unknown.
  if (!/^[0-9a-f]{32}$/.test(token)) throw notFound();
  const db = await getDb();
  const user = await db.selectFrom("users").select(["id", "email"]).where("unsubscribe_token", "=", token).executeTakeFirst();
  if (!user) throw notFound();
  return user;
}

/** One-click unsubscribe: the kind (or, without one, every kind) becomes in-app only. */
export async function unsubscribe(actor: Actor, token: string, kind: NotificationKind | null) {
  const user = await unsubscribeTarget(token);
  const db = await getDb();
  const kinds = kind ? [kind] : [...NOTIFICATION_KINDS];
  await db.transaction().execute(async (trx) => {
    for (const k of kinds) {
      await trx
        .insertInto("notification_prefs")
        .values({ user_id: user.id, kind: k, channel: "in_app" })
        .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ channel: "in_app", updated_at: sql`now()` }))
        .execute();
    }
    await writeAudit(trx, { ...auditMeta(actor), actorId: user.id }, { action: "user.unsubscribed", entity: "user", entityId: user.id, details: { kinds } });
  });
}
