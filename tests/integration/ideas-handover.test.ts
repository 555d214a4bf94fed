import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { saveCall, setCallStatus } from "~/modules/ideas/calls.server";
import { transitionIdea } from "~/modules/ideas/decisions.server";
import { assignReviewers, declareNoConflict, getReview, submitReview } from "~/modules/ideas/review.server";
import { getIdea, saveIdea } from "~/modules/ideas/service.server";
import { getCase } from "~/modules/cases/service.server"; // registers the case hand-overs, as the server build does
import { actorFor, createUser, fails, orgUnitId } from "../factories";

// Issue 11 item 1: accepting an idea with path acceleration or consulting opens its case in the same
// transaction, at the centre picked on the accept form or the idea's county's centre, and the idea
// page links to it (decision 0017).


async function people() {
  const [owner, staff, mentor] = await Promise.all([createUser({ role: "entrepreneur" }), createUser({ role: "staff" }), createUser({ role: "mentor" })]);
  return { owner: await actorFor(owner.id), staff: await actorFor(staff.id), mentor: await actorFor(mentor.id) };
}

const version = async (id: number) =>
  (await (await getDb()).selectFrom("ideas").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

/** An idea in review with its one required review submitted, ready for a decision. */
async function ideaToDecide(p: Awaited<ReturnType<typeof people>>, countyCode = "maragheh") {
  const db = await getDb();
  const callId = await saveCall(p.staff, null, {
    title: "فراخوان پذیرش", sectorCodes: [], countyCodes: [], standing: true, blind: false, reviewersPerIdea: 1, reviewDueDays: 7, rubric: "نوآوری | 1",
  });
  await setCallStatus(p.staff, callId, (await db.selectFrom("calls").select("version").where("id", "=", callId).executeTakeFirstOrThrow()).version, "open");
  const { id } = await saveIdea(p.owner, null, {
    callId, title: "کارگاه خشکبار ۱۴", summary: "بسته‌بندی کشمش", problem: "ضایعات", solution: "خشک‌کن خورشیدی", market: "صادرات",
    sectorCode: "C", countyCode, stage: "prototype", knowledgeBased: false, expectedJobs: 6, fundingRials: 1_000_000, team: "رضا",
    originKind: "own", idempotencyKey: crypto.randomUUID(),
  }, { submit: true });
  await transitionIdea(p.staff, id, "screen", { version: await version(id) });
  const [reviewId] = await assignReviewers(p.staff, id, [p.mentor.user.id]);
  const { criteria } = await getReview(p.mentor, reviewId);
  await declareNoConflict(p.mentor, reviewId);
  await submitReview(p.mentor, reviewId, { version: 2, scores: Object.fromEntries(criteria.map((c) => [c.id, 4])), comments: "خوب", recommendation: "accept" });
  return id;
}

const caseOf = async (ideaId: number) =>
  (await getDb()).selectFrom("cases").select(["id", "kind", "status", "centre_id", "entrepreneur_id", "firm_name", "county_code", "baseline_employees"]).where("idea_id", "=", ideaId).executeTakeFirst();

describe("accepting an idea opens its case (hand-over)", () => {
  it("acceleration: the case opens at the idea's county's accelerator, and the idea page links to it for staff and owner", async () => {
    const p = await people();
    const id = await ideaToDecide(p);
    const done = await transitionIdea(p.staff, id, "accept", { version: await version(id), note: "طرح قوی", path: "acceleration" });
    const c = await caseOf(id);
    expect(c).toMatchObject({
      kind: "acceleration", status: "intake", centre_id: await orgUnitId("accel-maragheh"), entrepreneur_id: p.owner.user.id,
      firm_name: "کارگاه خشکبار ۱۴", county_code: "maragheh", baseline_employees: 0,
    });
    expect(done.next).toEqual({ href: `/cases/${c!.id}`, id: c!.id });
    expect((await getIdea(p.staff, id)).next).toEqual({ href: `/cases/${c!.id}`, id: c!.id });
    expect((await getIdea(p.owner, id)).next).toEqual({ href: `/cases/${c!.id}`, id: c!.id });
    // the owner reads the case, and its timeline starts at intake
    const seen = await getCase(p.owner, c!.id);
    expect(seen.history.map((h) => h.to_status)).toEqual(["intake"]);
    const notes = await (await getDb()).selectFrom("notifications").select("message_key").where("user_id", "=", p.owner.user.id).execute();
    expect(notes.map((n) => n.message_key)).toContain("cases.notify.opened");
  });

  it("consulting with a centre picked on the accept form opens the case there", async () => {
    const p = await people();
    const id = await ideaToDecide(p, "tabriz");
    const centre = await orgUnitId("consult-tabriz-2");
    await transitionIdea(p.staff, id, "accept", { version: await version(id), note: "خوب", path: "consulting", centreId: centre });
    expect(await caseOf(id)).toMatchObject({ kind: "consulting", centre_id: centre });
  });

  it("a closed centre refuses the acceptance on the centre field and changes nothing", async () => {
    const p = await people();
    const db = await getDb();
    const id = await ideaToDecide(p);
    const closed = await db.insertInto("org_units").values({ kind: "centre", code: `closed-${crypto.randomUUID().slice(0, 8)}`, name_fa: "مرکز بسته", name_en: "Closed", active: false, centre_kind: "accelerator" }).returning("id").executeTakeFirstOrThrow();
    const f = await fails(transitionIdea(p.staff, id, "accept", { version: await version(id), note: "خوب", path: "acceleration", centreId: closed.id }));
    expect(f.status).toBe(400);
    expect(f.fields.centreId).toBe("error.invalidChoice");
    expect((await db.selectFrom("ideas").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("in_review");
    expect(await caseOf(id)).toBeUndefined();
  });

  it("cooperative opens no case; staff without a case are offered the opening form, the owner nothing", async () => {
    const p = await people();
    const id = await ideaToDecide(p);
    await transitionIdea(p.staff, id, "accept", { version: await version(id), note: "تعاونی", path: "cooperative" });
    expect(await caseOf(id)).toBeUndefined();
    const staffNext = (await getIdea(p.staff, id)).next;
    const ownerNext = (await getIdea(p.owner, id)).next;
    // With the cooperative module in the build the link is its application; without it, nothing.
    if (staffNext) expect(staffNext.href).not.toMatch(/^\/cases\//);
    if (ownerNext) expect(ownerNext.href).not.toMatch(/^\/cases\//);
  });
});

