// Route x role matrix rows for ideas and calls (issue 4).
// Setup: a draft and a screened idea owned by the matrix entrepreneur, the matrix mentor assigned
// to the screened idea. POST bodies fail validation or a version check: nothing is written.
import crypto from "node:crypto";
import { getDb } from "~/lib/db.server";
import { ROLES } from "~/modules/accounts/roles";
import { transitionIdea } from "~/modules/ideas/decisions.server";
import { assignReviewers } from "~/modules/ideas/review.server";
import { saveIdea, submitIdea } from "~/modules/ideas/service.server";
import { actorFor } from "../../factories";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
const signedIn = (n: number): Expect => ({ ...all(n), anonymous: 302 });
/** Only the listed roles get `n`; other signed-in users 403; anonymous 302. */
const only = (n: number, ...roles: Asker[]): Expect => ({ ...signedIn(403), ...Object.fromEntries(roles.map((r) => [r, n])) });

export async function setup(users: MatrixUsers) {
  const db = await getDb();
  const owner = await actorFor(users.entrepreneur.id);
  const staff = await actorFor(users.staff.id);
  const call = await db.selectFrom("calls").select("id").where("standing", "=", true).executeTakeFirstOrThrow();
  const base = {
    callId: call.id, title: "ایده ماتریس", summary: "خلاصه", problem: "مسئله", solution: "راه‌حل", market: "بازار", sectorCode: "A",
    countyCode: "tabriz", stage: "idea" as const, knowledgeBased: false, expectedJobs: 3, fundingRials: 1000, team: "تیم", originKind: "own" as const,
  };
  const draft = await saveIdea(owner, null, { ...base, idempotencyKey: crypto.randomUUID() });
  const idea = await saveIdea(owner, null, { ...base, idempotencyKey: crypto.randomUUID() });
  const v = async (id: number) => (await db.selectFrom("ideas").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
  await submitIdea(owner, idea.id, await v(idea.id));
  await transitionIdea(staff, idea.id, "screen", { version: await v(idea.id) });
  const [reviewId] = await assignReviewers(staff, idea.id, [users.mentor.id]);
  return { callId: call.id, draftId: draft.id, ideaId: idea.id, reviewId };
}

export const rows: MatrixRow[] = [
  { route: "routes/calls._index", path: "/calls", expect: all(200) },
  { route: "routes/calls.$id", path: (fx) => `/calls/${fx.callId}`, expect: all(200) },
  { route: "routes/calls.$id", path: "/calls/999999999", expect: all(404) },
  { route: "routes/calls.$id", path: "/calls/abc", expect: all(404) },

  { route: "routes/ideas._index", path: "/ideas", expect: only(200, "entrepreneur", "staff"), note: "staff hold read:idea:any; the list shows their own ideas" },
  { route: "routes/ideas.new", path: "/ideas/new", expect: only(200, "entrepreneur") },
  { route: "routes/ideas.new", method: "POST", path: "/ideas/new", body: { callId: "", title: "" }, expect: only(400, "entrepreneur") },

  // Another user's idea answers 404 like a missing one (issue 10 item 6).
  { route: "routes/ideas.$id._index", path: (fx) => `/ideas/${fx.ideaId}`, expect: { ...signedIn(404), entrepreneur: 200, staff: 200 } },
  { route: "routes/ideas.$id._index", path: (fx) => `/ideas/${fx.draftId}`, expect: { ...signedIn(404), entrepreneur: 200 }, note: "drafts are private to their owner" },
  { route: "routes/ideas.$id._index", path: "/ideas/999999999", expect: signedIn(404) },
  { route: "routes/ideas.$id._index", method: "POST", path: (fx) => `/ideas/${fx.ideaId}`, body: { intent: "screen", version: "999" },
    expect: only(409, "staff"), note: "staff reach the version check (stale form)" },
  { route: "routes/ideas.$id._index", method: "POST", path: (fx) => `/ideas/${fx.ideaId}`, body: { intent: "submit", version: "999" },
    expect: { ...signedIn(404), entrepreneur: 409, staff: 403 }, note: "the owner reaches the workflow: a screened idea cannot be submitted again; staff read but do not submit" },

  { route: "routes/ideas.$id.edit", path: (fx) => `/ideas/${fx.draftId}/edit`, expect: { ...signedIn(404), entrepreneur: 200, staff: 403 }, note: "staff read the idea but do not edit it: 403" },
  { route: "routes/ideas.$id.edit", path: (fx) => `/ideas/${fx.ideaId}/edit`, expect: { ...signedIn(404), entrepreneur: 409, staff: 403 }, note: "a submitted idea is not editable" },
  { route: "routes/ideas.$id.edit", method: "POST", path: (fx) => `/ideas/${fx.draftId}/edit`, body: { callId: "", title: "" }, expect: { ...signedIn(404), entrepreneur: 400, staff: 403 } },

  { route: "routes/reviews._index", path: "/reviews", expect: only(200, "mentor") },
  { route: "routes/reviews.$id", path: (fx) => `/reviews/${fx.reviewId}`, expect: only(200, "mentor") },
  { route: "routes/reviews.$id", method: "POST", path: (fx) => `/reviews/${fx.reviewId}`, body: { intent: "recuse", reason: "" }, expect: only(400, "mentor") },

  { route: "routes/staff.ideas._index", path: "/staff/ideas", expect: only(200, "staff") },
  { route: "routes/staff.ideas._index", path: "/staff/ideas?status=bogus&after=-3&q=%D9%83", expect: only(200, "staff"), note: "bad filters are ignored" },
  { route: "routes/staff.ideas.export", path: "/staff/ideas/export", expect: only(200, "staff") },

  { route: "routes/staff.calls._index", path: "/staff/calls", expect: only(200, "staff") },
  { route: "routes/staff.calls.$id", path: "/staff/calls/new", expect: only(200, "staff") },
  { route: "routes/staff.calls.$id", path: (fx) => `/staff/calls/${fx.callId}`, expect: only(200, "staff") },
  { route: "routes/staff.calls.$id", method: "POST", path: "/staff/calls/new", body: { title: "" }, expect: only(400, "staff") },
];
