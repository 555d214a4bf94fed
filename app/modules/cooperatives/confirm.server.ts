import crypto from "node:crypto";
import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import { ENTITY } from "./access.server";
import * as q from "./queries.server";
import { formationProblems, maskNationalId, rulesFrom, type FormationRules, type MemberLine } from "./rules";
import { checkTransition } from "./workflow";

// Member confirmation (decision 0019). Sending an application gives every member who has not
// confirmed an invitation: a token link (/cooperatives/join/<token>) the applicant copies, and an
// in-app notification when an account carries the member's national ID. A member confirms or
// declines from their own account; the account must carry the member's national ID (an account
// without one takes it on the first confirmation, unless another account holds it).
// Concurrency: every answer locks the application row first, so answers of one application queue;
// the answer that leaves no one unconfirmed moves it to "submitted", exactly once. A member removed
// from the application after being invited gets 409 (their row is "removed", never deleted).

const newToken = () => crypto.randomBytes(18).toString("base64url");
export const joinLink = (token: string) => `/cooperatives/join/${token}`;

/** Invites every live member who has not confirmed (new token when they had none or answered no). */
export async function inviteMembers(trx: Database, actor: UserActor, coopId: number) {
  const coop = (await q.findCoop(trx, coopId))!;
  const members = await q.membersOf(trx, coopId);
  const accounts = new Map((await q.usersByNationalId(trx, members.map((m) => m.national_id))).map((u) => [u.national_id!, u.id]));
  for (const m of members) {
    if (m.status === "confirmed") continue;
    const token = m.status === "invited" && m.token ? m.token : newToken();
    const userId = accounts.get(m.national_id) ?? null;
    await trx.updateTable("cooperative_members").set({ status: "invited", token, invited_at: sql`now()`, user_id: userId, decline_reason: null, answered_at: null }).where("id", "=", m.id).execute();
    if (userId && userId !== actor.user.id) await notify(trx, userId, "coop.notify.invited", { name: coop.name1 }, joinLink(token));
  }
  // The applicant listed as a member confirms like everyone else; when all had confirmed before
  // (a resubmission after a revision with the same members), the application goes on at once.
  await completeIfConfirmed(trx, actor, coopId);
}

/** Moves a members_confirming application whose live members all confirmed to "submitted" (once). */
export async function completeIfConfirmed(trx: Database, actor: UserActor, coopId: number): Promise<boolean> {
  const coop = await q.lockCoop(trx, coopId);
  if (!coop || coop.status !== "members_confirming") return false;
  const members = await q.membersOf(trx, coopId);
  const allConfirmed = members.length > 0 && members.every((m) => m.status === "confirmed");
  const rules: FormationRules = coop.rules ? { ...rulesFrom([]), ...(coop.rules as object) } : rulesFrom([]);
  const lines: MemberLine[] = members.map((m) => ({ fullName: m.full_name, nationalId: m.national_id, share: Number(m.share), role: m.role as MemberLine["role"] }));
  const rulesHold = Object.keys(formationProblems({ typeCode: coop.type_code, capital: Number(coop.capital), members: lines }, rules)).length === 0;
  if (!checkTransition(coop.status, "all_confirmed", ["system"], { allConfirmed, rulesHold }).ok) return false;
  await trx.updateTable("cooperatives").set({ status: "submitted", submitted_at: sql`now()`, status_changed_at: sql`now()`, version: sql`version + 1` }).where("id", "=", coopId).execute();
  await q.addEvent(trx, { coopId, actorId: null, action: "all_confirmed", from: "members_confirming", to: "submitted" });
  await writeAudit(trx, auditMeta(actor), { action: "cooperative.submitted", entity: ENTITY, entityId: coopId, details: { members: members.length } });
  await notify(trx, coop.applicant_id, "coop.notify.submitted", { name: coop.name1 }, `/cooperatives/${coopId}`);
  return true;
}

async function memberFor(db: Database, token: string) {
  const m = /^[A-Za-z0-9_-]{10,64}$/.test(token) ? await q.memberByToken(db, token) : undefined;
  if (!m) throw notFound("coop.error.noInvitation");
  return m;
}

/** The invitation page: the application as a member sees it (other members' IDs masked). */
export async function invitationPage(actor: UserActor, token: string) {
  const db = await getDb();
  const m = await memberFor(db, token);
  if (m.status === "removed" || m.status === "left") throw conflict("coop.error.memberRemoved");
  const coop = (await q.findCoop(db, m.cooperative_id))!;
  const [members, accountNid] = await Promise.all([q.membersOf(db, coop.id), q.userNationalId(db, actor.user.id)]);
  return {
    coop: { id: coop.id, name1: coop.name1, name2: coop.name2, name3: coop.name3, type_code: coop.type_code, activity: coop.activity, capital: Number(coop.capital), status: coop.status },
    me: { id: m.id, full_name: m.full_name, nationalIdMasked: maskNationalId(m.national_id), share: Number(m.share), role: m.role, status: m.status, decline_reason: m.decline_reason },
    members: members.map((x) => ({ id: x.id, full_name: x.full_name, nationalIdMasked: maskNationalId(x.national_id), share: Number(x.share), role: x.role, status: x.status })),
    open: coop.status === "members_confirming" && m.status === "invited",
    accountHasId: !!accountNid,
    accountMatches: accountNid === m.national_id,
  };
}

