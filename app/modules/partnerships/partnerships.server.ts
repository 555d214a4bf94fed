import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, isHttpError, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { reportEmployment } from "~/modules/employment/service.server";
import {
  discardUpload, listLinkedFiles, prepareUpload, recordUpload, type IncomingFile, type PreparedUpload,
} from "~/modules/files/service.server";
import { notify } from "~/modules/notifications/service.server";
import { todayTehran } from "~/i18n/clock";
import * as q from "./queries.server";
import { MILLION, type CompleteInput, type ResultInput, type SignInput } from "./schema";
import { checkVersion, companyIdsOf, industryIdsOf, loadPartnership, partsOf } from "./service.server";
import {
  achievement, MILESTONE_WORKING, milestoneFlow, PARTNERSHIP_MEASURING, PARTNERSHIP_PLANNING, partnershipFlow, type MilestoneAction, type Part,
  type PartnershipAction,
} from "./workflow";

// Partnerships: opened by an award (proposed), then negotiating, signed (contract value, dates and
// the signed document), in progress (milestones delivered by the company and accepted by the
// industry; target metrics with a baseline, measured before completion, with evidence), completed
// (jobs created at the company and at the industry go to the ledger, one report per enterprise) or
// terminated with a reason. Every step: a timeline row, an audit row, the other side told, and the
// company's rollups (load, sector experience, results) rewritten in the same transaction.

export const PAGE = 25;

/** Stores an uploaded file before the transaction; its row is written inside it (or the bytes removed). */
async function prepared(actor: UserActor, file: IncomingFile | null, field: string): Promise<PreparedUpload | null> {
  if (!file) return null;
  try {
    return await prepareUpload(actor, file);
  } catch (e) {
    const key = isHttpError(e) ? (e.data.fieldErrors as Record<string, string> | undefined)?.file : undefined;
    if (key) throw badRequest("error.form", { [field]: key });
    throw e;
  }
}

async function withUpload<T>(upload: PreparedUpload | null, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (upload) await discardUpload(upload);
    throw e;
  }
}

async function tellOtherSide(trx: Database, ps: { company_id: number; industry_id: number }, by: Part[], key: string, params: Record<string, unknown>, link: string) {
  const to = by.includes("industry") ? await q.repsOf(trx, [ps.company_id], "company_rep") : await q.repsOf(trx, [ps.industry_id], "industry_rep");
  for (const u of to) await notify(trx, u, key, params, link);
}

/** Route actions check this before reading a form: a representative of either party (403 and an audit row otherwise). */
export async function requirePartnershipParty(actor: UserActor, id: number) {
  await loadPartnership(await getDb(), actor, id, "work:partnership");
}

export async function partnershipPage(actor: UserActor, id: number) {
  const db = await getDb();
  const ps = await loadPartnership(db, actor, id, "read:partnership");
  const parts = partsOf(actor, ps);
  const [milestones, results, events, files] = await Promise.all([
    q.milestonesOf(db, id), q.resultsOf(db, id), q.eventsOf(db, "partnership", id), listLinkedFiles(actor, "partnership", id),
  ]);
  const working = MILESTONE_WORKING.includes(ps.status as never);
  return {
    partnership: ps,
    parts,
    actions: partnershipFlow.actionsFrom(ps.status, parts),
    milestones: milestones.map((m) => ({ ...m, actions: working ? milestoneFlow.actionsFrom(m.status, parts) : [] })),
    results: results.map((r) => ({ ...r, achievement: achievement({ baseline: Number(r.baseline), target: Number(r.target), measured: r.measured == null ? null : Number(r.measured) }) })),
    canPlan: parts.length > 0 && PARTNERSHIP_PLANNING.includes(ps.status as never),
    canSetResults: parts.includes("industry") && PARTNERSHIP_PLANNING.includes(ps.status as never),
    canMeasure: parts.includes("industry") && PARTNERSHIP_MEASURING.includes(ps.status as never),
    canConsent: parts.includes("industry"),
    seesLedger: allows(actor.user, "read:employment"),
    events,
    files: files.map((f) => ({ id: f.id, name: f.original_name })),
  };
}

/**
 * One step of the partnership. `sign` needs the contract value, the dates, the scope and the signed
 * document; `complete` needs every milestone accepted and a measured result, and files the jobs;
 * `terminate` needs the reason.
 */
