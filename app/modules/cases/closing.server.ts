import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, refuse, requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { allows, hasRole, scopeUnits } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import * as q from "./queries.server";
import { loadReadable, notifyAll, participants, partsOf, subject } from "./access.server";
import { reportCaseJobs } from "./links.server";
import type { OutcomeInput } from "./schema";
import { checkTransition, followUpDates } from "./workflow";
import { now, todayTehran } from "~/i18n/clock";

// Ending a case (graduation or closing, with the outcome filed as jobs) and the 6- and 12-month
// follow-ups after graduation.

/**
 * Graduating or closing: records the outcome, moves the case, schedules follow-ups (graduation),
 * then files the jobs with the employment ledger (status reported, for staff to verify).
 */
export async function closeCase(actor: UserActor, caseId: number, input: OutcomeInput) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, caseId);
  const parts = partsOf(actor, c, rel);
  const check = checkTransition(c.status, input.action, parts, { hasOutcome: true, note: input.note });
  if (!check.ok) {
    if (check.reason === "wrong_part") await refuse(actor, "work:case", { entity: "case", entityId: caseId });
    if (check.reason === "missing" && check.guard === "note") throw badRequest("error.form", { note: "error.required" });
    throw conflict("cases.error.notAllowed");
  }
  const registrationNo = input.registrationNo ?? c.registration_no;
  const baseline = input.baselineEmployees ?? c.baseline_employees;
  if (input.jobsRetained > baseline) throw badRequest("error.form", { jobsRetained: "cases.error.retainedOverBaseline" });
  const to = check.transition.to;
  const reportId = await db.transaction().execute(async (trx) => {
    const n = await q.updateCase(trx, caseId, input.version, {
      status: to, employees_now: input.employeesNow, jobs_created: input.jobsCreated, jobs_retained: input.jobsRetained,
      revenue_rials: input.revenueRials, funding_rials: input.fundingRials, outcome_note: input.note ?? null, closed_at: now(),
      registration_no: registrationNo ?? null, baseline_employees: baseline,
    });
    if (!n) throw conflict();
    await q.insertHistory(trx, caseId, c.status, to, actor.user.id, input.note ?? null);
    if (to === "graduated") {
      for (const f of followUpDates(todayTehran())) {
        await trx.insertInto("case_followups").values({ case_id: caseId, months: f.months, due_on: f.dueOn }).onConflict((oc) => oc.doNothing()).execute();
      }
    }
    await writeAudit(trx, auditMeta(actor), {
      action: `case.${input.action}`, entity: "case", entityId: caseId,
      details: { from: c.status, to, baseline, employeesNow: input.employeesNow, jobsCreated: input.jobsCreated, jobsRetained: input.jobsRetained },
    });
    await notifyAll(trx, await participants(trx, c), actor.user.id, "cases.notify.status", { firm: c.firm_name, status: to }, `/cases/${caseId}`);
    // A case that ends with no job created or kept has nothing for the ledger (which refuses an empty report).
    if (input.jobsCreated + input.jobsRetained === 0) return null;
    const reportId = await reportCaseJobs(actor, trx, { ...c, registration_no: registrationNo, baseline_employees: baseline }, {
      employeesNow: input.employeesNow, jobsCreated: input.jobsCreated, jobsRetained: input.jobsRetained, sourceRef: `cases:${caseId}:close`,
    });
    await trx.updateTable("cases").set({ employment_report_id: String(reportId) }).where("id", "=", caseId).execute();
    return reportId;
  });
  return { status: to, reportId };
}

/** A 6- or 12-month follow-up: staff or the lead mentor record the headcount; it files a new report. */
export async function recordFollowUp(actor: UserActor, input: { followUpId: number; employeesNow: number; jobsRetained: number; note?: string }) {
  const db = await getDb();
  const f = await db.selectFrom("case_followups").selectAll().where("id", "=", input.followUpId).executeTakeFirst();
  if (!f) throw notFound();
  const { c, rel } = await loadReadable(db, actor, f.case_id);
  if (!(hasRole(actor.user, "staff") && allows(actor.user, "manage:case", subject(actor, c, rel, "mentor"))) && !rel.lead) {
    await refuse(actor, "manage:case", { entity: "case_followup", entityId: f.id });
  }
  if (f.done_at) throw conflict("cases.error.followUpDone");
  const created = Math.min(c.jobs_created ?? 0, input.employeesNow - input.jobsRetained);
  const reportId = await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("case_followups")
      .set({ done_at: sql`now()`, done_by: actor.user.id, employees_now: input.employeesNow, jobs_retained: input.jobsRetained, note: input.note ?? null, version: sql`version + 1` })
      .where("id", "=", f.id).where("done_at", "is", null).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw conflict("cases.error.followUpDone");
    await writeAudit(trx, auditMeta(actor), { action: "case.followup", entity: "case_followup", entityId: f.id, details: { caseId: c.id, months: f.months, employeesNow: input.employeesNow } });
    const id = await reportCaseJobs(actor, trx, c, {
      employeesNow: input.employeesNow, jobsCreated: Math.max(0, created), jobsRetained: input.jobsRetained, sourceRef: `cases:${c.id}:followup:${f.months}`,
    });
    await trx.updateTable("case_followups").set({ employment_report_id: String(id) }).where("id", "=", f.id).execute();
    return id;
  });
  return { reportId };
}

export async function listFollowUps(actor: UserActor) {
  await requireGrant(actor, "read:case");
  const db = await getDb();
  if (hasRole(actor.user, "staff")) {
    // Directorate staff: the province's follow-ups; centre staff: their centres' cases only.
    const scope = scopeUnits(actor.user.roles, "manage:case");
    if (scope === "all") return q.dueFollowUps(db, { days: 30 });
    if (scope.length) return q.dueFollowUps(db, { days: 30, centreIds: scope });
  }
  return q.dueFollowUps(db, { leadMentorId: actor.user.id, days: 30 });
}
