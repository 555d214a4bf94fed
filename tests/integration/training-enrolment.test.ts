// Skills training enrolment (issue 16): places up to capacity and a waiting list in arrival order,
// also under 50 simultaneous enrolments; a withdrawal frees its place for the first waiting exactly
// once (also when submitted twice at once); attendance, results, certificates and the checks a pass makes.
// Runs on PostgreSQL (DATABASE_URL) and on the embedded PGlite (without it).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { addMonths } from "~/i18n/clock";
import { parseForm } from "~/lib/forms";
import type { UserActor } from "~/modules/accounts/actor.server";
import { fileFromBytes } from "~/modules/files/service.server";
import { createCourse, transitionCourse } from "~/modules/training/courses.server";
import { applyToCourse, enrolPerson, enrolmentPage, recordAttendance, recordResult, withdrawEnrolment } from "~/modules/training/enrolments.server";
import { courseSchema, type CourseInput } from "~/modules/training/schema";
import { actorFor, createUser, fails, nationalIdFor } from "../factories";

const courseInput = (capacity: number): CourseInput => {
  const f = new FormData();
  for (const [k, v] of Object.entries({ title: "خیاطی", occupation: "75", hours: "100", mode: "in_person", county: "tabriz", startsOn: "1405/09/01", endsOn: "1405/10/01", capacity: String(capacity), minEducation: "none", priorityGroups: "low-income-deciles" })) f.append(k, v);
  const p = parseForm(courseSchema, f);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};
let seq = 5000;
const person = (name = "متقاضی") => ({ nationalId: nationalIdFor(seq++), fullName: name, gender: "female" as const, priorityGroup: "low-income-deciles" });

let manager: UserActor;
let other: UserActor;
let entrepreneur: UserActor;

beforeAll(async () => {
  manager = await actorFor((await createUser({ role: "training_manager" })).id);
  other = await actorFor((await createUser({ role: "training_manager" })).id);
  entrepreneur = await actorFor((await createUser({ role: "entrepreneur" })).id);
});

async function openCourse(capacity: number) {
  const id = await createCourse(manager, courseInput(capacity));
  await transitionCourse(manager, id, "open", 1);
  return id;
}
async function places(courseId: number) {
  const db = await getDb();
  const rows = await db.selectFrom("training_enrolments").select(["id", "status"]).where("course_id", "=", courseId).orderBy("id").execute();
  const c = await db.selectFrom("training_courses").select(["accepted_count", "waiting_count", "version"]).where("id", "=", courseId).executeTakeFirstOrThrow();
  return { rows, c, accepted: rows.filter((r) => r.status === "accepted").map((r) => r.id), waiting: rows.filter((r) => r.status === "waiting").map((r) => r.id) };
}

