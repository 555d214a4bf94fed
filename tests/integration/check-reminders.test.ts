import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { registeredJobs, runJobNow } from "~/lib/jobs.server";
import { addDays, todayTehran } from "~/i18n/clock";
import { fileFromBytes } from "~/modules/files/service.server";
import { decideReferral, referSeeker } from "~/modules/seekers/referrals.server";
import { remindRetentionChecks } from "~/modules/seekers/reminders.server";
import { createCourse, transitionCourse } from "~/modules/training/courses.server";
import { enrolPerson, recordResult } from "~/modules/training/enrolments.server";
import { remindTrainingChecks } from "~/modules/training/reminders.server";
import { courseSchema } from "~/modules/training/schema";
import "~/jobs.server";
import { actorFor, createUser, nationalIdFor } from "../factories";
import { makeSeeker } from "../factories/seekers";
import { makeEmployer, makeVacancy } from "../factories/vacancies";

// The retention checks of placements and the employment checks of training graduates remind the
// people who make them when they fall due, by daily jobs (issue 18): once, only when due, not for
// checks already answered or long past, to the right people, naming no person.

async function notes(userId: number, key: string) {
  const db = await getDb();
  return db.selectFrom("notifications").select(["params", "link"]).where("user_id", "=", userId).where("message_key", "=", key).execute();
}

