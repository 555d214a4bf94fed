import { getDb } from "~/lib/db.server";
import { badRequest, notFound } from "~/lib/http";
import { auditMeta, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { discardUpload, listLinkedFiles, prepareUploads, openDownload, recordUpload, type IncomingFile } from "~/modules/files/service.server";
import { loadReadable, notifyAll, participants } from "./access.server";

// Case documents (FileStore). Who may read or attach them is registered with the files module in
// ./access.server (registerFileAccess("case")).

/** At most this many documents in one upload (intake or the case page). */
export const MAX_CASE_DOCUMENTS = 5;

/**
 * Adds documents to a case: its entrepreneur, its assigned mentors and staff (whoever may read
 * the case). All files are checked first; rows, audit and notifications go in one transaction.
 */
export async function attachCaseDocuments(actor: UserActor, caseId: number, files: IncomingFile[]) {
  const db = await getDb();
  const { c } = await loadReadable(db, actor, caseId);
  if (files.length === 0) throw badRequest("error.form", { file: "error.fileRequired" });
  if (files.length > MAX_CASE_DOCUMENTS) throw badRequest("error.form", { file: "error.tooManyFiles" });
  const prepared = await prepareUploads(actor, files, "file");
  try {
    await db.transaction().execute(async (trx) => {
      for (const p of prepared) await recordUpload(trx, actor, p, { entity: "case", entityId: caseId });
      await writeAudit(trx, auditMeta(actor), { action: "case.document", entity: "case", entityId: caseId, details: { files: prepared.map((p) => p.id) } });
      await notifyAll(trx, await participants(trx, c), actor.user.id, "cases.notify.document", { firm: c.firm_name }, `/cases/${caseId}#documents`);
    });
  } catch (e) {
    await Promise.all(prepared.map(discardUpload));
    throw e;
  }
  return prepared.map((p) => p.id);
}

/** The case's documents, oldest first, with who uploaded them (403 for anyone not on the case). */
export async function caseDocuments(actor: UserActor, caseId: number) {
  const db = await getDb();
  await loadReadable(db, actor, caseId);
  const rows = await listLinkedFiles(actor, "case", caseId);
  const ownerIds = [...new Set(rows.map((r) => r.owner_id))];
  const names = ownerIds.length ? await db.selectFrom("users").select(["id", "full_name"]).where("id", "in", ownerIds).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, n.full_name]));
  return rows.map((r) => ({ id: r.id, name: r.original_name, size: Number(r.size_bytes), createdAt: r.created_at, uploadedBy: nameOf.get(r.owner_id) ?? "—" }));
}

/**
 * Opens one of a case's documents: anyone not on the case gets 403 with an `authz.denied` audit
 * row; a file that is not this case's answers 404.
 */
export async function openCaseDocument(actor: UserActor, caseId: number, fileId: string) {
  const db = await getDb();
  await loadReadable(db, actor, caseId);
  const linked = await listLinkedFiles(actor, "case", caseId);
  if (!linked.some((f) => f.id === fileId.toLowerCase())) throw notFound();
  return openDownload(actor, fileId);
}
