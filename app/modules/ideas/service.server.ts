import { sql } from "kysely";
import { memo } from "~/lib/memo.server";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { activeEntries } from "~/modules/reference/service.server";
import { searchForm } from "~/i18n/normalise";
import { auditMeta, requireGrant, requirePermission, requireVisible, type UserActor } from "~/modules/accounts/actor.server";
import { hasRole, holds } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { chairOriginEntries, isActiveChair } from "~/modules/chairs/service.server";
import { ideaBlind, outsideCallScope, reviewCoverage, summarise } from "./policy";
import { missingForSubmit, type IdeaDraft } from "./schema";
import { actionsFrom, EDITABLE, type IdeaAction, type IdeaStatus } from "./workflow";
import { applyTransition, seesAll } from "./shared.server";
import * as q from "./queries.server";
import { handover, type HandoverResult } from "~/modules/subjects/handovers.server";

// Core use cases of ideas: the entrepreneur's ideas (draft, submit, view), the idea form, home widgets.
// Calls: calls.server.ts; staff decisions: decisions.server.ts; reviews and overdue checks:
// review.server.ts; the staff queue and its CSV: queue.server.ts; attachments: attachments.server.ts.

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

/**
 * Saves a draft (new when `id` is null) and, with `submit`, submits it in the same transaction.
 * A new idea carries an idempotency key: a repeated POST returns the first idea.
 * Editing checks the version: a stale form answers 409 (the route keeps what was typed).
 */
export async function saveIdea(actor: UserActor, id: number | null, d: IdeaDraft, opts: { submit?: boolean } = {}): Promise<{ id: number; status: string }> {
  await requireGrant(actor, id == null ? "create:idea" : "update:idea");
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
      await visible(actor, current);
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
  await visible(actor, idea);
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
  await requireGrant(actor, "read:idea");
  const db = await getDb();
  return db
    .selectFrom("ideas as i")
    .innerJoin("calls as c", "c.id", "i.call_id")
    .select(["i.id", "i.title", "i.status", "i.updated_at", "i.accepted_path", "c.title as callTitle"])
    .where("i.owner_id", "=", actor.user.id)
    .orderBy("i.id", "desc")
    .execute();
}

/** Another user's idea the actor may not read answers 404 like a missing one (issue 10 item 6), with an audit row. */
async function visible(actor: UserActor, idea: { id: number; owner_id: number }) {
  await requireVisible(actor, "read:idea", { ownerId: idea.owner_id, entity: "idea", entityId: idea.id });
}

/** What the viewer may see of one idea: owner (no private notes), staff (everything). Reviewers use getReview. */
export async function getIdea(actor: UserActor, id: number) {
  const db = await getDb();
  const idea = await q.findIdea(db, id);
  if (!idea) throw notFound();
  const isStaff = seesAll(actor);
  const isOwner = idea.owner_id === actor.user.id;
  if (!isOwner) await visible(actor, idea);
  if (!isOwner && idea.status === "draft") throw notFound();
  const view = isOwner && !isStaff ? "owner" : "staff";
  const next = await nextStep(db, actor, idea);
  const history = (await q.historyOf(db, id)).map((h) => (view === "owner" && h.private ? { ...h, note: null } : h));
  const reviews = await q.reviewsOf(db, id);
  const criteria = await q.criteriaOf(db, idea.call_id);
  if (view === "owner") {
    const decided = ["accepted", "rejected", "needs_revision", "resubmitted"].includes(idea.status);
    return {
      view, idea, history, criteria, next,
      actions: actionsFrom(idea.status, "owner"),
      editable: EDITABLE.includes(idea.status as IdeaStatus),
      // Comments to the applicant, without reviewer names, scores or private notes, once staff have decided.
      comments: decided ? reviews.filter((r) => r.status === "done" && r.comments).map((r) => r.comments as string) : [],
      reviews: [], summary: null, mentors: [], coverage: null, blindReview: null,
    };
  }
  const scores = await q.scoresOf(db, reviews.map((r) => r.id));
  const summary = summarise(reviews.filter((r) => r.status === "done").map((r) => r.weighted_score));
  return {
    view, idea, history, criteria, next, comments: [] as string[],
    coverage: reviewCoverage(reviews, idea.reviewers_per_idea),
    actions: holds(actor.user, "decide:idea") ? actionsFrom(idea.status, "staff") : [],
    editable: false,
    reviews: reviews.map((r) => ({
      id: r.id, reviewerName: r.reviewerName, reviewerId: r.reviewer_id, status: r.status, overdue: r.overdue, due_at: r.due_at,
      recusal_reason: r.recusal_reason, comments: r.comments, private_notes: r.private_notes, recommendation: r.recommendation,
      weighted_score: r.weighted_score, blind: r.blind, scores: Object.fromEntries(scores.filter((s) => s.review_id === r.id).map((s) => [s.criterion_id, s.score])),
    })),
    summary,
    // Blind review of this idea: decided at the first assignment, the call's setting until then (decision 0037).
    blindReview: ideaBlind(idea.blind, reviews),
    mentors: holds(actor.user, "decide:idea") ? await q.mentors(db) : [],
  };
}

/**
 * Where an accepted idea goes next (decision 0017): its case (acceleration, consulting) or its
 * cooperative application, asked through the hand-over the receiving module registered; null when
 * the idea is not accepted, no module answers, or there is nothing for this reader to open.
 */
async function nextStep(db: Database, actor: UserActor, idea: { id: number; status: string; accepted_path: string | null }): Promise<HandoverResult | null> {
  if (idea.status !== "accepted") return null;
  const find = idea.accepted_path === "cooperative" ? handover("cooperative.forIdea") : handover("case.forIdea");
  const r = find ? await find(db, actor, { ideaId: idea.id }) : null;
  return r?.href ? r : null;
}

/** Lists the idea form needs: calls accepting ideas (plus the idea's own call) and reference data. */
export async function ideaFormOptions(actor: UserActor, currentCallId?: number) {
  await requireGrant(actor, "create:idea");
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
  await visible(actor, idea);
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
  await requireGrant(actor, p);
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
