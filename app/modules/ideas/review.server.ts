import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { notify, notifyBatch } from "~/modules/notifications/service.server";
import { hideForBlind, ideaBlind, isOverdue, weightedAverage, type Scores } from "./policy";
import { applyTransition } from "./shared.server";
import * as q from "./queries.server";
import { now, nowMs } from "~/i18n/clock";
import { registerJob } from "~/lib/jobs.server";

// ---------------------------------------------------------------- reviews: assigning (staff)

/**
 * Assigns several mentors at once; from screening this starts the review. `blind` is staff's choice of
 * blind review for this idea at its first assignment (default: the call's setting); later assignments
 * follow the idea's choice, and reviews already assigned keep theirs (decision 0037).
 */
export async function assignReviewers(actor: UserActor, ideaId: number, reviewerIds: number[], opts: { blind?: boolean } = {}) {
  await requirePermission(actor, "decide:idea", { entity: "idea", entityId: ideaId });
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const idea = await trx
      .selectFrom("ideas as i")
      .innerJoin("calls as c", "c.id", "i.call_id")
      .select(["i.id", "i.status", "i.version", "i.owner_id", "i.title", "c.review_due_days", "c.blind"])
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
    const existing = await trx.selectFrom("idea_reviews").select(["reviewer_id", "status", "blind"]).where("idea_id", "=", ideaId).orderBy("id").execute();
    if (existing.some((e) => ids.includes(e.reviewer_id))) throw badRequest("error.form", { reviewerIds: "error.ideas.alreadyAssigned" });
    const decided = ideaBlind(idea.blind, existing);
    const blind = decided.decided ? decided.blind : opts.blind ?? decided.blind;
    const rows = await trx
      .insertInto("idea_reviews")
      .values(ids.map((rid) => ({ idea_id: ideaId, reviewer_id: rid, assigned_by: actor.user.id, blind, due_at: new Date(nowMs() + idea.review_due_days * 86_400_000) })))
      .returning(["id", "reviewer_id"])
      .execute();
    for (const r of rows) await notify(trx, r.reviewer_id, "ideas.notify.assigned", { title: idea.title }, `/reviews/${r.id}`);
    await writeAudit(trx, auditMeta(actor), { action: "idea.reviewers_assigned", entity: "idea", entityId: ideaId, details: { reviewerIds: ids, blind } });
    if (idea.status === "screening") await applyTransition(trx, actor, idea, "start_review", "staff", { reviewers: ids.length });
    return rows.map((r) => r.id);
  });
}

// ---------------------------------------------------------------- reviews: overdue

/**
 * Notifies reviewer and assigning staff once for every pending review past its due time. Run by the
 * scheduled job "ideas.overdue" (every five minutes; no page load writes), or by hand
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
      .where("r.due_at", "<", now())
      .where("r.overdue_notified_at", "is", null)
      .returning(["r.id", "r.reviewer_id", "r.assigned_by", "i.id as ideaId", "i.title"])
      .execute();
    await notifyBatch(
      trx,
      due.flatMap((r) => [
        { to: [r.reviewer_id], key: "ideas.notify.overdue", params: { title: r.title }, link: `/reviews/${r.id}`, name: r.title },
        ...(r.assigned_by ? [{ to: [r.assigned_by], key: "ideas.notify.overdueStaff", params: { title: r.title }, link: `/ideas/${r.ideaId}`, name: r.title }] : []),
      ]),
      (key, count, titles) => key === "ideas.notify.overdue"
        ? { key: "ideas.notify.overdueDigest", params: { count, titles }, link: "/reviews" }
        : { key: "ideas.notify.overdueStaffDigest", params: { count, titles }, link: "/staff/ideas?overdue=1" },
    );
    return due.length;
  });
}

// ---------------------------------------------------------------- reviews: the mentor

async function loadOwnReview(db: Database, actor: UserActor, reviewId: number) {
  await requireGrant(actor, "review:idea");
  const review = await db.selectFrom("idea_reviews").selectAll().where("id", "=", reviewId).executeTakeFirst();
  if (!review) throw notFound();
  // "own" = assigned to the actor: nobody else may read or score this review.
  await requirePermission(actor, "review:idea", { ownerId: review.reviewer_id, entity: "idea_review", entityId: reviewId });
  return review;
}

export async function myReviews(actor: UserActor) {
  await requireGrant(actor, "review:idea");
  const db = await getDb();
  const rows = await db
    .selectFrom("idea_reviews as r")
    .innerJoin("ideas as i", "i.id", "r.idea_id")
    .select(["r.id", "r.status", "r.due_at", "r.submitted_at", "i.title", "i.status as ideaStatus", sql<boolean>`r.status = 'pending' AND r.due_at < ${now()}`.as("overdue")])
    .where("r.reviewer_id", "=", actor.user.id)
    .orderBy(sql`r.status = 'pending'`, "desc")
    .orderBy("r.due_at")
    .execute();
  return rows;
}

/** The reviewer's page: the idea (blind-hidden when this review was assigned blind) and only their own review. */
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
    expected_jobs: idea.expected_jobs, funding_rials: idea.funding_rials, origin_kind: idea.origin_kind, status: idea.status, blind: review.blind,
    ownerName: idea.ownerName as string | null, ownerEmail: idea.ownerEmail as string | null, ownerMobile: idea.ownerMobile, team: idea.team as string | null,
  };
  const shown = hideForBlind(visible, review.blind, true);
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

registerJob("ideas.overdue", () => notifyOverdue(), "*/5 * * * *");
