import { sql } from "kysely";
import { memo } from "~/lib/memo.server";
import { mentorOptions } from "~/modules/accounts/service.server";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { activeEntries } from "~/modules/reference/service.server";
import { searchForm } from "~/i18n/normalise";
import { auditMeta, requirePermission, type Actor, type UserActor } from "~/modules/accounts/actor.server";
import { allows, grantLevel, hasRole, type Permission } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { listLinkedFiles, registerFileAccess, saveUpload, type IncomingFile } from "~/modules/files/service.server";
import { notify } from "~/modules/notifications/service.server";
import { chairOriginEntries, isActiveChair } from "~/modules/chairs/service.server";
import { hideForBlind, isOverdue, outsideCallScope, reviewCoverage, summarise, weightedAverage, type Scores } from "./policy";
import { missingForSubmit, parseRubric, type CallInput, type IdeaDraft } from "./schema";
import { actionsFrom, checkTransition, EDITABLE, type IdeaAction, type IdeaStatus, type Part } from "./workflow";
import * as q from "./queries.server";

// ---------------------------------------------------------------- calls

/** Lists across all owners need the permission at level "any" (staff); "own" is not enough. */
async function requireAny(actor: UserActor, permission: Permission) {
  if (grantLevel(actor.user.roles, permission) !== "any") await requirePermission(actor, permission, { ownerId: -1 });
}
const seesAll = (actor: UserActor) => grantLevel(actor.user.roles, "read:idea") === "any";

type Named = { code: string; name_fa: string; name_en: string };

/** Adds the names of the sectors and counties each call lists (empty lists = open to all). */
async function withScope<T extends { sector_codes: string[]; county_codes: string[] }>(db: Database, calls: T[]) {
  const names = await q.scopeNames(db, [...new Set(calls.flatMap((c) => c.sector_codes))], [...new Set(calls.flatMap((c) => c.county_codes))]);
  const pick = (list: Named[], codes: string[]) => list.filter((x) => codes.includes(x.code));
  return calls.map((c) => ({ ...c, sectors: pick(names.sectors, c.sector_codes), counties: pick(names.counties, c.county_codes) }));
}

export async function listOpenCalls() {
  const db = await getDb();
  return withScope(db, await q.callsQuery(db).where("status", "=", "open").orderBy("standing", "desc").orderBy("id", "desc").execute());
}

/** A call's public page: only open or closed calls (drafts are for staff). */
export async function getCall(actor: Actor, id: number) {
  const db = await getDb();
  const call = await q.callsQuery(db).where("id", "=", id).executeTakeFirst();
  const staff = !!actor.user && allows(actor.user, "manage:call");
  if (!call || (call.status === "draft" && !staff)) throw notFound();
  return { call: (await withScope(db, [call]))[0], criteria: await q.criteriaOf(db, id) };
}

export async function listCallsForStaff(actor: UserActor) {
  await requirePermission(actor, "manage:call");
  return q.callsQuery(await getDb()).orderBy("id", "desc").execute();
}

