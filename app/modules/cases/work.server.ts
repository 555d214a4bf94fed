import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, refuse, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import * as q from "./queries.server";
import { loadReadable, notifyAll, participants, partsOf, subject } from "./access.server";
import { checkTransition, isFinal, mayDiagnose } from "./workflow";
import { now, tehranDate, todayTehran } from "~/i18n/clock";

// Working a case: workflow steps, then the mentors' work on it (diagnosis, milestones, sessions,
// private notes, messages with the entrepreneur, referrals to agencies).

/** One workflow step (not graduate/close: those go through closeCase with the outcome). */
export async function transitionCase(actor: UserActor, caseId: number, input: { action: string; version: number; note?: string | null }) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, caseId);
  const parts = partsOf(actor, c, rel);
  if (input.action === "graduate" || input.action === "close") throw conflict("cases.error.notAllowed");
  const milestones = await db.selectFrom("case_milestones").select(sql<number>`count(*)::int`.as("n")).where("case_id", "=", caseId).where("status", "!=", "dropped").executeTakeFirstOrThrow();
  const check = checkTransition(c.status, input.action, parts, {
    hasLeadMentor: !!c.lead_mentor_id, hasDiagnosis: !!c.diagnosis, milestones: milestones.n, note: input.note,
  });
  if (!check.ok) {
    if (check.reason === "wrong_part") {
      await refuse(actor, input.action === "withdraw" ? "withdraw:case" : "work:case", { entity: "case", entityId: caseId });
    }
    if (check.reason === "missing" && check.guard === "note") throw badRequest("error.form", { note: "error.required" });
    throw conflict(check.reason === "missing" ? `cases.error.guard.${check.guard}` : "cases.error.notAllowed");
  }
  const to = check.transition.to;
  await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { status: to };
    if (c.status === "triage" || c.status === "intake") set.triaged_at = c.triaged_at ?? now();
    if (to === "withdrawn") set.closed_at = now();
    if (!(await q.updateCase(trx, caseId, input.version, set))) throw conflict();
    await q.insertHistory(trx, caseId, c.status, to, actor.user.id, input.note ?? null);
    await writeAudit(trx, auditMeta(actor), { action: `case.${input.action}`, entity: "case", entityId: caseId, details: { from: c.status, to } });
    await notifyAll(trx, await participants(trx, c), actor.user.id, "cases.notify.status", { firm: c.firm_name, status: to }, `/cases/${caseId}`);
  });
  return { status: to };
}

async function requireWork(db: Database, actor: UserActor, caseId: number) {
  const { c, rel } = await loadReadable(db, actor, caseId);
  await requirePermission(actor, "work:case", subject(actor, c, rel, "mentor"));
  if (isFinal(c.status)) throw conflict("cases.error.final");
  return { c, rel };
}

export async function saveDiagnosis(actor: UserActor, caseId: number, input: { version: number; confirmedAreas: string[]; diagnosis: string; rootCauses?: string }) {
  const db = await getDb();
  const { c } = await requireWork(db, actor, caseId);
  if (!mayDiagnose(c.status)) throw conflict("cases.error.notAllowed");
  await db.transaction().execute(async (trx) => {
    const n = await q.updateCase(trx, caseId, input.version, { diagnosis: input.diagnosis, root_causes: input.rootCauses ?? null, confirmed_areas: input.confirmedAreas });
    if (!n) throw conflict();
    await writeAudit(trx, auditMeta(actor), { action: "case.diagnosis", entity: "case", entityId: caseId, details: { areas: input.confirmedAreas } });
  });
}

