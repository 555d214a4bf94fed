// The agencies' agenda (issue 14): obstacles raised on records of other modules (visibility through
// each module's registered resolver), agency isolation, the workflow with concurrency (one take
// wins, stale forms 409), evidence, notifications, escalation and the meeting list.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { fileEmergency } from "~/modules/cases/service.server";
import { assignMentors } from "~/modules/cases/assignment.server";
import "~/modules/ideas/attachments.server";
import "~/modules/employment/enterprises.server";
import { obstacleSchema } from "~/modules/agenda/schema";
import { escalateObstacle, listObstacles, meetingList, moveObstacle, obstaclePage, raiseForm, raiseObstacle, subjectObstacles } from "~/modules/agenda/service.server";
import { fileFromBytes } from "~/modules/files/source.server";
import { actorFor, createUser, fails, orgUnitId } from "../factories";

let owner: UserActor, other: UserActor, staff: UserActor, mentor: UserActor, bank1: UserActor, bank2: UserActor, agri: UserActor;
let caseId: number;

const raise = (over: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries({ subjectKind: "case", subjectId: String(caseId), category: "financing", agency: "banks", description: "وام سرمایه در گردش شش ماه است معطل مانده", jobsCreated: "4", jobsRetained: "8", beganOn: "1403/05/01", ...over })) f.set(k, v);
  const p = parseForm(obstacleSchema, f);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};