async function rubricLocked(db: Database, callId: number) {
  const row = await db
    .selectFrom("idea_reviews as r")
    .innerJoin("ideas as i", "i.id", "r.idea_id")
    .select("r.id")
    .where("i.call_id", "=", callId)
    .where("r.status", "=", "done")
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

async function callErrors(db: Database, input: CallInput) {
  const e: Record<string, string> = {};
  // Listed sectors and counties must be reference entries (inactive ones kept from before are fine).
  const known = await q.scopeNames(db, input.sectorCodes, input.countyCodes);
  if (known.sectors.length !== new Set(input.sectorCodes).size) e.sectorCodes = "error.invalidChoice";
  if (known.counties.length !== new Set(input.countyCodes).size) e.countyCodes = "error.invalidChoice";
  if (!parseRubric(input.rubric)) e.rubric = "error.ideas.rubric";
  if (!input.standing && !input.closesOn) e.closesOn = "error.required";
  if (input.opensOn && input.closesOn && input.closesOn < input.opensOn) e.closesOn = "error.ideas.closeBeforeOpen";
  return e;
}

const callValues = (input: CallInput) => ({
  title: input.title,
  description: input.description ?? "",
  theme: input.theme ?? "",
  sector_codes: [...new Set(input.sectorCodes)],
  county_codes: [...new Set(input.countyCodes)],
  opens_on: input.opensOn ?? null,
  closes_on: input.standing ? null : input.closesOn ?? null,
  standing: input.standing,
  blind: input.blind,
  reviewers_per_idea: input.reviewersPerIdea,
  review_due_days: input.reviewDueDays,
});

export async function saveCall(actor: UserActor, id: number | null, input: CallInput): Promise<number> {
  await requirePermission(actor, "manage:call");
  const db = await getDb();
  const errors = await callErrors(db, input);
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  const rubric = parseRubric(input.rubric)!;
  return db.transaction().execute(async (trx) => {
    let callId: number;
    if (id == null) {
      const row = await trx.insertInto("calls").values({ ...callValues(input), created_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
      callId = row.id;
    } else {
      const row = await trx
        .updateTable("calls")
        .set({ ...callValues(input), version: sql`version + 1`, updated_at: sql`now()` })
        .where("id", "=", id)
        .where("version", "=", input.version ?? -1)
        .returning("id")
        .executeTakeFirst();
      if (!row) {
        const exists = await trx.selectFrom("calls").select("id").where("id", "=", id).executeTakeFirst();
        throw exists ? conflict("error.conflict") : notFound();
      }
      callId = id;
      const current = await q.criteriaOf(trx, callId);
      const same = current.length === rubric.length && current.every((c, i) => c.label === rubric[i].label && c.weight === rubric[i].weight);
      if (!same && (await rubricLocked(trx, callId))) throw badRequest("error.form", { rubric: "error.ideas.rubricLocked" });
      if (!same) {
        // Scores reference criteria: only possible before the first review (checked above).
        await trx.deleteFrom("idea_review_scores").where("criterion_id", "in", current.map((c) => c.id).concat(-1)).execute();
        await trx.deleteFrom("call_criteria").where("call_id", "=", callId).execute();
      } else {
        await writeAudit(trx, auditMeta(actor), { action: "call.updated", entity: "call", entityId: callId });
        return callId;
      }
    }
    await trx.insertInto("call_criteria").values(rubric.map((c, i) => ({ call_id: callId, label: c.label, weight: c.weight, position: i }))).execute();
    await writeAudit(trx, auditMeta(actor), { action: id == null ? "call.created" : "call.updated", entity: "call", entityId: callId });
    return callId;
  });
}

export async function setCallStatus(actor: UserActor, id: number, version: number, status: "open" | "closed") {
  await requirePermission(actor, "manage:call");
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("calls")
      .set({ status, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id)
      .where("version", "=", version)
      .where("status", "<>", status)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict("error.conflict");
    await writeAudit(trx, auditMeta(actor), { action: `call.${status}`, entity: "call", entityId: id });
  });
}

// ---------------------------------------------------------------- ideas: the entrepreneur

const searchTextOf = (d: { title: string; summary?: string | null; problem?: string | null }) =>
  searchForm([d.title, d.summary ?? "", d.problem ?? ""].join(" "));

const ideaValues = (d: IdeaDraft) => ({
  title: d.title,
  summary: d.summary ?? "",
  problem: d.problem ?? "",
  solution: d.solution ?? "",
  market: d.market ?? "",
  sector_code: d.sectorCode ?? null,
  county_code: d.countyCode ?? null,
  stage: d.stage ?? null,
  knowledge_based: d.knowledgeBased,
  expected_jobs: d.expectedJobs ?? null,
  funding_rials: d.fundingRials ?? null,
  team: d.team ?? "",
  origin_kind: d.originKind ?? "own",
  origin_ref: d.originKind && d.originKind !== "own" ? d.originRef ?? null : null,
  search_text: searchTextOf(d),
});

async function checkReferences(db: Database, d: IdeaDraft) {
  const e: Record<string, string> = {};
  if (d.sectorCode && !(await db.selectFrom("sectors").select("code").where("code", "=", d.sectorCode).where("active", "=", true).executeTakeFirst())) {
    e.sectorCode = "error.invalidChoice";
  }
  if (d.countyCode && !(await db.selectFrom("counties").select("code").where("code", "=", d.countyCode).where("active", "=", true).executeTakeFirst())) {
    e.countyCode = "error.invalidChoice";
  }
  if (d.originKind === "chair" && d.originRef) {
    // origin_ref holds a chairs.id (issue 6): an active university entrepreneurship chair.
    if (!(await isActiveChair(d.originRef, db))) e.originRef = "error.invalidChoice";
  }
  return e;
}

async function applyTransition(
  trx: Database,
  actor: UserActor,
  idea: { id: number; status: string; version: number; owner_id: number; title: string },
  action: IdeaAction,
  part: Part,
  input: { note?: string | null; path?: string | null; reviewers?: number; private?: boolean },
  extra: Record<string, unknown> = {},
) {
  const check = checkTransition(idea.status, action, part, input);
  if (!check.ok) {
    if (check.reason === "missing") throw badRequest("error.form", { [check.field!]: check.field === "reviewers" ? "error.ideas.pickReviewers" : "error.required" });
    throw conflict("error.ideas.illegalTransition");
  }
  const to = check.transition.to;
  const row = await trx
    .updateTable("ideas")
    .set({ status: to, version: sql`version + 1`, updated_at: sql`now()`, ...extra })
    .where("id", "=", idea.id)
    .where("version", "=", idea.version)
    .where("status", "=", idea.status)
    .returning(["id", "version"])
    .executeTakeFirst();
  if (!row) throw conflict("error.ideas.stale");
  await trx
    .insertInto("idea_status_history")
    .values({ idea_id: idea.id, actor_id: actor.user.id, from_status: idea.status, to_status: to, note: input.note ?? null, private: !!input.private })
    .execute();
  await writeAudit(trx, auditMeta(actor), { action: `idea.${action}`, entity: "idea", entityId: idea.id, details: { from: idea.status, to } });
  await notify(trx, idea.owner_id, `ideas.notify.${to}`, { title: idea.title }, `/ideas/${idea.id}`);
  return { to, version: row.version };
}


/**
 * Saves a draft (new when `id` is null) and, with `submit`, submits it in the same transaction.
 * A new idea carries an idempotency key: a repeated POST returns the first idea.
 * Editing checks the version: a stale form answers 409 (the route keeps what was typed).
 */
export async function saveIdea(actor: UserActor, id: number | null, d: IdeaDraft, opts: { submit?: boolean } = {}): Promise<{ id: number; status: string }> {
  await requirePermission(actor, id == null ? "create:idea" : "update:idea");
  const db = await getDb();
  const refErrors = await checkReferences(db, d);
  const missing = opts.submit ? missingForSubmit(d) : {};
  const call = await q.callsQuery(db).where("id", "=", d.callId).executeTakeFirst();
  // A call that lists sectors or counties takes only ideas in them (drafts too, so the owner hears it early).
  const scope = call ? outsideCallScope(call, d) : { callId: "error.invalidChoice" };
  const errors = { ...missing, ...scope, ...refErrors };
  if (Object.keys(errors).length || !call) throw badRequest("error.form", errors);
  if (id == null && !call.accepting) throw badRequest("error.form", { callId: "error.ideas.callClosed" });
  if (opts.submit && !call.accepting) throw conflict("error.ideas.callClosed");

  return db.transaction().execute(async (trx) => {
    let idea: { id: number; status: string; version: number; owner_id: number; title: string };
    if (id == null) {
      const inserted = await trx
        .insertInto("ideas")
        .values({ ...ideaValues(d), call_id: d.callId, owner_id: actor.user.id, idempotency_key: d.idempotencyKey ?? null })
        .onConflict((oc) => oc.column("idempotency_key").doNothing())
        .returning(["id", "status", "version", "owner_id", "title"])
        .executeTakeFirst();
      if (!inserted) {
        const first = await trx.selectFrom("ideas").select(["id", "status", "owner_id"]).where("idempotency_key", "=", d.idempotencyKey!).executeTakeFirstOrThrow();
        if (first.owner_id !== actor.user.id) throw conflict("error.conflict");
        return { id: first.id, status: first.status }; // a repeated POST: the first one wins
      }
      idea = inserted;
      await trx.insertInto("idea_status_history").values({ idea_id: idea.id, actor_id: actor.user.id, from_status: null, to_status: "draft" }).execute();
      await writeAudit(trx, auditMeta(actor), { action: "idea.created", entity: "idea", entityId: idea.id });
    } else {
      const current = await trx.selectFrom("ideas").select(["id", "owner_id", "status", "version", "call_id"]).where("id", "=", id).forUpdate().executeTakeFirst();
      if (!current) throw notFound();
      await requirePermission(actor, "update:idea", { ownerId: current.owner_id, entity: "idea", entityId: id });
      if (!EDITABLE.includes(current.status as IdeaStatus)) throw conflict("error.ideas.notEditable");
      if (d.version !== current.version) throw conflict("error.ideas.stale");
      if (current.call_id !== d.callId && current.status !== "draft") throw badRequest("error.form", { callId: "error.invalidChoice" });
      const updated = await trx
        .updateTable("ideas")
        .set({ ...ideaValues(d), call_id: d.callId, version: sql`version + 1`, updated_at: sql`now()` })
        .where("id", "=", id)
        .where("version", "=", current.version)
        .returning(["id", "status", "version", "owner_id", "title"])
        .executeTakeFirst();
      if (!updated) throw conflict("error.ideas.stale");
      idea = updated;
      await writeAudit(trx, auditMeta(actor), { action: "idea.saved", entity: "idea", entityId: id });
    }
    if (opts.submit) {
      const action: IdeaAction = idea.status === "needs_revision" ? "resubmit" : "submit";
      const r = await applyTransition(trx, actor, idea, action, "owner", {}, { submitted_at: sql`now()` });
      return { id: idea.id, status: r.to };
    }
    return { id: idea.id, status: idea.status };
  });
}

/** Submits an existing draft (or resubmits after a revision request) as it is saved. */
export async function submitIdea(actor: UserActor, id: number, version: number) {
  const db = await getDb();
  const idea = await q.findIdea(db, id);
  if (!idea) throw notFound();
  await requirePermission(actor, "update:idea", { ownerId: idea.owner_id, entity: "idea", entityId: id });
  const draft: IdeaDraft = {
    callId: idea.call_id, title: idea.title, summary: idea.summary || undefined, problem: idea.problem || undefined,
    solution: idea.solution || undefined, market: idea.market || undefined, sectorCode: idea.sector_code ?? undefined,
    countyCode: idea.county_code ?? undefined, stage: (idea.stage ?? undefined) as IdeaDraft["stage"], knowledgeBased: idea.knowledge_based,
    expectedJobs: idea.expected_jobs ?? undefined, fundingRials: idea.funding_rials ?? undefined, team: idea.team || undefined,
    originKind: idea.origin_kind as IdeaDraft["originKind"], originRef: idea.origin_ref ?? undefined, version,
  };
  return saveIdea(actor, id, draft, { submit: true });
}

export async function myIdeas(actor: UserActor) {
  await requirePermission(actor, "read:idea");
  const db = await getDb();
  return db
    .selectFrom("ideas as i")
    .innerJoin("calls as c", "c.id", "i.call_id")
    .select(["i.id", "i.title", "i.status", "i.updated_at", "i.accepted_path", "c.title as callTitle"])
    .where("i.owner_id", "=", actor.user.id)
    .orderBy("i.id", "desc")
    .execute();
}

/** What the viewer may see of one idea: owner (no private notes), staff (everything). Reviewers use getReview. */
export async function getIdea(actor: UserActor, id: number) {
  const db = await getDb();
  const idea = await q.findIdea(db, id);
  if (!idea) throw notFound();
  const isStaff = seesAll(actor);
  const isOwner = idea.owner_id === actor.user.id;
  if (!isOwner) await requirePermission(actor, "read:idea", { ownerId: idea.owner_id, entity: "idea", entityId: id });
  if (!isOwner && idea.status === "draft") throw notFound();
  const view = isOwner && !isStaff ? "owner" : "staff";
  const history = (await q.historyOf(db, id)).map((h) => (view === "owner" && h.private ? { ...h, note: null } : h));
  const reviews = await q.reviewsOf(db, id);
  const criteria = await q.criteriaOf(db, idea.call_id);
  if (view === "owner") {
    const decided = ["accepted", "rejected", "needs_revision", "resubmitted"].includes(idea.status);
    return {
      view, idea, history, criteria,
      actions: actionsFrom(idea.status, "owner"),
      editable: EDITABLE.includes(idea.status as IdeaStatus),
      // Comments to the applicant, without reviewer names, scores or private notes, once staff have decided.
      comments: decided ? reviews.filter((r) => r.status === "done" && r.comments).map((r) => r.comments as string) : [],
      reviews: [], summary: null, mentors: [], coverage: null,
    };
  }
  const scores = await q.scoresOf(db, reviews.map((r) => r.id));
  const summary = summarise(reviews.filter((r) => r.status === "done").map((r) => r.weighted_score));
  return {
    view, idea, history, criteria, comments: [] as string[],
    coverage: reviewCoverage(reviews, idea.reviewers_per_idea),
    actions: allows(actor.user, "decide:idea") ? actionsFrom(idea.status, "staff") : [],
    editable: false,
    reviews: reviews.map((r) => ({
      id: r.id, reviewerName: r.reviewerName, reviewerId: r.reviewer_id, status: r.status, overdue: r.overdue, due_at: r.due_at,
      recusal_reason: r.recusal_reason, comments: r.comments, private_notes: r.private_notes, recommendation: r.recommendation,
      weighted_score: r.weighted_score, scores: Object.fromEntries(scores.filter((s) => s.review_id === r.id).map((s) => [s.criterion_id, s.score])),
    })),
    summary,
    mentors: allows(actor.user, "decide:idea") ? await q.mentors(db) : [],
  };
}

// ---------------------------------------------------------------- ideas: staff

export async function transitionIdea(
  actor: UserActor,
  id: number,
  action: IdeaAction,
  input: { version: number; note?: string; path?: string; private?: boolean },
) {
  await requirePermission(actor, "decide:idea", { entity: "idea", entityId: id });
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const idea = await trx.selectFrom("ideas").select(["id", "status", "version", "owner_id", "title", "call_id"]).where("id", "=", id).executeTakeFirst();
    if (!idea || idea.status === "draft") throw notFound();
    if (idea.version !== input.version) throw conflict("error.ideas.stale");
    const extra: Record<string, unknown> = {};
    if (action === "accept" || action === "reject") {
      Object.assign(extra, { decision_reason: input.note ?? null, decided_by: actor.user.id, decided_at: sql`now()` });
      if (action === "accept") extra.accepted_path = input.path;
    }
    if (action === "start_review") throw badRequest("error.form", { reviewerIds: "error.ideas.pickReviewers" });
    if ((action === "accept" || action === "reject") && idea.status === "in_review") {
      // Reviewers per idea: a decision after review needs that many submitted reviews (recusals do not count).
      const reviews = await trx.selectFrom("idea_reviews").select("status").where("idea_id", "=", id).execute();
      const call = await trx.selectFrom("calls").select("reviewers_per_idea").where("id", "=", idea.call_id).executeTakeFirstOrThrow();
      if (!reviewCoverage(reviews, call.reviewers_per_idea).canDecide) throw conflict("error.ideas.notEnoughReviews");
    }
    return applyTransition(trx, actor, idea, action, "staff", { note: input.note, path: input.path, private: input.private }, extra);
  });
}

