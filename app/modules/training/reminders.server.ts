import { getDb } from "~/lib/db.server";
import { registerJob } from "~/lib/jobs.server";
import { addDays, now, todayTehran } from "~/i18n/clock";
import { notifyBatch } from "~/modules/notifications/service.server";

// The employment checks of training graduates (3 and 6 months after the course, decision 0028) remind
// the provider's training managers when they fall due, by a daily job (issue 18). Marked (reminded_at)
// in the notification's transaction: once, whichever instance runs the job. The notification names
// the course, never the graduate (it may go out by mail).

/** Checks due longer ago than this (history loaded late) are not worth a reminder. */
export const TRAINING_REMIND_WINDOW_DAYS = 60;

/** Training checks due today or earlier and not yet recorded or reminded: the provider's managers. */
export async function remindTrainingChecks() {
  const db = await getDb();
  const today = todayTehran();
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable("training_checks as k")
      .set({ reminded_at: now() })
      .from("training_courses as c")
      .whereRef("c.id", "=", "k.course_id")
      .where("k.outcome", "is", null)
      .where("k.reminded_at", "is", null)
      .where("k.due_on", "<=", today)
      .where("k.due_on", ">=", addDays(today, -TRAINING_REMIND_WINDOW_DAYS))
      .returning(["k.id", "k.months", "k.enrolment_id", "k.provider_id", "c.title"])
      .execute();
    if (due.length === 0) return 0;
    const managers = await trx.selectFrom("role_assignments as ra").innerJoin("users as u", "u.id", "ra.user_id")
      .select(["u.id", "ra.org_unit_id"])
      .where("ra.role", "=", "training_manager").where("ra.org_unit_id", "in", [...new Set(due.map((d) => d.provider_id))]).where("u.disabled_at", "is", null)
      .execute();
    await notifyBatch(
      trx,
      due.map((k) => ({
        to: new Set(managers.filter((m) => m.org_unit_id === k.provider_id).map((m) => m.id)),
        key: "training.notify.checkDue", params: { months: k.months, course: k.title }, link: `/training/enrolments/${k.enrolment_id}`, name: k.title,
      })),
      // The training manager's home lists the checks due.
      (_key, count, courses) => ({ key: "training.notify.checkDigest", params: { count, courses }, link: "/home" }),
    );
    return due.length;
  });
}

registerJob("training.checks", () => remindTrainingChecks(), "45 7 * * *");
