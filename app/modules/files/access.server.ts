import type { UserActor } from "~/modules/accounts/actor.server";
import type { Database } from "~/lib/db.server";

/** What an access check sees of a stored file. */
export interface FileRecord {
  id: string;
  ownerId: number;
  entity: string | null;
  entityId: string | null;
}

/**
 * How a module that links files to its records (ideas attachments, evidence files...) says who
 * else may see them, and who may attach files to a record. Register once at the top level of the
 * module's `service.server.ts` (the server build loads every route, hence every service, at start):
 *
 *   registerFileAccess("idea", {
 *     canRead: (db, actor, file) => mayReadIdea(db, actor, Number(file.entityId)),
 *     canAttach: (db, actor, entityId) => mayEditIdea(db, actor, Number(entityId)),
 *   });
 *
 * Checks only grant: the owner and holders of `read:file` (any, or scope over the owner's units)
 * see a file whatever the module says. A rule marked `exclusive` turns the scope grant off for its
 * files (a case's documents are for the people on that case, not for every mentor of the
 * uploader's centre): then only the owner, `read:file:any` and `canRead` open them.
 */
export interface FileAccessRule {
  canRead(db: Database, actor: UserActor, file: FileRecord): Promise<boolean> | boolean;
  canAttach?(db: Database, actor: UserActor, entityId: string): Promise<boolean> | boolean;
  exclusive?: boolean;
}

const rules = new Map<string, FileAccessRule>();

export function registerFileAccess(entity: string, rule: FileAccessRule) {
  rules.set(entity, rule);
}

export function fileAccessRule(entity: string | null | undefined): FileAccessRule | undefined {
  return entity ? rules.get(entity) : undefined;
}