/** Assigns several mentors at once; from screening this starts the review. */
export async function assignReviewers(actor: UserActor, ideaId: number, reviewerIds: number[]) {
  await requirePermission(actor, "decide:idea", { entity: "idea", entityId: ideaId });
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const idea = await trx
      .selectFrom("ideas as i")
      .innerJoin("calls as c", "c.id", "i.call_id")
      .select(["i.id", "i.status", "i.version", "i.owner_id", "i.title", "c.review_due_days"])
      .where("i.id", "=", ideaId)
      .forUpdate("i")
      .executeTakeFirst();
    if (!idea) throw notFound();
    if (idea.status !== "screening" && idea.status !== "in_review") throw conflict("error.ideas.illegalTransition");
    const ids = [...new Set(reviewerIds)];
    const valid = await trx
      .selectFrom("role_assignments as ra")
      .innerJoin("users as u", "u.id", "ra.user_id")
      .select("ra.user_id")
      .where("ra.role", "=", "mentor")
      .where("u.disabled_at", "is", null)
      .where("ra.user_id", "in", ids)
      .execute();
    const validIds = new Set(valid.map((v) => v.user_id));
    if (ids.some((x) => !validIds.has(x) || x === idea.owner_id)) throw badRequest("error.form", { reviewerIds: "error.invalidChoice" });
    const existing = await trx.selectFrom("idea_reviews").select("reviewer_id").where("idea_id", "=", ideaId).execute();
    if (existing.some((e) => ids.includes(e.reviewer_id))) throw badRequest("error.form", { reviewerIds: "error.ideas.alreadyAssigned" });
    const rows = await trx
      .insertInto("idea_reviews")
      .values(ids.map((rid) => ({ idea_id: ideaId, reviewer_id: rid, assigned_by: actor.user.id, due_at: sql`now() + make_interval(days => ${idea.review_due_days})` })))
      .returning(["id", "reviewer_id"])
      .execute();
    for (const r of rows) await notify(trx, r.reviewer_id, "ideas.notify.assigned", { title: idea.title }, `/reviews/${r.id}`);
    await writeAudit(trx, auditMeta(actor), { action: "idea.reviewers_assigned", entity: "idea", entityId: ideaId, details: { reviewerIds: ids } });
    if (idea.status === "screening") await applyTransition(trx, actor, idea, "start_review", "staff", { reviewers: ids.length });
    return rows.map((r) => r.id);
  });
}

