import type { Database } from "~/lib/db.server";
import { notFound } from "~/lib/http";
import { requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, grantLevel, holds, type RoleHolding } from "~/modules/accounts/roles";
import * as q from "./queries.server";

// Who sees and manages what in skills training (roles.ts):
//  - staff: every provider, course, enrolment and check (`any`);
//  - a training manager: the courses, enrolees and checks of the provider unit the role is held in (`scope`);
//  - an entrepreneur or a job seeker: published courses (not drafts), and their own enrolments (`own`: user_id);
//  - a counsellor: published courses, to enrol the people they counsel (enrol:course:any).
// A training manager of another provider gets 403 with an audit row, even for a published course.

export const COURSE = "training_course";
export const ENROLMENT = "training_enrolment";

/** The provider units a user manages (the training_manager roles' units). */
export const managedProviders = (actor: UserActor) =>
  actor.user.roles.filter((r) => r.role === "training_manager" && r.orgUnitId != null).map((r) => r.orgUnitId as number);

export const courseSubject = (c: { id: number; provider_id: number }) => ({ orgUnitIds: [c.provider_id], entity: COURSE, entityId: c.id });

/** Counsellors enrol people in any provider's published course (a provider's manager only in theirs). */
const enrolsAnywhere = (user: { roles: readonly RoleHolding[] }) => grantLevel(user.roles, "enrol:course") === "any";

/** A course the actor may see: its provider's manager and staff always; applicants once published. */
export function canSeeCourse(actor: UserActor, c: { provider_id: number; status: string }) {
  if (allows(actor.user, "read:course", { orgUnitIds: [c.provider_id] })) return true;
  return c.status !== "draft" && (holds(actor.user, "apply:course") || enrolsAnywhere(actor.user));
}

export { enrolsAnywhere };

export async function loadCourse(db: Database, actor: UserActor, id: number) {
  const c = await q.findCourse(db, id);
  if (!c) {
    // 404 only to those who may read some course; others get the same 403 as for an existing one.
    if (!holds(actor.user, "read:course") && !holds(actor.user, "apply:course") && !enrolsAnywhere(actor.user)) await requireGrant(actor, "read:course", { entity: COURSE });
    throw notFound();
  }
  if (!canSeeCourse(actor, c)) await requirePermission(actor, "read:course", courseSubject(c));
  return c;
}

/** The course, for a manager of its provider or staff (403 and an audit row otherwise). */
export async function loadManagedCourse(db: Database, actor: UserActor, id: number) {
  const c = await q.findCourse(db, id);
  if (!c) {
    await requireGrant(actor, "manage:course", { entity: COURSE });
    throw notFound();
  }
  await requirePermission(actor, "manage:course", courseSubject(c));
  return c;
}