export async function transitionPartnership(
  actor: UserActor,
  id: number,
  action: PartnershipAction,
  input: { note?: string; version?: number; sign?: SignInput; complete?: CompleteInput; document?: IncomingFile | null },
) {
  const db = await getDb();
  const loaded = await loadPartnership(db, actor, id, "work:partnership");
  const parts = partsOf(actor, loaded);
  if (!parts.length) throw notFound();
  if (action === "sign" && !input.document) throw badRequest("error.form", { document: "error.partnerships.documentRequired" });
  const upload = action === "sign" ? await prepared(actor, input.document ?? null, "document") : null;
  await withUpload(upload, () => db.transaction().execute(async (trx) => {
    const ps = await trx.selectFrom("partnerships").select(["status", "version"]).where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    checkVersion(ps.version, input.version, "error.partnerships.stale");
    const counts = await trx
      .selectFrom("partnership_milestones")
      .select([sql<number>`count(*)::int`.as("n"), sql<number>`count(*) FILTER (WHERE status = 'accepted')::int`.as("accepted")])
      .where("partnership_id", "=", id)
      .executeTakeFirstOrThrow();
    const measured = await trx.selectFrom("partnership_results").select(sql<number>`count(*)::int`.as("n")).where("partnership_id", "=", id).where("measured", "is not", null).executeTakeFirstOrThrow();
    const check = partnershipFlow.check(ps.status, action, parts, {
      note: input.note, contract: !!(input.sign && upload), milestones: counts.n, milestonesAccepted: counts.accepted, measuredResults: measured.n,
    });
    if (!check.ok) {
      if (check.reason === "missing" && check.guard === "note") throw badRequest("error.form", { note: "error.partnerships.noteRequired" });
      if (check.reason === "missing") throw conflict(`partnerships.guard.${check.guard}`);
      throw conflict("error.partnerships.transition");
    }
    const to = check.transition.to;
    const set: Record<string, unknown> = { status: to, version: sql`version + 1`, updated_at: sql`now()` };
    if (action === "sign" && input.sign && upload) {
      await recordUpload(trx, actor, upload, { entity: "partnership", entityId: id });
      Object.assign(set, {
        contract_value: input.sign.contractValue * MILLION, starts_on: input.sign.startsOn, ends_on: input.sign.endsOn, scope: input.sign.scope,
        signed_document_id: upload.id, signed_at: sql`now()`,
      });
    }
    if (action === "terminate") Object.assign(set, { terminated_at: sql`now()`, termination_reason: input.note });
    if (action === "complete") {
      const c = input.complete!;
      Object.assign(set, { completed_at: sql`now()`, publish_consent: c.publishConsent, ...(await reportJobs(trx, actor, loaded, c)) });
    }
    await trx.updateTable("partnerships").set(set).where("id", "=", id).execute();
    await q.insertEvent(trx, { subject: "partnership", subjectId: id, action, from: ps.status, to, note: input.note ?? input.complete?.note, actorId: actor.user.id });
    await q.refreshCompanyRollups(trx, loaded.company_id);
    await tellOtherSide(trx, loaded, parts, "partnerships.notify.partnershipStep", { title: loaded.challenge_title }, `/partnerships/${id}`);
    await writeAudit(trx, auditMeta(actor), { action: `partnership.${action}`, entity: "partnership", entityId: id, details: { from: ps.status, to } });
  }));
}

/**
 * Jobs created by the partnership, one employment report per enterprise (the company's and the
 * industry's), filed through the ledger in this transaction; idempotent by their external reference.
 */
