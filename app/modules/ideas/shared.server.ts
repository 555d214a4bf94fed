// Helpers shared by the ideas service files (service, decisions, review); not for other modules.
import { sql } from "kysely";
import type { Database } from "~/lib/db.server";
import { badRequest, conflict } from "~/lib/http";
import { auditMeta, type UserActor } from "~/modules/accounts/actor.server";
import { grantLevel } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import { checkTransition, type IdeaAction, type Part } from "./workflow";

export const seesAll = (actor: UserActor) => grantLevel(actor.user.roles, "read:idea") === "any";

export async function applyTransition(
  trx: Database,
  actor: UserActor,
  idea: { id: number; status: string; version: number; owner_id: number; title: string },
  action: IdeaAction,
  part: Part,
  input: { note?: string | null; path?: string | null; reviewers?: number; private?: boolean },
  extra: Record<string, unknown> = {},
) {
  const check = checkTransition(idea.status, action, part, input);
  if (!check.ok) {
    if (check.reason === "missing") throw badRequest("error.form", { [check.field!]: check.field === "reviewers" ? "error.ideas.pickReviewers" : "error.required" });
    throw conflict("error.ideas.illegalTransition");
  }
  const to = check.transition.to;
  const row = await trx
    .updateTable("ideas")
    .set({ status: to, version: sql`version + 1`, updated_at: sql`now()`, ...extra })
    .where("id", "=", idea.id)
    .where("version", "=", idea.version)
    .where("status", "=", idea.status)
    .returning(["id", "version"])
    .executeTakeFirst();
  if (!row) throw conflict("error.ideas.stale");
  await trx
    .insertInto("idea_status_history")
    .values({ idea_id: idea.id, actor_id: actor.user.id, from_status: idea.status, to_status: to, note: input.note ?? null, private: !!input.private })
    .execute();
  await writeAudit(trx, auditMeta(actor), { action: `idea.${action}`, entity: "idea", entityId: idea.id, details: { from: idea.status, to } });
  await notify(trx, idea.owner_id, `ideas.notify.${to}`, { title: idea.title }, `/ideas/${idea.id}`);
  return { to, version: row.version };
}