export async function staffQueue(actor: UserActor, f: q.QueueFilters) {
  await requireAny(actor, "read:idea");
  const db = await getDb();
  await maybeNotifyOverdue(db);
  const rows = await q.queueQuery(db, f).execute();
  const more = rows.length > q.QUEUE_PAGE;
  const page = more ? rows.slice(0, q.QUEUE_PAGE) : rows;
  return { rows: page, next: more ? page[page.length - 1].id : null };
}

/** Every page of the filtered queue (for CSV); permission checked once. */
export async function queuePages(actor: UserActor, f: q.QueueFilters) {
  await requireAny(actor, "read:idea");
  const db = await getDb();
  return async (after: number | null) => {
    const rows = await q.queueQuery(db, { ...f, after: after ?? undefined }, 500).execute();
    return { rows, next: rows.length === 500 ? rows[rows.length - 1].id : null };
  };
}

// Every call's title for the queue's filter; calls are audited as "call" (which drops it).
const callTitles = memo("call", 60_000, async () => (await getDb()).selectFrom("calls").select(["id", "title"]).orderBy("id", "desc").execute());

export async function queueOptions(actor: UserActor) {
  await requireAny(actor, "read:idea");
  const [calls, mentors] = await Promise.all([callTitles.get("all"), mentorOptions()]);
  return { calls, mentors };
}

