import type { Database } from "~/lib/db.server";

export const AUDIT_PAGE = 50;

export function listAudit(db: Database, f: { action?: string; entity?: string; actorId?: number; before?: number }) {
  let q = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .select(["a.id", "a.at", "a.action", "a.entity", "a.entity_id", "a.request_id", "a.ip", "a.details", "u.full_name as actor_name", "a.actor_id"])
    .orderBy("a.id", "desc")
    .limit(AUDIT_PAGE + 1);
  if (f.action) q = q.where("a.action", "like", `${f.action.replace(/[%_\\]/g, "\\$&")}%`);
  if (f.entity) q = q.where("a.entity", "=", f.entity);
  if (f.actorId) q = q.where("a.actor_id", "=", f.actorId);
  if (f.before) q = q.where("a.id", "<", f.before);
  return q.execute();
}
