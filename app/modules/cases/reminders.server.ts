import { getDb } from "~/lib/db.server";
import { registerJob } from "~/lib/jobs.server";
import { addDays, now, nowMs, todayTehran } from "~/i18n/clock";
import { PROVINCE_WIDE, type OrgKind } from "~/modules/accounts/roles";
import { notifyBatch } from "~/modules/notifications/service.server";

// Reminders that arrive without anyone opening a page (issue 18), run by scheduled jobs: an
// emergency case nearing its triage deadline, and case follow-ups due at 6 and 12 months. Each
// reminder is marked in the same transaction (triage_warned_at, reminded_at), so it goes once even
// when two instances or a retry run the job.

/** Warn this long before an emergency's triage deadline. */
export const TRIAGE_WARN_MS = 12 * 3_600_000;

/**
 * Who of the staff may act on a case (decision 0053's scope, issue 10 item 8): directorate staff on
 * every case, a centre's staff on that centre's cases only. A centre's staff were told of every
 * centre's cases, with links their own scope then refused.
 */
async function staffScope(trx: Awaited<ReturnType<typeof getDb>>) {
  const rows = await trx
    .selectFrom("role_assignments as ra").innerJoin("users as u", "u.id", "ra.user_id").innerJoin("org_units as ou", "ou.id", "ra.org_unit_id")
    .select(["u.id", "ou.id as unit", "ou.kind"]).where("ra.role", "=", "staff").where("u.disabled_at", "is", null)
    .execute();
  const province = rows.filter((r) => PROVINCE_WIDE.includes(r.kind as OrgKind)).map((r) => r.id);
  return (centreId: number | null) => new Set([...province, ...rows.filter((r) => centreId != null && r.unit === centreId).map((r) => r.id)]);
}

/** Emergency cases still untriaged within TRIAGE_WARN_MS of (or past) their deadline: lead mentor and staff. */
export async function warnTriageDeadlines() {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable("cases")
      .set({ triage_warned_at: now() })
      .where("kind", "=", "business_emergency")
      .where("status", "in", ["intake", "triage"])
      .where("triage_due_at", "is not", null)
      .where("triage_due_at", "<", new Date(nowMs() + TRIAGE_WARN_MS))
      .where("triage_warned_at", "is", null)
      .returning(["id", "firm_name", "lead_mentor_id", "centre_id"])
      .execute();
    if (due.length === 0) return 0;
    const staffOf = await staffScope(trx);
    await notifyBatch(
      trx,
      due.map((c) => ({
        to: new Set([...staffOf(c.centre_id), ...(c.lead_mentor_id ? [c.lead_mentor_id] : [])]),
        key: "cases.notify.triageDue", params: { firm: c.firm_name }, link: `/cases/${c.id}`, name: c.firm_name,
      })),
      (_key, count, firms) => ({ key: "cases.notify.triageDigest", params: { count, firms }, link: "/cases?kind=business_emergency" }),
    );
    return due.length;
  });
}

/** Follow-ups (6 and 12 months after graduation) due today or earlier and not yet reminded. */
export async function remindFollowups() {
  const db = await getDb();
  const today = todayTehran();
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable("case_followups as f")
      .set({ reminded_at: now() })
      .from("cases as c")
      .whereRef("c.id", "=", "f.case_id")
      .where("f.done_at", "is", null)
      .where("f.reminded_at", "is", null)
      .where("f.due_on", "<=", today)
      // Very old follow-ups (imported history) are not worth a reminder.
      .where("f.due_on", ">=", addDays(today, -60))
      .returning(["f.id", "f.months", "c.id as caseId", "c.firm_name", "c.lead_mentor_id", "c.centre_id"])
      .execute();
    if (due.length === 0) return 0;
    const staffOf = due.some((f) => !f.lead_mentor_id) ? await staffScope(trx) : () => new Set<number>();
    await notifyBatch(
      trx,
      due.map((f) => ({
        to: f.lead_mentor_id ? [f.lead_mentor_id] : staffOf(f.centre_id),
        key: "cases.notify.followupDue", params: { firm: f.firm_name, months: f.months }, link: `/cases/${f.caseId}`, name: f.firm_name,
      })),
      (_key, count, firms) => ({ key: "cases.notify.followupDigest", params: { count, firms }, link: "/cases/followups" }),
    );
    return due.length;
  });
}

registerJob("cases.triage-warnings", () => warnTriageDeadlines(), "*/10 * * * *");
registerJob("cases.followups", () => remindFollowups(), "15 7 * * *");