let lastOverdueRun = 0;
/** Page loads run the overdue check at most once a minute per process. */
async function maybeNotifyOverdue(db: Database) {
  if (Date.now() - lastOverdueRun < 60_000) return;
  lastOverdueRun = Date.now();
  await notifyOverdue(db);
}

/**
 * Notifies reviewer and assigning staff once for every pending review past its due time.
 * Called when the staff queue or a mentor's review list loads; a cron job may call it too
 * (`npx tsx scripts/ideas-overdue.ts`).
 */
export async function notifyOverdue(db?: Database) {
  const d = db ?? (await getDb());
  return d.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable("idea_reviews as r")
      .set({ overdue_notified_at: sql`now()` })
      .from("ideas as i")
      .whereRef("i.id", "=", "r.idea_id")
      .where("r.status", "=", "pending")
      .where("r.due_at", "<", sql<Date>`now()`)
      .where("r.overdue_notified_at", "is", null)
      .returning(["r.id", "r.reviewer_id", "r.assigned_by", "i.id as ideaId", "i.title"])
      .execute();
    for (const r of due) {
      await notify(trx, r.reviewer_id, "ideas.notify.overdue", { title: r.title }, `/reviews/${r.id}`);
      if (r.assigned_by) await notify(trx, r.assigned_by, "ideas.notify.overdueStaff", { title: r.title }, `/ideas/${r.ideaId}`);
    }
    return due.length;
  });
}

