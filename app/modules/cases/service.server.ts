import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict } from "~/lib/http";
import { searchForm } from "~/i18n/normalise";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, scopeUnits } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { activeEntries } from "~/modules/reference/service.server";
import { notify } from "~/modules/notifications/service.server";
import { discardUpload, prepareUploads, recordUpload, type IncomingFile } from "~/modules/files/service.server";
import * as q from "./queries.server";
import { checkCentre, loadReadable, notifyAll, partsOf, subject } from "./access.server";
import { MAX_CASE_DOCUMENTS } from "./documents.server";
import { caseReports, followUpIdea, ideaLabel } from "./links.server";
import type { CaseFilters, EmergencyInput, OpenCaseInput } from "./schema";
import { hoursPerMonth, totalHours } from "./hours";
import { actionsFrom, isFinal, nextStep } from "./workflow";
import { nowMs } from "~/i18n/clock";
import { registerHandover } from "~/modules/subjects/handovers.server";
import { caseForIdea, openCaseFromIdea } from "./from-idea.server";

// Use cases for cases: each takes the actor first, checks the permission table, and changes the
// database in one transaction with its status-history, audit and notification rows.
// This file holds intake (emergency filing, staff opening), reading a case and the case lists;
// staffing is in ./assignment.server, working a case in ./work.server, closing and follow-ups in
// ./closing.server, documents in ./documents.server, the home widgets in ./homes.server.

export const SLA_KEY = "cases.emergency_sla_hours";

// Accepting an idea with path acceleration or consulting opens its case (./from-idea.server, decision 0017).
registerHandover("case.fromAcceptedIdea", openCaseFromIdea);
registerHandover("case.forIdea", caseForIdea);

/** Throws 404/403 unless the actor may read the case (actions check this before parsing a form). */
export async function assertCaseReadable(actor: UserActor, id: number) {
  await loadReadable(await getDb(), actor, id);
}

/** Throws 403 unless the actor may see case lists and follow-ups. */
export async function assertCasesReader(actor: UserActor) {
  await requireGrant(actor, "read:case");
}

/** Throws 403 unless the actor may manage cases (staff: directorate staff every case, centre staff their centre's). */
export async function assertCaseManager(actor: UserActor) {
  await requireGrant(actor, "manage:case", { entity: "case" });
}

function visibility(actor: UserActor): q.Visibility {
  const units = scopeUnits(actor.user.roles, "read:case");
  return { any: units === "all", userId: actor.user.id, centreIds: units === "all" ? [] : units };
}

function searchText(...parts: (string | null | undefined)[]) {
  return searchForm(parts.filter(Boolean).join(" "));
}

async function staffIds(db: Database) {
  return (await db.selectFrom("role_assignments").select("user_id").where("role", "=", "staff").execute()).map((r) => r.user_id);
}

async function checkReference(db: Database, county: string | undefined, sector: string | undefined, errors: Record<string, string>) {
  if (county && !(await db.selectFrom("counties").select("code").where("code", "=", county).where("active", "=", true).executeTakeFirst())) errors.county = "error.invalidChoice";
  if (sector && !(await db.selectFrom("sectors").select("code").where("code", "=", sector).where("active", "=", true).executeTakeFirst())) errors.sector = "error.invalidChoice";
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
  const prepared = await prepareUploads(actor, documents, "documents");
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
          triage_due_at: new Date(nowMs() + hours * 3_600_000),
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
  await requireGrant(actor, "manage:case", { entity: "case" });
  const db = await getDb();
  const errors: Record<string, string> = {};
  // Centre staff open cases in their own centre only (the centre defaults to theirs).
  const scope = scopeUnits(actor.user.roles, "manage:case");
  if (scope !== "all") {
    if (!input.centreId && scope.length) input = { ...input, centreId: scope[0] };
    if (!input.centreId || !scope.includes(input.centreId)) errors.centreId = "error.invalidChoice";
  }
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
    await q.insertHistory(trx, row.id, null, "intake", actor.user.id, null); // the timeline names the idea from idea_id
    await writeAudit(trx, auditMeta(actor), { action: "case.opened", entity: "case", entityId: row.id, details: { kind: input.kind, ideaId } });
    await notify(trx, owner, "cases.notify.opened", { firm: firmName }, `/cases/${row.id}`);
    return { id: row.id };
  });
}

/** Everything the case page shows, cut to what the actor may see (never private notes for the entrepreneur). */
export async function getCase(actor: UserActor, id: number) {
  const db = await getDb();
  const { c, rel } = await loadReadable(db, actor, id);
  const parts = partsOf(actor, c, rel);
  const mayNote = allows(actor.user, "note:case", subject(actor, c, rel, "mentor"));
  const mayWork = allows(actor.user, "work:case", subject(actor, c, rel, "mentor"));
  const sessions = await q.caseSessions(db, id);
  const [centre, idea, history, milestones, messages, notes, mentors, referrals, followUps] = await Promise.all([
    c.centre_id ? db.selectFrom("org_units").select(["id", "name_fa", "name_en"]).where("id", "=", c.centre_id).executeTakeFirst() : null,
    c.idea_id ? ideaLabel(db, c.idea_id) : null,
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
    idea,
    parts,
    actions: actionsFrom(c.status, parts).filter((a) => a !== "graduate" && a !== "close"),
    mayClose: parts.includes("mentor") || parts.includes("staff") ? actionsFrom(c.status, parts).filter((a) => a === "graduate" || a === "close") : [],
    mayWork: mayWork && !isFinal(c.status),
    mayManage: parts.includes("staff"),
    next: nextStep(c.status, { hasLeadMentor: !!c.lead_mentor_id, hasDiagnosis: !!c.diagnosis, milestones: milestones.filter((m) => m.status !== "dropped").length }),
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
    reports: await caseReports(actor, [c.employment_report_id, ...followUps.map((f) => f.employment_report_id)]),
  };
}

export async function listCases(actor: UserActor, f: CaseFilters) {
  await requireGrant(actor, "read:case");
  const db = await getDb();
  return q.listPage(db, visibility(actor), f);
}

export async function exportCases(actor: UserActor, f: CaseFilters) {
  await requireGrant(actor, "read:case");
  const db = await getDb();
  await writeAudit(db, auditMeta(actor), { action: "case.export", entity: "case", details: { filters: f } });
  return q.listAll(db, visibility(actor), f);
}

/** Filter choices for forms and lists. */
export async function caseFormChoices() {
  const [counties, sectors, centres, agencies] = await Promise.all([activeEntries("counties"), activeEntries("sectors"), activeEntries("centres"), activeEntries("agencies")]);
  return { counties, sectors, centres: centres.map((c) => ({ ...c, id: c.id! })), agencies };
}
