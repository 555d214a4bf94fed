import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, isHttpError, notFound } from "~/lib/http";
import { searchForm } from "~/i18n/normalise";
import { auditMeta, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, grantLevel, hasRole } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { activeEntries } from "~/modules/reference/service.server";
import { memo } from "~/lib/memo.server";
import { mentorOptions } from "~/modules/accounts/service.server";
import { notify } from "~/modules/notifications/service.server";
import {
  discardUpload, listLinkedFiles, openDownload, prepareUpload, recordUpload, registerFileAccess, type IncomingFile, type PreparedUpload,
} from "~/modules/files/service.server";
import * as q from "./queries.server";
import { followUpIdea, reportCaseJobs } from "./links.server";
import type { AssignInput, CapacityInput, CaseFilters, EmergencyInput, OpenCaseInput, OutcomeInput } from "./schema";
import { hoursPerMonth, jalaliMonthRange, totalHours } from "./hours";
import { actionsFrom, checkTransition, followUpDates, isFinal, ACTIVE, type Part } from "./workflow";

// Use cases for cases: each takes the actor first, checks the permission table, and changes the
// database in one transaction with its status-history, audit and notification rows.

export const SLA_KEY = "cases.emergency_sla_hours";
export const CAPACITY_KEY = "cases.default_mentor_capacity";

type CaseRow = NonNullable<Awaited<ReturnType<typeof q.caseById>>>;

interface Relation {
  owner: boolean;
  mentor: boolean;
  lead: boolean;
}

async function relationTo(db: Database, actor: UserActor, c: CaseRow): Promise<Relation> {
  const mentors = await q.activeMentorIds(db, c.id);
  const mine = mentors.find((m) => m.mentor_id === actor.user.id);
  return { owner: c.entrepreneur_id === actor.user.id, mentor: !!mine, lead: mine?.role === "lead" };
}

/** The subject of a permission check: `own` means the entrepreneur's case (owner) or an assigned mentor's. */
function subject(actor: UserActor, c: CaseRow, rel: Relation, as: "owner" | "mentor" | "either") {
  const own = as === "owner" ? rel.owner : as === "mentor" ? rel.mentor : rel.owner || rel.mentor;
  return { ownerId: own ? actor.user.id : -1, orgUnitIds: [c.centre_id], entity: "case", entityId: c.id };
}

function partsOf(actor: UserActor, c: CaseRow, rel: Relation): Part[] {
  const parts: Part[] = [];
  if (rel.owner) parts.push("owner");
  if (rel.mentor && allows(actor.user, "work:case", subject(actor, c, rel, "mentor"))) parts.push("mentor");
  if (hasRole(actor.user, "staff") && allows(actor.user, "manage:case", subject(actor, c, rel, "mentor"))) parts.push("staff");
  return parts;
}

/** Loads a case the actor may read (404 when missing, 403 with an audit row when not theirs). */
async function loadReadable(db: Database, actor: UserActor, id: number) {
  const c = await q.caseById(db, id);
  if (!c) throw notFound();
  const rel = await relationTo(db, actor, c);
  await requirePermission(actor, "read:case", subject(actor, c, rel, "either"));
  return { c, rel };
}

/** Throws 404/403 unless the actor may read the case (actions check this before parsing a form). */
export async function assertCaseReadable(actor: UserActor, id: number) {
  await loadReadable(await getDb(), actor, id);
}

/** Throws 403 unless the actor may see case lists and follow-ups. */
export async function assertCasesReader(actor: UserActor) {
  await requirePermission(actor, "read:case");
}

/** Throws 403 unless the actor may manage cases (staff). */
export async function assertCaseManager(actor: UserActor) {
  await requirePermission(actor, "manage:case", { entity: "case" });
}

function visibility(actor: UserActor): q.Visibility {
  const level = grantLevel(actor.user.roles, "read:case");
  const centreIds = level === "scope" ? actor.user.roles.filter((r) => r.role !== "entrepreneur" && r.orgUnitId != null).map((r) => r.orgUnitId!) : [];
  return { any: level === "any", userId: actor.user.id, centreIds };
}

function searchText(...parts: (string | null | undefined)[]) {
  return searchForm(parts.filter(Boolean).join(" "));
}

async function notifyAll(db: Database, userIds: Iterable<number>, except: number, key: string, params: Record<string, unknown>, link: string) {
  for (const id of new Set(userIds)) if (id !== except) await notify(db, id, key, params, link);
}

async function participants(db: Database, c: CaseRow) {
  return [c.entrepreneur_id, ...(await q.activeMentorIds(db, c.id)).map((m) => m.mentor_id)];
}

