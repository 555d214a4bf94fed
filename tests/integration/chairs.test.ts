import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { isHttpError, httpErrorStatus } from "~/lib/http";
import type { UserActor } from "~/modules/accounts/actor.server";
import { activitySchema, chairSchema } from "~/modules/chairs/schema";
import { parseForm } from "~/lib/forms";
import {
  addActivity, addComment, chairOptions, chairPage, chairReport, createChair, creatableUniversities, getChairForEdit, getPlan, importActivities,
  listChairsFor, publicChairs, ranking, savePlan, updateChair,
} from "~/modules/chairs/service.server";
import { actorFor, createOrgUnit, createUser, orgUnitId } from "../factories";
import { createEnterprise, mergeEnterprises } from "~/modules/employment/enterprises.server";
import { refreshCounted } from "~/modules/employment/queries.server";
import { decideReports, supersedeReport } from "~/modules/employment/reports.server";
import { reportEmployment } from "~/modules/employment/service.server";

const YEAR = 1403;
const status = (e: unknown) => (isHttpError(e) ? httpErrorStatus(e) : e instanceof Error ? e.message : String(e));
async function deniedRows(actorId: number) {
  const db = await getDb();
  const r = await db.selectFrom("audit_log").select(sql<number>`count(*)::int`.as("n")).where("action", "=", "authz.denied").where("actor_id", "=", actorId).executeTakeFirstOrThrow();
  return r.n;
}
function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}
const chairInput = (over: Record<string, string> = {}) => {
  const p = parseForm(chairSchema, form({ title: "کرسی نوآوری", field: "مهندسی", holderName: "دکتر رضایی", holderRank: "associate_professor", holderEmail: "rezaei@uni.ac.ir", status: "active", establishedOn: "1402/07/01", ...over }));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};
const activity = (over: Record<string, string> = {}) => {
  const p = parseForm(activitySchema, form({ kind: "workshop", title: "کارگاه بوم کسب‌وکار", heldOn: "1403/07/15", year: String(YEAR), hours: "4", participants: "30", women: "12", ...over }));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};

let manager: UserActor; // chair manager of uni-tabriz
let otherManager: UserActor; // chair manager of another university
let staff: UserActor;
let entrepreneur: UserActor;
let otherUni: number;
let chairId: number;
let otherChairId: number;