beforeAll(async () => {
  setClock("2024-09-01T08:00:00Z"); // 1403/06/11
  owner = await actorFor((await createUser({ role: "entrepreneur" })).id);
  other = await actorFor((await createUser({ role: "entrepreneur" })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
  const m = await createUser({ role: "mentor" });
  mentor = await actorFor(m.id);
  bank1 = await actorFor((await createUser({ role: "agency_officer", unit: "agency-banks" })).id);
  bank2 = await actorFor((await createUser({ role: "agency_officer", unit: "agency-banks" })).id);
  agri = await actorFor((await createUser({ role: "agency_officer", unit: "agency-agriculture" })).id);
  ({ id: caseId } = await fileEmergency(owner, {
    firmName: "کارگاه نساجی آذر", registrationNo: "55501", county: "tabriz", sector: "C", baselineEmployees: 12,
    problemAreas: ["financing"], description: "کمبود نقدینگی", urgency: "high",
  }));
  const db = await getDb();
  const v = (await db.selectFrom("cases").select("version").where("id", "=", caseId).executeTakeFirstOrThrow()).version;
  await assignMentors(staff, caseId, { version: v, centreId: await orgUnitId("accel-tabriz-1"), leadMentorId: m.id, coMentorIds: [] });
});

describe("raising an obstacle on a subject", () => {
  it("a mentor on the case raises it with 12 jobs waiting, a due date from the category's service time and evidence", async () => {
    const { id } = await raiseObstacle(mentor, raise(), [fileFromBytes("letter.pdf", new TextEncoder().encode("%PDF-1.4\n%demo\n"))]);
    const db = await getDb();
    const o = await db.selectFrom("obstacles").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(o).toMatchObject({ status: "open", agency_code: "banks", raised_on: "2024-09-01", due_on: "2024-10-01", county_code: "tabriz" });
    expect(Number(o.jobs_created) + Number(o.jobs_retained)).toBe(12);
    const files = await db.selectFrom("files").select("id").where("entity", "=", "obstacle").where("entity_id", "=", String(id)).execute();
    expect(files).toHaveLength(1);
    const told = await db.selectFrom("notifications").select("user_id").where("message_key", "=", "agenda.notify.raised").where("link", "=", `/agenda/obstacles/${id}`).execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([owner.user.id, bank1.user.id, bank2.user.id].sort());
    const audit = await db.selectFrom("audit_log").select("action").where("entity", "=", "obstacle").where("entity_id", "=", String(id)).execute();
    expect(audit.map((a) => a.action)).toContain("obstacle.raised");
    const panel = await subjectObstacles(owner, "case", caseId);
    expect(panel.rows.find((r) => r.id === id)).toMatchObject({ open: true, jobs: 12 });
  });

  it("answers 404 to whoever cannot see the subject, and for unknown kinds or missing records", async () => {
    expect((await fails(raiseObstacle(other, raise()))).status).toBe(404);
    expect((await fails(raiseForm(other, "case", caseId, "fa"))).status).toBe(404);
    expect((await fails(raiseForm(owner, "case", 999_999_999, "fa"))).status).toBe(404);
    expect((await fails(raiseForm(owner, "planet", 1, "fa"))).status).toBe(404);
    expect((await fails(raiseForm(staff, "cooperative", 1, "fa"))).status).toBe(404);
  });

  it("refuses an inactive agency, a future start and absurd jobs with field errors, writing nothing", async () => {
    const db = await getDb();
    const before = (await db.selectFrom("obstacles").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n;
    await db.updateTable("agencies").set({ active: false }).where("code", "=", "welfare").execute();
    expect((await fails(raiseObstacle(owner, raise({ agency: "welfare" })))).fields).toEqual({ agency: "agenda.error.agencyInactive" });
    await db.updateTable("agencies").set({ active: true }).where("code", "=", "welfare").execute();
    expect((await fails(raiseObstacle(owner, raise({ beganOn: "1403/07/01" })))).fields).toEqual({ beganOn: "agenda.error.beganFuture" });
    const f = new FormData();
    for (const [k, v] of Object.entries({ subjectKind: "case", subjectId: "1", category: "financing", agency: "banks", description: "x", jobsCreated: "-3", jobsRetained: "900000", beganOn: "1403/05/01" })) f.set(k, v);
    const p = parseForm(obstacleSchema, f);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors).toMatchObject({ jobsCreated: "error.numberTooSmall", jobsRetained: "error.numberTooLarge" });
    expect((await db.selectFrom("obstacles").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n).toBe(before);
  });

  it("checks ideas and ledger enterprises through their own modules", async () => {
    const db = await getDb();
    const call = await db.selectFrom("calls").select("id").where("standing", "=", true).executeTakeFirstOrThrow();
    const idea = await db.insertInto("ideas").values({ call_id: call.id, owner_id: owner.user.id, title: "گلخانه هیدروپونیک", status: "submitted", county_code: "tabriz" }).returning("id").executeTakeFirstOrThrow();
    expect((await raiseForm(owner, "idea", idea.id, "fa")).subject.title).toBe("گلخانه هیدروپونیک");
    expect((await raiseForm(staff, "idea", idea.id, "fa")).subject.link).toBe(`/ideas/${idea.id}`);
    expect((await fails(raiseForm(other, "idea", idea.id, "fa"))).status).toBe(404);
    const ent = await db.insertInto("enterprises").values({ name: "بنگاه آزمون", registration_no: "998877", kind: "company", county_code: "tabriz", sector_code: "C", size_class: "small" } as never).returning("id").executeTakeFirstOrThrow();
    expect((await raiseForm(staff, "enterprise", ent.id, "fa")).subject.link).toBe(`/employment/enterprises/${ent.id}`);
    expect((await fails(raiseForm(owner, "enterprise", ent.id, "fa"))).status).toBe(404);
  });
});

describe("agency officers work their obstacles", () => {
  it("isolates agencies: another agency's officer sees nothing of it", async () => {
    const { id } = await raiseObstacle(mentor, raise());
    expect((await fails(obstaclePage(agri, id, "fa"))).status).toBe(404);
    expect((await listObstacles(agri, { overdue: false, escalated: false, mine: false }, null, "fa")).rows.some((r) => r.id === id)).toBe(false);
    expect((await listObstacles(bank1, { overdue: false, escalated: false, mine: false }, null, "fa")).rows.some((r) => r.id === id)).toBe(true);
    expect((await fails(moveObstacle(agri, id, { action: "take", version: 1 }))).status).toBe(404);
    expect((await fails(obstaclePage(other, id, "fa"))).status).toBe(404);
    const page = await obstaclePage(bank1, id, "fa");
    expect(page.subject).toEqual({ title: "کارگاه نساجی آذر", link: null }); // summarised; the case itself stays closed to the bank
    expect(page.actions).toEqual(["take", "assign"]);
  });

  it("two officers take the same obstacle at once: one wins, the other gets 409", async () => {
    const { id } = await raiseObstacle(mentor, raise());
    const results = await Promise.allSettled([moveObstacle(bank1, id, { action: "take", version: 1 }), moveObstacle(bank2, id, { action: "take", version: 1 })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((await fails(Promise.reject(lost.reason))).status).toBe(409);
    const db = await getDb();
    const o = await db.selectFrom("obstacles").select(["status", "assignee_id", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(o.status).toBe("assigned");
    expect([bank1.user.id, bank2.user.id]).toContain(o.assignee_id);
    expect(o.version).toBe(2);
  });

  it("works it to resolved with what was done; a stale form is 409; the owner is asked to update the figures; no jobs are reported", async () => {
    const { id } = await raiseObstacle(mentor, raise());
    await moveObstacle(bank1, id, { action: "take", version: 1 });
    expect((await fails(moveObstacle(bank2, id, { action: "start", version: 2 }))).status).toBe(409); // not theirs
    expect((await fails(moveObstacle(bank1, id, { action: "start", version: 1 }))).status).toBe(409); // stale
    await moveObstacle(bank1, id, { action: "start", version: 2 });
    expect((await fails(moveObstacle(bank1, id, { action: "resolve", version: 3 }))).fields).toEqual({ note: "agenda.error.whatWasDone" });
    const db = await getDb();
    const reportsBefore = (await db.selectFrom("employment_reports").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n;
    await moveObstacle(bank1, id, { action: "resolve", version: 3, note: "وام با ضمانت صندوق پرداخت شد" });
    const o = await db.selectFrom("obstacles").select(["status", "closed_on", "closing_note"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(o).toEqual({ status: "resolved", closed_on: "2024-09-01", closing_note: "وام با ضمانت صندوق پرداخت شد" });
    expect((await db.selectFrom("employment_reports").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n).toBe(reportsBefore);
    const asked = await db.selectFrom("notifications").select("user_id").where("message_key", "=", "agenda.notify.resolve").where("link", "=", `/agenda/obstacles/${id}`).execute();
    expect(asked.map((n) => n.user_id)).toContain(owner.user.id);
    const page = await obstaclePage(owner, id, "fa");
    expect(page.waitsOnOwner).toBe(true);
    expect(page.history.map((h) => h.action)).toEqual(["raise", "take", "start", "resolve"]);
    // Reopened by the case's owner within 30 days; after 30 days it cannot be.
    setClock("2024-09-20T08:00:00Z");
    await moveObstacle(owner, id, { action: "reopen", version: 4, note: "بانک دوباره ضمانت خواست" });
    expect((await db.selectFrom("obstacles").select(["status", "assignee_id"]).where("id", "=", id).executeTakeFirstOrThrow())).toEqual({ status: "open", assignee_id: null });
    setClock("2024-09-01T08:00:00Z");
  });

  it("marks overdue after the due date and escalates it to the meeting list", async () => {
    const { id } = await raiseObstacle(mentor, raise({ category: "permit" }));
    setClock("2024-10-15T08:00:00Z");
    expect((await obstaclePage(staff, id, "fa")).obstacle.overdue).toBe(true);
    expect((await fails(escalateObstacle(bank1, id, { version: 1, note: "x" }))).status).toBe(403);
    await escalateObstacle(staff, id, { version: 1, note: "شش ماه بی‌پاسخ" });
    expect((await fails(escalateObstacle(staff, id, { version: 1, note: "again" }))).status).toBe(409);
    const list = await meetingList(staff, "fa");
    expect(list.rows.find((r) => r.id === id)).toMatchObject({ jobs: 12, days_open: 44, overdue: true, subject: "کارگاه نساجی آذر" });
    setClock("2024-09-01T08:00:00Z");
  });
});

describe("the working group's view", () => {
  it("ranks agencies by jobs blocked with medians of days to resolve, share overdue, and the blocked-jobs figure", async () => {
    const { agencyBoard, agencyDrill, blockedJobs, boardCsv } = await import("~/modules/agenda/board.server");
    const db = await getDb();
    // A fresh agency-free picture: count what this file's earlier tests left open for the banks.
    const open = await db.selectFrom("obstacles").select(["jobs_created", "jobs_retained", "due_on"]).where("agency_code", "=", "banks").where("status", "in", ["open", "assigned", "in_progress"]).execute();
    const jobs = open.reduce((s, o) => s + Number(o.jobs_created) + Number(o.jobs_retained), 0);
    // Two resolved obstacles for agriculture, 4 and 10 days to resolve: median 7.
    for (const [raised, closed] of [["2024-08-01", "2024-08-05"], ["2024-08-10", "2024-08-20"]]) {
      await db.insertInto("obstacles").values({ subject_kind: "case", subject_id: caseId, category: "land", agency_code: "agriculture", description: "x", jobs_created: 3, jobs_retained: 0, began_on: raised, raised_on: raised, due_on: "2024-09-30", status: "resolved", closed_on: closed, raised_by: owner.user.id }).execute();
    }
    const { dropTag } = await import("~/lib/memo.server");
    dropTag("obstacle");
    const board = await agencyBoard(staff, "jobs", "fa");
    const banks = board.rows.find((r) => r.code === "banks")!;
    expect(banks).toMatchObject({ open: open.length, jobs_blocked: jobs });
    expect(board.rows[0].code).toBe("banks");
    const agriRow = board.rows.find((r) => r.code === "agriculture")!;
    expect(agriRow).toMatchObject({ resolved: 2, median_days: 7, jobs_unblocked: 6, open: 0, share_overdue: null });
    expect(board.rows).toHaveLength((await db.selectFrom("agencies").select("code").execute()).length);
    expect(board.trend.find((m) => m.month === "1403/05")).toMatchObject({ resolved: 2, jobs: 6 }); // 1403/05 = 22 Jul – 21 Aug 2024
    expect((await blockedJobs({}, "fa")).total).toBe(board.totals.jobs_blocked);
    expect((await blockedJobs({ agency: "banks" }, "fa")).byAgency.map((r) => r.code)).toEqual(["banks"]);
    const drill = await agencyDrill(staff, "agriculture", "fa");
    expect(drill!.rows.find((r) => r.category === "land")).toMatchObject({ resolved: 2, median_days: 7 });
    expect((await boardCsv(staff, "ranking", null, "fa"))!.header[0]).toBe("agency");
    expect((await fails(agencyBoard(bank1, "jobs", "fa"))).status).toBe(403);
  });
});