async function staffIds(db: Database) {
  return (await db.selectFrom("role_assignments").select("user_id").where("role", "=", "staff").execute()).map((r) => r.user_id);
}

async function checkReference(db: Database, county: string | undefined, sector: string | undefined, errors: Record<string, string>) {
  if (county && !(await db.selectFrom("counties").select("code").where("code", "=", county).where("active", "=", true).executeTakeFirst())) errors.county = "error.invalidChoice";
  if (sector && !(await db.selectFrom("sectors").select("code").where("code", "=", sector).where("active", "=", true).executeTakeFirst())) errors.sector = "error.invalidChoice";
}

async function checkCentre(db: Database, centreId: number | undefined, errors: Record<string, string>, field = "centreId") {
  if (!centreId) return;
  const ok = await db.selectFrom("org_units").select("id").where("id", "=", centreId).where("kind", "=", "centre").where("active", "=", true).executeTakeFirst();
  if (!ok) errors[field] = "error.invalidChoice";
}

/** The emergency triage time in hours (the `cases.emergency_sla_hours` setting, default 72). */
export async function emergencySlaHours() {
  return q.settingNumber(await getDb(), SLA_KEY, 72);
}

/**
 * Business-emergency intake by a signed-in entrepreneur; the triage clock starts now. Optional
 * documents go through the FileStore: every one is checked (allow-list, magic bytes, size) before
 * anything is written, and their rows are recorded in the case's transaction, so a refused file
 * leaves no case, no file row and no stored bytes.
 */
export async function fileEmergency(actor: UserActor, input: EmergencyInput, documents: IncomingFile[] = []) {
  await requirePermission(actor, "create:case", { ownerId: actor.user.id, entity: "case" });
  const db = await getDb();
  const errors: Record<string, string> = {};
  await checkReference(db, input.county, input.sector, errors);
  if (documents.length > MAX_CASE_DOCUMENTS) errors.documents = "error.tooManyFiles";
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  if (input.idempotencyKey) {
    const existing = await db.selectFrom("cases").select("id").where("idempotency_key", "=", `${actor.user.id}:${input.idempotencyKey}`).executeTakeFirst();
    if (existing) return { id: existing.id };
  }
  const hours = await q.settingNumber(db, SLA_KEY, 72);
  const prepared = await prepareDocuments(actor, documents, "documents");
  let recorded = false;
  try {
    const result = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("cases")
        .values({
          kind: "business_emergency",
          status: "intake",
          entrepreneur_id: actor.user.id,
          firm_name: input.firmName,
          registration_no: input.registrationNo,
          county_code: input.county,
          sector_code: input.sector,
          baseline_employees: input.baselineEmployees,
          problem_areas: input.problemAreas,
          description: input.description,
          urgency: input.urgency,
          triage_due_at: sql<Date>`now() + make_interval(hours => ${hours}::int)`,
          idempotency_key: input.idempotencyKey ? `${actor.user.id}:${input.idempotencyKey}` : null,
          search_text: searchText(input.firmName, input.registrationNo, input.description),
          created_by: actor.user.id,
        })
        .onConflict((oc) => oc.column("idempotency_key").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!row) {
        const again = await trx.selectFrom("cases").select("id").where("idempotency_key", "=", `${actor.user.id}:${input.idempotencyKey}`).executeTakeFirstOrThrow();
        return { id: again.id };
      }
      await q.insertHistory(trx, row.id, null, "intake", actor.user.id, null);
      for (const p of prepared) await recordUpload(trx, actor, p, { entity: "case", entityId: row.id });
      await writeAudit(trx, auditMeta(actor), {
        action: "case.filed", entity: "case", entityId: row.id,
        details: { kind: "business_emergency", urgency: input.urgency, documents: prepared.map((p) => p.id) },
      });
      await notifyAll(trx, await staffIds(trx), actor.user.id, "cases.notify.emergency", { firm: input.firmName, hours }, `/cases/${row.id}`);
      recorded = true;
      return { id: row.id };
    });
    if (!recorded) await Promise.all(prepared.map(discardUpload)); // a double submit: the first request's case stands
    return result;
  } catch (e) {
    await Promise.all(prepared.map(discardUpload));
    throw e;
  }
}