beforeAll(async () => {
  otherUni = await createOrgUnit("university", "uni-test-other");
  manager = await actorFor((await createUser({ role: "chair_manager" })).id);
  otherManager = await actorFor((await createUser({ role: "chair_manager", unit: otherUni })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
  entrepreneur = await actorFor((await createUser({ role: "entrepreneur" })).id);
  chairId = await createChair(manager, chairInput());
  otherChairId = await createChair(otherManager, chairInput({ title: "کرسی دیگر" }));
});

describe("university scope of every action", () => {
  it("a chair manager creates chairs in their own university only (403 and an audit row otherwise)", async () => {
    const db = await getDb();
    const chair = await db.selectFrom("chairs").selectAll().where("id", "=", chairId).executeTakeFirstOrThrow();
    expect(chair.university_id).toBe(await orgUnitId("uni-tabriz"));
    const before = await deniedRows(manager.user.id);
    const err = await createChair(manager, { ...chairInput(), universityId: otherUni }).catch((e) => e);
    expect(status(err)).toBe(403);
    expect(await deniedRows(manager.user.id)).toBe(before + 1);
    expect((await creatableUniversities(manager)).map((u) => u.id)).toEqual([await orgUnitId("uni-tabriz")]);
  });

  it("every manager action on another university's chair answers the 404 of a missing chair (403 without the grant at all) and writes an audit row, and changes nothing", async () => {
    const db = await getDb();
    const actions: [string, () => Promise<unknown>][] = [
      ["page", () => chairPage(otherManager, chairId, YEAR)],
      ["report", () => chairReport(otherManager, chairId, YEAR)],
      ["edit form", () => getChairForEdit(otherManager, chairId)],
      ["update", () => updateChair(otherManager, chairId, chairInput({ title: "ربوده" }))],
      ["plan form", () => getPlan(otherManager, chairId, YEAR)],
      ["plan", () => savePlan(otherManager, chairId, { year: YEAR, goalActivities: 1, goalParticipants: 1, goalIdeas: 1, goalStartups: 1 })],
      ["activity", () => addActivity(otherManager, chairId, activity({ title: "نفوذی" }))],
      ["import", () => importActivities(otherManager, chairId, { text: "external_ref,kind,title,date,hours,participants\nx,workshop,y,1403/01/10,1,1\n", year: YEAR, validOnly: true })],
      ["comment", () => addComment(otherManager, chairId, "سلام")],
    ];
    for (const [name, run] of actions) {
      const before = await deniedRows(otherManager.user.id);
      const err = await run().then(() => "allowed", (e) => e);
      // A manager holds read/manage:chair (for their university): another one's chair is a 404 (issue 10
      // item 6); comment:chair they do not hold at all: 403, whatever the id.
      expect(status(err), name).toBe(name === "comment" ? 403 : 404);
      expect(await deniedRows(otherManager.user.id), name).toBe(before + 1);
    }
    const audit = await db.selectFrom("audit_log").select(["entity", "entity_id"]).where("action", "=", "authz.denied").where("actor_id", "=", otherManager.user.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(audit).toEqual({ entity: "chair", entity_id: String(chairId) });
    const chair = await db.selectFrom("chairs").select(["title", "version"]).where("id", "=", chairId).executeTakeFirstOrThrow();
    expect(chair.title).toBe("کرسی نوآوری");
    const acts = await db.selectFrom("chair_activities").select("id").where("chair_id", "=", chairId).execute();
    expect(acts).toHaveLength(0);
  });

  it("lists: a manager sees their university's chairs, staff all, an entrepreneur none (403)", async () => {
    expect((await listChairsFor(manager)).chairs.map((c) => c.id)).toEqual([chairId]);
    expect((await listChairsFor(otherManager)).chairs.map((c) => c.id)).toEqual([otherChairId]);
    const all = (await listChairsFor(staff)).chairs.map((c) => c.id);
    expect(all).toEqual(expect.arrayContaining([chairId, otherChairId]));
    expect(status(await listChairsFor(entrepreneur).catch((e) => e))).toBe(403);
    expect(status(await chairPage(entrepreneur, chairId).catch((e) => e))).toBe(403);
  });

  it("staff read and comment on any chair but cannot change it; managers cannot comment", async () => {
    await addComment(staff, otherChairId, "برنامه سال را کامل کنید");
    const page = await chairPage(staff, otherChairId, YEAR);
    expect(page.comments.map((c) => c.body)).toEqual(["برنامه سال را کامل کنید"]);
    expect(page.canManage).toBe(false);
    expect(status(await updateChair(staff, otherChairId, chairInput()).catch((e) => e))).toBe(403);
    expect(status(await addActivity(staff, otherChairId, activity()).catch((e) => e))).toBe(403);
    expect(status(await addComment(manager, chairId, "x").catch((e) => e))).toBe(403);
    expect(status(await ranking(manager, YEAR, "activities").catch((e) => e))).toBe(403);
  });

  it("an unknown chair is 404 for those who may read chairs and 403 for the others", async () => {
    expect(status(await chairPage(staff, 987654).catch((e) => e))).toBe(404);
    expect(status(await chairPage(entrepreneur, 987654).catch((e) => e))).toBe(403);
  });

  it("a stale edit answers 409 and keeps the newer one", async () => {
    const c = await getChairForEdit(manager, chairId);
    await updateChair(manager, chairId, { ...chairInput({ field: "مدیریت" }), version: c.version });
    const err = await updateChair(manager, chairId, { ...chairInput({ field: "قدیمی" }), version: c.version }).catch((e) => e);
    expect(status(err)).toBe(409);
    expect((await getChairForEdit(manager, chairId)).field).toBe("مدیریت");
  });
});

describe("activities", () => {
  it("logs an activity and refuses bad input and duplicates without writing", async () => {
    await savePlan(manager, chairId, { year: YEAR, goalActivities: 10, goalParticipants: 300, goalIdeas: 5, goalStartups: 2 });
    await addActivity(manager, chairId, activity());
    const bad = [
      [{ heldOn: "1402/12/29" }, "heldOn", "error.chairs.dateOutsideYear"],
      [{ participants: "-1" }, "participants", "error.chairs.participantsNegative"],
      [{ participants: "5", women: "6" }, "women", "error.chairs.womenAboveTotal"],
    ] as const;
    for (const [over, field, key] of bad) {
      const p = parseForm(activitySchema, form({ kind: "workshop", title: "بد", heldOn: "1403/07/15", year: String(YEAR), hours: "4", participants: "30", women: "1", ...over }));
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.errors[field]).toBe(key);
    }
    const dup = await addActivity(manager, chairId, activity({ title: "کارگاه بوم کسب‌وکار" })).catch((e) => e);
    expect(status(dup)).toBe(400);
    expect(isHttpError(dup) && dup.data.fieldErrors?.title).toBe("error.chairs.duplicate");
    const db = await getDb();
    expect(await db.selectFrom("chair_activities").select("id").where("chair_id", "=", chairId).execute()).toHaveLength(1);
  });

  it("imports a CSV: nothing written with a bad row, valid-only on request, idempotent re-import, duplicates refused", async () => {
    const db = await getDb();
    const countActs = async () => (await db.selectFrom("chair_activities").select("id").where("chair_id", "=", chairId).execute()).length;
    const head = "external_ref,kind,title,date,hours,participants,women,partners\n";
    const good = [
      "t1,course,دوره مقدماتی,۱۴۰۳/۰۷/۲۰,16,25,10,پارک علم",
      "t2,bootcamp,بوت‌کمپ پاییزه,1403/08/05,24,40,18,",
      "t3,competition,مسابقه ایده,1403/08/20,8,60,30,",
      "t4,mentoring,منتورینگ گروهی,1403/09/01,2,12,5,",
      "t5,کارگاه,کارگاه بازاریابی,1403/09/10,4,35,20,",
    ];
    const before = await countActs();
    const withBad = await importActivities(manager, chairId, { text: head + [...good, "t6,workshop,زنان زیاد,1403/09/11,4,5,9,"].join("\n"), year: YEAR, validOnly: false });
    expect(withBad.errors).toEqual([{ row: 7, field: "women", key: "error.chairs.womenAboveTotal" }]);
    expect(withBad.written).toBe(0);
    expect(await countActs()).toBe(before);

    const first = await importActivities(manager, chairId, { text: head + good.join("\n"), year: YEAR, validOnly: false });
    expect(first).toMatchObject({ total: 5, written: 5, alreadyImported: 0, errors: [] });
    const again = await importActivities(manager, chairId, { text: head + good.join("\n"), year: YEAR, validOnly: false });
    expect(again).toMatchObject({ total: 5, written: 0, alreadyImported: 5, errors: [] });
    expect(await countActs()).toBe(before + 5);

    // Same activity as the one logged by hand (kind, date, title) under a new reference: refused.
    const dup = await importActivities(manager, chairId, { text: head + "t9,workshop,کارگاه بوم کسب‌وکار,1403/07/15,4,30,12,\nt10,workshop,تازه,1403/10/01,3,20,10,\n", year: YEAR, validOnly: true });
    expect(dup.errors).toEqual([{ row: 2, field: "_row", key: "chairs.import.error.duplicateExisting" }]);
    expect(dup.written).toBe(1);
    expect(await countActs()).toBe(before + 6);
    const audit = await db.selectFrom("audit_log").select("id").where("action", "=", "chair.activities_imported").where("entity_id", "=", String(chairId)).execute();
    expect(audit).toHaveLength(2);
  });
});

describe("ideas, jobs and reports", () => {
  it("counts the chair's ideas and the ledger's jobs once, shows them on the page, report and ranking", async () => {
    const db = await getDb();
    const owner = await createUser({ role: "entrepreneur" });
    const call = await db.insertInto("calls").values({ title: "فراخوان آزمون", standing: true, status: "open" }).returning("id").executeTakeFirstOrThrow();
    const submittedAt = new Date("2024-10-10T08:00:00Z"); // 1403/07/19
    const idea = (title: string, ref: number, st: string, path: string | null = null) =>
      db.insertInto("ideas").values({ call_id: call.id, owner_id: owner.id, title, origin_kind: "chair", origin_ref: String(ref), status: st, accepted_path: path, submitted_at: st === "draft" ? null : submittedAt })
        .returning("id").executeTakeFirstOrThrow();
    const a = await idea("ایده پذیرفته", chairId, "accepted", "acceleration");
    const b = await idea("ایده دوم", chairId, "accepted", "consulting");
    await idea("ایده در داوری", chairId, "in_review");
    await idea("پیش‌نویس", chairId, "draft");
    const o = await idea("ایده کرسی دیگر", otherChairId, "accepted", "acceleration");

    // Enterprises formed: A (reported twice, the later one counts; a superseded one never), B reached by
    // an idea of each chair (attributed to one chair only).
    const ent = async (reg: string) => (await db.insertInto("enterprises").values({ name: `بنگاه ${reg}`, registration_no: reg, kind: "company", county_code: "tabriz", sector_code: "A", size_class: "micro" }).returning("id").executeTakeFirstOrThrow()).id;
    const entA = await ent("9001");
    const entB = await ent("9002");
    const report = (enterprise: number, ideaId: number, asOf: string, ft: number, st = "verified") =>
      db.insertInto("employment_reports").values({ enterprise_id: enterprise, as_of: asOf, jalali_year: YEAR, jalali_month: 8, source_module: "ideas", source_id: String(ideaId), programme: "ideas", created_full_time: ft, status: st })
        .returning("id").executeTakeFirstOrThrow();
    await report(entA, a.id, "2024-10-25", 3);
    const later = await report(entA, a.id, "2024-12-01", 5);
    const replaced = await report(entA, a.id, "2024-12-05", 50);
    await db.updateTable("employment_reports").set({ superseded_by: later.id }).where("id", "=", replaced.id).execute();
    await report(entA, a.id, "2024-12-20", 70, "rejected");
    await report(entB, b.id, "2024-11-01", 2);
    await report(entB, o.id, "2024-11-15", 4); // the same enterprise through the other chair's idea
    // Rows written by hand: bring the ledger's rollup up to date as the employment module would.
    await refreshCounted(db, entA, YEAR);
    await refreshCounted(db, entB, YEAR);

    const page = await chairPage(manager, chairId, YEAR);
    expect(page.counts).toMatchObject({ ideasSubmitted: 3, ideasAccepted: 2, ideasAccelerated: 1, startups: 2, jobs: 9 });
    expect(page.ideas.map((i) => [i.title, i.status, i.enterprise])).toEqual([
      ["ایده در داوری", "in_review", false], ["ایده دوم", "accepted", true], ["ایده پذیرفته", "accepted", true],
    ]);
    const other = await chairPage(otherManager, otherChairId, YEAR);
    expect(other.counts).toMatchObject({ ideasSubmitted: 1, ideasAccepted: 1, startups: 0, jobs: 0 });

    const rep = await chairReport(staff, chairId, YEAR);
    expect(rep.counts.activities).toBe(7);
    expect(rep.planVsActual.find((p) => p.measure === "ideas")).toEqual({ measure: "ideas", goal: 5, actual: 3, ratio: 0.6 });

    const r = await ranking(staff, YEAR, "jobs");
    const top = r.chairs.find((c) => c.id === chairId)!;
    expect(top.counts.jobs).toBe(9);
    const province = r.universities.reduce((s, u) => s + u.counts.jobs, 0);
    expect(province).toBe(9); // enterprise B counted once across both chairs
    const uni = r.universities.find((u) => u.id === otherUni)!;
    expect(uni.counts.ideasAccepted).toBe(1);
  });

  it("public list shows active chairs with holders and no contact data; chairOptions lists active chairs", async () => {
    const list = await publicChairs();
    const json = JSON.stringify(list);
    expect(json).toContain("دکتر رضایی");
    expect(json).not.toContain("rezaei@uni.ac.ir");
    const opts = await chairOptions("fa");
    expect(opts.map((o) => o.value)).toEqual(expect.arrayContaining([String(chairId), String(otherChairId)]));
    await updateChair(otherManager, otherChairId, chairInput({ title: "کرسی دیگر", status: "suspended" }));
    expect((await chairOptions("fa")).map((o) => o.value)).not.toContain(String(otherChairId));
  });
});

// Issue 10 item 14: chairs read the ledger's counted figures (employment_counted) instead of their own
// copy of the counting rule; after a correction (supersession) and a merge they still equal the ledger's.
describe("chair jobs are the ledger's counted jobs", () => {
  it("equal the ledger's figure after a supersession and a merge", async () => {
    const db = await getDb();
    const chair = await createChair(manager, chairInput({ title: "کرسی دفتر کل" }));
    const owner = await createUser({ role: "entrepreneur" });
    const call = await db.insertInto("calls").values({ title: "فراخوان دفتر", standing: true, status: "open" }).returning("id").executeTakeFirstOrThrow();
    const idea = await db.insertInto("ideas").values({ call_id: call.id, owner_id: owner.id, title: "ایده دفتر", origin_kind: "chair", origin_ref: String(chair), status: "accepted", accepted_path: "acceleration", submitted_at: new Date("2024-10-10T08:00:00Z") })
      .returning("id").executeTakeFirstOrThrow();
    const ent = (reg: string) => createEnterprise(staff, { registrationNo: reg, name: `بنگاه ${reg}`, kind: "company", county: "tabriz", sector: "A", agency: "welfare", sizeClass: "small", baselineHeadcount: 2 });
    const e1 = await ent("9101001");
    const e2 = await ent("9101002");
    const file = (enterprise: number, asOf: string, ft: number) =>
      reportEmployment(staff, { source: { module: "ideas", id: idea.id }, enterprise: { id: enterprise }, asOf, fteNow: 2 + ft, created: { fullTime: ft, partTime: 0, tempMonths: 0 } });
    const r1 = await file(e1, "2024-11-01", 3);
    const r2 = await file(e2, "2024-11-20", 2);
    await decideReports(staff, [r1.reportId, r2.reportId], "verified");
    const ledger = async (ids: number[]) =>
      Number((await db.selectFrom("employment_counted").select(sql<string>`coalesce(sum(jobs_created), 0)`.as("n")).where("jalali_year", "=", YEAR).where("enterprise_id", "in", ids).executeTakeFirstOrThrow()).n);
    const chairJobs = async () => (await chairPage(manager, chair, YEAR)).counts;
    expect(await chairJobs()).toMatchObject({ startups: 2, jobs: 5 });
    expect((await chairJobs()).jobs).toBe(await ledger([e1, e2]));

    // A correction: until it is verified the ledger falls back to nothing newer, then counts the fix.
    const fix = await supersedeReport(staff, r1.reportId, {
      asOf: "2024-11-05", programme: "ideas" as const, fteBaseline: 2, fteNow: 9, createdFullTime: 7, createdPartTime: 0, createdTempMonths: 0,
      retainedFullTime: 0, retainedPartTime: 0, retainedTempMonths: 0, volunteers: 0, women: 0, priorityGroups: [] as string[],
    }, "typo");
    await decideReports(staff, [fix], "verified");
    expect((await chairJobs()).jobs).toBe(await ledger([e1, e2]));
    expect((await chairJobs()).jobs).toBe(9);

    // A merge: one enterprise, counted once (its latest verified report of the year).
    await mergeEnterprises(staff, e1, e2);
    const after = await chairJobs();
    expect(after.startups).toBe(1);
    expect(after.jobs).toBe(await ledger([e1, e2]));
  });
});
