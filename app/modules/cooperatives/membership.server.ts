import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict } from "~/lib/http";
import { auditMeta, refuse, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { reportEmployment } from "~/modules/employment/service.server";
import { notify } from "~/modules/notifications/service.server";
import { currentJalaliYear, todayTehran } from "~/i18n/clock";
import { ENTITY, loadCoop, type Relation } from "./access.server";
import * as q from "./queries.server";
import { applyMembershipChange, recordedRules, type LiveMember, type MemberRole, type MembershipChange } from "./rules";
import type { JoinInput, LeaveInput, TransferInput, YearlyInput } from "./schema";
import type { CoopStatus } from "./workflow";

// A registered cooperative's life (decision 0038): membership changes (join, leave, share transfer),
// each dated, checked against the rules the cooperative was formed under (the snapshot on the row,
// decision 0019), recorded in cooperative_member_changes and on the timeline, never deleting a member
// row; and the board's yearly update of its jobs, one per Jalali year, reported to the employment
// ledger through reportEmployment (source "cooperatives") for staff to verify.
// Who: staff (decide:cooperative), the applicant and the cooperative's live board members
// (update:cooperative:own, the relation checked here). Members who are not on the board only read.

/** Statuses in which the cooperative's membership and yearly figures change. */
export const MANAGED: readonly CoopStatus[] = ["approved", "active", "dormant"];

/** May the actor record changes on this cooperative (the page shows the forms when true)? Staff, the applicant, a confirmed board member. */
export function mayManage(rel: Relation) {
  return rel.staff || rel.applicant || rel.board;
}

/** Loads a registered cooperative the actor may change (403 with an audit row otherwise; 409 before approval). */
async function loadManaged(db: Database, actor: UserActor, id: number) {
  const { coop, rel } = await loadCoop(db, actor, id, "read:cooperative");
  if (rel.staff) await requirePermission(actor, "decide:cooperative", { entity: ENTITY, entityId: id });
  else if (rel.applicant || rel.board) await requirePermission(actor, "update:cooperative", { own: true, entity: ENTITY, entityId: id });
  else await refuse(actor, "update:cooperative", { entity: ENTITY, entityId: id });
  if (!MANAGED.includes(coop.status as CoopStatus)) throw conflict("coop.change.error.notRegistered");
  return coop;
}

const live = (rows: q.MemberRow[]): LiveMember[] =>
  rows.filter((m) => m.status === "confirmed").map((m) => ({ id: m.id, fullName: m.full_name, nationalId: m.national_id, mobile: m.mobile, share: Number(m.share), role: m.role as MemberRole }));

/** The effective date of a change: not after today, not before the registration. */
function dateProblems(effectiveOn: string, registeredOn: string | null): Record<string, string> {
  if (effectiveOn > todayTehran()) return { effectiveOn: "coop.error.futureDate" };
  if (registeredOn && effectiveOn < registeredOn) return { effectiveOn: "coop.change.error.beforeRegistration" };
  return {};
}

type ChangeInput = ({ kind: "join" } & JoinInput) | ({ kind: "leave" } & LeaveInput) | ({ kind: "transfer" } & TransferInput);

/**
 * Records a membership change. Everything is checked before anything is written: the date, the
 * version of the page (stale → 409) and the rules the cooperative was formed under on the members
 * as they would be after the change. Member rows only change status and share; the change row keeps
 * what happened, by whom and the capital after it.
 */
export async function changeMembership(actor: UserActor, id: number, input: ChangeInput) {
  const db = await getDb();
  const coop = await loadManaged(db, actor, id);
  const registeredOn = coop.registered_on ? String(coop.registered_on) : null;
  const dates = dateProblems(input.effectiveOn, registeredOn);
  if (Object.keys(dates).length) throw badRequest("error.form", dates);
  return db.transaction().execute(async (trx) => {
    const locked = (await q.lockCoop(trx, id))!;
    if (locked.version !== input.version) throw conflict("coop.error.stale");
    const rows = await q.membersOf(trx, id);
    const members = live(rows);
    const change: MembershipChange =
      input.kind === "join" ? { kind: "join", member: { fullName: input.fullName, nationalId: input.nationalId, mobile: input.mobile ?? null, share: input.share, role: input.role } }
      : input.kind === "leave" ? { kind: "leave", memberId: input.memberId }
      : { kind: "transfer", fromId: input.fromMemberId, toId: input.toMemberId, amount: input.amount };
    const result = applyMembershipChange(members, change, recordedRules(locked.rules));
    if (Object.keys(result.errors).length) throw badRequest("error.form", result.errors);

    let memberId: number;
    let toMemberId: number | null = null;
    let amount: number;
    let joinedUser: number | null = null;
    if (input.kind === "join") {
      const account = (await q.usersByNationalId(trx, [input.nationalId]))[0];
      const position = Math.max(-1, ...rows.map((m) => m.position)) + 1;
      const row = await trx.insertInto("cooperative_members")
        .values({ cooperative_id: id, position, full_name: input.fullName, national_id: input.nationalId, mobile: input.mobile ?? null, share: input.share, role: input.role, status: "confirmed", user_id: account?.id ?? null, joined_on: input.effectiveOn, answered_at: sql`now()` })
        .returning("id").executeTakeFirstOrThrow();
      memberId = row.id;
      joinedUser = account?.id ?? null;
      amount = input.share;
    } else if (input.kind === "leave") {
      memberId = input.memberId;
      amount = members.find((m) => m.id === memberId)!.share;
    } else {
      memberId = input.fromMemberId;
      toMemberId = input.toMemberId;
      amount = input.amount;
      await trx.updateTable("cooperative_members").set({ share: sql`share + ${amount}` }).where("id", "=", toMemberId).execute();
      await trx.updateTable("cooperative_members").set({ share: sql`share - ${amount}` }).where("id", "=", memberId).execute();
    }
    if (result.leaving != null) {
      await trx.updateTable("cooperative_members").set({ status: "left", left_on: input.effectiveOn }).where("id", "=", result.leaving).execute();
    }
    await trx.insertInto("cooperative_member_changes").values({
      cooperative_id: id, kind: input.kind, member_id: memberId, to_member_id: toMemberId, amount, capital_after: result.capital,
      effective_on: input.effectiveOn, note: input.note ?? null, actor_id: actor.user.id,
    }).execute();
    await trx.updateTable("cooperatives").set({ capital: result.capital, members_count: result.members.length, version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id).execute();
    await q.addEvent(trx, { coopId: id, actorId: actor.user.id, action: `member_${input.kind}`, memberId, note: input.note ?? null });
    await writeAudit(trx, auditMeta(actor), {
      action: `cooperative.member_${input.kind}`, entity: ENTITY, entityId: id,
      details: { memberId, toMemberId, amount, capitalAfter: result.capital, effectiveOn: input.effectiveOn, left: result.leaving },
    });
    // Told (decision 0051): the member(s) the change is about, the board and the applicant (who run the
    // cooperative's membership); not every member, which in a large cooperative would be hundreds of notices.
    const changed = new Set<number>([memberId, ...(toMemberId != null ? [toMemberId] : [])]);
    const concerned = [joinedUser, ...rows.filter((m) => changed.has(m.id) || m.role === "board").map((m) => m.user_id)];
    const people = new Set<number>([coop.applicant_id, ...concerned.filter((u): u is number => u != null)]);
    people.delete(actor.user.id);
    for (const u of people) await notify(trx, u, "coop.notify.membership", { name: coop.name1 }, `/cooperatives/${id}`);
    return { memberId, capital: result.capital };
  });
}

/**
 * The board's yearly update (one per Jalali year): the jobs of the cooperative (members working in it
 * and hires), reported to the ledger in the same transaction as a snapshot of the year — what was
 * there before (the last figure) is retained, anything above it created.
 */
export async function fileYearlyUpdate(actor: UserActor, id: number, input: YearlyInput) {
  const db = await getDb();
  const coop = await loadManaged(db, actor, id);
  const year = currentJalaliYear();
  return db.transaction().execute(async (trx) => {
    const locked = (await q.lockCoop(trx, id))!;
    if (locked.version !== input.version) throw conflict("coop.error.stale");
    const filed = await trx.selectFrom("cooperative_yearly_updates").select("id").where("cooperative_id", "=", id).where("jalali_year", "=", year).executeTakeFirst();
    if (filed) throw badRequest("error.form", { _form: "coop.yearly.error.alreadyFiled" });
    const before = locked.jobs_members + locked.jobs_hires;
    const now = input.jobsMembers + input.jobsHires;
    let reportId: number | null = null;
    if (locked.enterprise_id && (now > 0 || before > 0)) {
      const r = await reportEmployment(actor, {
        source: { module: "cooperatives", id }, programme: "cooperatives", enterprise: { id: locked.enterprise_id }, asOf: todayTehran(),
        fteBaseline: before, fteNow: now,
        created: { fullTime: Math.max(0, now - before), partTime: 0, tempMonths: 0 },
        retained: { fullTime: Math.min(now, before), partTime: 0, tempMonths: 0 },
        externalRef: `cooperatives:${id}:year:${year}`,
      }, trx);
      reportId = r.reportId;
    }
    await trx.insertInto("cooperative_yearly_updates").values({
      cooperative_id: id, jalali_year: year, jobs_members: input.jobsMembers, jobs_hires: input.jobsHires, members_count: locked.members_count,
      capital: locked.capital, note: input.note ?? null, report_id: reportId, filed_by: actor.user.id,
    }).execute();
    await trx.updateTable("cooperatives").set({ jobs_members: input.jobsMembers, jobs_hires: input.jobsHires, version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id).execute();
    await q.addEvent(trx, { coopId: id, actorId: actor.user.id, action: "yearly_update", note: input.note ?? null });
    await writeAudit(trx, auditMeta(actor), { action: "cooperative.yearly_update", entity: ENTITY, entityId: id, details: { year, jobsMembers: input.jobsMembers, jobsHires: input.jobsHires, before, reportId } });
    if (coop.applicant_id !== actor.user.id) await notify(trx, coop.applicant_id, "coop.notify.yearly", { name: coop.name1 }, `/cooperatives/${id}`);
    return { year, reportId };
  });
}

/** The membership history and yearly updates a registered cooperative's page shows (read with the page: q.pageDataOf). */
export function afterApproval(data: Pick<q.PageData, "changes" | "yearly">) {
  return {
    changes: data.changes.map((c) => ({ ...c, amount: Number(c.amount), capital_after: Number(c.capital_after), effective_on: String(c.effective_on) })),
    yearly: data.yearly.map((y) => ({ ...y, report_id: y.report_id == null ? null : Number(y.report_id) })),
  };
}
