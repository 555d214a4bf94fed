import crypto from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { isHttpError } from "~/lib/http";
import { ideaDraftSchema } from "~/modules/ideas/schema";
import { saveCall, setCallStatus } from "~/modules/ideas/calls.server";
import { transitionIdea } from "~/modules/ideas/decisions.server";
import { queueOptions, staffQueue } from "~/modules/ideas/queue.server";
import { assignReviewers, declareNoConflict, getReview, myReviews, notifyOverdue, recuse, submitReview } from "~/modules/ideas/review.server";
import { getIdea, myIdeas, saveIdea, submitIdea } from "~/modules/ideas/service.server";
import type { IdeaDraft } from "~/modules/ideas/schema";
import { actorFor, createUser } from "../factories";

const statusOf = (e: unknown) => (isHttpError(e) ? e.init?.status : e instanceof Response ? e.status : 500);
async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return { status: statusOf(e), key: isHttpError(e) ? e.data.messageKey : null, fields: isHttpError(e) ? e.data.fieldErrors : undefined };
  }
  throw new Error("expected a failure");
}

async function standingCallId() {
  const db = await getDb();
  return (await db.selectFrom("calls").select("id").where("standing", "=", true).executeTakeFirstOrThrow()).id;
}

async function fullDraft(extra: Partial<IdeaDraft> = {}): Promise<IdeaDraft> {
  return {
    callId: await standingCallId(), title: "سامانه كشاورزي هوشمند ۱۲", summary: "آبیاری قطره‌ای با حسگر", problem: "هدررفت آب",
    solution: "حسگر رطوبت", market: "باغداران", sectorCode: "A", countyCode: "tabriz", stage: "prototype", knowledgeBased: true,
    expectedJobs: 12, fundingRials: 5_000_000_000, team: "مریم - مدیر", originKind: "own", idempotencyKey: crypto.randomUUID(), ...extra,
  };
}

async function setupPeople() {
  const owner = await createUser({ role: "entrepreneur" });
  const staff = await createUser({ role: "staff" });
  const staff2 = await createUser({ role: "staff" });
  const m1 = await createUser({ role: "mentor" });
  const m2 = await createUser({ role: "mentor" });
  const m3 = await createUser({ role: "mentor" });
  return {
    owner: await actorFor(owner.id), staff: await actorFor(staff.id), staff2: await actorFor(staff2.id),
    m1: await actorFor(m1.id), m2: await actorFor(m2.id), m3: await actorFor(m3.id),
  };
}