/** Staff open an acceleration or consulting case, from an accepted idea or directly. */
export async function openCase(actor: UserActor, input: OpenCaseInput) {
  await requirePermission(actor, "manage:case", { entity: "case" });
  const db = await getDb();
  const errors: Record<string, string> = {};
  if (input.kind === "business_emergency") errors.kind = "error.invalidChoice";
  let entrepreneurId: number | null = null;
  let firm = input.firmName ?? null;
  let county = input.county;
  let sector = input.sector;
  let description = input.description ?? "";
  let ideaId: number | null = null;
  if (input.ideaId) {
    const idea = await followUpIdea(actor, input.ideaId);
    const wanted = input.kind === "acceleration" ? "acceleration" : "consulting";
    if (!idea || idea.status !== "accepted" || idea.accepted_path !== wanted) errors.ideaId = "cases.error.ideaNotAccepted";
    else {
      ideaId = idea.id;
      entrepreneurId = idea.owner_id;
      firm ??= idea.title;
      county ??= idea.county_code ?? undefined;
      sector ??= idea.sector_code ?? undefined;
      description ||= idea.summary ?? "";
      if (await db.selectFrom("cases").select("id").where("idea_id", "=", idea.id).executeTakeFirst()) errors.ideaId = "cases.error.ideaHasCase";
    }
  } else {
    if (!input.entrepreneurEmail) errors.entrepreneurEmail = "error.required";
    else {
      const u = await db.selectFrom("users").select("id").where("email", "=", input.entrepreneurEmail.toLowerCase()).executeTakeFirst();
      if (!u) errors.entrepreneurEmail = "cases.error.noSuchUser";
      else entrepreneurId = u.id;
    }
    if (!firm) errors.firmName = "error.required";
  }
  await checkReference(db, county, sector, errors);
  await checkCentre(db, input.centreId, errors);
  if (Object.keys(errors).length || !entrepreneurId || !firm) throw badRequest("error.form", errors);
  const owner = entrepreneurId;
  const firmName = firm;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("cases")
      .values({
        kind: input.kind,
        status: "intake",
        idea_id: ideaId,
        centre_id: input.centreId ?? null,
        entrepreneur_id: owner,
        firm_name: firmName,
        registration_no: input.registrationNo ?? null,
        county_code: county ?? null,
        sector_code: sector ?? null,
        baseline_employees: input.baselineEmployees,
        description,
        search_text: searchText(firmName, input.registrationNo, description),
        created_by: actor.user.id,
      })
      .onConflict((oc) => oc.column("idea_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict("cases.error.ideaHasCase");
    await q.insertHistory(trx, row.id, null, "intake", actor.user.id, ideaId ? `idea #${ideaId}` : null);
    await writeAudit(trx, auditMeta(actor), { action: "case.opened", entity: "case", entityId: row.id, details: { kind: input.kind, ideaId } });
    await notify(trx, owner, "cases.notify.opened", { firm: firmName }, `/cases/${row.id}`);
    return { id: row.id };
  });
}

/** Mentors with their load and limit (staff choosing; optional centre filter). */
export async function mentorLoads(actor: UserActor, centreId?: number) {
  await requirePermission(actor, "manage:case", { entity: "case" });
  const db = await getDb();
  return q.mentorLoads(db, await q.settingNumber(db, CAPACITY_KEY, 8), centreId);
}

/** Mentor names for the list filter (no load figures: cheap). */
/** Mentor filter options for staff (the directory is the accounts module's). */
export async function mentorNames(actor: UserActor) {
  await requirePermission(actor, "manage:case", { entity: "case" });
  return mentorOptions();
}

/**
 * The capacity screen: every enabled mentor with their centres, active load and limit (their own
 * or the default), and the version the row form sends back.
 */
export async function mentorCapacities(actor: UserActor, centreId?: number) {
  await requirePermission(actor, "manage:case", { entity: "mentor_capacity" });
  const db = await getDb();
  const defaultCapacity = await q.settingNumber(db, CAPACITY_KEY, 8);
  const [loads, own] = await Promise.all([q.mentorLoads(db, defaultCapacity, centreId), q.capacityRows(db)]);
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
  await requirePermission(actor, "manage:case", { entity: "mentor_capacity" });
  const db = await getDb();
  if (!(await q.isActiveMentor(db, input.mentorId))) throw notFound();
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

/** One workflow step (not graduate/close: those go through closeCase with the outcome). */
export async function transitionCase(actor: UserActor, caseId: number, input: { action: string; version: number; note?: string | null }) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, caseId);
  const parts = partsOf(actor, c, rel);
  if (input.action === "graduate" || input.action === "close") throw conflict("cases.error.notAllowed");
  const milestones = await db.selectFrom("case_milestones").select(sql<number>`count(*)::int`.as("n")).where("case_id", "=", caseId).where("status", "!=", "dropped").executeTakeFirstOrThrow();
  const check = checkTransition(c.status, input.action, parts, {
    hasLeadMentor: !!c.lead_mentor_id, hasDiagnosis: !!c.diagnosis, milestones: milestones.n, note: input.note,
  });
  if (!check.ok) {
    if (check.reason === "wrong_part") {
      await requirePermission(actor, input.action === "withdraw" ? "withdraw:case" : "work:case", { ownerId: -1, orgUnitIds: [], entity: "case", entityId: caseId });
    }
    if (check.reason === "missing" && check.guard === "note") throw badRequest("error.form", { note: "error.required" });
    throw conflict(check.reason === "missing" ? `cases.error.guard.${check.guard}` : "cases.error.notAllowed");
  }
  const to = check.transition.to;
  await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { status: to };
    if (c.status === "triage" || c.status === "intake") set.triaged_at = c.triaged_at ?? new Date();
    if (to === "withdrawn") set.closed_at = new Date();
    if (!(await q.updateCase(trx, caseId, input.version, set))) throw conflict();
    await q.insertHistory(trx, caseId, c.status, to, actor.user.id, input.note ?? null);
    await writeAudit(trx, auditMeta(actor), { action: `case.${input.action}`, entity: "case", entityId: caseId, details: { from: c.status, to } });
    await notifyAll(trx, await participants(trx, c), actor.user.id, "cases.notify.status", { firm: c.firm_name, status: to }, `/cases/${caseId}`);
  });
  return { status: to };
}

