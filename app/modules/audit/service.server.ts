import { publicDataChanged } from "~/lib/public-cache.server";
import type { Database } from "~/lib/db.server";
import { dropTag } from "~/lib/memo.server";
import { announce } from "~/lib/cache-bus.server";
import { isChange } from "./observations";

export interface AuditMeta {
  actorId: number | null;
  requestId?: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

const SECRET_KEYS = /pass|token|secret|hash|cookie/i;

function scrub(details: Record<string, unknown> | undefined) {
  if (!details) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) out[k] = SECRET_KEYS.test(k) ? "[redacted]" : v;
  return JSON.stringify(out);
}

/**
 * Writes one audit row; pass the transaction that makes the change so both commit together.
 * Every change is audited, so this is also where cached read models of the entity are dropped
 * (app/lib/memo.server.ts); an observation (a refusal, a read, a sign-in) changes nothing and drops nothing.
 */
export async function writeAudit(db: Database, meta: AuditMeta, entry: AuditEntry) {
  if (isChange(entry.action)) {
    dropTag(entry.entity);
    publicDataChanged();
    // Other instances drop it when this transaction commits (app/lib/cache-bus.server.ts).
    await announce(db, entry.entity);
  }
  await db
    .insertInto("audit_log")
    .values({
      actor_id: meta.actorId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      request_id: meta.requestId ?? null,
      ip: meta.ip ?? null,
      details: scrub(entry.details),
    })
    .execute();
}
