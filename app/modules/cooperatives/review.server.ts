import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict } from "~/lib/http";
import { auditMeta, refuse, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { findOrCreateEnterpriseFor, reportEmployment } from "~/modules/employment/service.server";
import { notify } from "~/modules/notifications/service.server";
import { todayTehran } from "~/i18n/clock";
import { ENTITY, loadCoop } from "./access.server";
import * as q from "./queries.server";
import type { TransitionInput } from "./schema";
import { checkTransition, type CoopAction, type CoopStatus, type Part } from "./workflow";

// The steps after sending (workflow.ts): the applicant recalls an application still with its
// members; staff start the review, ask for a revision, approve (registration number and Jalali
// date), reject, activate, mark dormant, reactivate, dissolve. Every step: a timeline row, an
// audit row and notifications to the applicant and the members with accounts, in one transaction
// with the version check (a stale form is 409). Approval links the cooperative to the ledger
// enterprise of its registration number and reports its jobs through reportEmployment
// (source "cooperatives"), in the same transaction (decision 0020).

const isUnique = (e: unknown, name: string) => (e as { code?: string }).code === "23505" && String((e as { constraint?: string }).constraint ?? "").includes(name);

/** The ledger link and the approval report (jobs: members working in the cooperative and hires). */
async function linkToLedger(trx: Database, actor: UserActor, c: q.CoopRow, registrationNo: string, registeredOn: string) {
  const enterprise = { registrationNo, name: c.name1, kind: "cooperative" as const, county: c.county_code ?? "", sector: c.sector_code ?? "", sizeClass: "micro" as const };
  const jobs = c.jobs_members + c.jobs_hires;
  if (jobs > 0) {
    const r = await reportEmployment(actor, {
      source: { module: "cooperatives", id: c.id }, programme: "cooperatives", enterprise, asOf: registeredOn,
      fteBaseline: 0, fteNow: jobs, created: { fullTime: jobs, partTime: 0, tempMonths: 0 }, externalRef: `cooperatives:${c.id}:approval`,
    }, trx);
    return { enterpriseId: r.enterpriseId, reportId: r.reportId };
  }
  return { enterpriseId: await findOrCreateEnterpriseFor(actor, enterprise, trx), reportId: null };
}

/** Moves an application one step; returns the new status. */
export async function transition(actor: UserActor, id: number, input: TransitionInput): Promise<CoopStatus> {
  const db = await getDb();
  const action = input.action as CoopAction;
  const { coop, rel } = await loadCoop(db, actor, id, "read:cooperative");
  const parts: Part[] = [];
  if (rel.applicant) parts.push("applicant");
  if (rel.staff) parts.push("staff");
  const check = checkTransition(coop.status, action, parts, { note: input.note, registrationNo: input.registrationNo, registeredOn: input.registeredOn });
  if (!check.ok) {
    if (check.reason === "wrong_part") await refuse(actor, rel.staff ? "update:cooperative" : "decide:cooperative", { entity: ENTITY, entityId: id });
    if (check.reason === "missing") {
      if (check.guard === "note") throw badRequest("error.form", { note: "coop.error.noteRequired" });
      throw badRequest("error.form", { ...(input.registrationNo ? {} : { registrationNo: "error.required" }), ...(input.registeredOn ? {} : { registeredOn: "error.required" }) });
    }
    throw conflict("coop.error.transition");
  }
  const to = check.transition.to;
  if (action === "approve") {
    if (input.registeredOn! > todayTehran()) throw badRequest("error.form", { registeredOn: "coop.error.futureDate" });
    const taken = await db.selectFrom("cooperatives").select("id").where("registration_no", "=", input.registrationNo!).where("id", "<>", id).executeTakeFirst();
    if (taken) throw badRequest("error.form", { registrationNo: "coop.error.registrationTaken" });
  }
  try {
    await db.transaction().execute(async (trx) => {
      const set: Record<string, unknown> = { status: to, status_changed_at: sql`now()` };
      let ledger: { enterpriseId: number; reportId: number | null } | null = null;
      if (action === "approve") Object.assign(set, { registration_no: input.registrationNo, registered_on: input.registeredOn });
      if (!(await q.bump(trx, id, input.version, set))) throw conflict("coop.error.stale");
      if (action === "approve") {
        const fresh = (await q.findCoop(trx, id))!;
        ledger = await linkToLedger(trx, actor, fresh, input.registrationNo!, input.registeredOn!);
        await trx.updateTable("cooperatives").set({ enterprise_id: ledger.enterpriseId, search_text: sql`search_text || ' ' || ${input.registrationNo!.toLowerCase()}` }).where("id", "=", id).execute();
        await trx.updateTable("cooperative_members").set({ joined_on: input.registeredOn! }).where("cooperative_id", "=", id).where("status", "=", "confirmed").execute();
      }
      if (action === "recall") {
        // Invitations of the round are void; the next sending invites again (confirmed members stay).
        await trx.updateTable("cooperative_members").set({ status: "listed" }).where("cooperative_id", "=", id).where("status", "=", "invited").execute();
      }
      await q.addEvent(trx, { coopId: id, actorId: actor.user.id, action, from: coop.status, to, note: input.note ?? (action === "approve" ? input.registrationNo : null) });
      await writeAudit(trx, auditMeta(actor), { action: `cooperative.${action}`, entity: ENTITY, entityId: id, details: { from: coop.status, to, note: input.note ?? null, ...(ledger ?? {}) } });
      const members = await q.membersOf(trx, id);
      const people = new Set<number>([coop.applicant_id, ...members.filter((m) => m.user_id).map((m) => m.user_id!)]);
      people.delete(actor.user.id);
      for (const u of people) await notify(trx, u, "coop.notify.status", { name: coop.name1, status: to }, `/cooperatives/${id}`);
    });
  } catch (e) {
    if (isUnique(e, "registration_no")) throw badRequest("error.form", { registrationNo: "coop.error.registrationTaken" });
    throw e;
  }
  return to;
}