// ---------------------------------------------------------------- reviews: the mentor

async function loadOwnReview(db: Database, actor: UserActor, reviewId: number) {
  await requirePermission(actor, "review:idea");
  const review = await db.selectFrom("idea_reviews").selectAll().where("id", "=", reviewId).executeTakeFirst();
  if (!review) throw notFound();
  // "own" = assigned to the actor: nobody else may read or score this review.
  await requirePermission(actor, "review:idea", { ownerId: review.reviewer_id, entity: "idea_review", entityId: reviewId });
  return review;
}

export async function myReviews(actor: UserActor) {
  await requirePermission(actor, "review:idea");
  const db = await getDb();
  await maybeNotifyOverdue(db);
  const rows = await db
    .selectFrom("idea_reviews as r")
    .innerJoin("ideas as i", "i.id", "r.idea_id")
    .select(["r.id", "r.status", "r.due_at", "r.submitted_at", "i.title", "i.status as ideaStatus", sql<boolean>`r.status = 'pending' AND r.due_at < now()`.as("overdue")])
    .where("r.reviewer_id", "=", actor.user.id)
    .orderBy(sql`r.status = 'pending'`, "desc")
    .orderBy("r.due_at")
    .execute();
  return rows;
}

/** The reviewer's page: the idea (blind-hidden when the call is blind) and only their own review. */
export async function getReview(actor: UserActor, reviewId: number) {
  const db = await getDb();
  const review = await loadOwnReview(db, actor, reviewId);
  const idea = await q.findIdea(db, review.idea_id);
  if (!idea) throw notFound();
  const criteria = await q.criteriaOf(db, idea.call_id);
  const scores = await q.scoresOf(db, [review.id]);
  const visible = {
    id: idea.id, title: idea.title, summary: idea.summary, problem: idea.problem, solution: idea.solution, market: idea.market,
    stage: idea.stage, sector_code: idea.sector_code, county_code: idea.county_code, knowledge_based: idea.knowledge_based,
    expected_jobs: idea.expected_jobs, funding_rials: idea.funding_rials, origin_kind: idea.origin_kind, status: idea.status, blind: idea.blind,
    ownerName: idea.ownerName as string | null, ownerEmail: idea.ownerEmail as string | null, ownerMobile: idea.ownerMobile, team: idea.team as string | null,
  };
  const shown = hideForBlind(visible, idea.blind, true);
  return {
    review: { ...review, overdue: isOverdue(review) },
    idea: shown,
    criteria,
    scores: Object.fromEntries(scores.map((s) => [s.criterion_id, s.score])) as Scores,
    canScore: review.status === "pending" && !!review.no_conflict_at && idea.status === "in_review",
  };
}

