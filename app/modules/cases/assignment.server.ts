import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { scopeUnits } from "~/modules/accounts/roles";
import { mentorOptions } from "~/modules/accounts/service.server";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import * as q from "./queries.server";
import { CAPACITY_KEY, checkCentre, loadReadable, subject } from "./access.server";
import type { AssignInput, CapacityInput } from "./schema";
import { isFinal } from "./workflow";

// Staffing a case: mentors' loads and limits (the capacity screen) and assigning the centre, the lead
// mentor and co-mentors.

/**
 * The centre filter a staff member may use: directorate staff any (or none), centre staff their own
 * centre whatever they ask for (issue 10 item 8). Throws 403 unless the actor manages cases at all.
 */
async function centreFilter(actor: UserActor, centreId: number | undefined, entity: string) {
  await requireGrant(actor, "manage:case", { entity });
  const scope = scopeUnits(actor.user.roles, "manage:case");
  if (scope === "all") return { centreId, scope };
  return { centreId: centreId && scope.includes(centreId) ? centreId : scope[0] ?? -1, scope };
}

/** Mentors with their load and limit (staff choosing; optional centre filter; centre staff see their centre's). */
export async function mentorLoads(actor: UserActor, centreId?: number) {
  const f = await centreFilter(actor, centreId, "case");
  const db = await getDb();
  return q.mentorLoads(db, await q.settingNumber(db, CAPACITY_KEY, 8), f.centreId);
}

/** Mentor names for the list filter (no load figures: cheap). */
/** Mentor filter options for staff (the directory is the accounts module's). */
export async function mentorNames(actor: UserActor) {
  await requireGrant(actor, "manage:case", { entity: "case" });
  return mentorOptions();
}

/**
 * The capacity screen: every enabled mentor with their centres, active load and limit (their own
 * or the default), and the version the row form sends back.
 */
export async function mentorCapacities(actor: UserActor, centreId?: number) {
  const f = await centreFilter(actor, centreId, "mentor_capacity");
  const db = await getDb();
  const defaultCapacity = await q.settingNumber(db, CAPACITY_KEY, 8);
  const [loads, own] = await Promise.all([q.mentorLoads(db, defaultCapacity, f.centreId), q.capacityRows(db)]);
  const versions = new Map(own.map((r) => [r.mentor_id, r.version]));
  const byId = new Map<number, { id: number; name: string; centres: { fa: string; en: string }[]; active: number; max: number; version: number; custom: boolean }>();
  for (const l of loads) {
    let m = byId.get(l.id);
    if (!m) {
      m = { id: l.id, name: l.full_name, centres: [], active: l.active_cases ?? 0, max: l.max_active, version: versions.get(l.id) ?? 0, custom: versions.has(l.id) };
      byId.set(l.id, m);
    }
    if (l.centre_fa && !m.centres.some((c) => c.fa === l.centre_fa)) m.centres.push({ fa: l.centre_fa, en: l.centre_en ?? l.centre_fa });
  }
  return { defaultCapacity, mentors: [...byId.values()] };
}

/**
 * Staff set a mentor's active-case limit. The form carries the version it was loaded with (0: the
 * mentor had the default); a change in the meantime answers 409 and nothing is written.
 */