async function requireWork(db: Database, actor: UserActor, caseId: number) {
  const { c, rel } = await loadReadable(db, actor, caseId);
  await requirePermission(actor, "work:case", subject(actor, c, rel, "mentor"));
  if (isFinal(c.status)) throw conflict("cases.error.final");
  return { c, rel };
}

export async function saveDiagnosis(actor: UserActor, caseId: number, input: { version: number; confirmedAreas: string[]; diagnosis: string; rootCauses?: string }) {
  const db = await getDb();
  const { c } = await requireWork(db, actor, caseId);
  if (!["diagnosis", "action_plan", "in_progress"].includes(c.status)) throw conflict("cases.error.notAllowed");
  await db.transaction().execute(async (trx) => {
    const n = await q.updateCase(trx, caseId, input.version, { diagnosis: input.diagnosis, root_causes: input.rootCauses ?? null, confirmed_areas: input.confirmedAreas });
    if (!n) throw conflict();
    await writeAudit(trx, auditMeta(actor), { action: "case.diagnosis", entity: "case", entityId: caseId, details: { areas: input.confirmedAreas } });
  });
}

export async function addMilestone(actor: UserActor, caseId: number, input: { title: string; dueOn: string; owner: string }) {
  const db = await getDb();
  const { c } = await requireWork(db, actor, caseId);
  await db.transaction().execute(async (trx) => {
    const m = await trx.insertInto("case_milestones").values({ case_id: caseId, title: input.title, due_on: input.dueOn, owner: input.owner, created_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "case.milestone.added", entity: "case_milestone", entityId: m.id, details: { caseId } });
    await notify(trx, c.entrepreneur_id, "cases.notify.milestone", { firm: c.firm_name, title: input.title }, `/cases/${caseId}`);
  });
}

/** Edits a milestone; a stale version answers 409 (the form keeps what was typed). */
export async function updateMilestone(actor: UserActor, caseId: number, input: { milestoneId: number; version: number; title: string; dueOn: string; owner: string; status: string }) {
  const db = await getDb();
  await requireWork(db, actor, caseId);
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("case_milestones")
      .set({
        title: input.title, due_on: input.dueOn, owner: input.owner, status: input.status,
        done_at: input.status === "done" ? sql`coalesce(done_at, now())` : null,
        version: sql`version + 1`, updated_at: sql`now()`,
      })
      .where("id", "=", input.milestoneId).where("case_id", "=", caseId).where("version", "=", input.version)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) {
      const exists = await trx.selectFrom("case_milestones").select("id").where("id", "=", input.milestoneId).where("case_id", "=", caseId).executeTakeFirst();
      throw exists ? conflict("cases.error.staleMilestone") : notFound();
    }
    await writeAudit(trx, auditMeta(actor), { action: "case.milestone.updated", entity: "case_milestone", entityId: input.milestoneId, details: { caseId, status: input.status } });
  });
}

export async function logSession(actor: UserActor, caseId: number, input: { heldOn: string; minutes: number; mode: string; topics: string; nextSteps?: string }) {
  const db = await getDb();
  const { c } = await requireWork(db, actor, caseId);
  const today = new Date().toISOString().slice(0, 10);
  if (input.heldOn > today) throw badRequest("error.form", { heldOn: "cases.error.futureSession" });
  if (input.heldOn < new Date(c.created_at).toISOString().slice(0, 10)) throw badRequest("error.form", { heldOn: "cases.error.sessionBeforeCase" });
  await db.transaction().execute(async (trx) => {
    const s = await trx.insertInto("case_sessions").values({
      case_id: caseId, mentor_id: actor.user.id, held_on: input.heldOn, minutes: input.minutes, mode: input.mode, topics: input.topics, next_steps: input.nextSteps ?? "",
    }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "case.session", entity: "case_session", entityId: String(s.id), details: { caseId, minutes: input.minutes } });
  });
}

