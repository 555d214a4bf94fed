import type { Database } from "~/lib/db.server";
import type { StoreKind } from "./store.server";

export const FILES_PAGE = 50;

export interface NewFileRow {
  id: string;
  store: StoreKind;
  storageKey: string;
  originalName: string;
  mimeType: string;
  extension: string;
  sizeBytes: number;
  sha256: string;
  ownerId: number;
  entity: string | null;
  entityId: string | null;
}

export async function insertFile(db: Database, f: NewFileRow) {
  await db
    .insertInto("files")
    .values({
      id: f.id,
      store: f.store,
      storage_key: f.storageKey,
      original_name: f.originalName,
      mime_type: f.mimeType,
      extension: f.extension,
      size_bytes: f.sizeBytes,
      sha256: f.sha256,
      owner_id: f.ownerId,
      entity: f.entity,
      entity_id: f.entityId,
    })
    .execute();
}

export function findFile(db: Database, id: string) {
  return db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The organisation units the owner holds roles in (what `read:file:scope` compares with). */
export async function ownerUnitIds(db: Database, ownerId: number): Promise<number[]> {
  const rows = await db.selectFrom("role_assignments").select("org_unit_id").where("user_id", "=", ownerId).where("org_unit_id", "is not", null).execute();
  return rows.map((r) => r.org_unit_id!);
}

const LIST_COLUMNS = ["id", "original_name", "mime_type", "extension", "size_bytes", "created_at", "entity", "entity_id"] as const;

/** A user's files, newest first, keyset-paged by (created_at, id). */
export async function listByOwner(db: Database, ownerId: number, after?: string) {
  let q = db.selectFrom("files").select([...LIST_COLUMNS]).where("owner_id", "=", ownerId);
  if (after) {
    const last = await db.selectFrom("files").select(["created_at", "id"]).where("id", "=", after).where("owner_id", "=", ownerId).executeTakeFirst();
    if (last) {
      q = q.where((eb) =>
        eb.or([eb("created_at", "<", last.created_at), eb.and([eb("created_at", "=", last.created_at), eb("id", "<", last.id)])]),
      );
    }
  }
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(FILES_PAGE + 1).execute();
}

export function listByEntity(db: Database, entity: string, entityId: string) {
  return db
    .selectFrom("files")
    .select([...LIST_COLUMNS, "owner_id"])
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .orderBy("created_at", "asc")
    .execute();
}
