import { getDb } from "~/lib/db.server";
import { auditMeta, requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { listLinkedFiles, registerFileAccess, saveUpload, type IncomingFile } from "~/modules/files/service.server";
import { allows, grantLevel } from "~/modules/accounts/roles";
import { registerProgramme, registerSubject } from "~/modules/subjects/registry.server";
import { EDITABLE, type IdeaStatus } from "./workflow";

// ---------------------------------------------------------------- attachments (FileStore)

// Who else may see an idea's files: staff who read every idea (centre staff included: read:file is only
// their centre's people's files), the assigned reviewers.
// Only the owner may attach, and only while the idea is editable.
registerFileAccess("idea", {
  async canRead(db, actor, file) {
    const ideaId = Number(file.entityId);
    if (!Number.isInteger(ideaId)) return false;
    if (grantLevel(actor.user.roles, "read:idea") === "any") return true;
    const r = await db.selectFrom("idea_reviews").select("blind").where("idea_id", "=", ideaId).where("reviewer_id", "=", actor.user.id).where("status", "<>", "recused").executeTakeFirst();
    if (!r) return false;
    // Blind review (decision 0037): only files the applicant marked as containing no names.
    if (!r.blind) return true;
    const mark = await db.selectFrom("idea_attachments").select("no_names").where("file_id", "=", file.id).where("idea_id", "=", ideaId).executeTakeFirst();
    return !!mark?.no_names;
  },
  async canAttach(db, actor, entityId) {
    const idea = await db.selectFrom("ideas").select(["owner_id", "status"]).where("id", "=", Number(entityId) || -1).executeTakeFirst();
    return !!idea && idea.owner_id === actor.user.id && EDITABLE.includes(idea.status as IdeaStatus);
  },
});

// The agencies' agenda (issue 14): an obstacle may hold an idea up. Its owner and staff who read
// ideas see it (a draft only its owner, as on the idea's page); its owner is told at each step.
registerSubject("idea", {
  async canSee(db, actor, id) {
    const idea = await db.selectFrom("ideas").select(["owner_id", "status"]).where("id", "=", id).executeTakeFirst();
    if (!idea) return false;
    if (idea.owner_id === actor.user.id) return true;
    return idea.status !== "draft" && allows(actor.user, "read:idea", { ownerId: idea.owner_id });
  },
  async describe(db, ids) {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom("ideas").select(["id", "title", "county_code"]).where("id", "in", [...ids]).execute();
    return new Map(rows.map((r) => [r.id, { title: r.title, link: `/ideas/${r.id}`, countyCode: r.county_code }]));
  },
  async participants(db, id) {
    const idea = await db.selectFrom("ideas").select("owner_id").where("id", "=", id).executeTakeFirst();
    return idea ? [idea.owner_id] : [];
  },
});

// The agencies' agenda offers a sector advantage through a call for ideas (open calls, standing ones
// too); its jobs are the ledger's reports of the call's ideas and of the cases those ideas became.
registerProgramme("call", {
  async options(db, _actor, _locale) {
    const rows = await db.selectFrom("calls").select(["id", "title"]).where("status", "=", "open").orderBy("id", "desc").limit(500).execute();
    return rows.map((r) => ({ value: String(r.id), label: r.title }));
  },
  async describe(db, ids) {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom("calls").select(["id", "title"]).where("id", "in", [...ids]).execute();
    return new Map(rows.map((r) => [r.id, { title: r.title, link: `/calls/${r.id}` }]));
  },
  async ledgerSources(db, id) {
    const ideas = await db.selectFrom("ideas").select("id").where("call_id", "=", id).execute();
    if (!ideas.length) return [];
    const cases = await db.selectFrom("cases").select("id").where("idea_id", "in", ideas.map((i) => i.id)).execute();
    return [{ module: "ideas", ids: ideas.map((i) => String(i.id)) }, { module: "cases", ids: cases.map((c) => String(c.id)) }];
  },
});

/**
 * Attaches a file (business plan, pitch deck) to the actor's own editable idea. `noNames`: the applicant
 * ticked "this file contains no names" — with blind review only such files reach the reviewers.
 */
export async function attachToIdea(actor: UserActor, ideaId: number, file: IncomingFile | null, opts: { noNames?: boolean } = {}) {
  await requireGrant(actor, "update:idea"); // the idea's file-access rule checks it is the actor's editable idea
  const saved = await saveUpload(actor, file, { entity: "idea", entityId: ideaId });
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("idea_attachments").values({ file_id: saved.id, idea_id: ideaId, no_names: !!opts.noNames }).execute();
    await writeAudit(trx, auditMeta(actor), { action: "idea.attached", entity: "idea", entityId: ideaId, details: { fileId: saved.id, noNames: !!opts.noNames } });
  });
  return saved;
}

/** The idea's files the actor may see, each with the applicant's "contains no names" mark. */
export async function ideaAttachments(actor: UserActor, ideaId: number) {
  const files = await listLinkedFiles(actor, "idea", ideaId);
  const marks = files.length
    ? await (await getDb()).selectFrom("idea_attachments").select(["file_id", "no_names"]).where("idea_id", "=", ideaId).where("file_id", "in", files.map((f) => f.id)).execute()
    : [];
  const noNames = new Set(marks.filter((m) => m.no_names).map((m) => m.file_id));
  return files.map((f) => ({ id: f.id, name: f.original_name, size: Number(f.size_bytes), noNames: noNames.has(f.id) }));
}
