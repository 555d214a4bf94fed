import crypto from "node:crypto";
import type { Readable } from "node:stream";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, forbidden, isHttpError, notFound } from "~/lib/http";
import { auditMeta, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, grantLevel } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { fileAccessRule, type FileRecord } from "./access.server";
import type { IncomingFile } from "./source.server";
import { currentStoreKind, storeOf, StoredFileMissing, type StoreKind } from "./store.server";
import { checkFile, cleanFileName } from "./types";
import { maxUploadBytes } from "./upload.server";
import * as q from "./queries.server";

export { registerFileAccess, type FileAccessRule, type FileRecord } from "./access.server";
export { fileFromBytes, type IncomingFile } from "./source.server";

/** The record a file belongs to (an idea, a piece of evidence...); none for "My files". */
export interface FileLink {
  entity?: string | null;
  entityId?: string | number | null;
}

/** A file checked and written to the store, not yet recorded. */
export interface PreparedUpload {
  id: string;
  store: StoreKind;
  storageKey: string;
  originalName: string;
  mimeType: string;
  extension: string;
  size: number;
  sha256: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY = /^[a-z][a-z0-9_]{0,39}$/;

function normaliseLink(link: FileLink): { entity: string | null; entityId: string | null } {
  if (!link.entity) return { entity: null, entityId: null };
  const entityId = link.entityId == null ? "" : String(link.entityId);
  if (!ENTITY.test(link.entity) || entityId === "" || entityId.length > 64) throw new Error(`invalid file link ${link.entity}:${entityId}`);
  return { entity: link.entity, entityId };
}

/**
 * Step 1 of an upload: checks permission, type, size and content, then writes the bytes to the
 * current store under a server-generated name. Field errors are thrown as `badRequest` with
 * `fieldErrors.file`. Follow with `recordUpload` in a transaction, or `discardUpload` on failure.
 */
export async function prepareUpload(actor: UserActor, file: IncomingFile | null): Promise<PreparedUpload> {
  await requirePermission(actor, "create:file", { ownerId: actor.user.id, entity: "file" });
  if (!file) throw badRequest("error.form", { file: "error.fileRequired" });
  const originalName = cleanFileName(file.name);
  const check = await checkFile(originalName, file, maxUploadBytes());
  if (!check.ok) throw badRequest("error.form", { file: check.error });
  const id = crypto.randomUUID();
  const kind = currentStoreKind();
  const store = await storeOf(kind);
  const storageKey = await store.put(`${id}.${check.extension}`, file, { mimeType: check.mimeType });
  return { id, store: kind, storageKey, originalName, mimeType: check.mimeType, extension: check.extension, size: file.size, sha256: file.sha256 };
}

/** Step 2: the metadata row and its audit row, in the caller's transaction. */
export async function recordUpload(trx: Database, actor: UserActor, p: PreparedUpload, link: FileLink = {}) {
  const { entity, entityId } = normaliseLink(link);
  await q.insertFile(trx, {
    id: p.id, store: p.store, storageKey: p.storageKey, originalName: p.originalName, mimeType: p.mimeType,
    extension: p.extension, sizeBytes: p.size, sha256: p.sha256, ownerId: actor.user.id, entity, entityId,
  });
  await writeAudit(trx, auditMeta(actor), {
    action: "file.uploaded",
    entity: "file",
    entityId: p.id,
    details: { extension: p.extension, size: p.size, sha256: p.sha256, linkedEntity: entity, linkedId: entityId },
  });
}

/** Removes the stored bytes of an upload whose recording failed (best effort, never throws). */
export async function discardUpload(p: PreparedUpload) {
  try {
    await (await storeOf(p.store)).delete(p.storageKey);
  } catch (e) {
    console.error(`files: could not remove orphaned ${p.store}:${p.storageKey}`, e);
  }
}

/**
 * Several files for one form field, all or nothing: each is checked and stored before anything is
 * recorded; the first refusal discards the ones already stored and names `field` (the form's file
 * input), its message passed through `rename` when the module words it its own way.
 */
export async function prepareUploads(actor: UserActor, files: IncomingFile[], field: string, rename: (key: string) => string = (k) => k): Promise<PreparedUpload[]> {
  const done: PreparedUpload[] = [];
  try {
    for (const f of files) done.push(await prepareUpload(actor, f));
  } catch (e) {
    await Promise.all(done.map(discardUpload));
    const fileError = isHttpError(e) ? e.data.fieldErrors?.file : undefined;
    if (fileError) throw badRequest("error.form", { [field]: rename(fileError) });
    throw e;
  }
  return done;
}

/**
 * Checks and stores one uploaded file for the actor, optionally linked to a record of another
 * module. On any failure nothing is left behind: no row and no stored bytes.
 * A module linking files should check its own rules first, or register `canAttach`.
 */
export async function saveUpload(actor: UserActor, file: IncomingFile | null, link: FileLink = {}) {
  const { entity, entityId } = normaliseLink(link);
  const db = await getDb();
  const rule = fileAccessRule(entity);
  if (entity && rule?.canAttach && !(await rule.canAttach(db, actor, entityId!))) {
    await writeAudit(db, auditMeta(actor), { action: "authz.denied", entity, entityId, details: { permission: "attach:file" } });
    throw forbidden();
  }
  const prepared = await prepareUpload(actor, file);
  try {
    await db.transaction().execute((trx) => recordUpload(trx, actor, prepared, { entity, entityId }));
  } catch (e) {
    await discardUpload(prepared);
    throw e;
  }
  return { id: prepared.id, name: prepared.originalName, mimeType: prepared.mimeType, size: prepared.size, sha256: prepared.sha256 };
}

type FileRow = NonNullable<Awaited<ReturnType<typeof q.findFile>>>;

/** May the actor see this file? Owner, `read:file` (any, or scope over the owner's units unless the rule is exclusive), or the linked module's rule. */
async function maySee(db: Database, actor: UserActor, row: Pick<FileRow, "id" | "owner_id" | "entity" | "entity_id">) {
  if (row.owner_id === actor.user.id) return true;
  const level = grantLevel(actor.user.roles, "read:file");
  if (level === "any") return true;
  const rule = fileAccessRule(row.entity);
  if (level === "scope" && !rule?.exclusive && allows(actor.user, "read:file", { ownerId: row.owner_id, orgUnitIds: await q.ownerUnitIds(db, row.owner_id) })) return true;
  const record: FileRecord = { id: row.id, ownerId: row.owner_id, entity: row.entity, entityId: row.entity_id };
  return !!rule && (await rule.canRead(db, actor, record));
}

/**
 * Opens a file for download. Missing files and files the actor may not see answer the same 404
 * (a refusal also writes an `authz.denied` audit row).
 */
export async function openDownload(actor: UserActor, fileId: string): Promise<{ name: string; mimeType: string; size: number; stream: Readable }> {
  const db = await getDb();
  const row = UUID.test(fileId) ? await q.findFile(db, fileId.toLowerCase()) : undefined;
  if (!row) throw notFound();
  if (!(await maySee(db, actor, row))) {
    await writeAudit(db, auditMeta(actor), { action: "authz.denied", entity: "file", entityId: row.id, details: { permission: "read:file" } });
    throw notFound();
  }
  let stream: Readable;
  try {
    stream = await (await storeOf(row.store as StoreKind)).get(row.storage_key);
  } catch (e) {
    if (e instanceof StoredFileMissing) {
      console.error(`files: bytes of ${row.id} are missing from ${row.store}`);
      throw notFound();
    }
    throw e;
  }
  return { name: row.original_name, mimeType: row.mime_type, size: Number(row.size_bytes), stream };
}

/** The actor's own files, newest first (keyset pages of 50). */
export async function listMyFiles(actor: UserActor, after?: string) {
  const rows = await q.listByOwner(await getDb(), actor.user.id, after && UUID.test(after) ? after : undefined);
  const more = rows.length > q.FILES_PAGE;
  const files = more ? rows.slice(0, q.FILES_PAGE) : rows;
  return { files, next: more ? files[files.length - 1].id : null };
}

/** Files linked to a record that the actor may see (for other modules' pages). */
export async function listLinkedFiles(actor: UserActor, entity: string, entityId: string | number) {
  const db = await getDb();
  const rows = await q.listByEntity(db, entity, String(entityId));
  const out = [];
  for (const row of rows) if (await maySee(db, actor, row)) out.push(row);
  return out;
}
