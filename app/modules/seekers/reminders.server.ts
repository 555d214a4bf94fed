import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { registerJob } from "~/lib/jobs.server";
import { addDays, now, todayTehran } from "~/i18n/clock";
import { notifyBatch, type Notice } from "~/modules/notifications/service.server";

// Retention checks of placements (3 and 6 months after the start, decision 0026) remind their
// counsellor when they fall due, by a daily job (issue 18) — no one has to open a page. The reminder
// is marked (reminded_at) in the same transaction as the notification, so it goes once even when two
// instances or a retry run the job. The notification names no one: it may go out by mail, and the
// check's page (behind the link) shows the person to those allowed to see them.

/** Checks due longer ago than this (history loaded late) are not worth a reminder. */
export const RETENTION_REMIND_WINDOW_DAYS = 60;

/** Active counsellors of a centre. */
async function centreCounsellors(trx: Database, centreId: number) {
  const rows = await trx.selectFrom("role_assignments as ra").innerJoin("users as u", "u.id", "ra.user_id")
    .select("u.id").distinct()
    .where("ra.role", "=", "counsellor").where("ra.org_unit_id", "=", centreId).where("u.disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** Retention checks due today or earlier and not yet answered or reminded: the seeker's counsellor, else the centre's. */
export async function remindRetentionChecks() {
  const db = await getDb();
  const today = todayTehran();
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable("retention_checks as r")
      .set({ reminded_at: now() })
      .from(["placements as p", "job_seekers as s"])
      .whereRef("p.id", "=", "r.placement_id")
      .whereRef("s.id", "=", "p.seeker_id")
      .where("r.result", "is", null)
      .where("r.reminded_at", "is", null)
      .where("r.due_on", "<=", today)
      .where("r.due_on", ">=", addDays(today, -RETENTION_REMIND_WINDOW_DAYS))
      .returning(["r.id", "r.months", "s.counsellor_id", sql<number | null>`coalesce(p.centre_id, s.centre_id)`.as("centre_id")])
      .execute();
    if (due.length === 0) return 0;
    const active = new Set(
      (await trx.selectFrom("users").select("id").where("id", "in", [0, ...due.map((d) => d.counsellor_id ?? 0)]).where("disabled_at", "is", null).execute()).map((u) => u.id),
    );
    const byCentre = new Map<number, number[]>();
    const notices: Notice[] = [];
    for (const c of due) {
      let to: number[] = [];
      if (c.counsellor_id && active.has(c.counsellor_id)) to = [c.counsellor_id];
      else if (c.centre_id) {
        if (!byCentre.has(c.centre_id)) byCentre.set(c.centre_id, await centreCounsellors(trx, c.centre_id));
        to = byCentre.get(c.centre_id)!;
      }
      // No name: the notice may go out by mail and names no one (the digest gives the count only).
      notices.push({ to, key: "seekers.notify.retentionDue", params: { months: c.months }, link: `/placements/checks/${c.id}`, name: "" });
    }
    // The counsellor's home lists the checks due.
    await notifyBatch(trx, notices, (_key, count) => ({ key: "seekers.notify.retentionDigest", params: { count }, link: "/home" }));
    return due.length;
  });
}

registerJob("seekers.retention-checks", () => remindRetentionChecks(), "30 7 * * *");