/** A finished course of `titled` whose `count` enrolments all passed, made by a new training manager. */
async function courseWithGraduates(titled: string, count: number, idBase: number) {
  const managerUser = await createUser({ role: "training_manager" });
  const manager = await actorFor(managerUser.id);
  const f = new FormData();
  for (const [k, v] of Object.entries({ title: titled, occupation: "75", hours: "100", mode: "in_person", county: "tabriz", startsOn: "1405/09/01", endsOn: "1405/10/01", capacity: "5", minEducation: "none" })) f.append(k, v);
  const input = parseForm(courseSchema, f);
  if (!input.ok) throw new Error(JSON.stringify(input.errors));
  const course = await createCourse(manager, input.data);
  await transitionCourse(manager, course, "open", 1);
  const enrolled = [];
  for (let i = 0; i < count; i++) {
    enrolled.push(await enrolPerson(manager, course, { nationalId: nationalIdFor(idBase + i), fullName: `دانش‌آموخته ${i}`, gender: "female" as const, priorityGroup: "low-income-deciles" }));
  }
  await transitionCourse(manager, course, "start", 2);
  for (const [i, e] of enrolled.entries()) {
    await recordResult(manager, e.id, { result: "passed", certificateNo: `TVTO-${idBase}-${i}`, version: 1 }, fileFromBytes("c.pdf", Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")));
  }
  await transitionCourse(manager, course, "finish", 3);
  return { managerUser, course, enrolled };
}

describe("reminder jobs of the seekers and training modules", () => {
  it("are registered as daily scheduled jobs", () => {
    const jobs = Object.fromEntries(registeredJobs().map((j) => [j.name, j.schedule]));
    expect(jobs["seekers.retention-checks"]).toBe("30 7 * * *");
    expect(jobs["training.checks"]).toBe("45 7 * * *");
  });

  it("a retention check falling due reminds the seeker's counsellor once; answered and old checks remind no one", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const emp = await makeEmployer();
    const employer = await actorFor(emp.user.id);
    const placements: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await makeSeeker(counsellor.id);
      const v = await makeVacancy(emp.user.id);
      const ref = await referSeeker(await actorFor(counsellor.id), v, s.id);
      await decideReferral(employer, { referralId: ref, decision: "hired", version: 1 });
      const db = await getDb();
      placements.push((await db.selectFrom("placements").select("id").where("seeker_id", "=", s.id).executeTakeFirstOrThrow()).id);
    }
    const db = await getDb();
    const today = todayTehran();
    const check = (p: number, months: number) =>
      db.selectFrom("retention_checks").select("id").where("placement_id", "=", p).where("months", "=", months).executeTakeFirstOrThrow();
    // Not due yet: nothing.
    expect(await remindRetentionChecks()).toBe(0);
    // Due today; answered already; due 70 days ago (history).
    const due = await check(placements[0], 3);
    await db.updateTable("retention_checks").set({ due_on: today }).where("id", "=", due.id).execute();
    await db.updateTable("retention_checks").set({ due_on: addDays(today, -3), result: "yes", method: "phone" }).where("id", "=", (await check(placements[1], 3)).id).execute();
    await db.updateTable("retention_checks").set({ due_on: addDays(today, -70) }).where("id", "=", (await check(placements[2], 3)).id).execute();
    expect(await remindRetentionChecks()).toBe(1);
    expect(await remindRetentionChecks()).toBe(0);
    expect(await runJobNow("seekers.retention-checks")).toBe(0);
    const got = await notes(counsellor.id, "seekers.notify.retentionDue");
    expect(got).toEqual([{ params: { months: 3 }, link: `/placements/checks/${due.id}` }]);
    expect(await notes(emp.user.id, "seekers.notify.retentionDue")).toEqual([]);
  });

  it("four checks due for one counsellor in one run are one digest that names no one and links to their home", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const emp = await makeEmployer();
    const db = await getDb();
    for (let i = 0; i < 4; i++) {
      const s = await makeSeeker(counsellor.id);
      const ref = await referSeeker(await actorFor(counsellor.id), await makeVacancy(emp.user.id), s.id);
      await decideReferral(await actorFor(emp.user.id), { referralId: ref, decision: "hired", version: 1 });
      const p = await db.selectFrom("placements").select("id").where("seeker_id", "=", s.id).executeTakeFirstOrThrow();
      await db.updateTable("retention_checks").set({ due_on: addDays(todayTehran(), -1) }).where("placement_id", "=", p.id).where("months", "=", 3).execute();
    }
    expect(await remindRetentionChecks()).toBe(4);
    expect(await notes(counsellor.id, "seekers.notify.retentionDue")).toEqual([]);
    expect(await notes(counsellor.id, "seekers.notify.retentionDigest")).toEqual([{ params: { count: 4 }, link: "/home" }]);
  });

  it("without an active counsellor of their own, the centre's counsellors are reminded", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const colleague = await createUser({ role: "counsellor" }); // same centre (consult-tabriz-1)
    const emp = await makeEmployer();
    const s = await makeSeeker(counsellor.id);
    const v = await makeVacancy(emp.user.id);
    const ref = await referSeeker(await actorFor(counsellor.id), v, s.id);
    await decideReferral(await actorFor(emp.user.id), { referralId: ref, decision: "hired", version: 1 });
    const db = await getDb();
    await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", counsellor.id).execute();
    const p = await db.selectFrom("placements").select("id").where("seeker_id", "=", s.id).executeTakeFirstOrThrow();
    await db.updateTable("retention_checks").set({ due_on: addDays(todayTehran(), -1) }).where("placement_id", "=", p.id).where("months", "=", 6).execute();
    expect(await remindRetentionChecks()).toBe(1);
    expect(await notes(colleague.id, "seekers.notify.retentionDue")).toHaveLength(1);
    expect(await notes(counsellor.id, "seekers.notify.retentionDue")).toEqual([]);
  });

  it("a training check falling due reminds the provider's managers once, naming the course", async () => {
    const otherProvider = await createUser({ role: "training_manager" });
    const { managerUser, enrolled: [e] } = await courseWithGraduates("خیاطی یادآور", 1, 71_234);
    const db = await getDb();
    expect(await remindTrainingChecks()).toBe(0); // due 3 and 6 months after the course
    await db.updateTable("training_checks").set({ due_on: todayTehran() }).where("enrolment_id", "=", e.id).where("months", "=", 3).execute();
    expect(await remindTrainingChecks()).toBe(1);
    expect(await runJobNow("training.checks")).toBe(0);
    expect(await notes(managerUser.id, "training.notify.checkDue")).toEqual([{ params: { months: 3, course: "خیاطی یادآور" }, link: `/training/enrolments/${e.id}` }]);
    expect(await notes(otherProvider.id, "training.notify.checkDue")).toEqual([]);
    // Recorded before it was reminded: no reminder.
    await db.updateTable("training_checks").set({ due_on: todayTehran(), outcome: "employed", method: "phone" }).where("enrolment_id", "=", e.id).where("months", "=", 6).execute();
    expect(await remindTrainingChecks()).toBe(0);
  });

  it("four graduates' checks due in one run are one digest for the provider's manager, the course named once", async () => {
    const { managerUser, course } = await courseWithGraduates("خیاطی گروهی", 4, 72_300);
    const db = await getDb();
    await db.updateTable("training_checks").set({ due_on: todayTehran() }).where("course_id", "=", course).where("months", "=", 3).execute();
    expect(await remindTrainingChecks()).toBe(4);
    expect(await notes(managerUser.id, "training.notify.checkDue")).toEqual([]);
    expect(await notes(managerUser.id, "training.notify.checkDigest")).toEqual([{ params: { count: 4, courses: "خیاطی گروهی" }, link: "/home" }]);
  });
});
