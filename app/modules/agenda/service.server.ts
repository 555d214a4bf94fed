import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, refuse, requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { grantLevel, holds, scopeUnits } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import { referenceEntries, referenceOptions } from "~/modules/reference/service.server";
import { discardUpload, listLinkedFiles, openDownload, prepareUploads, recordUpload, registerFileAccess, type IncomingFile } from "~/modules/files/service.server";
import { isSubjectKind, registeredSubjectKinds, subjectResolver, type SubjectKind, type SubjectSummary } from "~/modules/subjects/registry.server";
import { now, todayTehran } from "~/i18n/clock";
import type { Locale } from "~/i18n/locale";
import * as q from "./queries.server";
import type { ObstacleFilters, ObstacleInput, TransitionInput } from "./schema";
import { checkObstacle, dueOn, isOpen, isOverdue, daysOpen, obstacleActions, OBSTACLE_CATEGORIES, type ObstaclePart } from "./workflow";

// Obstacles (issue 14): raised on a record of another module (a "subject", checked through that
// module's registered resolver: who cannot see the record gets 404 and learns nothing), worked by the
// responsible agency's officers through the workflow in workflow.ts, escalated by staff. An obstacle
// never reports jobs: resolving it asks the subject's people to update their figures, which reach the
// ledger through the subject's own path.

export const MAX_EVIDENCE = 5;

/** The agencies whose officer the actor is. */
export async function agenciesOf(db: Database, actor: UserActor): Promise<string[]> {
  const units = actor.user.roles.filter((r) => r.role === "agency_officer" && r.orgUnitId != null).map((r) => r.orgUnitId!);
  return q.agenciesOfUnits(db, units);
}

/**
 * Staff held in a centre (decisions 0015, 0053) see the obstacles on their centre's records: their
 * units for `permission`, "all" for directorate staff, null for whoever is not staff.
 */
export function staffScope(actor: UserActor, permission: "read:obstacle" | "read:agenda"): "all" | number[] | null {
  const held = actor.user.roles.filter((r) => r.role === "staff");
  return held.length ? scopeUnits(held, permission) : null;
}

/** The subjects held in these units, as their modules say (only kinds whose records belong to a centre: cases). */
export function subjectsOfUnits(db: Database, units: readonly number[]): q.SubjectsIn {
  if (!units.length) return [];
  return registeredSubjectKinds().flatMap((kind) => {
    const ids = subjectResolver(kind)?.idsInUnits?.(db, units);
    return ids ? [{ kind, ids }] : [];
  });
}

/** Escalation and the meeting list are the working group's, whose secretariat is the directorate: centre staff get 403. */
async function requireProvinceEscalation(actor: UserActor, entityId?: number) {
  await requireGrant(actor, "escalate:obstacle", { entity: "obstacle" });
  if (scopeUnits(actor.user.roles, "escalate:obstacle") !== "all") await refuse(actor, "escalate:obstacle", { entity: "obstacle", entityId });
}

function resolverOr404(kind: string) {
  if (!isSubjectKind(kind)) throw notFound();
  const r = subjectResolver(kind);
  if (!r) throw notFound();
  return r;
}

/** 404 unless the actor may see the subject (missing and forbidden look the same). */
async function seeSubject(db: Database, actor: UserActor, kind: string, id: number): Promise<SubjectSummary> {
  const r = resolverOr404(kind);
  if (!(await r.canSee(db, actor, id))) throw notFound();
  const d = (await r.describe(db, [id])).get(id);
  if (!d) throw notFound();
  return d;
}

async function partsOf(db: Database, actor: UserActor, o: q.ObstacleRow): Promise<ObstaclePart[]> {
  const parts: ObstaclePart[] = [];
  const mine = await agenciesOf(db, actor);
  if (mine.includes(o.agency_code) && holds(actor.user, "work:obstacle")) parts.push("officer");
  if (parts.includes("officer") && o.assignee_id === actor.user.id) parts.push("assignee");
  if (grantLevel(actor.user.roles, "read:obstacle") === "any") parts.push("staff");
  if (o.raised_by === actor.user.id) parts.push("subject");
  else if (!parts.length && holds(actor.user, "read:obstacle")) {
    const r = isSubjectKind(o.subject_kind) ? subjectResolver(o.subject_kind) : undefined;
    if (r && (await r.canSee(db, actor, o.subject_id))) parts.push("subject");
  }
  return parts;
}