export async function declareNoConflict(actor: UserActor, reviewId: number) {
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const review = await loadOwnReview(trx, actor, reviewId);
    if (review.status !== "pending" || review.no_conflict_at) throw conflict("error.ideas.reviewClosed");
    await trx.updateTable("idea_reviews").set({ no_conflict_at: sql`now()`, version: sql`version + 1` }).where("id", "=", reviewId).where("version", "=", review.version).execute();
    await writeAudit(trx, auditMeta(actor), { action: "review.no_conflict", entity: "idea_review", entityId: reviewId });
  });
}

export async function recuse(actor: UserActor, reviewId: number, reason: string) {
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const review = await loadOwnReview(trx, actor, reviewId);
    if (review.status !== "pending") throw conflict("error.ideas.reviewClosed");
    const row = await trx
      .updateTable("idea_reviews")
      .set({ status: "recused", recusal_reason: reason, version: sql`version + 1` })
      .where("id", "=", reviewId)
      .where("version", "=", review.version)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict("error.ideas.stale");
    const idea = await trx.selectFrom("ideas").select(["id", "title"]).where("id", "=", review.idea_id).executeTakeFirstOrThrow();
    if (review.assigned_by) await notify(trx, review.assigned_by, "ideas.notify.recused", { title: idea.title }, `/ideas/${idea.id}`);
    await writeAudit(trx, auditMeta(actor), { action: "review.recused", entity: "idea_review", entityId: reviewId, details: { reason } });
  });
}

export async function submitReview(
  actor: UserActor,
  reviewId: number,
  input: { version: number; scores: Scores; comments: string; privateNotes?: string; recommendation: string },
) {
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const review = await loadOwnReview(trx, actor, reviewId);
    if (review.status !== "pending") throw conflict("error.ideas.reviewClosed");
    if (!review.no_conflict_at) throw conflict("error.ideas.declareFirst");
    const idea = await trx.selectFrom("ideas").select(["id", "title", "status", "call_id"]).where("id", "=", review.idea_id).executeTakeFirstOrThrow();
    if (idea.status !== "in_review") throw conflict("error.ideas.reviewClosed");
    const criteria = await q.criteriaOf(trx, idea.call_id);
    const errors: Record<string, string> = {};
    for (const c of criteria) if (!(c.id in input.scores)) errors[`score_${c.id}`] = "error.required";
    if (Object.keys(errors).length) throw badRequest("error.form", errors);
    const avg = weightedAverage(criteria, input.scores);
    const row = await trx
      .updateTable("idea_reviews")
      .set({
        status: "done", comments: input.comments, private_notes: input.privateNotes ?? null, recommendation: input.recommendation,
        weighted_score: avg, submitted_at: sql`now()`, version: sql`version + 1`,
      })
      .where("id", "=", reviewId)
      .where("version", "=", input.version)
      .where("status", "=", "pending")
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict("error.ideas.stale");
    await trx.insertInto("idea_review_scores").values(criteria.map((c) => ({ review_id: reviewId, criterion_id: c.id, score: input.scores[c.id] }))).execute();
    if (review.assigned_by) await notify(trx, review.assigned_by, "ideas.notify.reviewed", { title: idea.title }, `/ideas/${idea.id}`);
    await writeAudit(trx, auditMeta(actor), { action: "review.submitted", entity: "idea_review", entityId: reviewId, details: { weighted: avg } });
  });
}

export const isReviewerOnly = (actor: UserActor) => hasRole(actor.user, "mentor") && !seesAll(actor);

/** Lists the idea form needs: calls accepting ideas (plus the idea's own call) and reference data. */
export async function ideaFormOptions(actor: UserActor, currentCallId?: number) {
  await requirePermission(actor, "create:idea");
  const db = await getDb();
  const calls = await q.callsQuery(db).orderBy("standing", "desc").orderBy("id", "desc").execute();
  const [sectors, counties, universities] = await Promise.all([activeEntries("sectors"), activeEntries("counties"), chairOriginEntries()]);
  return {
    calls: calls.filter((c) => c.accepting || c.id === currentCallId).map((c) => ({ id: c.id, title: c.title })),
    sectors, counties, universities,
  };
}