async function ideaVersion(id: number) {
  const db = await getDb();
  return (await db.selectFrom("ideas").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
}

/** The reviewer declares no conflict and scores every criterion 3. */
async function scoreReview(reviewer: Awaited<ReturnType<typeof actorFor>>, reviewId: number) {
  const { criteria } = await getReview(reviewer, reviewId);
  await declareNoConflict(reviewer, reviewId);
  await submitReview(reviewer, reviewId, { version: 2, scores: Object.fromEntries(criteria.map((c) => [c.id, 3])), comments: "نظر داور", recommendation: "accept" });
}

async function openCall(staff: Awaited<ReturnType<typeof actorFor>>, extra: { sectorCodes?: string[]; countyCodes?: string[]; reviewersPerIdea?: number } = {}) {
  const callId = await saveCall(staff, null, {
    title: "فراخوان آزمون", sectorCodes: [], countyCodes: [], standing: true, blind: false, reviewersPerIdea: 2, reviewDueDays: 7, rubric: "نوآوری | 1", ...extra,
  });
  const db = await getDb();
  await setCallStatus(staff, callId, (await db.selectFrom("calls").select("version").where("id", "=", callId).executeTakeFirstOrThrow()).version, "open");
  return callId;
}

describe("ideas: full journey", () => {
  it("draft → submitted → screening → in_review (recusal, replacement) → accepted with history and notifications", async () => {
    const p = await setupPeople();
    const db = await getDb();
    const { id } = await saveIdea(p.owner, null, { ...(await fullDraft()), summary: undefined });
    const draft = await getIdea(p.owner, id);
    expect(draft.idea.status).toBe("draft");
    // submitting checks every field
    const f = await failure(submitIdea(p.owner, id, draft.idea.version));
    expect(f.status).toBe(400);
    expect(f.fields?.summary).toBe("error.required");
    await saveIdea(p.owner, id, { ...(await fullDraft()), version: draft.idea.version });
    await submitIdea(p.owner, id, await ideaVersion(id));
    await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
    const [r1, r2] = await assignReviewers(p.staff, id, [p.m1.user.id, p.m2.user.id]);
    expect((await getIdea(p.staff, id)).idea.status).toBe("in_review");

    // m2 recuses; staff assign m3
    await recuse(p.m2, r2, "همکار سابق متقاضی هستم");
    const r3 = (await assignReviewers(p.staff, id, [p.m3.user.id]))[0];
    // a recused reviewer cannot score
    expect((await failure(submitReview(p.m2, r2, { version: 2, scores: {}, comments: "x", recommendation: "accept" }))).status).toBe(409);
    // scoring needs the no-conflict declaration first
    expect((await failure(submitReview(p.m1, r1, { version: 1, scores: {}, comments: "x", recommendation: "accept" }))).key).toBe("error.ideas.declareFirst");

    const crit = (await getReview(p.m1, r1)).criteria;
    await declareNoConflict(p.m1, r1);
    const s1 = Object.fromEntries(crit.map((c, i) => [c.id, i === 0 ? null : 4]));
    await submitReview(p.m1, r1, { version: 2, scores: s1, comments: "خوب است", privateNotes: "محرمانه", recommendation: "accept" });
    await declareNoConflict(p.m3, r3);
    await submitReview(p.m3, r3, { version: 2, scores: Object.fromEntries(crit.map((c) => [c.id, 2])), comments: "قابل قبول", recommendation: "revise" });

    const staffView = await getIdea(p.staff, id);
    expect(staffView.summary).toEqual({ mean: 3, spread: 2, n: 2 });
    expect(staffView.reviews.map((r) => r.status)).toEqual(["done", "recused", "done"]);
    // The queue row's review figures: the two done reviews (the recused one counts nowhere).
    const row = (await staffQueue(p.staff, {})).rows.find((r) => r.id === id)!;
    expect([Number(row.avgScore), Number(row.spread), row.doneCount, row.pendingCount, row.overdueCount]).toEqual([3, 2, 2, 0, 0]);

    await transitionIdea(p.staff, id, "accept", { version: await ideaVersion(id), note: "طرح قوی", path: "acceleration" });
    const ownerView = await getIdea(p.owner, id);
    expect(ownerView.idea.status).toBe("accepted");
    expect(ownerView.idea.accepted_path).toBe("acceleration");
    expect(ownerView.history.map((h) => h.to_status)).toEqual(["draft", "submitted", "screening", "in_review", "accepted"]);
    expect(JSON.stringify(ownerView)).not.toContain("محرمانه"); // private reviewer notes never reach the applicant
    expect(ownerView.comments).toEqual(["خوب است", "قابل قبول"]);
    const notes = await db.selectFrom("notifications").select("message_key").where("user_id", "=", p.owner.user.id).orderBy("id").execute();
    expect(notes.map((n) => n.message_key)).toEqual(["ideas.notify.submitted", "ideas.notify.screening", "ideas.notify.in_review", "ideas.notify.accepted"]);
    const audit = await db.selectFrom("audit_log").select("action").where("entity", "=", "idea").where("entity_id", "=", String(id)).execute();
    expect(audit.map((a) => a.action)).toContain("idea.accept");
    expect((await myIdeas(p.owner)).map((i) => i.id)).toContain(id);
  });

  it("refuses illegal transitions with 409, missing reasons with 400", async () => {
    const p = await setupPeople();
    const { id } = await saveIdea(p.owner, null, await fullDraft(), { submit: true });
    expect((await failure(transitionIdea(p.staff, id, "accept", { version: await ideaVersion(id), note: "x", path: "acceleration" }))).status).toBe(409);
    await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
    expect((await failure(transitionIdea(p.staff, id, "reject", { version: await ideaVersion(id) }))).fields).toEqual({ note: "error.required" });
    await transitionIdea(p.staff, id, "request_revision", { version: await ideaVersion(id), note: "بازار را دقیق‌تر بنویسید" });
    // the owner revises and resubmits
    await saveIdea(p.owner, id, { ...(await fullDraft()), market: "باغداران آذربایجان", version: await ideaVersion(id) }, { submit: true });
    expect((await getIdea(p.owner, id)).idea.status).toBe("resubmitted");
    expect((await failure(transitionIdea(p.staff, id, "submit" as never, { version: await ideaVersion(id) }))).status).toBe(409);
  });
});

describe("ideas: permissions per role", () => {
  it("lets only the owner and staff see an idea; only staff decide; only mentors review", async () => {
    const p = await setupPeople();
    const other = await actorFor((await createUser({ role: "entrepreneur" })).id);
    const chair = await actorFor((await createUser({ role: "chair_manager" })).id);
    const { id } = await saveIdea(p.owner, null, await fullDraft(), { submit: true });
    // Another user's idea answers 404 like a missing one (issue 10 item 6).
    expect((await failure(getIdea(other, id))).status).toBe(404);
    expect((await failure(getIdea(p.m1, id))).status).toBe(404);
    expect((await failure(getIdea(chair, id))).status).toBe(404);
    expect((await getIdea(p.staff, id)).view).toBe("staff");
    expect((await failure(transitionIdea(p.owner, id, "screen", { version: 2 }))).status).toBe(403);
    expect((await failure(transitionIdea(p.m1, id, "screen", { version: 2 }))).status).toBe(403);
    expect((await failure(staffQueue(p.owner, {}))).status).toBe(403);
    expect((await failure(staffQueue(p.m1, {}))).status).toBe(403);
    expect((await failure(saveIdea(p.staff, null, await fullDraft()))).status).toBe(403);
    expect((await failure(saveIdea(other, id, { ...(await fullDraft()), version: 2 }))).status).toBe(404); // another entrepreneur's idea: as if missing
    expect((await failure(myReviews(p.owner))).status).toBe(403);
    expect((await failure(saveCall(p.m1, null, { title: "x", sectorCodes: [], countyCodes: [], standing: true, blind: false, reviewersPerIdea: 2, reviewDueDays: 7, rubric: "a | 1" }))).status).toBe(403);
    // drafts stay private to their owner
    const { id: draftId } = await saveIdea(p.owner, null, await fullDraft());
    expect((await failure(getIdea(p.staff, draftId))).status).toBe(404);
    expect((await staffQueue(p.staff, {})).rows.map((r) => r.id)).not.toContain(draftId);
  });

  it("an unassigned reviewer cannot see or score; blind review hides the applicant", async () => {
    const p = await setupPeople();
    const callId = await saveCall(p.staff, null, {
      title: "فراخوان نابینا", sectorCodes: [], countyCodes: [], standing: true, blind: true, reviewersPerIdea: 2, reviewDueDays: 7, rubric: "نوآوری | 2\nبازار | 1",
    });
    const db = await getDb();
    await setCallStatus(p.staff, callId, (await db.selectFrom("calls").select("version").where("id", "=", callId).executeTakeFirstOrThrow()).version, "open");
    const { id } = await saveIdea(p.owner, null, await fullDraft({ callId }), { submit: true });
    await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
    const [r1] = await assignReviewers(p.staff, id, [p.m1.user.id]);
    expect((await failure(getReview(p.m2, r1))).status).toBe(403);
    expect((await failure(declareNoConflict(p.m2, r1))).status).toBe(403);
    expect((await failure(submitReview(p.m2, r1, { version: 1, scores: {}, comments: "x", recommendation: "accept" }))).status).toBe(403);
    const view = await getReview(p.m1, r1);
    expect(view.idea.ownerName).toBeNull();
    expect(view.idea.ownerEmail).toBeNull();
    expect(view.idea.team).toBeNull();
    expect(JSON.stringify(view)).not.toContain(p.owner.user.email);
    // a reviewer sees only their own review, never the others'
    expect(Object.keys(view)).not.toContain("reviews");
  });
});

describe("ideas: concurrency and idempotency", () => {
  it("two staff deciding at once: one wins, the other gets 409", async () => {
    const p = await setupPeople();
    const { id } = await saveIdea(p.owner, null, await fullDraft(), { submit: true });
    await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
    const [r1, r2] = await assignReviewers(p.staff, id, [p.m1.user.id, p.m2.user.id]);
    await scoreReview(p.m1, r1);
    await scoreReview(p.m2, r2);
    const v = await ideaVersion(id);
    const results = await Promise.allSettled([
      transitionIdea(p.staff, id, "accept", { version: v, note: "پذیرش", path: "consulting" }),
      transitionIdea(p.staff2, id, "reject", { version: v, note: "رد" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(statusOf(lost.reason)).toBe(409);
    const db = await getDb();
    const hist = await db.selectFrom("idea_status_history").select("to_status").where("idea_id", "=", id).where("to_status", "in", ["accepted", "rejected"]).execute();
    expect(hist).toHaveLength(1);
  });

  it("a stale draft answers 409 and keeps the stored text unchanged", async () => {
    const p = await setupPeople();
    const { id } = await saveIdea(p.owner, null, await fullDraft());
    const v = await ideaVersion(id);
    await saveIdea(p.owner, id, { ...(await fullDraft()), title: "نسخه تب اول", version: v });
    const f = await failure(saveIdea(p.owner, id, { ...(await fullDraft()), title: "نسخه تب دوم", version: v }));
    expect(f).toMatchObject({ status: 409, key: "error.ideas.stale" });
    expect((await getIdea(p.owner, id)).idea.title).toBe("نسخه تب اول");
  });

  it("double submit with one idempotency key creates one idea", async () => {
    const p = await setupPeople();
    const draft = await fullDraft();
    const results = await Promise.allSettled([saveIdea(p.owner, null, draft, { submit: true }), saveIdea(p.owner, null, draft, { submit: true })]);
    const ids = results.map((r) => (r.status === "fulfilled" ? r.value.id : null));
    expect(ids[0]).not.toBeNull();
    expect(ids[0]).toBe(ids[1]);
    const db = await getDb();
    const n = await db.selectFrom("ideas").select(sql<number>`count(*)::int`.as("n")).where("idempotency_key", "=", draft.idempotencyKey!).executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
    const hist = await db.selectFrom("idea_status_history").select("to_status").where("idea_id", "=", ids[0]!).execute();
    expect(hist.map((h) => h.to_status)).toEqual(["draft", "submitted"]);
  });

  it("refuses to submit after the call's close date", async () => {
    const p = await setupPeople();
    const db = await getDb();
    const callId = await saveCall(p.staff, null, {
      title: "فراخوان کوتاه", sectorCodes: [], countyCodes: [], standing: false, blind: false, opensOn: "2026-01-01", closesOn: "2099-01-01",
      reviewersPerIdea: 2, reviewDueDays: 7, rubric: "نوآوری | 1",
    });
    await db.updateTable("calls").set({ status: "open" }).where("id", "=", callId).execute();
    const { id } = await saveIdea(p.owner, null, await fullDraft({ callId }));
    await db.updateTable("calls").set({ closes_on: "2026-01-02" }).where("id", "=", callId).execute();
    const f = await failure(submitIdea(p.owner, id, await ideaVersion(id)));
    expect(f).toMatchObject({ status: 409, key: "error.ideas.callClosed" });
    expect((await getIdea(p.owner, id)).idea.status).toBe("draft");
  });

  it("overdue reviews notify the reviewer and the assigning staff once", async () => {
    const p = await setupPeople();
    const { id } = await saveIdea(p.owner, null, await fullDraft(), { submit: true });
    await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
    const [r1] = await assignReviewers(p.staff, id, [p.m1.user.id]);
    const db = await getDb();
    await db.updateTable("idea_reviews").set({ due_at: sql`now() - interval '1 day'` }).where("id", "=", r1).execute();
    expect(await notifyOverdue()).toBe(1);
    expect(await notifyOverdue()).toBe(0);
    const keys = await db.selectFrom("notifications").select(["user_id", "message_key"]).where("message_key", "like", "ideas.notify.overdue%").execute();
    expect(keys).toEqual(expect.arrayContaining([
      { user_id: p.m1.user.id, message_key: "ideas.notify.overdue" }, { user_id: p.staff.user.id, message_key: "ideas.notify.overdueStaff" },
    ]));
    const overdue = (await staffQueue(p.staff, { overdue: true })).rows;
    expect(overdue.map((r) => r.id)).toEqual([id]);
    expect([overdue[0].avgScore, overdue[0].spread, overdue[0].doneCount, overdue[0].pendingCount, overdue[0].overdueCount]).toEqual([null, null, 0, 1, 1]);
    expect((await myReviews(p.m1))[0].overdue).toBe(true);
  });

  it("four overdue reviews in one run are one digest for the reviewer and one for the staff who assigned them", async () => {
    const p = await setupPeople();
    const db = await getDb();
    for (let i = 0; i < 4; i++) {
      const { id } = await saveIdea(p.owner, null, await fullDraft({ title: `ایده دیرکرد ${i + 1}` }), { submit: true });
      await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
      const [r] = await assignReviewers(p.staff, id, [p.m1.user.id]);
      await db.updateTable("idea_reviews").set({ due_at: sql`now() - interval '1 day'` }).where("id", "=", r).execute();
    }
    expect(await notifyOverdue()).toBe(4);
    const told = (userId: number) =>
      db.selectFrom("notifications").select(["message_key", "params", "link"]).where("user_id", "=", userId).where("message_key", "like", "ideas.notify.overdue%").execute();
    expect(await told(p.m1.user.id)).toEqual([
      { message_key: "ideas.notify.overdueDigest", params: { count: 4, titles: "ایده دیرکرد 1 · ایده دیرکرد 2 · ایده دیرکرد 3" }, link: "/reviews" },
    ]);
    expect(await told(p.staff.user.id)).toEqual([
      { message_key: "ideas.notify.overdueStaffDigest", params: { count: 4, titles: "ایده دیرکرد 1 · ایده دیرکرد 2 · ایده دیرکرد 3" }, link: "/staff/ideas?overdue=1" },
    ]);
  });
});

describe("ideas: queue search", () => {
  it("matches ی/ي, ک/ك and digits in any script, with filters and keyset pages", async () => {
    const p = await setupPeople();
    const { id } = await saveIdea(p.owner, null, await fullDraft(), { submit: true }); // title: "سامانه كشاورزي هوشمند ۱۲"
    for (const q of ["کشاورزی", "كشاورزي", "هوشمند 12", "هوشمند ١٢"]) {
      const { searchForm } = await import("~/i18n/normalise");
      expect((await staffQueue(p.staff, { q: searchForm(q) })).rows.map((r) => r.id)).toContain(id);
    }
    expect((await staffQueue(p.staff, { q: "ناموجود" })).rows).toHaveLength(0);
    expect((await staffQueue(p.staff, { county: "tabriz", stage: "prototype", status: "submitted" })).rows.map((r) => r.id)).toContain(id);
    expect((await staffQueue(p.staff, { stage: "mvp" })).rows.map((r) => r.id)).not.toContain(id);
  });

  it("offers as reviewers only the mentors who hold a review (not every mentor), and a new assignment shows at once", async () => {
    const p = await setupPeople();
    const { id } = await saveIdea(p.owner, null, await fullDraft(), { submit: true });
    await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
    await assignReviewers(p.staff, id, [p.m1.user.id]);
    const ids = async () => (await queueOptions(p.staff)).reviewers.map((r) => r.value);
    expect(await ids()).toContain(String(p.m1.user.id));
    expect(await ids()).not.toContain(String(p.m2.user.id)); // a mentor with no review would only filter to nothing
    const m1 = (await queueOptions(p.staff)).reviewers.find((r) => r.value === String(p.m1.user.id))!;
    expect(m1.label).toBe(p.m1.user.fullName);
    // the choices are cached; assigning a reviewer (audited as the idea) drops them
    await assignReviewers(p.staff, id, [p.m2.user.id]);
    expect(await ids()).toContain(String(p.m2.user.id));
    expect((await staffQueue(p.staff, { reviewerId: p.m2.user.id })).rows.map((r) => r.id)).toEqual([id]);
    expect((await failure(queueOptions(p.owner))).status).toBe(403);
  });
});

describe("ideas: what the user typed", () => {
  it("stores free text with its Persian digits as typed, and search still finds it by Latin digits", async () => {
    const p = await setupPeople();
    const form = new FormData();
    for (const [k, v] of Object.entries({ callId: String(await standingCallId()), title: "۱۲۰۰ دهياري هوشمند", summary: "ثبت ۹۸۷۶۵", expectedJobs: "۱۲", idempotencyKey: crypto.randomUUID() })) form.set(k, v);
    const parsed = parseForm(ideaDraftSchema, form);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const { id } = await saveIdea(p.owner, null, parsed.data, { submit: false });
    const { idea } = await getIdea(p.owner, id);
    expect(idea.title).toBe("۱۲۰۰ دهیاری هوشمند");
    expect(idea.summary).toBe("ثبت ۹۸۷۶۵");
    expect(idea.expected_jobs).toBe(12);
    const { searchForm } = await import("~/i18n/normalise");
    const db = await getDb();
    expect((await db.selectFrom("ideas").select("search_text").where("id", "=", id).executeTakeFirstOrThrow()).search_text).toContain(searchForm("1200 دهیاری"));
  });
});

describe("ideas: property test", () => {
  it("500 random idea forms: never a 500, never a partial row", async () => {
    const owner = await actorFor((await createUser({ role: "entrepreneur" })).id);
    const db = await getDb();
    const callId = await standingCallId();
    const field = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("", " ", "۱۲", "-1", "1e9", "99999999999999999999", "A", "tabriz", "chair", "own", "mvp", "on"));
    const keys = ["callId", "title", "summary", "problem", "solution", "market", "sectorCode", "countyCode", "stage", "knowledgeBased", "expectedJobs", "fundingRials", "team", "originKind", "originRef", "version"];
    let created = 0;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), field), fc.boolean(), fc.boolean(), async (raw, useCall, submit) => {
        const form = new FormData();
        for (const [k, v] of Object.entries(raw)) form.set(k, v);
        if (useCall) form.set("callId", String(callId));
        form.set("idempotencyKey", crypto.randomUUID());
        const parsed = parseForm(ideaDraftSchema, form);
        if (!parsed.ok) return;
        try {
          await saveIdea(owner, null, parsed.data, { submit });
          created++;
        } catch (e) {
          expect([400, 403, 404, 409]).toContain(statusOf(e));
        }
      }),
      { numRuns: 500 },
    );
    const n = await db.selectFrom("ideas").select(sql<number>`count(*)::int`.as("n")).where("owner_id", "=", owner.user.id).executeTakeFirstOrThrow();
    expect(n.n).toBe(created);
    // no partial rows: every idea has its creation history, every submitted idea its submission
    const orphan = await db
      .selectFrom("ideas as i")
      .select("i.id")
      .where("i.owner_id", "=", owner.user.id)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("idea_status_history as h").select("h.id").whereRef("h.idea_id", "=", "i.id").whereRef("h.to_status", "=", "i.status"))))
      .execute();
    expect(orphan).toEqual([]);
  }, 120_000);
});