/** Loads an obstacle the actor may read, with their parts (404 for everyone else: no hint it exists). */
async function loadReadable(db: Database, actor: UserActor, id: number) {
  const o = await q.obstacleById(db, id);
  if (!o) throw notFound();
  const parts = await partsOf(db, actor, o);
  if (!parts.length) throw notFound();
  return { o, parts };
}

registerFileAccess("obstacle", {
  async canRead(db, actor, file) {
    const o = await q.obstacleById(db, Number(file.entityId) || -1);
    return !!o && (await partsOf(db, actor, o)).length > 0;
  },
});

/** Before a raise form is read: the grant (403) and the subject (404). */
export async function assertCanRaise(actor: UserActor, kind: string, id: number) {
  await requireGrant(actor, "create:obstacle", { entity: "obstacle" });
  await seeSubject(await getDb(), actor, kind, id);
}

/** Before an obstacle's form is read: 404 for whoever may not read it. */
export async function assertReadable(actor: UserActor, id: number) {
  await loadReadable(await getDb(), actor, id);
}

/** What the raise form needs: the subject as its module describes it, categories with their service time, active agencies. */
export async function raiseForm(actor: UserActor, kind: string, id: number, locale: Locale) {
  await requireGrant(actor, "create:obstacle", { entity: "obstacle" });
  const db = await getDb();
  const subject = await seeSubject(db, actor, kind, id);
  const [cats, agencies] = await Promise.all([q.categories(db), referenceOptions("agencies", locale)]);
  return { subject: { kind, id, ...subject }, categories: cats, agencies };
}

/** Raises an obstacle (evidence files through the FileStore, all or nothing). */
export async function raiseObstacle(actor: UserActor, input: ObstacleInput, evidence: IncomingFile[] = []) {
  await requireGrant(actor, "create:obstacle", { entity: "obstacle" });
  const db = await getDb();
  const subject = await seeSubject(db, actor, input.subjectKind, input.subjectId);
  const today = todayTehran();
  const errors: Record<string, string> = {};
  const agency = await q.activeAgency(db, input.agency);
  if (!agency) errors.agency = "agenda.error.agencyInactive";
  if (input.beganOn > today) errors.beganOn = "agenda.error.beganFuture";
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  if (evidence.length > MAX_EVIDENCE) throw badRequest("error.form", { evidence: "agenda.error.tooManyFiles" });
  const prepared = await prepareUploads(actor, evidence, "evidence");
  const sla = await q.slaDays(db, input.category);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("obstacles")
        .values({
          subject_kind: input.subjectKind, subject_id: input.subjectId, county_code: subject.countyCode ?? null, category: input.category,
          agency_code: input.agency, description: input.description, jobs_created: input.jobsCreated, jobs_retained: input.jobsRetained,
          began_on: input.beganOn, raised_on: today, due_on: dueOn(today, sla), raised_by: actor.user.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await q.addEvent(trx, { obstacle_id: row.id, action: "raise", from_status: null, to_status: "open", actor_id: actor.user.id, note: null });
      for (const p of prepared) await recordUpload(trx, actor, p, { entity: "obstacle", entityId: row.id });
      await writeAudit(trx, auditMeta(actor), {
        action: "obstacle.raised", entity: "obstacle", entityId: row.id,
        details: { subject: `${input.subjectKind}:${input.subjectId}`, agency: input.agency, category: input.category, jobs: input.jobsCreated + input.jobsRetained, files: prepared.length },
      });
      await tellEveryone(trx, actor, { ...input, id: row.id, agency_code: input.agency, subject_kind: input.subjectKind, subject_id: input.subjectId, raised_by: actor.user.id }, "agenda.notify.raised");
      return { id: row.id };
    });
  } catch (e) {
    await Promise.all(prepared.map(discardUpload));
    throw e;
  }
}

