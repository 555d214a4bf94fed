import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { reviewCoverage } from "./policy";
import type { IdeaAction } from "./workflow";
import { applyTransition } from "./shared.server";
import { handover } from "~/modules/subjects/handovers.server";

// ---------------------------------------------------------------- ideas: staff

export async function transitionIdea(
  actor: UserActor,
  id: number,
  action: IdeaAction,
  input: { version: number; note?: string; path?: string; private?: boolean; centreId?: number },
): Promise<{ to: string; version: number; next?: { href: string; id?: number } }> {
  await requirePermission(actor, "decide:idea", { entity: "idea", entityId: id });
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const idea = await trx
      .selectFrom("ideas")
      .select(["id", "status", "version", "owner_id", "title", "call_id", "summary", "county_code", "sector_code"])
      .where("id", "=", id)
      .executeTakeFirst();
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
    const done = await applyTransition(trx, actor, idea, action, "staff", { note: input.note, path: input.path, private: input.private }, extra);
    // Acceleration or consulting: the case opens in this transaction (hand-over registered by cases,
    // decision 0017); a refused case (a closed centre picked) refuses the acceptance too.
    if (action === "accept" && (input.path === "acceleration" || input.path === "consulting")) {
      const open = handover("case.fromAcceptedIdea");
      if (open) {
        const next = await open(trx, actor, {
          ideaId: idea.id, path: input.path, centreId: input.centreId ?? null,
          idea: { ownerId: idea.owner_id, title: idea.title, summary: idea.summary || null, countyCode: idea.county_code, sectorCode: idea.sector_code },
        });
        return { ...done, next };
      }
    }
    return done;
  });
}