async function reportJobs(trx: Database, actor: UserActor, ps: q.PartnershipRow, c: CompleteInput) {
  const out: { company_report_id?: number; industry_report_id?: number } = {};
  const sides = [
    { side: "company" as const, enterpriseId: ps.company_enterprise_id, unit: ps.company_id, fullTime: c.companyFullTime, partTime: c.companyPartTime, women: c.companyWomen },
    { side: "industry" as const, enterpriseId: ps.industry_enterprise_id, unit: ps.industry_id, fullTime: c.industryFullTime, partTime: c.industryPartTime, women: c.industryWomen },
  ];
  for (const s of sides) {
    if (s.fullTime + s.partTime === 0) continue;
    if (s.enterpriseId == null) throw badRequest("error.form", { _form: "error.partnerships.noEnterprise" });
    const table = s.side === "company" ? "partner_companies" : "partner_industries";
    const profile = await trx.selectFrom(table).select("employees").where("org_unit_id", "=", s.unit).executeTakeFirst();
    const baseline = profile?.employees ?? 0;
    const created = s.fullTime + s.partTime / 2;
    try {
      const r = await reportEmployment(actor, {
        source: { module: "partnerships", id: ps.id }, programme: "partnerships", enterprise: { id: s.enterpriseId }, asOf: todayTehran(),
        fteBaseline: baseline, fteNow: baseline + created, created: { fullTime: s.fullTime, partTime: s.partTime, tempMonths: 0 },
        women: s.women, externalRef: `partnerships:${ps.id}:${s.side}`,
      }, trx);
      out[s.side === "company" ? "company_report_id" : "industry_report_id"] = r.reportId;
    } catch (e) {
      // The ledger's field errors name its own fields: show them on this side's jobs.
      if (isHttpError(e) && e.data.fieldErrors) {
        const fe = e.data.fieldErrors as Record<string, string>;
        const field = fe.women ? `${s.side}Women` : `${s.side}FullTime`;
        throw badRequest("error.form", { [field]: Object.values(fe)[0] });
      }
      throw e;
    }
  }
  return out;
}

/** Either side adds a milestone (title, due date) while the partnership is negotiated or runs. */
export async function addMilestone(actor: UserActor, id: number, input: { title: string; dueOn: string }) {
  const db = await getDb();
  const ps = await loadPartnership(db, actor, id, "work:partnership");
  const parts = partsOf(actor, ps);
  if (!parts.length) throw notFound();
  if (!PARTNERSHIP_PLANNING.includes(ps.status as never)) throw conflict("error.partnerships.notPlanning");
  if (ps.starts_on && input.dueOn < ps.starts_on) throw badRequest("error.form", { dueOn: "error.partnerships.dueBeforeStart" });
  await db.transaction().execute(async (trx) => {
    const m = await trx.insertInto("partnership_milestones").values({ partnership_id: id, title: input.title, due_on: input.dueOn }).returning("id").executeTakeFirstOrThrow();
    await q.insertEvent(trx, { subject: "partnership", subjectId: id, action: "milestone_added", from: null, to: null, note: input.title, actorId: actor.user.id });
    await writeAudit(trx, auditMeta(actor), { action: "partnership.milestone_added", entity: "partnership", entityId: id, details: { milestoneId: m.id } });
  });
}

/** The company delivers a milestone; the industry accepts it or returns it with a note. */
export async function stepMilestone(actor: UserActor, id: number, milestoneId: number, action: MilestoneAction, input: { note?: string }) {
  const db = await getDb();
  const ps = await loadPartnership(db, actor, id, "work:partnership");
  const parts = partsOf(actor, ps);
  if (!parts.length) throw notFound();
  await db.transaction().execute(async (trx) => {
    const status = await trx.selectFrom("partnerships").select("status").where("id", "=", id).forShare().executeTakeFirstOrThrow();
    if (!MILESTONE_WORKING.includes(status.status as never)) throw conflict("error.partnerships.notWorking");
    const m = await trx.selectFrom("partnership_milestones").select(["status", "title"]).where("id", "=", milestoneId).where("partnership_id", "=", id).forUpdate().executeTakeFirst();
    if (!m) throw notFound();
    const check = milestoneFlow.check(m.status, action, parts, { note: input.note });
    if (!check.ok) {
      if (check.reason === "missing") throw badRequest("error.form", { note: "error.partnerships.noteRequired" });
      throw conflict("error.partnerships.transition");
    }
    const to = check.transition.to;
    await trx.updateTable("partnership_milestones")
      .set({
        status: to, version: sql`version + 1`, note: input.note ?? null,
        ...(action === "deliver" ? { delivered_at: sql`now()` } : {}),
        ...(action === "accept" ? { accepted_at: sql`now()`, accepted_by: actor.user.id } : {}),
      })
      .where("id", "=", milestoneId)
      .execute();
    await q.insertEvent(trx, { subject: "milestone", subjectId: milestoneId, action, from: m.status, to, note: input.note, actorId: actor.user.id });
    await q.insertEvent(trx, { subject: "partnership", subjectId: id, action: `milestone_${action}`, from: null, to: null, note: m.title, actorId: actor.user.id });
    await tellOtherSide(trx, ps, parts, `partnerships.notify.milestone.${action}`, { title: m.title }, `/partnerships/${id}`);
    await writeAudit(trx, auditMeta(actor), { action: `partnership.milestone_${action}`, entity: "partnership", entityId: id, details: { milestoneId, from: m.status, to } });
  });
}