describe("ideas: attachments", () => {
  it("the owner attaches a PDF while editable; staff and assigned reviewers see it, others do not", async () => {
    const { fileFromBytes } = await import("~/modules/files/service.server");
    const { attachToIdea, ideaAttachments } = await import("~/modules/ideas/attachments.server");
    const p = await setupPeople();
    const other = await actorFor((await createUser({ role: "entrepreneur" })).id);
    const { id } = await saveIdea(p.owner, null, await fullDraft());
    const pdf = () => fileFromBytes("plan.pdf", new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
    await attachToIdea(p.owner, id, pdf());
    expect((await failure(attachToIdea(other, id, pdf()))).status).toBe(403);
    expect((await ideaAttachments(p.owner, id)).map((f) => f.name)).toEqual(["plan.pdf"]);
    await submitIdea(p.owner, id, await ideaVersion(id));
    expect((await failure(attachToIdea(p.owner, id, pdf()))).status).toBe(403); // no longer editable
    await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
    await assignReviewers(p.staff, id, [p.m1.user.id]);
    expect(await ideaAttachments(p.staff, id)).toHaveLength(1);
    expect(await ideaAttachments(p.m1, id)).toHaveLength(1);
    expect(await ideaAttachments(p.m2, id)).toHaveLength(0);
    expect(await ideaAttachments(other, id)).toHaveLength(0);
  });
});

describe("ideas: reviewers per idea", () => {
  it("shows N of M, refuses a decision below M submitted reviews without writing, and a recusal does not count", async () => {
    const p = await setupPeople();
    const db = await getDb();
    const callId = await openCall(p.staff, { reviewersPerIdea: 2 });
    const { id } = await saveIdea(p.owner, null, await fullDraft({ callId }), { submit: true });
    await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
    const [r1] = await assignReviewers(p.staff, id, [p.m1.user.id]);
    expect((await getIdea(p.staff, id)).coverage).toMatchObject({ active: 1, done: 0, required: 2, short: true, canDecide: false });
    const [r2] = await assignReviewers(p.staff, id, [p.m2.user.id]);
    expect((await getIdea(p.staff, id)).coverage).toMatchObject({ active: 2, short: false });

    // below the threshold: one of two reviews submitted
    await scoreReview(p.m1, r1);
    const before = { v: await ideaVersion(id), hist: (await db.selectFrom("idea_status_history").select("id").where("idea_id", "=", id).execute()).length };
    for (const [action, input] of [["accept", { note: "خوب", path: "acceleration" }], ["reject", { note: "ضعیف" }]] as const) {
      const f = await failure(transitionIdea(p.staff, id, action, { version: before.v, ...input }));
      expect(f).toMatchObject({ status: 409, key: "error.ideas.notEnoughReviews" });
    }
    const after = await db.selectFrom("ideas").select(["status", "version", "decided_by", "accepted_path"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: "in_review", version: before.v, decided_by: null, accepted_path: null });
    expect((await db.selectFrom("idea_status_history").select("id").where("idea_id", "=", id).execute()).length).toBe(before.hist);
    const audit = await db.selectFrom("audit_log").select("action").where("entity", "=", "idea").where("entity_id", "=", String(id)).execute();
    expect(audit.map((a) => a.action)).not.toContain("idea.accept");

    // a recusal lowers the active count and does not count towards the decision
    await recuse(p.m2, r2, "تعارض منافع");
    expect((await getIdea(p.staff, id)).coverage).toMatchObject({ active: 1, done: 1, short: true, canDecide: false });
    expect((await failure(transitionIdea(p.staff, id, "accept", { version: await ideaVersion(id), note: "خوب", path: "acceleration" }))).key).toBe("error.ideas.notEnoughReviews");

    // asking for a revision is not a decision: it stays possible (checked on another idea below)
    // at the threshold: a third reviewer submits, staff decide
    const [r3] = await assignReviewers(p.staff, id, [p.m3.user.id]);
    await scoreReview(p.m3, r3);
    expect((await getIdea(p.staff, id)).coverage).toMatchObject({ active: 2, done: 2, short: false, canDecide: true });
    await transitionIdea(p.staff, id, "accept", { version: await ideaVersion(id), note: "خوب", path: "acceleration" });
    expect((await getIdea(p.staff, id)).idea.status).toBe("accepted");
  });

  it("uses the call's number (1 here); screening rejections and revision requests are not held back", async () => {
    const p = await setupPeople();
    const callId = await openCall(p.staff, { reviewersPerIdea: 1 });
    const { id } = await saveIdea(p.owner, null, await fullDraft({ callId }), { submit: true });
    await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
    const [r1] = await assignReviewers(p.staff, id, [p.m1.user.id]);
    expect((await failure(transitionIdea(p.staff, id, "reject", { version: await ideaVersion(id), note: "x" }))).status).toBe(409);
    await scoreReview(p.m1, r1);
    await transitionIdea(p.staff, id, "reject", { version: await ideaVersion(id), note: "بازار کوچک است" });
    expect((await getIdea(p.staff, id)).idea.status).toBe("rejected");

    const other = await saveIdea(p.owner, null, await fullDraft({ callId }), { submit: true });
    await transitionIdea(p.staff, other.id, "screen", { version: await ideaVersion(other.id) });
    await assignReviewers(p.staff, other.id, [p.m2.user.id]);
    await transitionIdea(p.staff, other.id, "request_revision", { version: await ideaVersion(other.id), note: "بازار را دقیق‌تر بنویسید" });
    expect((await getIdea(p.staff, other.id)).idea.status).toBe("needs_revision");
    const third = await saveIdea(p.owner, null, await fullDraft({ callId }), { submit: true });
    await transitionIdea(p.staff, third.id, "screen", { version: await ideaVersion(third.id) });
    await transitionIdea(p.staff, third.id, "reject", { version: await ideaVersion(third.id), note: "خارج از موضوع" });
    expect((await getIdea(p.staff, third.id)).idea.status).toBe("rejected");
  });
});

describe("ideas: call sectors and counties", () => {
  it("shows the call's lists by name and refuses an idea outside them on that field, changing nothing", async () => {
    const p = await setupPeople();
    const db = await getDb();
    const { getCall, listOpenCalls } = await import("~/modules/ideas/calls.server");
    const callId = await openCall(p.staff, { sectorCodes: ["A", "C"], countyCodes: ["tabriz"] });
    const { call } = await getCall(p.owner, callId);
    expect(call.sectors.map((s) => s.name_en)).toEqual(["Agriculture, forestry and fishing", "Manufacturing"]);
    expect(call.counties.map((c) => [c.name_fa, c.name_en])).toEqual([["تبریز", "Tabriz"]]);
    expect((await listOpenCalls()).find((c) => c.id === callId)?.sectors.map((s) => s.code)).toEqual(["A", "C"]);

    const count = async () => (await db.selectFrom("ideas").select(sql<number>`count(*)::int`.as("n")).where("owner_id", "=", p.owner.user.id).executeTakeFirstOrThrow()).n;
    const f1 = await failure(saveIdea(p.owner, null, await fullDraft({ callId, sectorCode: "B" }), { submit: true }));
    expect(f1).toMatchObject({ status: 400, fields: { sectorCode: "error.ideas.sectorNotInCall" } });
    const f2 = await failure(saveIdea(p.owner, null, await fullDraft({ callId, countyCode: "ahar" }), { submit: true }));
    expect(f2).toMatchObject({ status: 400, fields: { countyCode: "error.ideas.countyNotInCall" } });
    expect(await count()).toBe(0);

    // a draft written for the standing call (open to all) cannot be moved into this call with an outside sector
    const { id } = await saveIdea(p.owner, null, await fullDraft({ sectorCode: "B" }));
    const v = await ideaVersion(id);
    const f3 = await failure(saveIdea(p.owner, id, { ...(await fullDraft({ callId, sectorCode: "B" })), version: v }, { submit: true }));
    expect(f3.fields).toEqual({ sectorCode: "error.ideas.sectorNotInCall" });
    const stored = await db.selectFrom("ideas").select(["call_id", "status", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ call_id: await standingCallId(), status: "draft", version: v });

    // inside the lists it goes through
    const ok = await saveIdea(p.owner, null, await fullDraft({ callId, sectorCode: "C", countyCode: "tabriz" }), { submit: true });
    expect(ok.status).toBe("submitted");
  });

  it("staff list only known sectors and counties; a call with none accepts all", async () => {
    const p = await setupPeople();
    const f = await failure(saveCall(p.staff, null, {
      title: "x", sectorCodes: ["A", "NOPE"], countyCodes: ["nowhere"], standing: true, blind: false, reviewersPerIdea: 2, reviewDueDays: 7, rubric: "a | 1",
    }));
    expect(f).toMatchObject({ status: 400, fields: { sectorCodes: "error.invalidChoice", countyCodes: "error.invalidChoice" } });
    const callId = await openCall(p.staff);
    const { getCall } = await import("~/modules/ideas/calls.server");
    expect((await getCall(p.owner, callId)).call.sectors).toEqual([]);
    expect((await saveIdea(p.owner, null, await fullDraft({ callId, sectorCode: "F", countyCode: "ahar" }), { submit: true })).status).toBe("submitted");
  });
});