export async function addMilestone(actor: UserActor, caseId: number, input: { title: string; dueOn: string; owner: string }) {
  const db = await getDb();
  const { c } = await requireWork(db, actor, caseId);
  await db.transaction().execute(async (trx) => {
    await q.lockCase(trx, caseId);
    const m = await trx.insertInto("case_milestones").values({ case_id: caseId, title: input.title, due_on: input.dueOn, owner: input.owner, created_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
    await q.refreshOpenDue(trx, caseId);
    await writeAudit(trx, auditMeta(actor), { action: "case.milestone.added", entity: "case_milestone", entityId: m.id, details: { caseId } });
    await notify(trx, c.entrepreneur_id, "cases.notify.milestone", { firm: c.firm_name, title: input.title }, `/cases/${caseId}`);
  });
}

/** Edits a milestone; a stale version answers 409 (the form keeps what was typed). */
export async function updateMilestone(actor: UserActor, caseId: number, input: { milestoneId: number; version: number; title: string; dueOn: string; owner: string; status: string }) {
  const db = await getDb();
  await requireWork(db, actor, caseId);
  await db.transaction().execute(async (trx) => {
    await q.lockCase(trx, caseId);
    const r = await trx.updateTable("case_milestones")
      .set({
        title: input.title, due_on: input.dueOn, owner: input.owner, status: input.status,
        done_at: input.status === "done" ? sql`coalesce(done_at, now())` : null,
        version: sql`version + 1`, updated_at: sql`now()`,
      })
      .where("id", "=", input.milestoneId).where("case_id", "=", caseId).where("version", "=", input.version)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) {
      const exists = await trx.selectFrom("case_milestones").select("id").where("id", "=", input.milestoneId).where("case_id", "=", caseId).executeTakeFirst();
      throw exists ? conflict("cases.error.staleMilestone") : notFound();
    }
    await q.refreshOpenDue(trx, caseId);
    await writeAudit(trx, auditMeta(actor), { action: "case.milestone.updated", entity: "case_milestone", entityId: input.milestoneId, details: { caseId, status: input.status } });
  });
}

export async function logSession(actor: UserActor, caseId: number, input: { heldOn: string; minutes: number; mode: string; topics: string; nextSteps?: string }) {
  const db = await getDb();
  const { c } = await requireWork(db, actor, caseId);
  const today = todayTehran();
  if (input.heldOn > today) throw badRequest("error.form", { heldOn: "cases.error.futureSession" });
  // A case opened from an idea continues work that began before it (coaching during the idea's review):
  // its sessions may be dated before the case opened. Other cases start with the case.
  if (!c.idea_id && input.heldOn < tehranDate(c.created_at)) throw badRequest("error.form", { heldOn: "cases.error.sessionBeforeCase" });
  await db.transaction().execute(async (trx) => {
    const s = await trx.insertInto("case_sessions").values({
      case_id: caseId, mentor_id: actor.user.id, held_on: input.heldOn, minutes: input.minutes, mode: input.mode, topics: input.topics, next_steps: input.nextSteps ?? "",
    }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "case.session", entity: "case_session", entityId: String(s.id), details: { caseId, minutes: input.minutes } });
  });
}

/** Private mentor note: only mentors on the case and staff ever read these. */
export async function addNote(actor: UserActor, caseId: number, body: string) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, caseId);
  await requirePermission(actor, "note:case", subject(actor, c, rel, "mentor"));
  await db.transaction().execute(async (trx) => {
    const n = await trx.insertInto("case_notes").values({ case_id: caseId, author_id: actor.user.id, body }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "case.note", entity: "case_note", entityId: String(n.id), details: { caseId } });
  });
}

export async function addMessage(actor: UserActor, caseId: number, body: string) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, caseId);
  await requirePermission(actor, "message:case", subject(actor, c, rel, "either"));
  await db.transaction().execute(async (trx) => {
    const m = await trx.insertInto("case_messages").values({ case_id: caseId, author_id: actor.user.id, body }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "case.message", entity: "case_message", entityId: String(m.id), details: { caseId } });
    await notifyAll(trx, await participants(trx, c), actor.user.id, "cases.notify.message", { firm: c.firm_name }, `/cases/${caseId}#messages`);
  });
}

export async function addReferral(actor: UserActor, caseId: number, input: { agency: string; note?: string }) {
  const db = await getDb();
  await requireWork(db, actor, caseId);
  const agency = await db.selectFrom("agencies").select("code").where("code", "=", input.agency).where("active", "=", true).executeTakeFirst();
  if (!agency) throw badRequest("error.form", { agency: "error.invalidChoice" });
  await db.transaction().execute(async (trx) => {
    const r = await trx.insertInto("case_referrals").values({ case_id: caseId, agency_code: input.agency, note: input.note ?? "", created_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "case.referral", entity: "case_referral", entityId: r.id, details: { caseId, agency: input.agency } });
  });
}

/**
 * The headcount when the case started (0 for a case opened from an idea until someone corrects it):
 * staff and the case's mentors edit it while the case is open; jobs retained are counted against it.
 */
export async function setBaseline(actor: UserActor, caseId: number, input: { version: number; baselineEmployees: number }) {
  const db = await getDb();
  const { c } = await requireWork(db, actor, caseId);
  await db.transaction().execute(async (trx) => {
    if (!(await q.updateCase(trx, caseId, input.version, { baseline_employees: input.baselineEmployees }))) throw conflict();
    await writeAudit(trx, auditMeta(actor), {
      action: "case.baseline", entity: "case", entityId: caseId, details: { from: c.baseline_employees, to: input.baselineEmployees },
    });
  });
}