/** Everyone involved: the subject's people, who raised it, the agency's officers (never the actor). */
async function tellEveryone(trx: Database, actor: UserActor, o: { id: number; agency_code: string; subject_kind: string; subject_id: number; raised_by: number }, key: string, params: Record<string, unknown> = {}) {
  const r = isSubjectKind(o.subject_kind) ? subjectResolver(o.subject_kind) : undefined;
  const people = new Set<number>([o.raised_by, ...((await r?.participants?.(trx, o.subject_id)) ?? []), ...(await q.officersOf(trx, o.agency_code)).map((u) => u.id)]);
  people.delete(actor.user.id);
  for (const id of people) await notify(trx, id, key, { id: o.id, ...params }, `/agenda/obstacles/${o.id}`);
}

/** One obstacle with its subject (as the subject's module describes it), history, evidence and the actions the actor may take. */
export async function obstaclePage(actor: UserActor, id: number, locale: Locale) {
  const db = await getDb();
  const { o, parts } = await loadReadable(db, actor, id);
  const today = todayTehran();
  const r = isSubjectKind(o.subject_kind) ? subjectResolver(o.subject_kind) : undefined;
  const [described, history, files, officers, agencies] = await Promise.all([
    r?.describe(db, [o.subject_id]),
    q.events(db, id),
    listLinkedFiles(actor, "obstacle", id),
    parts.includes("officer") ? q.officersOf(db, o.agency_code) : Promise.resolve([]),
    referenceEntries("agencies"),
  ]);
  const subjectSeen = parts.includes("staff") || parts.includes("subject") || (r ? await r.canSee(db, actor, o.subject_id) : false);
  const summary = described?.get(o.subject_id);
  const agency = agencies.find((a) => a.code === o.agency_code);
  return {
    obstacle: { ...o, jobs_created: Number(o.jobs_created), jobs_retained: Number(o.jobs_retained), overdue: isOverdue(o, today), days_open: daysOpen(o, today) },
    agencyName: agency ? (locale === "fa" ? agency.name_fa : agency.name_en) : o.agency_code,
    // An officer sees the subject summarised (its title and county), and its link only when its own module lets them open it.
    subject: summary ? { title: summary.title, link: subjectSeen ? summary.link : null } : null,
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
    files: files.map((f) => ({ id: f.id, name: f.original_name })),
    actions: obstacleActions(parts, { status: o.status, closedOn: o.closed_on, today }),
    officers: officers.map((u) => ({ value: String(u.id), label: u.full_name })),
    canEscalate: parts.includes("staff") && holds(actor.user, "escalate:obstacle") && isOpen(o.status) && !o.escalated_on,
    waitsOnOwner: o.status === "resolved" && parts.includes("subject"),
  };
}

const CONFLICT_KEYS: Record<string, string> = {
  not_allowed: "agenda.error.stale", wrong_part: "agenda.error.notYours", reopen_window: "agenda.error.reopenWindow",
};

/** Moves an obstacle (409 for a stale form, a concurrent take or an illegal move; the form keeps what was typed). */
export async function moveObstacle(actor: UserActor, id: number, input: TransitionInput) {
  const db = await getDb();
  const { o, parts } = await loadReadable(db, actor, id);
  if (!parts.some((p) => p !== "subject") && parts.includes("subject") && input.action !== "reopen") await refuse(actor, "work:obstacle", { entity: "obstacle", entityId: id });
  const today = todayTehran();
  if (o.version !== input.version) throw conflict("agenda.error.stale");
  const check = checkObstacle(input.action, parts, { status: o.status, closedOn: o.closed_on, today, note: input.note });
  if (!check.ok) {
    if (check.reason === "note") throw badRequest("error.form", { note: input.action === "resolve" ? "agenda.error.whatWasDone" : "error.required" });
    if (check.reason === "wrong_part" && !parts.includes("officer") && !parts.includes("staff")) await refuse(actor, "work:obstacle", { entity: "obstacle", entityId: id });
    throw conflict(CONFLICT_KEYS[check.reason]);
  }
  const t = check.transition;
  let assignee: number | null = o.assignee_id;
  if (t.action === "take") assignee = actor.user.id;
  if (t.action === "assign") {
    const officers = await q.officersOf(db, o.agency_code);
    assignee = input.assigneeId ?? actor.user.id;
    if (!officers.some((u) => u.id === assignee)) throw badRequest("error.form", { assigneeId: "error.invalidChoice" });
  }
  if (t.action === "reopen") assignee = null;
  const closing = t.to === "resolved" || t.to === "unresolvable";
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("obstacles")
      .set({
        status: t.to, assignee_id: assignee, version: o.version + 1, updated_at: now(),
        ...(closing ? { closed_on: today, closing_note: input.note ?? null } : {}),
        ...(t.action === "reopen" ? { closed_on: null, closing_note: null } : {}),
      })
      .where("id", "=", id)
      .where("version", "=", input.version)
      .where("status", "=", o.status)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict(t.action === "take" ? "agenda.error.taken" : "agenda.error.stale");
    await q.addEvent(trx, { obstacle_id: id, action: t.action, from_status: o.status, to_status: t.to, actor_id: actor.user.id, note: input.note ?? null });
    await writeAudit(trx, auditMeta(actor), { action: `obstacle.${t.action}`, entity: "obstacle", entityId: id, details: { from: o.status, to: t.to, assignee } });
    await tellEveryone(trx, actor, o, `agenda.notify.${t.action}`);
    if (assignee && assignee !== actor.user.id && (t.action === "assign")) await notify(trx, assignee, "agenda.notify.assignedToYou", { id }, `/agenda/obstacles/${id}`);
  });
}

