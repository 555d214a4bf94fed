import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { reviewCoverage } from "./policy";
import type { IdeaAction } from "./workflow";
import { applyTransition } from "./shared.server";

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