/**
 * The answering account must be the member: it carries the member's national ID, or carries none
 * and the member types theirs (then the account takes it; an ID another account holds is refused).
 */
async function identify(trx: Database, actor: UserActor, member: q.MemberRow, typed: string | undefined) {
  const own = await q.userNationalId(trx, actor.user.id);
  if (own) {
    if (own !== member.national_id) throw badRequest("error.form", { nationalId: "coop.error.notYourInvitation" });
    return;
  }
  if (!typed || typed !== member.national_id) throw badRequest("error.form", { nationalId: "coop.error.notYourInvitation" });
  const holder = await trx.selectFrom("users").select("id").where("national_id", "=", typed).where("id", "<>", actor.user.id).executeTakeFirst();
  if (holder) throw badRequest("error.form", { nationalId: "coop.error.nationalIdTaken" });
  await trx.updateTable("users").set({ national_id: typed }).where("id", "=", actor.user.id).execute();
  await writeAudit(trx, auditMeta(actor), { action: "user.national_id", entity: "user", entityId: actor.user.id, details: { via: "cooperative", memberId: member.id } });
}

/** Locks the application, then re-reads the member: a removed member or a closed round is 409. */
async function answerable(trx: Database, token: string) {
  const first = await memberFor(trx, token);
  const coop = await q.lockCoop(trx, first.cooperative_id);
  const m = (await q.memberByToken(trx, token))!;
  if (m.status === "removed" || m.status === "left") throw conflict("coop.error.memberRemoved");
  if (!coop || coop.status !== "members_confirming") throw conflict("coop.error.notConfirming");
  if (m.status !== "invited") throw conflict("coop.error.alreadyAnswered");
  return { coop, m };
}

/** A member confirms; the last confirmation sends the application to the directorate. */
export async function confirmMembership(actor: UserActor, token: string, typedNationalId?: string) {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const { coop, m } = await answerable(trx, token);
    await identify(trx, actor, m, typedNationalId);
    await trx.updateTable("cooperative_members").set({ status: "confirmed", user_id: actor.user.id, answered_at: sql`now()` }).where("id", "=", m.id).where("status", "=", "invited").execute();
    await q.addEvent(trx, { coopId: coop.id, actorId: actor.user.id, action: "member_confirmed", memberId: m.id });
    await writeAudit(trx, auditMeta(actor), { action: "cooperative.member_confirmed", entity: ENTITY, entityId: coop.id, details: { memberId: m.id } });
    if (coop.applicant_id !== actor.user.id) await notify(trx, coop.applicant_id, "coop.notify.confirmed", { name: coop.name1, member: m.full_name }, `/cooperatives/${coop.id}`);
    const submitted = await completeIfConfirmed(trx, actor, coop.id);
    return { coopId: coop.id, submitted };
  });
}

/** A member declines with a reason: the application goes back to the applicant as a draft. */
export async function declineMembership(actor: UserActor, token: string, reason: string, typedNationalId?: string) {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const { coop, m } = await answerable(trx, token);
    await identify(trx, actor, m, typedNationalId);
    const check = checkTransition(coop.status, "member_declined", ["member"], { note: reason });
    if (!check.ok) throw check.reason === "missing" ? badRequest("error.form", { reason: "error.required" }) : conflict("coop.error.transition");
    await trx.updateTable("cooperative_members").set({ status: "declined", user_id: actor.user.id, decline_reason: reason, answered_at: sql`now()` }).where("id", "=", m.id).execute();
    await trx.updateTable("cooperatives").set({ status: "draft", status_changed_at: sql`now()`, version: sql`version + 1` }).where("id", "=", coop.id).execute();
    await q.addEvent(trx, { coopId: coop.id, actorId: actor.user.id, action: "member_declined", from: coop.status, to: "draft", memberId: m.id, note: reason });
    await writeAudit(trx, auditMeta(actor), { action: "cooperative.member_declined", entity: ENTITY, entityId: coop.id, details: { memberId: m.id } });
    await notify(trx, coop.applicant_id, "coop.notify.declined", { name: coop.name1, member: m.full_name, reason }, `/cooperatives/${coop.id}`);
    return { coopId: coop.id };
  });
}