/** Before an escalation form is read: 404 for whoever may not read the obstacle, 403 for whoever may not escalate (centre staff). */
export async function assertCanEscalate(actor: UserActor, id: number) {
  await loadReadable(await getDb(), actor, id);
  await requireProvinceEscalation(actor, id);
}

/** Staff flag an open obstacle for the working group's meeting (a note and Tehran's date). */
export async function escalateObstacle(actor: UserActor, id: number, input: { version: number; note: string }) {
  const db = await getDb();
  const { o } = await loadReadable(db, actor, id);
  await requireProvinceEscalation(actor, id);
  if (o.version !== input.version) throw conflict("agenda.error.stale");
  if (!isOpen(o.status) || o.escalated_on) throw conflict("agenda.error.stale");
  const today = todayTehran();
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("obstacles")
      .set({ escalated_on: today, escalation_note: input.note, escalated_by: actor.user.id, version: o.version + 1, updated_at: now() })
      .where("id", "=", id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict("agenda.error.stale");
    await q.addEvent(trx, { obstacle_id: id, action: "escalate", from_status: o.status, to_status: o.status, actor_id: actor.user.id, note: input.note });
    await writeAudit(trx, auditMeta(actor), { action: "obstacle.escalated", entity: "obstacle", entityId: id, details: { note: input.note } });
    await tellEveryone(trx, actor, o, "agenda.notify.escalate");
  });
}

/** The obstacles list: directorate staff every one, centre staff their centre's, an officer their agency's, others those they raised. */
export async function listObstacles(actor: UserActor, f: ObstacleFilters, after: number | null, locale: Locale) {
  const level = await requireGrant(actor, "read:obstacle", { entity: "obstacle" });
  const db = await getDb();
  const today = todayTehran();
  const agencies = await agenciesOf(db, actor);
  const centre = staffScope(actor, "read:obstacle");
  const scope = { any: level === "any", agencies, raisedBy: actor.user.id, subjects: Array.isArray(centre) ? subjectsOfUnits(db, centre) : undefined };
  const [page, agencyOptions] = await Promise.all([q.listObstacles(db, f, scope, today, after), referenceOptions("agencies", locale)]);
  const subjects = await describeAll(db, page.rows);
  return {
    rows: page.rows.map((o) => ({
      id: o.id, category: o.category, agency_code: o.agency_code, status: o.status, due_on: o.due_on, raised_on: o.raised_on,
      jobs: Number(o.jobs_created) + Number(o.jobs_retained), assignee_name: o.assignee_name, escalated: !!o.escalated_on,
      overdue: isOverdue(o, today), subject: subjects.get(`${o.subject_kind}:${o.subject_id}`)?.title ?? null,
    })),
    next: page.next,
    agencies: level === "any" ? agencyOptions : agencyOptions.filter((a) => agencies.includes(a.value)),
    allAgencies: agencyOptions,
    officer: agencies.length > 0,
    staff: level === "any",
  };
}

/**
 * One-line titles of the subjects of a page of obstacles: one describe call per kind, all at once (a
 * page of every subject kind was that many round trips one after another).
 */
