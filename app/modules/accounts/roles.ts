// Roles and the permission table: one place, safe to import in the browser.
// Permissions read `action:entity:level` where level is own (records the actor owns),
// scope (records of the actor's organisation unit) or any.

export const ROLES = ["entrepreneur", "mentor", "chair_manager", "company_rep", "industry_rep", "staff", "admin", "training_manager", "counsellor", "employer", "job_seeker", "agency_officer", "cluster_agent"] as const;
export type Role = (typeof ROLES)[number];
export const ORG_KINDS = ["directorate", "centre", "university", "company", "industry", "provider", "employer", "agency", "cluster"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Which organisation unit kinds a role may be held in (empty: held globally, no unit). */
export const ROLE_UNITS: Record<Role, readonly OrgKind[]> = {
  entrepreneur: [],
  mentor: ["centre"],
  chair_manager: ["university"],
  company_rep: ["company"],
  industry_rep: ["industry"],
  staff: ["directorate", "centre"],
  admin: [],
  training_manager: ["provider"],
  // job seekers (module 7, decision 0025): counsellors work at a consulting centre; employers in an employer unit
  // linked to their ledger enterprise; job seekers hold their role globally (their profile is theirs).
  counsellor: ["centre"],
  employer: ["employer"],
  job_seeker: [],
  agency_officer: ["agency"],
  // business clusters (module 3, decision 0039): a development agent works in a cluster unit (the office whose clusters they run)
  cluster_agent: ["cluster"],
};

export type Level = "own" | "scope" | "any";

/**
 * Units whose `scope` is the whole province: a `scope` grant held in the directorate reaches every
 * record (it reads as `any`); held in a centre, it reaches that centre's records only (issue 10 item 8).
 */
export const PROVINCE_WIDE: readonly OrgKind[] = ["directorate"];
const provinceWide = (kind: OrgKind | null | undefined) => !!kind && PROVINCE_WIDE.includes(kind);
type Grant = `${string}:${string}:${Level}`;

export const PERMISSIONS = {
  entrepreneur: ["read:file:own", "create:file:own", "read:notification:own", "create:idea:own", "read:idea:own", "update:idea:own",
    // cases (module 2): own = cases they filed, see app/modules/cases/access.server.ts
    "create:case:own", "read:case:own", "message:case:own", "withdraw:case:own",
    // micro and home businesses (module 8): own = businesses they own (owner_user_id), see app/modules/microbusiness/service.server.ts
    "create:micro_business:own", "read:micro_business:own", "update:micro_business:own",
    // skills training (module 8): apply to open courses; own = their enrolments (user_id), see app/modules/training/enrolments.server.ts
    "apply:course:own", "read:enrolment:own", "withdraw:enrolment:own",
    // job seekers (module 7): anyone signed up may register themselves as a job seeker or claim a profile a counsellor made
    "create:seeker:own",
    // agencies' agenda (issue 14): own = obstacles on records they may see (checked through the subject's module)
    "create:obstacle:own", "read:obstacle:own",
    // cooperatives (module 3): own = applications they made or are listed on as a member, see app/modules/cooperatives/access.server.ts
    "create:cooperative:own", "read:cooperative:own", "update:cooperative:own", "confirm:cooperative:own"],
  mentor: ["read:file:scope", "create:file:own", "read:notification:own", "review:idea:own",
    // cases (module 2): own = cases they are assigned to (decision 0012; "scope" would open their centre's cases)
    "read:case:own", "work:case:own", "message:case:own", "note:case:own",
    // agencies' agenda (issue 14): obstacles on the cases they work (checked through the subject's module)
    "create:obstacle:own", "read:obstacle:own"],
  chair_manager: ["read:file:scope", "create:file:own", "read:notification:own",
    // chairs (module 5): their university's chairs, see app/modules/chairs/service.server.ts
    "read:chair:scope", "manage:chair:scope"],
  company_rep: ["read:file:own", "create:file:own", "read:notification:own",
    // partnerships (module 4): scope = their company unit; own = challenges open to their company (invited, or for
    // verified companies), checked in app/modules/partnerships/service.server.ts
    "read:company:scope", "update:company:scope", "read:industry:any", "read:challenge:own",
    "create:proposal:scope", "read:proposal:scope", "withdraw:proposal:scope", "message:proposal:scope",
    "read:partnership:scope", "work:partnership:scope", "create:obstacle:own", "read:obstacle:own"],
  industry_rep: ["read:file:own", "create:file:own", "read:notification:own",
    // partnerships (module 4): scope = their industry unit (its challenges, the proposals they received, its partnerships)
    "read:industry:scope", "update:industry:scope", "read:company:any", "create:challenge:scope", "read:challenge:scope", "manage:challenge:scope",
    "read:proposal:scope", "decide:proposal:scope", "message:proposal:scope", "read:partnership:scope", "work:partnership:scope",
    "create:obstacle:own", "read:obstacle:own"],
  staff: ["read:file:scope", "create:file:own", "read:notification:own",
    // Staff hold their role in the directorate (scope = the province: every record) or in a centre (scope =
    // that centre's records only). Files: every file for directorate staff; centre staff read files of
    // their centre's people and files attached to records they may read (the linked module's rule).
    // cases (module 2): open, triage, assign, work and close the cases of their scope (a case's centre_id)
    "read:case:scope", "manage:case:scope", "work:case:scope", "message:case:scope", "note:case:scope",
    // chairs (module 5): read and comment on every chair, rank chairs and universities
    "read:chair:any", "comment:chair:any", "rank:chair:any", "read:idea:any", "decide:idea:any", "manage:call:any",
    // employment (module 6): verify/merge/targets at directorate scope, see app/modules/employment/internal.server.ts (directorate) and reports/enterprises/dashboard.server.ts
    // correct:employment_report: directorate staff correct any report, centre staff the reports they filed
    "read:employment:any", "create:employment_report:any", "correct:employment_report:scope", "verify:employment_report:scope", "merge:enterprise:scope", "manage:job_target:scope",
    // micro and home businesses (module 8): the whole registry
    "create:micro_business:any", "read:micro_business:any", "update:micro_business:any",
    // partnerships (module 4): register companies and industries, verify certificates, read every challenge,
    // proposal and partnership, tune the match weights
    "read:company:any", "create:company:any", "update:company:any", "verify:company:any", "read:industry:any", "create:industry:any",
    "update:industry:any", "read:challenge:any", "read:proposal:any", "read:partnership:any", "tune:match:any",
    // skills training (module 8): providers, every course and enrolment, employment checks, the provider ranking
    "manage:provider:any", "read:course:any", "manage:course:any", "enrol:course:any", "read:enrolment:any", "manage:enrolment:any",
    "withdraw:enrolment:any", "check:enrolment:any", "rank:provider:any",
    // job seekers (module 7, decisions 0025/0026): every seeker, vacancy, referral and placement; enter vacancies for employers
    "create:seeker:any", "read:seeker:any", "update:seeker:any", "confirm:seeker:any", "refer:seeker:any", "read:seekers_dashboard:any",
    "create:vacancy:any", "read:vacancy:any", "manage:vacancy:any", "read:referral:any", "decide:referral:any", "check:placement:any",
    // register employer units tied to their ledger enterprise (decision 0054); tune:match (above) also tunes the seeker match weights
    "create:employer:any",
    // agencies' agenda (issue 14): raise obstacles on any record they see; read the obstacles and the working
    // group's ranking of their scope (directorate: all; a centre: obstacles on its records, decision 0053);
    // escalate to the working group and its meeting list (the directorate's); every advantage
    "create:obstacle:any", "read:obstacle:scope", "escalate:obstacle:scope", "read:agenda:scope", "read:advantage:any",
    // the service-level days of each obstacle category (decision 0045): the directorate's, like escalation
    "tune:obstacle_sla:scope",
    // cooperatives (module 3): the queue, review and registration of every application, the formation rules
    "read:cooperative:any", "decide:cooperative:any", "tune:coop_rules:any",
    // business clusters (module 3, decision 0039): every cluster, its firms, stages, study and projects
    "create:cluster:any", "read:cluster:any", "manage:cluster:any"],
  admin: [
    "read:file:any", "create:file:own", "read:notification:own",
    "read:user:any", "manage:user:any", "manage:reference:any", "read:audit:any", "manage:outbox:any",
    "read:employment:any",
  ],
  // skills training (module 8): scope = the provider unit the role is held in (its courses, enrolees and checks),
  // see app/modules/training/courses.server.ts
  training_manager: ["read:file:own", "create:file:own", "read:notification:own",
    "read:course:scope", "manage:course:scope", "enrol:course:scope", "read:enrolment:scope", "manage:enrolment:scope",
    "withdraw:enrolment:scope", "check:enrolment:scope"],
  // job seekers (module 7, decision 0025): scope = the counsellor's centre (the seekers it follows); read:vacancy:own = open vacancies
  counsellor: ["read:file:scope", "create:file:own", "read:notification:own",
    "create:seeker:scope", "read:seeker:scope", "update:seeker:scope", "counsel:seeker:scope", "confirm:seeker:scope", "refer:seeker:scope",
    "read:vacancy:own", "read:referral:scope", "check:placement:scope", "read:seekers_dashboard:scope",
    // skills training (module 8): enrol the people they counsel in any provider's published course
    "enrol:course:any"],
  // scope = their employer unit (its vacancies and the referrals to them); read:seeker:own = seekers who applied or were referred to them
  employer: ["read:file:own", "create:file:own", "read:notification:own",
    "create:vacancy:scope", "read:vacancy:scope", "manage:vacancy:scope", "read:referral:scope", "decide:referral:scope", "read:seeker:own"],
  // own = their profile (user_id); read:vacancy:own = open vacancies; apply to them
  job_seeker: ["read:file:own", "create:file:own", "read:notification:own",
    "create:seeker:own", "read:seeker:own", "update:seeker:own", "read:vacancy:own", "apply:vacancy:own", "read:referral:own",
    // skills training (module 8): apply to published courses; own = their enrolments (user_id)
    "apply:course:own", "read:enrolment:own", "withdraw:enrolment:own"],
  // agencies' agenda (issue 14): scope = their agency's org unit (the obstacles assigned to it, its advantages)
  agency_officer: ["read:file:own", "create:file:own", "read:notification:own",
    "read:obstacle:scope", "work:obstacle:scope", "read:advantage:scope", "manage:advantage:scope"],
  // business clusters (module 3, decision 0039): scope = the cluster unit the role is held in (the clusters
  // whose org_unit_id it is), see app/modules/clusters/access.server.ts
  cluster_agent: ["read:file:own", "create:file:own", "read:notification:own",
    "create:cluster:scope", "read:cluster:scope", "manage:cluster:scope"],
} as const satisfies Record<Role, readonly Grant[]>;

/**
 * Every `action:entity` the table grants, as a union the compiler checks: a typo in a
 * requirePermission() call does not compile (it used to compile and silently deny).
 */
type Granted = (typeof PERMISSIONS)[Role][number];
// Conditional types distribute over a union only through a type parameter, hence the helpers.
type Strip<G, L extends Level> = G extends `${infer P}:${L}` ? P : never;
export type Permission = Strip<Granted, Level>;
/** Permissions some role holds at `own` or `scope` level: checking one needs a subject. */
export type NarrowPermission = Strip<Granted, "own" | "scope">;
/** Permissions every role holds at `any` level: a check without a subject is meaningful. */
export type WidePermission = Exclude<Permission, NarrowPermission>;

export interface RoleHolding {
  role: Role;
  orgUnitId: number | null;
  orgKind?: OrgKind | null;
}

const RANK: Record<Level, number> = { own: 1, scope: 2, any: 3 };

/** The widest level at which the roles grant `action:entity`, or null. */
export function grantLevel(roles: readonly RoleHolding[], permission: Permission): Level | null {
  let best: Level | null = null;
  for (const { role, orgKind } of roles) {
    // A role's widest raw level for the permission, then scope read as any when held province-wide:
    // widening is monotone, so this equals the widest of the widened grants.
    let level = grantIndex(role).get(permission);
    if (!level) continue;
    if (level === "scope" && provinceWide(orgKind)) level = "any";
    if (!best || RANK[level] > RANK[best]) best = level;
  }
  return best;
}

// Every signed-in request asks grantLevel many times (the menu asks it for each entry): the table is
// indexed once per role (permission -> widest level) instead of scanning and slicing every grant.
const INDEX = new Map<Role, ReadonlyMap<string, Level>>();
function grantIndex(role: Role): ReadonlyMap<string, Level> {
  let index = INDEX.get(role);
  if (!index) {
    const m = new Map<string, Level>();
    for (const p of grantsOf(role)) {
      const i = p.lastIndexOf(":");
      const perm = p.slice(0, i);
      const level = p.slice(i + 1) as Level;
      const had = m.get(perm);
      if (!had || RANK[level] > RANK[had]) m.set(perm, level);
    }
    INDEX.set(role, (index = m));
  }
  return index;
}

function grantsOf(role: Role): readonly Grant[] {
  return (PERMISSIONS as Record<Role, readonly Grant[]>)[role] ?? [];
}

/** True when the roles grant `action:entity` at any level (a list or a menu entry; the query narrows by level). */
export function holds(user: { roles: readonly RoleHolding[] } | null | undefined, permission: Permission): boolean {
  return !!user && grantLevel(user.roles, permission) != null;
}

/**
 * The record a permission is checked against. `own` grants need the actor to stand in the owning
 * relation: `ownerId` equal to the actor, or `own: true` when the module checked a relation that is
 * not a single owner column (an assigned mentor of a case, a listed member of an application).
 * `scope` grants also match when one of `orgUnitIds` is a unit the role is held in.
 */
export interface Subject {
  ownerId?: number | null;
  own?: boolean;
  orgUnitIds?: readonly (number | null | undefined)[];
}

/**
 * Pure check: may a user with these roles do `permission` on this subject? Fails closed: an
 * `own` or `scope` grant without a subject allows nothing (use holds() or requireGrant() for lists).
 */
export function allows(user: { id: number; roles: readonly RoleHolding[] }, permission: Permission, subject?: Subject): boolean {
  for (const { role, orgUnitId, orgKind } of user.roles) {
    // The role's widest level decides: an own grant beside a wider one adds nothing the wider one lacks.
    const level = grantIndex(role).get(permission);
    if (!level) continue;
    if (level === "any" || (level === "scope" && provinceWide(orgKind))) return true;
    if (!subject) continue;
    const own = subject.own === true || (subject.ownerId != null && subject.ownerId === user.id);
    if (own) return true;
    if (level === "scope" && orgUnitId != null && subject.orgUnitIds?.includes(orgUnitId)) return true;
  }
  return false;
}

/**
 * The units a list is narrowed to for `permission`: "all" when a grant reaches every record (`any`, or
 * `scope` held in the directorate), else the units of the roles granting it at `scope` (maybe none).
 */
export function scopeUnits(roles: readonly RoleHolding[], permission: Permission): "all" | number[] {
  const units: number[] = [];
  for (const { role, orgUnitId, orgKind } of roles) {
    const level = grantIndex(role).get(permission);
    if (level === "any" || (level === "scope" && provinceWide(orgKind))) return "all";
    if (level === "scope" && orgUnitId != null && !units.includes(orgUnitId)) units.push(orgUnitId);
  }
  return units;
}

export function hasRole(user: { roles: readonly RoleHolding[] } | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r.role));
}