export async function setCapacity(actor: UserActor, input: CapacityInput) {
  const { scope } = await centreFilter(actor, undefined, "mentor_capacity");
  const db = await getDb();
  if (!(await q.isActiveMentor(db, input.mentorId))) throw notFound();
  // Centre staff set the limits of their centre's mentors only (another centre's mentor: as if missing).
  if (scope !== "all" && !(await q.mentorLoads(db, 0, scope[0] ?? -1)).some((m) => m.id === input.mentorId)) throw notFound();
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("mentor_capacity").select(["max_active", "version"]).where("mentor_id", "=", input.mentorId).forUpdate().executeTakeFirst();
    if ((before?.version ?? 0) !== input.version) throw conflict("cases.capacity.stale");
    if (before) {
      await trx.updateTable("mentor_capacity")
        .set({ max_active: input.maxActive, version: sql`version + 1`, updated_at: sql`now()`, updated_by: actor.user.id })
        .where("mentor_id", "=", input.mentorId).where("version", "=", input.version).execute();
    } else {
      const r = await trx.insertInto("mentor_capacity").values({ mentor_id: input.mentorId, max_active: input.maxActive, updated_by: actor.user.id })
        .onConflict((oc) => oc.column("mentor_id").doNothing()).returning("mentor_id").executeTakeFirst();
      if (!r) throw conflict("cases.capacity.stale"); // another form created the row first
    }
    await writeAudit(trx, auditMeta(actor), {
      action: "case.capacity", entity: "user", entityId: input.mentorId,
      details: { from: before?.max_active ?? null, to: input.maxActive },
    });
  });
}

/** Staff pick the centre, a lead mentor and co-mentors; over a mentor's limit needs a reason (recorded). */
export async function assignMentors(actor: UserActor, caseId: number, input: AssignInput) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, caseId);
  await requirePermission(actor, "manage:case", subject(actor, c, rel, "mentor"));
  if (isFinal(c.status)) throw conflict("cases.error.final");
  const errors: Record<string, string> = {};
  await checkCentre(db, input.centreId, errors);
  // Centre staff keep a case in their centre; handing it to another centre is the directorate's.
  const scope = scopeUnits(actor.user.roles, "manage:case");
  if (scope !== "all" && !scope.includes(input.centreId)) errors.centreId = "error.invalidChoice";
  const wanted = [input.leadMentorId, ...input.coMentorIds.filter((m) => m !== input.leadMentorId)];
  const loads = await q.mentorLoads(db, await q.settingNumber(db, CAPACITY_KEY, 8));
  const byId = new Map(loads.map((l) => [l.id, l]));
  if (!byId.has(input.leadMentorId)) errors.leadMentorId = "error.invalidChoice";
  if (input.coMentorIds.some((m) => !byId.has(m))) errors.coMentorIds = "error.invalidChoice";
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  const current = new Set((await q.activeMentorIds(db, caseId)).map((m) => m.mentor_id));
  const over = wanted.filter((m) => !current.has(m) && (byId.get(m)!.active_cases ?? 0) >= byId.get(m)!.max_active);
  if (over.length && !input.reason) throw badRequest("error.form", { reason: "cases.error.overCapacityReason" });
  await db.transaction().execute(async (trx) => {
    const n = await q.updateCase(trx, caseId, input.version, { centre_id: input.centreId, lead_mentor_id: input.leadMentorId });
    if (!n) throw conflict();
    await trx.updateTable("case_mentors").set({ active: false, ended_at: sql`now()` })
      .where("case_id", "=", caseId).where("active", "=", true).where("mentor_id", "not in", wanted).execute();
    for (const m of wanted) {
      const role = m === input.leadMentorId ? "lead" : "co";
      if (current.has(m)) {
        await trx.updateTable("case_mentors").set({ role }).where("case_id", "=", caseId).where("mentor_id", "=", m).where("active", "=", true).execute();
      } else {
        await trx.insertInto("case_mentors").values({
          case_id: caseId, mentor_id: m, role, assigned_by: actor.user.id, over_capacity_reason: over.includes(m) ? input.reason ?? null : null,
        }).execute();
        await notify(trx, m, "cases.notify.assigned", { firm: c.firm_name }, `/cases/${caseId}`);
      }
    }
    await writeAudit(trx, auditMeta(actor), {
      action: "case.assigned", entity: "case", entityId: caseId,
      details: { centreId: input.centreId, lead: input.leadMentorId, co: input.coMentorIds, overCapacity: over, reason: over.length ? input.reason : undefined },
    });
  });
}
