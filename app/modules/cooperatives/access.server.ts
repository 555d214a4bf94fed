import type { Database } from "~/lib/db.server";
import { notFound } from "~/lib/http";
import { requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import * as q from "./queries.server";

// Who stands where on an application (roles.ts grants; the relation is checked here):
//  - the applicant (applicant_id) reads and edits it: read/update:cooperative:own;
//  - a member listed on it (a live or former member row carrying their account or the national ID
//    their account carries) reads it: read:cooperative:own with `own: true`;
//  - staff read every application and decide on it: read/decide:cooperative:any.
// Nobody else sees it (403 with an audit row; a missing one is 404 after the grant check).

export const ENTITY = "cooperative";

export interface Relation {
  applicant: boolean;
  member: boolean;
  /** A confirmed board member (with `member`): may record membership changes and yearly updates. */
  board: boolean;
  staff: boolean;
}

/** Loads an application the actor may read (or, with update, edit as its applicant); 403/404 otherwise. One statement. */
export async function loadCoop(db: Database, actor: UserActor, id: number, permission: "read:cooperative" | "update:cooperative" | "decide:cooperative") {
  const found = await q.findCoopFor(db, id, actor.user.id);
  if (!found) {
    await requireGrant(actor, permission, { entity: ENTITY });
    throw notFound();
  }
  const { my_national_id: myNationalId, is_member: member, is_board: board, ...c } = found;
  const rel: Relation = { applicant: c.applicant_id === actor.user.id, member, board: member && board, staff: allows(actor.user, "decide:cooperative") };
  const own = permission === "read:cooperative" ? rel.member || rel.applicant : rel.applicant;
  await requirePermission(actor, permission, { ownerId: c.applicant_id, own: own || undefined, entity: ENTITY, entityId: id });
  return { coop: c, rel, myNationalId };
}
