import type { Database } from "~/lib/db.server";
import { notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, grantLevel } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";

// Who stands in which relation to a job seeker (decision 0025):
//  - self:       the seeker's own account (job_seekers.user_id)
//  - counsellor: a counsellor of the seeker's centre (scope), or the assigned counsellor
//  - staff:      read:seeker:any
//  - employer:   an employer whose vacancy the seeker applied to or was referred to (read:seeker:own after
//                this module's check); sees the work profile only: never national ID, mobile, notes or
//                priority-group labels, and never a hidden profile unless it applied or was referred.
// Every read of a profile by anyone but the seeker writes an audit row (seeker.read).

export type Relation = "self" | "counsellor" | "staff" | "employer";

export interface SeekerKeys {
  id: number;
  user_id: number | null;
  centre_id: number | null;
  counsellor_id: number | null;
}

/** The units an actor holds a role in (counsellor centres, employer units). */
export const unitsOf = (actor: UserActor, role: "counsellor" | "employer") =>
  actor.user.roles.filter((r) => r.role === role && r.orgUnitId != null).map((r) => r.orgUnitId!) as number[];

/** Is the seeker referred to (or applied to) a vacancy of one of these employer units? */
export async function referredToEmployer(db: Database, seekerId: number, employerIds: number[]): Promise<boolean> {
  if (!employerIds.length) return false;
  const row = await db.selectFrom("referrals as r").innerJoin("vacancies as v", "v.id", "r.vacancy_id")
    .select("r.id").where("r.seeker_id", "=", seekerId).where("v.employer_id", "in", employerIds).limit(1).executeTakeFirst();
  return !!row;
}

/** The actor's relation to the seeker (the closest one), or null. */
export async function relationTo(db: Database, actor: UserActor, s: SeekerKeys): Promise<Relation | null> {
  if (s.user_id != null && s.user_id === actor.user.id) return "self";
  if (grantLevel(actor.user.roles, "read:seeker") === "any") return "staff";
  if (allows(actor.user, "read:seeker", { own: s.counsellor_id === actor.user.id && s.counsellor_id != null, orgUnitIds: [s.centre_id] }) && unitsOf(actor, "counsellor").length) {
    return "counsellor";
  }
  const employers = unitsOf(actor, "employer");
  if (employers.length && (await referredToEmployer(db, s.id, employers))) return "employer";
  return null;
}

/** Private fields (national ID, mobile, notes, priority groups) are for the seeker, their counsellors and staff. */
export const seesPrivate = (r: Relation | null) => r === "self" || r === "counsellor" || r === "staff";

/**
 * Loads the seeker's keys and checks the actor may read the profile (403 + authz.denied otherwise,
 * 404 for an unknown id after checking the actor may read seekers at all). Writes seeker.read when
 * the reader is not the seeker.
 */
export async function readableSeeker(db: Database, actor: UserActor, id: number, opts: { audit?: boolean } = {}): Promise<{ keys: SeekerKeys; relation: Relation }> {
  const keys = await db.selectFrom("job_seekers").select(["id", "user_id", "centre_id", "counsellor_id"]).where("id", "=", id).executeTakeFirst();
  if (!keys) {
    await requireGrant(actor, "read:seeker", { entity: "job_seeker" });
    throw notFound();
  }
  const relation = await relationTo(db, actor, keys);
  await requirePermission(actor, "read:seeker", { own: relation != null && relation !== "staff", orgUnitIds: [keys.centre_id], entity: "job_seeker", entityId: id });
  if (opts.audit !== false && relation !== "self") {
    await writeAudit(db, auditMeta(actor), { action: "seeker.read", entity: "job_seeker_profile", entityId: id, details: { relation } });
  }
  return { keys, relation: relation ?? "staff" };
}

/** Counsellors of the seeker's centre (or assigned) and staff: who may counsel, confirm groups and refer. */
export async function requireCounsellorOf(actor: UserActor, permission: "counsel:seeker" | "confirm:seeker" | "update:seeker" | "refer:seeker", keys: SeekerKeys) {
  const isSelf = permission === "update:seeker" && keys.user_id != null && keys.user_id === actor.user.id;
  await requirePermission(actor, permission, {
    own: isSelf || (keys.counsellor_id != null && keys.counsellor_id === actor.user.id),
    orgUnitIds: [keys.centre_id],
    entity: "job_seeker",
    entityId: keys.id,
  });
}
