import { getDb } from "~/lib/db.server";
import { badRequest, conflict } from "~/lib/http";
import { auditMeta, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { registerFileAccess, saveUpload, type IncomingFile } from "~/modules/files/service.server";
import { activeEntries } from "~/modules/reference/service.server";
import { ENTITY, loadCoop } from "./access.server";
import { joinLink } from "./confirm.server";
import { MANAGED, afterApproval, mayManage } from "./membership.server";
import * as q from "./queries.server";
import { maskNationalId, type DocKind } from "./rules";
import { EDITABLE, actionsFrom, type CoopStatus, type Part } from "./workflow";

// The application / cooperative page: details, members (national IDs masked to everyone but staff
// and the member themself), who has confirmed, invitation links (applicant and staff), documents,
// the timeline, and the steps the actor may take.

export async function applicationPage(actor: UserActor, id: number) {
  const db = await getDb();
  const { coop, rel, myNationalId: myNid } = await loadCoop(db, actor, id, "read:cooperative");
  const [data, counties, sectors] = await Promise.all([q.pageDataOf(db, id), activeEntries("counties"), activeEntries("sectors")]);
  const history = data.members;
  const members = history.filter((m) => (q.LIVE_MEMBER as readonly string[]).includes(m.status));
  const seesIds = rel.staff;
  const seesLinks = rel.staff || rel.applicant;
  const row = (m: q.MemberRow) => {
    const self = m.user_id === actor.user.id || (!!myNid && m.national_id === myNid);
    return {
      id: m.id, full_name: m.full_name, role: m.role, status: m.status, share: Number(m.share), self,
      nationalId: seesIds || self ? m.national_id : maskNationalId(m.national_id),
      mobile: seesIds || self ? m.mobile : null,
      decline_reason: m.decline_reason, joined_on: m.joined_on ? String(m.joined_on) : null, left_on: m.left_on ? String(m.left_on) : null,
      link: seesLinks && m.status === "invited" && m.token ? joinLink(m.token) : null,
      myLink: self && m.status === "invited" && m.token ? joinLink(m.token) : null,
      hasAccount: !!m.user_id,
    };
  };
  const parts: Part[] = [];
  if (rel.applicant) parts.push("applicant");
  if (rel.staff) parts.push("staff");
  const registered = MANAGED.includes(coop.status as CoopStatus) || coop.status === "dissolved";
  const manage = MANAGED.includes(coop.status as CoopStatus) && mayManage(rel);
  const after = registered ? afterApproval(data) : null;
  const name = (list: typeof counties, code: string | null) => (code ? list.find((c) => c.code === code) ?? null : null);
  return {
    coop: {
      id: coop.id, status: coop.status as CoopStatus, name1: coop.name1, name2: coop.name2, name3: coop.name3, type_code: coop.type_code, activity: coop.activity,
      isic_code: coop.isic_code, address: coop.address, capital: Number(coop.capital), jobs_members: coop.jobs_members, jobs_hires: coop.jobs_hires,
      registration_no: coop.registration_no, registered_on: coop.registered_on ? String(coop.registered_on) : null, version: coop.version,
      enterprise_id: coop.enterprise_id, idea_id: coop.idea_id, rules: coop.rules as Record<string, unknown> | null,
    },
    county: name(counties, coop.county_code), sector: name(sectors, coop.sector_code),
    members: members.map(row),
    former: history.filter((m) => m.status === "removed" || m.status === "left").map(row),
    confirmed: members.filter((m) => m.status === "confirmed").length,
    events: data.events.map((e) => ({ ...e, created_at: String(e.created_at) })),
    documents: data.documents.map((d) => ({ id: d.id, kind: d.kind, fileId: d.file_id, name: d.original_name, size: Number(d.size_bytes) })),
    rel,
    actions: actionsFrom(coop.status, parts).filter((a) => a !== "send_to_members"),
    editable: rel.applicant && EDITABLE.includes(coop.status as CoopStatus),
    manage, after,
    ledgerLink: coop.enterprise_id && allows(actor.user, "read:employment") ? `/employment/enterprises/${coop.enterprise_id}` : null,
  };
}

/** Route actions check this before reading a form: 403 (and an audit row) or 404 before any field error. */
export async function requireReader(actor: UserActor, id: number) {
  await loadCoop(await getDb(), actor, id, "read:cooperative");
}

// ---------------------------------------------------------------- documents (FileStore)

// The applicant attaches while the application is editable; the members and staff read them.
registerFileAccess(ENTITY, {
  exclusive: true,
  async canRead(db, actor, file) {
    const id = Number(file.entityId);
    if (!Number.isInteger(id)) return false;
    const c = await q.findCoop(db, id);
    if (!c) return false;
    if (c.applicant_id === actor.user.id) return true;
    return q.isMember(db, id, actor.user.id, await q.userNationalId(db, actor.user.id));
  },
  async canAttach(db, actor, entityId) {
    const c = await q.findCoop(db, Number(entityId) || -1);
    return !!c && c.applicant_id === actor.user.id && EDITABLE.includes(c.status as CoopStatus);
  },
});

export async function attachDocument(actor: UserActor, id: number, kind: DocKind, file: IncomingFile | null) {
  const db = await getDb();
  const { coop } = await loadCoop(db, actor, id, "update:cooperative");
  if (!EDITABLE.includes(coop.status as CoopStatus)) throw conflict("coop.error.notEditable");
  if (!file) throw badRequest("error.form", { file: "error.required" });
  const saved = await saveUpload(actor, file, { entity: ENTITY, entityId: id });
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("cooperative_documents").values({ cooperative_id: id, file_id: saved.id, kind, created_by: actor.user.id }).execute();
    await q.addEvent(trx, { coopId: id, actorId: actor.user.id, action: "document", note: saved.name });
    await writeAudit(trx, auditMeta(actor), { action: "cooperative.document", entity: ENTITY, entityId: id, details: { fileId: saved.id, kind } });
  });
  return saved;
}