/** The industry sets a target metric: baseline and target (a result without a baseline is refused by the form). */
export async function addResult(actor: UserActor, id: number, input: ResultInput) {
  const db = await getDb();
  const ps = await loadPartnership(db, actor, id, "work:partnership");
  if (!partsOf(actor, ps).includes("industry")) throw conflict("error.partnerships.industryOnly");
  if (!PARTNERSHIP_PLANNING.includes(ps.status as never)) throw conflict("error.partnerships.notPlanning");
  await db.transaction().execute(async (trx) => {
    const r = await trx.insertInto("partnership_results")
      .values({ partnership_id: id, metric: input.metric, label: input.label ?? "", unit: input.unit ?? "", baseline: input.baseline, target: input.target })
      .returning("id")
      .executeTakeFirstOrThrow();
    await q.insertEvent(trx, { subject: "partnership", subjectId: id, action: "result_added", from: null, to: null, note: input.label ?? input.metric, actorId: actor.user.id });
    await writeAudit(trx, auditMeta(actor), { action: "partnership.result_added", entity: "partnership", entityId: id, details: { resultId: r.id, metric: input.metric } });
  });
}

/** The industry records the measured value of a target metric, with evidence, while the work runs. */
export async function recordMeasure(actor: UserActor, id: number, input: { resultId: number; measured: number }, evidence: IncomingFile | null) {
  const db = await getDb();
  const ps = await loadPartnership(db, actor, id, "work:partnership");
  if (!partsOf(actor, ps).includes("industry")) throw conflict("error.partnerships.industryOnly");
  if (!PARTNERSHIP_MEASURING.includes(ps.status as never)) throw conflict("error.partnerships.notMeasuring");
  const upload = await prepared(actor, evidence, "evidence");
  await withUpload(upload, () => db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom("partnership_results").select(["id", "label", "metric"]).where("id", "=", input.resultId).where("partnership_id", "=", id).forUpdate().executeTakeFirst();
    if (!r) throw badRequest("error.form", { resultId: "error.invalidChoice" });
    if (upload) await recordUpload(trx, actor, upload, { entity: "partnership", entityId: id });
    await trx.updateTable("partnership_results")
      .set({ measured: input.measured, measured_at: sql`now()`, ...(upload ? { evidence_file_id: upload.id } : {}) })
      .where("id", "=", r.id)
      .execute();
    await q.insertEvent(trx, { subject: "partnership", subjectId: id, action: "result_measured", from: null, to: null, note: r.label || r.metric, actorId: actor.user.id });
    await writeAudit(trx, auditMeta(actor), { action: "partnership.result_measured", entity: "partnership", entityId: id, details: { resultId: r.id, evidence: upload?.id ?? null } });
  }));
}

/** The industry agrees (or no longer agrees) to show the completed partnership on the public showcase. */
export async function setPublishConsent(actor: UserActor, id: number, consent: boolean) {
  const db = await getDb();
  const ps = await loadPartnership(db, actor, id, "work:partnership");
  if (!partsOf(actor, ps).includes("industry")) throw conflict("error.partnerships.industryOnly");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("partnerships").set({ publish_consent: consent, updated_at: sql`now()` }).where("id", "=", id).execute();
    await writeAudit(trx, auditMeta(actor), { action: "partnership.publish_consent", entity: "partnership", entityId: id, details: { consent } });
  });
}

export async function partnershipList(actor: UserActor, f: q.PartnershipListFilters) {
  const level = await requireGrant(actor, "read:partnership");
  const rows = await q.listPartnerships(await getDb(), f, level === "any" ? null : { companyIds: companyIdsOf(actor), industryIds: industryIdsOf(actor) }, PAGE);
  return { rows: rows.slice(0, PAGE), next: rows.length > PAGE ? rows[PAGE - 1].id : null, staff: level === "any" };
}

/** Every partnership page by page for the staff CSV. */
export async function partnershipPageForCsv(actor: UserActor, f: q.PartnershipListFilters) {
  await requirePermission(actor, "read:partnership", { entity: "partnership" }); // staff: read:partnership:any
  const rows = await q.listPartnerships(await getDb(), f, null, 500);
  return { rows: rows.slice(0, 500), next: rows.length > 500 ? rows[499].id : null };
}