/** Private mentor note: only mentors on the case and staff ever read these. */
export async function addNote(actor: UserActor, caseId: number, body: string) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, caseId);
  await requirePermission(actor, "note:case", subject(actor, c, rel, "mentor"));
  await db.transaction().execute(async (trx) => {
    const n = await trx.insertInto("case_notes").values({ case_id: caseId, author_id: actor.user.id, body }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "case.note", entity: "case_note", entityId: String(n.id), details: { caseId } });
  });
}

export async function addMessage(actor: UserActor, caseId: number, body: string) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, caseId);
  await requirePermission(actor, "message:case", subject(actor, c, rel, "either"));
  await db.transaction().execute(async (trx) => {
    const m = await trx.insertInto("case_messages").values({ case_id: caseId, author_id: actor.user.id, body }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "case.message", entity: "case_message", entityId: String(m.id), details: { caseId } });
    await notifyAll(trx, await participants(trx, c), actor.user.id, "cases.notify.message", { firm: c.firm_name }, `/cases/${caseId}#messages`);
  });
}

export async function addReferral(actor: UserActor, caseId: number, input: { agency: string; note?: string }) {
  const db = await getDb();
  await requireWork(db, actor, caseId);
  const agency = await db.selectFrom("agencies").select("code").where("code", "=", input.agency).where("active", "=", true).executeTakeFirst();
  if (!agency) throw badRequest("error.form", { agency: "error.invalidChoice" });
  await db.transaction().execute(async (trx) => {
    const r = await trx.insertInto("case_referrals").values({ case_id: caseId, agency_code: input.agency, note: input.note ?? "", created_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "case.referral", entity: "case_referral", entityId: r.id, details: { caseId, agency: input.agency } });
  });
}

/**
 * Graduating or closing: records the outcome, moves the case, schedules follow-ups (graduation),
 * then files the jobs with the employment ledger (status reported, for staff to verify).
 */
export async function closeCase(actor: UserActor, caseId: number, input: OutcomeInput) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, caseId);
  const parts = partsOf(actor, c, rel);
  const check = checkTransition(c.status, input.action, parts, { hasOutcome: true, note: input.note });
  if (!check.ok) {
    if (check.reason === "wrong_part") await requirePermission(actor, "work:case", { ownerId: -1, orgUnitIds: [], entity: "case", entityId: caseId });
    if (check.reason === "missing" && check.guard === "note") throw badRequest("error.form", { note: "error.required" });
    throw conflict("cases.error.notAllowed");
  }
  const registrationNo = input.registrationNo ?? c.registration_no;
  const to = check.transition.to;
  const reportId = await db.transaction().execute(async (trx) => {
    const n = await q.updateCase(trx, caseId, input.version, {
      status: to, employees_now: input.employeesNow, jobs_created: input.jobsCreated, jobs_retained: input.jobsRetained,
      revenue_rials: input.revenueRials, funding_rials: input.fundingRials, outcome_note: input.note ?? null, closed_at: new Date(),
      registration_no: registrationNo ?? null,
    });
    if (!n) throw conflict();
    await q.insertHistory(trx, caseId, c.status, to, actor.user.id, input.note ?? null);
    if (to === "graduated") {
      for (const f of followUpDates(new Date())) {
        await trx.insertInto("case_followups").values({ case_id: caseId, months: f.months, due_on: f.dueOn }).onConflict((oc) => oc.doNothing()).execute();
      }
    }
    await writeAudit(trx, auditMeta(actor), {
      action: `case.${input.action}`, entity: "case", entityId: caseId,
      details: { from: c.status, to, employeesNow: input.employeesNow, jobsCreated: input.jobsCreated, jobsRetained: input.jobsRetained },
    });
    await notifyAll(trx, await participants(trx, c), actor.user.id, "cases.notify.status", { firm: c.firm_name, status: to }, `/cases/${caseId}`);
    const reportId = await reportCaseJobs(actor, trx, { ...c, registration_no: registrationNo }, {
      employeesNow: input.employeesNow, jobsCreated: input.jobsCreated, jobsRetained: input.jobsRetained, sourceRef: `cases:${caseId}:close`,
    });
    await trx.updateTable("cases").set({ employment_report_id: String(reportId) }).where("id", "=", caseId).execute();
    return reportId;
  });
  return { status: to, reportId };
}