async function describeAll(db: Database, rows: { subject_kind: string; subject_id: number }[]) {
  const out = new Map<string, SubjectSummary>();
  const byKind = new Map<SubjectKind, number[]>();
  for (const r of rows) if (isSubjectKind(r.subject_kind)) byKind.set(r.subject_kind, [...(byKind.get(r.subject_kind) ?? []), r.subject_id]);
  const kinds = [...byKind];
  const described = await Promise.all(kinds.map(([kind, ids]) => subjectResolver(kind)?.describe(db, [...new Set(ids)])));
  kinds.forEach(([kind], i) => {
    for (const [id, s] of described[i] ?? []) out.set(`${kind}:${id}`, s);
  });
  return out;
}

/**
 * The obstacles on one subject, for the subject's own page (its module already checked the reader
 * may see it). `canRaise`: the reader may raise one here.
 */
export async function subjectObstacles(actor: UserActor, kind: SubjectKind, id: number) {
  const db = await getDb();
  const today = todayTehran();
  const rows = await q.obstaclesOfSubject(db, kind, id);
  return {
    rows: rows.map((o) => ({ ...o, jobs: Number(o.jobs_created) + Number(o.jobs_retained), overdue: isOverdue(o, today), open: isOpen(o.status) })),
    canRaise: holds(actor.user, "create:obstacle"),
    raiseLink: `/agenda/obstacles/new?kind=${kind}&id=${id}`,
  };
}

/** The escalated obstacles still open, one printable page for the working group's meeting. */
export async function meetingList(actor: UserActor, locale: Locale) {
  await requireProvinceEscalation(actor);
  const db = await getDb();
  const today = todayTehran();
  const [rows, agencies] = await Promise.all([q.escalated(db), referenceEntries("agencies")]);
  const subjects = await describeAll(db, rows);
  const name = (code: string) => {
    const a = agencies.find((x) => x.code === code);
    return a ? (locale === "fa" ? a.name_fa : a.name_en) : code;
  };
  return {
    today,
    rows: rows.map((o) => ({
      id: o.id, agency: name(o.agency_code), category: o.category, subject: subjects.get(`${o.subject_kind}:${o.subject_id}`)?.title ?? "—",
      jobs: Number(o.jobs_created) + Number(o.jobs_retained), days_open: daysOpen(o, today), escalated_on: o.escalated_on, note: o.escalation_note,
      overdue: isOverdue(o, today), status: o.status,
    })),
  };
}

export const CATEGORY_LIST = OBSTACLE_CATEGORIES;

/**
 * Evidence added after an obstacle was raised (issue 14 item 2): whoever may read the obstacle adds
 * files through the FileStore (all or nothing, five at most in all), with a timeline row and an audit
 * row; everyone involved is told.
 */
export async function addEvidence(actor: UserActor, id: number, evidence: IncomingFile[]) {
  const db = await getDb();
  const { o } = await loadReadable(db, actor, id);
  if (!evidence.length) throw badRequest("error.form", { evidence: "error.required" });
  const existing = await listLinkedFiles(actor, "obstacle", id);
  if (existing.length + evidence.length > MAX_EVIDENCE) throw badRequest("error.form", { evidence: "agenda.error.tooManyFiles" });
  const prepared = await prepareUploads(actor, evidence, "evidence");
  try {
    await db.transaction().execute(async (trx) => {
      for (const p of prepared) await recordUpload(trx, actor, p, { entity: "obstacle", entityId: id });
      await q.addEvent(trx, { obstacle_id: id, action: "evidence", from_status: o.status, to_status: o.status, actor_id: actor.user.id, note: null });
      await writeAudit(trx, auditMeta(actor), { action: "obstacle.evidence", entity: "obstacle", entityId: id, details: { files: prepared.length } });
      await tellEveryone(trx, actor, o, "agenda.notify.evidence");
    });
  } catch (e) {
    await Promise.all(prepared.map(discardUpload));
    throw e;
  }
}

/** Opens one evidence file of an obstacle the actor may read (404 otherwise), then the FileStore's own check. */
export async function openEvidence(actor: UserActor, id: number, fileId: string) {
  const db = await getDb();
  await loadReadable(db, actor, id);
  const linked = await listLinkedFiles(actor, "obstacle", id);
  if (!linked.some((f) => f.id === fileId.toLowerCase())) throw notFound();
  return openDownload(actor, fileId);
}