describe("capacity and the waiting list", () => {
  it("accepts 20 of 50 simultaneous enrolments and lists the other 30 in arrival order", async () => {
    const id = await openCourse(20);
    const results = await Promise.all(Array.from({ length: 50 }, () => enrolPerson(manager, id, person())));
    expect(results.filter((r) => r.status === "accepted")).toHaveLength(20);
    const p = await places(id);
    expect(p.accepted).toHaveLength(20);
    expect(p.waiting).toHaveLength(30);
    expect(p.c).toMatchObject({ accepted_count: 20, waiting_count: 30 });
    // Arrival order: every accepted enrolment arrived before every waiting one.
    expect(Math.max(...p.accepted)).toBeLessThan(Math.min(...p.waiting));
  });

  it("a withdrawal gives the place to the first waiting exactly once, even submitted twice at once", async () => {
    const id = await openCourse(20);
    for (let i = 0; i < 22; i++) await enrolPerson(manager, id, person(`نفر ${i + 1}`));
    const before = await places(id);
    expect(before.waiting).toHaveLength(2);
    const leaving = before.accepted[4];
    const [a, b] = await Promise.allSettled([withdrawEnrolment(manager, leaving, 1), withdrawEnrolment(manager, leaving, 1)]);
    expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
    const after = await places(id);
    expect(after.accepted).toHaveLength(20);
    expect(after.accepted).toContain(before.waiting[0]);
    expect(after.waiting).toEqual([before.waiting[1]]);
    expect(after.c).toMatchObject({ accepted_count: 20, waiting_count: 1 });
    // Two different withdrawals at once with one person waiting: one promotion, one place left free.
    await Promise.all([withdrawEnrolment(manager, before.accepted[0], 1), withdrawEnrolment(manager, before.accepted[1], 1)]);
    const last = await places(id);
    expect(last.waiting).toEqual([]);
    expect(last.accepted).toContain(before.waiting[1]);
    expect(last.c).toMatchObject({ accepted_count: 19, waiting_count: 0 });
  });

  it("refuses a second live enrolment of the same person, and enrolments in a draft course", async () => {
    const id = await openCourse(5);
    const p = person();
    await enrolPerson(manager, id, p);
    expect((await fails(enrolPerson(manager, id, p))).fields).toMatchObject({ nationalId: "training.error.alreadyEnrolled" });
    const draft = await createCourse(manager, courseInput(5));
    expect((await fails(enrolPerson(manager, draft, person()))).status).toBe(409);
  });

  it("an entrepreneur applies for themselves and withdraws; another provider's manager cannot enrol", async () => {
    const id = await openCourse(1);
    await enrolPerson(manager, id, person());
    const r = await applyToCourse(entrepreneur, id, { nationalId: nationalIdFor(seq++), gender: "female" });
    expect(r.status).toBe("waiting");
    const page = await enrolmentPage(entrepreneur, r.id);
    expect(page.position).toBe(1);
    expect(page.canWithdraw).toBe(true);
    expect(page.canRecord).toBe(false);
    await withdrawEnrolment(entrepreneur, r.id, 1);
    expect((await fails(enrolPerson(other, id, person()))).status).toBe(403);
    expect((await fails(enrolmentPage(other, r.id))).status).toBe(403);
  });
});

describe("attendance and results", () => {
  it("records attendance up to 100%, results with certificates, and the checks a pass makes", async () => {
    const id = await openCourse(3);
    const a = await enrolPerson(manager, id, person());
    const b = await enrolPerson(manager, id, person());
    expect((await fails(recordAttendance(manager, a.id, { attendancePct: 90, version: 1 }))).status).toBe(409); // not running yet
    await transitionCourse(manager, id, "start", 2);
    expect((await fails(recordAttendance(manager, a.id, { attendancePct: 120, version: 1 }))).fields).toEqual({ attendancePct: "training.error.attendanceOver" });
    expect((await fails(recordAttendance(manager, a.id, { sessionsAttended: 13, sessionsTotal: 12, version: 1 }))).fields).toEqual({ sessionsAttended: "training.error.attendanceOver" });
    await recordAttendance(manager, a.id, { sessionsAttended: 9, sessionsTotal: 12, version: 1 });
    expect((await enrolmentPage(manager, a.id)).enrolment.attendance_pct).toBe(75);
    expect((await fails(recordResult(manager, a.id, { result: "passed", version: 2 }))).fields).toEqual({ certificateNo: "training.error.certificateRequired" });
    expect((await fails(transitionCourse(manager, id, "finish", 3))).key).toBe("training.error.resultsMissing");
    const pdf = fileFromBytes("گواهی.pdf", Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
    await recordResult(manager, a.id, { result: "passed", certificateNo: "TVTO-1405-0001", version: 2 }, pdf);
    await recordResult(manager, b.id, { result: "dropped", version: 1 });
    await transitionCourse(manager, id, "finish", 3);
    const db = await getDb();
    const checks = await db.selectFrom("training_checks").select(["months", "due_on"]).where("enrolment_id", "=", a.id).orderBy("months").execute();
    expect(checks.map((c) => c.months)).toEqual([3, 6]);
    const ends = (await db.selectFrom("training_courses").select("ends_on").where("id", "=", id).executeTakeFirstOrThrow()).ends_on;
    expect(checks.map((c) => c.due_on)).toEqual([addMonths(String(ends), 3), addMonths(String(ends), 6)]);
    const page = await enrolmentPage(manager, a.id);
    expect(page.enrolment.certificate_file_id).toBeTruthy();
    expect(await db.selectFrom("training_checks").select("id").where("enrolment_id", "=", b.id).execute()).toEqual([]);
  });
});