/** A 6- or 12-month follow-up: staff or the lead mentor record the headcount; it files a new report. */
export async function recordFollowUp(actor: UserActor, input: { followUpId: number; employeesNow: number; jobsRetained: number; note?: string }) {
  const db = await getDb();
  const f = await db.selectFrom("case_followups").selectAll().where("id", "=", input.followUpId).executeTakeFirst();
  if (!f) throw notFound();
  const { c, rel } = await loadReadable(db, actor, f.case_id);
  if (!(hasRole(actor.user, "staff") && allows(actor.user, "manage:case", subject(actor, c, rel, "mentor"))) && !rel.lead) {
    await requirePermission(actor, "manage:case", { ownerId: -1, orgUnitIds: [], entity: "case_followup", entityId: f.id });
  }
  if (f.done_at) throw conflict("cases.error.followUpDone");
  const created = Math.min(c.jobs_created ?? 0, input.employeesNow - input.jobsRetained);
  const reportId = await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("case_followups")
      .set({ done_at: sql`now()`, done_by: actor.user.id, employees_now: input.employeesNow, jobs_retained: input.jobsRetained, note: input.note ?? null, version: sql`version + 1` })
      .where("id", "=", f.id).where("done_at", "is", null).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw conflict("cases.error.followUpDone");
    await writeAudit(trx, auditMeta(actor), { action: "case.followup", entity: "case_followup", entityId: f.id, details: { caseId: c.id, months: f.months, employeesNow: input.employeesNow } });
    const id = await reportCaseJobs(actor, trx, c, {
      employeesNow: input.employeesNow, jobsCreated: Math.max(0, created), jobsRetained: input.jobsRetained, sourceRef: `cases:${c.id}:followup:${f.months}`,
    });
    await trx.updateTable("case_followups").set({ employment_report_id: String(id) }).where("id", "=", f.id).execute();
    return id;
  });
  return { reportId };
}

// ---------------------------------------------------------------- documents (FileStore)

/** At most this many documents in one upload (intake or the case page). */
export const MAX_CASE_DOCUMENTS = 5;

async function mayReadCase(db: Database, actor: UserActor, caseId: number) {
  const c = Number.isInteger(caseId) ? await q.caseById(db, caseId) : undefined;
  if (!c) return false;
  return allows(actor.user, "read:case", subject(actor, c, await relationTo(db, actor, c), "either"));
}

// A case's documents are for the people on the case: its entrepreneur, its active mentors and
// staff (read:file:any). Exclusive: a mentor's `read:file:scope` over the uploader's centre does
// not open them, so a mentor of the same centre who is not on the case is refused.
registerFileAccess("case", {
  exclusive: true,
  canRead: (db, actor, file) => mayReadCase(db, actor, Number(file.entityId)),
  canAttach: (db, actor, entityId) => mayReadCase(db, actor, Number(entityId)),
});

/** Checks and stores every file before anything is recorded; the first refusal discards the rest and names `field`. */
async function prepareDocuments(actor: UserActor, files: IncomingFile[], field: string): Promise<PreparedUpload[]> {
  const done: PreparedUpload[] = [];
  try {
    for (const f of files) done.push(await prepareUpload(actor, f));
  } catch (e) {
    await Promise.all(done.map(discardUpload));
    const fileError = isHttpError(e) ? e.data.fieldErrors?.file : undefined;
    if (fileError) throw badRequest("error.form", { [field]: fileError });
    throw e;
  }
  return done;
}

/**
 * Adds documents to a case: its entrepreneur, its assigned mentors and staff (whoever may read
 * the case). All files are checked first; rows, audit and notifications go in one transaction.
 */
export async function attachCaseDocuments(actor: UserActor, caseId: number, files: IncomingFile[]) {
  const db = await getDb();
  const { c } = await loadReadable(db, actor, caseId);
  if (files.length === 0) throw badRequest("error.form", { file: "error.fileRequired" });
  if (files.length > MAX_CASE_DOCUMENTS) throw badRequest("error.form", { file: "error.tooManyFiles" });
  const prepared = await prepareDocuments(actor, files, "file");
  try {
    await db.transaction().execute(async (trx) => {
      for (const p of prepared) await recordUpload(trx, actor, p, { entity: "case", entityId: caseId });
      await writeAudit(trx, auditMeta(actor), { action: "case.document", entity: "case", entityId: caseId, details: { files: prepared.map((p) => p.id) } });
      await notifyAll(trx, await participants(trx, c), actor.user.id, "cases.notify.document", { firm: c.firm_name }, `/cases/${caseId}#documents`);
    });
  } catch (e) {
    await Promise.all(prepared.map(discardUpload));
    throw e;
  }
  return prepared.map((p) => p.id);
}

