import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { enqueue, registerJob } from "~/lib/jobs.server";
import { notFound } from "~/lib/http";
import { makeT } from "~/i18n";
import { isLocale, type Locale } from "~/i18n/locale";
import { writeAudit } from "~/modules/audit/service.server";
import { auditMeta, requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { deliver, mailEnabled, publicUrl } from "./mailer.server";
import { renderMail, type RenderedMail } from "./render";
import { emailRecipient, kindOf } from "./prefs.server";

// The outbox (decision 0033): a mail is a row written in the same transaction as what it tells
// about, so it exists exactly when that change commits. The "email.send" job delivers due rows;
// a failure retries with backoff (1, 2, 4, ... minutes, at most 6 hours) and after MAX_ATTEMPTS the
// row is dead, shown to admins at /admin/outbox. Delivery claims a row by pushing its next attempt
// ahead (a lease), so two workers never send it at once; a crash after sending and before marking
// it sent sends it again after the lease (at least once, never lost).

export const MAX_ATTEMPTS = 6;
const LEASE_SECONDS = 300;
const BATCH = 20;
export const SEND_JOB = "email.send";

export interface QueuedMail {
  userId: number | null;
  to: string;
  kind: string;
  locale: Locale;
  mail: RenderedMail;
  /** The body carries a secret (a one-time link): blanked once sent or dead. */
  sensitive?: boolean;
  unsubscribeUrl?: string | null;
}

/** Writes a mail to the outbox in the caller's transaction and asks the sender to run. */
export async function queueMail(trx: Database, m: QueuedMail) {
  await trx
    .insertInto("email_outbox")
    .values({
      user_id: m.userId, to_address: m.to, kind: m.kind, locale: m.locale, subject: m.mail.subject, body_text: m.mail.text,
      body_html: m.mail.html, sensitive: m.sensitive ?? false, unsubscribe_url: m.unsubscribeUrl ?? null,
    })
    .execute();
  await enqueue(trx, SEND_JOB, {});
}

/** The mail that goes with an in-app notification, when mail is configured and the user wants it. */
export async function queueNotificationMail(trx: Database, userId: number, messageKey: string, params: Record<string, unknown>, link: string | null) {
  if (!mailEnabled()) return;
  const kind = kindOf(messageKey);
  const user = await emailRecipient(trx, userId, kind);
  if (!user) return;
  const locale: Locale = isLocale(user.locale) ? user.locale : "fa";
  const t = makeT(locale);
  const line = t(messageKey, params as Record<string, string>);
  const unsubscribeUrl = publicUrl(`/unsubscribe/${user.unsubscribe_token}?kind=${kind}`);
  const mail = renderMail(locale, {
    subject: line,
    heading: t("email.notification.heading"),
    paragraphs: [line],
    action: link ? { label: t("email.notification.open"), url: publicUrl(link) } : undefined,
    footer: t("email.footer"),
    unsubscribe: { label: t("email.unsubscribe"), url: unsubscribeUrl },
  });
  await queueMail(trx, { userId, to: user.email, kind: `notify.${kind}`, locale, mail, unsubscribeUrl });
}

/** Delivers due mail; returns how many were sent and failed. */
export async function sendDue(limit = BATCH): Promise<{ sent: number; failed: number }> {
  if (!mailEnabled()) return { sent: 0, failed: 0 };
  const db = await getDb();
  let sent = 0;
  let failed = 0;
  for (;;) {
    const claimed = await db
      .updateTable("email_outbox")
      .set({ next_attempt_at: sql`now() + make_interval(secs => ${LEASE_SECONDS})`, attempts: sql`attempts + 1` })
      .where("id", "in", (eb) =>
        eb.selectFrom("email_outbox").select("id").where("status", "=", "pending").where("next_attempt_at", "<=", sql<Date>`now()`)
          .orderBy("next_attempt_at").orderBy("id").limit(limit).forUpdate().skipLocked(),
      )
      .returning(["id", "to_address", "subject", "body_text", "body_html", "unsubscribe_url", "attempts"])
      .execute();
    if (claimed.length === 0) break;
    for (const row of claimed) {
      try {
        await deliver({ to: row.to_address, subject: row.subject, text: row.body_text, html: row.body_html, unsubscribeUrl: row.unsubscribe_url });
        await db
          .updateTable("email_outbox")
          .set({
            status: "sent", sent_at: sql`now()`, last_error: null,
            body_text: sql`case when sensitive then '' else body_text end`, body_html: sql`case when sensitive then '' else body_html end`,
          })
          .where("id", "=", row.id)
          .execute();
        sent++;
      } catch (e) {
        failed++;
        const dead = row.attempts >= MAX_ATTEMPTS;
        const backoff = Math.min(6 * 3600, 60 * 2 ** (row.attempts - 1));
        await db
          .updateTable("email_outbox")
          .set({
            status: dead ? "dead" : "pending",
            last_error: (e instanceof Error ? e.message : String(e)).slice(0, 500),
            next_attempt_at: sql`now() + make_interval(secs => ${backoff})`,
            ...(dead ? { body_text: sql`case when sensitive then '' else body_text end`, body_html: sql`case when sensitive then '' else body_html end` } : {}),
          })
          .where("id", "=", row.id)
          .execute();
      }
    }
    if (claimed.length < limit) break;
  }
  return { sent, failed };
}

registerJob(SEND_JOB, async () => sendDue(), "* * * * *");

// ---- administration (/admin/outbox) ----

export const OUTBOX_STATUSES = ["pending", "sent", "dead"] as const;

export async function listOutbox(actor: UserActor, opts: { status?: string; after?: number }) {
  await requireGrant(actor, "manage:outbox");
  const db = await getDb();
  let q = db
    .selectFrom("email_outbox")
    .select(["id", "to_address", "kind", "subject", "status", "attempts", "last_error", "created_at", "sent_at", "next_attempt_at"])
    .orderBy("id", "desc")
    .limit(26);
  if (opts.status && (OUTBOX_STATUSES as readonly string[]).includes(opts.status)) q = q.where("status", "=", opts.status);
  if (opts.after) q = q.where("id", "<", opts.after);
  const rows = await q.execute();
  const counts = await db.selectFrom("email_outbox").select(["status", sql<number>`count(*)::int`.as("n")]).groupBy("status").execute();
  const more = rows.length > 25;
  const page = more ? rows.slice(0, 25) : rows;
  return {
    rows: page,
    next: more ? page[page.length - 1].id : null,
    counts: Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, counts.find((c) => c.status === s)?.n ?? 0])) as Record<string, number>,
    enabled: mailEnabled(),
  };
}

/** An admin sends a dead mail again (its attempts start over). Sensitive mail lost its body: refused. */
export async function retryMail(actor: UserActor, id: number) {
  await requireGrant(actor, "manage:outbox");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("email_outbox")
      .set({ status: "pending", attempts: 0, next_attempt_at: sql`now()`, last_error: null })
      .where("id", "=", id)
      .where("status", "=", "dead")
      .where("sensitive", "=", false)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw notFound();
    await writeAudit(trx, auditMeta(actor), { action: "email.retry", entity: "email_outbox", entityId: id });
    await enqueue(trx, SEND_JOB, {});
  });
}
