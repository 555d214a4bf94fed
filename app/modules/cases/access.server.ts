import { notFound } from "~/lib/http";
import type { Database } from "~/lib/db.server";
import { requireVisible, type UserActor } from "~/modules/accounts/actor.server";
import { allows, hasRole } from "~/modules/accounts/roles";
import { notify } from "~/modules/notifications/service.server";
import { registerFileAccess } from "~/modules/files/service.server";
import { registerSubject } from "~/modules/subjects/registry.server";
import * as q from "./queries.server";
import type { Part } from "./workflow";

// Internal to the cases module: who stands where on a case, the permission subject built from that,
// helpers several use-case files share (service, assignment, work, closing, documents), the default
// mentor capacity setting key, and the file-access rule for case documents. Every cases server file
// imports this one, so the rule is registered wherever any of them is loaded. Other modules call the
// use cases, never this file.

export const CAPACITY_KEY = "cases.default_mentor_capacity";

export type CaseRow = NonNullable<Awaited<ReturnType<typeof q.caseById>>>;

export interface Relation {
  owner: boolean;
  mentor: boolean;
  lead: boolean;
}

async function relationTo(db: Database, actor: UserActor, c: CaseRow): Promise<Relation> {
  const mentors = await q.activeMentorIds(db, c.id);
  const mine = mentors.find((m) => m.mentor_id === actor.user.id);
  return { owner: c.entrepreneur_id === actor.user.id, mentor: !!mine, lead: mine?.role === "lead" };
}

/**
 * The subject of a permission check. A case has no single owner column: `own` is the relationship
 * checked here, the entrepreneur who filed it (owner) or a mentor assigned to it (mentor).
 */
export function subject(_actor: UserActor, c: CaseRow, rel: Relation, as: "owner" | "mentor" | "either") {
  const own = as === "owner" ? rel.owner : as === "mentor" ? rel.mentor : rel.owner || rel.mentor;
  return { own, orgUnitIds: [c.centre_id], entity: "case", entityId: c.id };
}

export function partsOf(actor: UserActor, c: CaseRow, rel: Relation): Part[] {
  const parts: Part[] = [];
  if (rel.owner) parts.push("owner");
  if (rel.mentor && allows(actor.user, "work:case", subject(actor, c, rel, "mentor"))) parts.push("mentor");
  if (hasRole(actor.user, "staff") && allows(actor.user, "manage:case", subject(actor, c, rel, "mentor"))) parts.push("staff");
  return parts;
}

/** Loads a case the actor may read (404 when missing, and 404 with an audit row when not theirs: no existence leak). */
export async function loadReadable(db: Database, actor: UserActor, id: number) {
  const c = await q.caseById(db, id);
  if (!c) throw notFound();
  const rel = await relationTo(db, actor, c);
  await requireVisible(actor, "read:case", subject(actor, c, rel, "either"));
  return { c, rel };
}

export async function notifyAll(db: Database, userIds: Iterable<number>, except: number, key: string, params: Record<string, unknown>, link: string) {
  for (const id of new Set(userIds)) if (id !== except) await notify(db, id, key, params, link);
}

export async function participants(db: Database, c: CaseRow) {
  return [c.entrepreneur_id, ...(await q.activeMentorIds(db, c.id)).map((m) => m.mentor_id)];
}

export async function checkCentre(db: Database, centreId: number | undefined, errors: Record<string, string>, field = "centreId") {
  if (!centreId) return;
  const ok = await db.selectFrom("org_units").select("id").where("id", "=", centreId).where("kind", "=", "centre").where("active", "=", true).executeTakeFirst();
  if (!ok) errors[field] = "error.invalidChoice";
}

async function mayReadCase(db: Database, actor: UserActor, caseId: number) {
  const c = Number.isInteger(caseId) ? await q.caseById(db, caseId) : undefined;
  if (!c) return false;
  return allows(actor.user, "read:case", subject(actor, c, await relationTo(db, actor, c), "either"));
}

// A case's documents are for the people on the case: its entrepreneur, its active mentors and
// the staff whose scope holds the case (directorate staff, or its centre's staff). Exclusive: a mentor's `read:file:scope` over the uploader's centre does
// not open them, so a mentor of the same centre who is not on the case is refused.
registerFileAccess("case", {
  exclusive: true,
  canRead: (db, actor, file) => mayReadCase(db, actor, Number(file.entityId)),
  canAttach: (db, actor, entityId) => mayReadCase(db, actor, Number(entityId)),
});

// The agencies' agenda (issue 14): an obstacle may hold a case up. Whoever may read the case may see
// its obstacles; its entrepreneur and active mentors are told at each step.
registerSubject("case", {
  canSee: (db, actor, id) => mayReadCase(db, actor, id),
  async describe(db, ids) {
    if (!ids.length) return new Map();
    const rows = await db
      .selectFrom("cases as c")
      .leftJoin("ideas as i", "i.id", "c.idea_id")
      .select(["c.id", "c.firm_name", "c.county_code", "i.title"])
      .where("c.id", "in", [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, { title: r.firm_name ?? r.title ?? `#${r.id}`, link: `/cases/${r.id}`, countyCode: r.county_code }]));
  },
  async participants(db, id) {
    const c = await q.caseById(db, id);
    return c ? participants(db, c) : [];
  },
  // A case belongs to its centre (an unassigned case to the directorate): centre staff's obstacle lists.
  idsInUnits: (db, unitIds) => db.selectFrom("cases").select("id").where("centre_id", "in", unitIds.length ? [...unitIds] : [-1]),
});