/** The case's documents, oldest first, with who uploaded them (403 for anyone not on the case). */
export async function caseDocuments(actor: UserActor, caseId: number) {
  const db = await getDb();
  await loadReadable(db, actor, caseId);
  const rows = await listLinkedFiles(actor, "case", caseId);
  const ownerIds = [...new Set(rows.map((r) => r.owner_id))];
  const names = ownerIds.length ? await db.selectFrom("users").select(["id", "full_name"]).where("id", "in", ownerIds).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, n.full_name]));
  return rows.map((r) => ({ id: r.id, name: r.original_name, size: Number(r.size_bytes), createdAt: r.created_at, uploadedBy: nameOf.get(r.owner_id) ?? "—" }));
}

/**
 * Opens one of a case's documents: anyone not on the case gets 403 with an `authz.denied` audit
 * row; a file that is not this case's answers 404.
 */
export async function openCaseDocument(actor: UserActor, caseId: number, fileId: string) {
  const db = await getDb();
  await loadReadable(db, actor, caseId);
  const linked = await listLinkedFiles(actor, "case", caseId);
  if (!linked.some((f) => f.id === fileId.toLowerCase())) throw notFound();
  return openDownload(actor, fileId);
}

/** Everything the case page shows, cut to what the actor may see (never private notes for the entrepreneur). */
export async function getCase(actor: UserActor, id: number) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, id);
  const parts = partsOf(actor, c, rel);
  const mayNote = allows(actor.user, "note:case", subject(actor, c, rel, "mentor"));
  const mayWork = allows(actor.user, "work:case", subject(actor, c, rel, "mentor"));
  const sessions = await q.caseSessions(db, id);
  const [centre, history, milestones, messages, notes, mentors, referrals, followUps] = await Promise.all([
    c.centre_id ? db.selectFrom("org_units").select(["id", "name_fa", "name_en"]).where("id", "=", c.centre_id).executeTakeFirst() : null,
    q.caseTimeline(db, id),
    q.caseMilestones(db, id),
    q.caseThread(db, "case_messages", id),
    mayNote ? q.caseThread(db, "case_notes", id) : Promise.resolve(null),
    q.caseMentorsOf(db, id),
    q.caseReferrals(db, id),
    q.caseFollowUps(db, id),
  ]);
  const rows = sessions.map((s) => ({ caseId: id, mentorId: s.mentor_id, heldOn: String(s.held_on).slice(0, 10), minutes: s.minutes, mentorName: s.mentor_name }));
  const perMentor = new Map<string, number>();
  for (const r of rows) perMentor.set(r.mentorName, (perMentor.get(r.mentorName) ?? 0) + r.minutes);
  return {
    case: c,
    centre,
    parts,
    actions: actionsFrom(c.status, parts).filter((a) => a !== "graduate" && a !== "close"),
    mayClose: parts.includes("mentor") || parts.includes("staff") ? actionsFrom(c.status, parts).filter((a) => a === "graduate" || a === "close") : [],
    mayWork: mayWork && !isFinal(c.status),
    mayManage: parts.includes("staff"),
    mayNote,
    mayFollowUp: parts.includes("staff") || rel.lead,
    history,
    milestones,
    sessions: parts.length && (parts.includes("mentor") || parts.includes("staff")) ? sessions : sessions.map((s) => ({ ...s, next_steps: s.next_steps })),
    hours: { total: totalHours(rows), perMonth: [...hoursPerMonth(rows)], perMentor: [...perMentor].map(([name, m]) => ({ name, hours: Math.round((m / 60) * 100) / 100 })) },
    messages,
    notes,
    mentors: mentors.filter((m) => m.active || parts.includes("staff")),
    referrals,
    followUps,
  };
}

export async function listCases(actor: UserActor, f: CaseFilters) {
  await requirePermission(actor, "read:case");
  const db = await getDb();
  return q.listPage(db, visibility(actor), f);
}

export async function exportCases(actor: UserActor, f: CaseFilters) {
  await requirePermission(actor, "read:case");
  const db = await getDb();
  await writeAudit(db, auditMeta(actor), { action: "case.export", entity: "case", details: { filters: f } });
  return q.listAll(db, visibility(actor), f);
}

export async function listFollowUps(actor: UserActor) {
  await requirePermission(actor, "read:case");
  const db = await getDb();
  if (hasRole(actor.user, "staff")) return q.dueFollowUps(db, { days: 30 });
  return q.dueFollowUps(db, { leadMentorId: actor.user.id, days: 30 });
}

/** Filter choices for forms and lists. */
export async function caseFormChoices() {
  const [counties, sectors, centres, agencies] = await Promise.all([activeEntries("counties"), activeEntries("sectors"), activeEntries("centres"), activeEntries("agencies")]);
  return { counties, sectors, centres: centres.map((c) => ({ ...c, id: c.id! })), agencies };
}