/** The idea as form values for the edit page (owner only, editable statuses). */
export async function ideaForEdit(actor: UserActor, id: number) {
  const db = await getDb();
  const idea = await q.findIdea(db, id);
  if (!idea) throw notFound();
  await requirePermission(actor, "update:idea", { ownerId: idea.owner_id, entity: "idea", entityId: id });
  if (!EDITABLE.includes(idea.status as IdeaStatus)) throw conflict("error.ideas.notEditable");
  const values: Record<string, string> = {
    callId: String(idea.call_id), title: idea.title, summary: idea.summary, problem: idea.problem, solution: idea.solution, market: idea.market,
    sectorCode: idea.sector_code ?? "", countyCode: idea.county_code ?? "", stage: idea.stage ?? "", knowledgeBased: idea.knowledge_based ? "on" : "",
    expectedJobs: idea.expected_jobs == null ? "" : String(idea.expected_jobs), fundingRials: idea.funding_rials == null ? "" : String(idea.funding_rials),
    team: idea.team, originKind: idea.origin_kind, originRef: idea.origin_ref ?? "", version: String(idea.version),
  };
  return { values, status: idea.status, callId: idea.call_id };
}

/** Early permission check for actions, so a form from the wrong role answers 403 before validation. */
export async function gate(actor: UserActor, what: "author" | "callManager" | "reviewer" | "decider") {
  const p = ({ author: "create:idea", callManager: "manage:call", reviewer: "review:idea", decider: "decide:idea" } as const)[what];
  await requirePermission(actor, p);
}

/** Home widgets: the entrepreneur's ideas, the mentor's pending reviews, the staff's waiting ideas. */
// Ideas waiting for staff, counted over the whole table (~40 ms at 100,000 ideas): cached per process
// and dropped by any audited change of an idea (decision 0014).
const waitingCount = memo("idea", 30_000, async () =>
  (await (await getDb()).selectFrom("ideas").select(sql<number>`count(*)::int`.as("n")).where("status", "in", ["submitted", "resubmitted", "screening"]).executeTakeFirstOrThrow()).n);

export async function ideasHome(actor: UserActor) {
  const db = await getDb();
  const count = sql<number>`count(*)::int`.as("n");
  const out: { mine?: number; pendingReviews?: number; waiting?: number } = {};
  if (hasRole(actor.user, "entrepreneur")) {
    out.mine = (await db.selectFrom("ideas").select(count).where("owner_id", "=", actor.user.id).executeTakeFirstOrThrow()).n;
  }
  if (hasRole(actor.user, "mentor")) {
    out.pendingReviews = (await db.selectFrom("idea_reviews").select(count).where("reviewer_id", "=", actor.user.id).where("status", "=", "pending").executeTakeFirstOrThrow()).n;
  }
  if (seesAll(actor)) out.waiting = await waitingCount.get("all");
  return out;
}

// ---------------------------------------------------------------- attachments (FileStore)

// Who else may see an idea's files: staff (read:file:any already), the assigned reviewers.
// Only the owner may attach, and only while the idea is editable.
registerFileAccess("idea", {
  async canRead(db, actor, file) {
    const ideaId = Number(file.entityId);
    if (!Number.isInteger(ideaId)) return false;
    const r = await db.selectFrom("idea_reviews").select("id").where("idea_id", "=", ideaId).where("reviewer_id", "=", actor.user.id).where("status", "<>", "recused").executeTakeFirst();
    return !!r;
  },
  async canAttach(db, actor, entityId) {
    const idea = await db.selectFrom("ideas").select(["owner_id", "status"]).where("id", "=", Number(entityId) || -1).executeTakeFirst();
    return !!idea && idea.owner_id === actor.user.id && EDITABLE.includes(idea.status as IdeaStatus);
  },
});

/** Attaches a file (business plan, pitch deck) to the actor's own editable idea. */
export async function attachToIdea(actor: UserActor, ideaId: number, file: IncomingFile | null) {
  await requirePermission(actor, "update:idea");
  const saved = await saveUpload(actor, file, { entity: "idea", entityId: ideaId });
  const db = await getDb();
  await writeAudit(db, auditMeta(actor), { action: "idea.attached", entity: "idea", entityId: ideaId, details: { fileId: saved.id } });
  return saved;
}

export async function ideaAttachments(actor: UserActor, ideaId: number) {
  return (await listLinkedFiles(actor, "idea", ideaId)).map((f) => ({ id: f.id, name: f.original_name, size: Number(f.size_bytes) }));
}
