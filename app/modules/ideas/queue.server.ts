import { memo } from "~/lib/memo.server";
import { getDb } from "~/lib/db.server";
import { refuse, type UserActor } from "~/modules/accounts/actor.server";
import { grantLevel, holds, type Permission } from "~/modules/accounts/roles";
import * as q from "./queries.server";

// ---------------------------------------------------------------- ideas: the staff queue and its CSV

/** Lists across all owners need the permission at level "any" (staff); "own" is not enough. */
async function requireAny(actor: UserActor, permission: Permission) {
  if (grantLevel(actor.user.roles, permission) !== "any") await refuse(actor, permission, { entity: "idea" });
}

export async function staffQueue(actor: UserActor, f: q.QueueFilters) {
  await requireAny(actor, "read:idea");
  const db = await getDb();
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

/**
 * The per-review export (issue 11 item 6): one row per review of the filtered queue's ideas, in the
 * queue's order, with each criterion's score. Criterion columns are the distinct labels of the calls in
 * scope (the filtered call, or every call). The reviewer's name is withheld on a blind review unless
 * the reader decides on ideas (staff).
 */
export async function reviewExport(actor: UserActor, f: q.QueueFilters) {
  await requireAny(actor, "read:idea");
  const db = await getDb();
  const showBlindNames = holds(actor.user, "decide:idea");
  let cq = db.selectFrom("call_criteria").select("label").orderBy("call_id").orderBy("position");
  if (f.callId) cq = cq.where("call_id", "=", f.callId);
  const labels = [...new Set((await cq.execute()).map((c) => c.label))];
  async function* rows() {
    let after: number | undefined;
    for (;;) {
      const ideas = await q.queueQuery(db, { ...f, after }, 500).execute();
      if (!ideas.length) return;
      const reviews = await db
        .selectFrom("idea_reviews as r")
        .innerJoin("users as u", "u.id", "r.reviewer_id")
        .select(["r.id", "r.idea_id", "r.status", "r.blind", "r.assigned_at", "r.submitted_at", "r.weighted_score", "r.recommendation", "r.comments", "u.full_name as reviewerName"])
        .where("r.idea_id", "in", ideas.map((i) => i.id))
        .orderBy("r.id")
        .execute();
      const scores = reviews.length
        ? await db.selectFrom("idea_review_scores as s").innerJoin("call_criteria as c", "c.id", "s.criterion_id")
          .select(["s.review_id", "c.label", "s.score"]).where("s.review_id", "in", reviews.map((r) => r.id)).execute()
        : [];
      for (const idea of ideas) {
        for (const r of reviews) {
          if (r.idea_id !== idea.id) continue;
          const own = new Map(scores.filter((s) => s.review_id === r.id).map((s) => [s.label, s.score]));
          yield { idea, review: { ...r, reviewerName: r.blind && !showBlindNames ? null : r.reviewerName }, scores: own };
        }
      }
      if (ideas.length < 500) return;
      after = ideas[ideas.length - 1].id;
    }
  }
  return { labels, rows: rows() };
}

// Every call's title for the queue's filter; calls are audited as "call" (which drops it).
const callTitles = memo("call", 60_000, async () =>
  (await (await getDb()).selectFrom("calls").select(["id", "title"]).orderBy("id", "desc").execute()).map((c) => ({ value: String(c.id), label: c.title })));
// The reviewer filter's choices (decision 0057): only the mentors who hold a review, not every mentor (~200
// in a province, 11 KB of options and their hydration data on every view). Assigning reviewers is audited as
// "idea", a review's steps as "idea_review", a renamed account as "user"; each drops it.
const reviewers = memo(["idea", "idea_review", "user"], 60_000, async () =>
  (await q.reviewerOptions(await getDb())).map((r) => ({ value: String(r.id), label: r.full_name })));

/** The queue's filter choices as `{ value, label }`: the calls and the mentors who hold a review. */
export async function queueOptions(actor: UserActor) {
  await requireAny(actor, "read:idea");
  const [calls, reviewerChoices] = await Promise.all([callTitles.get("all"), reviewers.get("all")]);
  return { calls, reviewers: reviewerChoices };
}