// ---- home widgets (called from app/modules/accounts/home.server.ts) ----

export async function mentorHome(actor: UserActor) {
  const db = await getDb();
  const me = actor.user.id;
  const today = new Date().toISOString().slice(0, 10);
  const month = jalaliMonthRange(today);
  const [byStatus, milestones, minutes, followUps] = await Promise.all([
    db.selectFrom("case_mentors as cm").innerJoin("cases as c", "c.id", "cm.case_id")
      .select(["c.status", sql<number>`count(*)::int`.as("n")])
      .where("cm.mentor_id", "=", me).where("cm.active", "=", true).groupBy("c.status").execute(),
    q.mentorMilestones(db, me, 14, 20),
    db.selectFrom("case_sessions").select(sql<number>`coalesce(sum(minutes), 0)::int`.as("m"))
      .where("mentor_id", "=", me).where("held_on", ">=", month.start).where("held_on", "<=", month.end).executeTakeFirstOrThrow(),
    q.dueFollowUps(db, { leadMentorId: me, days: 30 }),
  ]);
  return { byStatus, milestones: milestones.map((m) => ({ ...m, overdue: String(m.due_on).slice(0, 10) < today })), hoursThisMonth: Math.round((minutes.m / 60) * 100) / 100, followUps };
}

/** Mentors listed on the staff home (the busiest first); the rest are on /cases/mentors. */
export const HOME_LOADS = 10;
export const HOME_FOLLOW_UPS = 10;

// The staff home's counts read every case; they are cached per process (decision 0014) and dropped by
// any audited change of a case, a capacity or a user (role); capacity checks never use them.
const staffCounts = memo(["case", "mentor_capacity", "user", "setting"], 30_000, async () => {
  const db = await getDb();
  const capacity = await q.settingNumber(db, CAPACITY_KEY, 8);
  const [loads, perStage, perCentre] = await Promise.all([
    q.mentorLoads(db, capacity),
    db.selectFrom("cases").select(["kind", "status", sql<number>`count(*)::int`.as("n")]).groupBy(["kind", "status"]).execute(),
    db.selectFrom("cases as c").innerJoin("org_units as ou", "ou.id", "c.centre_id")
      .select(["ou.id", "ou.name_fa", "ou.name_en", sql<number>`count(*)::int`.as("n")])
      .where("c.status", "in", [...ACTIVE]).groupBy(["ou.id", "ou.name_fa", "ou.name_en"]).orderBy("ou.name_fa").execute(),
  ]);
  const load = (l: (typeof loads)[number]) => (l.active_cases ?? 0) / Math.max(1, l.max_active);
  const busiest = [...loads].sort((a, b) => load(b) - load(a) || (b.active_cases ?? 0) - (a.active_cases ?? 0)).slice(0, HOME_LOADS);
  return {
    loads: busiest,
    mentorCount: new Set(loads.map((l) => l.id)).size,
    fullCount: new Set(loads.filter((l) => (l.active_cases ?? 0) >= l.max_active).map((l) => l.id)).size,
    perStage,
    perCentre,
  };
});

export async function staffHome(_actor: UserActor) {
  const db = await getDb();
  const [emergencies, counts, followUps] = await Promise.all([
    db.selectFrom("cases").select(["id", "firm_name", "urgency", "triage_due_at", "status", "created_at"])
      .where("status", "in", ["intake", "triage"]).where("triage_due_at", "is not", null)
      .orderBy("triage_due_at").limit(20).execute(),
    staffCounts.get("all"),
    q.dueFollowUps(db, { days: 30, limit: HOME_FOLLOW_UPS + 1 }),
  ]);
  return { emergencies, ...counts, followUps: followUps.slice(0, HOME_FOLLOW_UPS), moreFollowUps: followUps.length > HOME_FOLLOW_UPS };
}

export async function entrepreneurHome(actor: UserActor) {
  const db = await getDb();
  return db.selectFrom("cases").select(["id", "kind", "status", "firm_name", "triage_due_at", "updated_at"])
    .where("entrepreneur_id", "=", actor.user.id).orderBy("id", "desc").limit(20).execute();
}

/** The cases widgets for the home page, one per role the actor holds. */
export async function casesHome(actor: UserActor) {
  return {
    mentor: hasRole(actor.user, "mentor") ? await mentorHome(actor) : null,
    staff: hasRole(actor.user, "staff") ? await staffHome(actor) : null,
    entrepreneur: hasRole(actor.user, "entrepreneur") ? await entrepreneurHome(actor) : null,
    now: Date.now(),
  };
}
export type CasesHomeData = Awaited<ReturnType<typeof casesHome>>;
