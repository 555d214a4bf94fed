import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { enqueue, registerJob, runJobNow, startJobs, stopJobs } from "~/lib/jobs.server";
import { addDays, addMonths, nowMs, todayTehran } from "~/i18n/clock";
import { remindFollowups, warnTriageDeadlines } from "~/modules/cases/reminders.server";
import "~/jobs.server";
import { createOrgUnit, createUser } from "../factories";

// The same job code on both engines: this file runs on PGlite (npm test without DATABASE_URL) and on
// real PostgreSQL (with it); pg-boss runs over our own connection on both (decision 0032).

const seen: unknown[] = [];
registerJob("test.echo", async (data) => {
  seen.push(data.n);
});

afterAll(async () => {
  await stopJobs();
});

async function jobsNamed(name: string) {
  const db = await getDb();
  return (await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = ${name}`.execute(db)).rows[0].n;
}

describe("background jobs", () => {
  it("enqueue writes the job in the caller's transaction: a rollback leaves none", async () => {
    const db = await getDb();
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueue(trx, "test.echo", { n: 0 });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await jobsNamed("test.echo")).toBe(0);
    await db.transaction().execute(async (trx) => enqueue(trx, "test.echo", { n: 1 }));
    expect(await jobsNamed("test.echo")).toBe(1);
    await expect(enqueue(db, "no.such.job", {})).rejects.toThrow(/unknown job/);
  });

  it("the workers run enqueued jobs, and scheduled jobs are registered once in pg-boss", async () => {
    process.env.JOBS_POLL_SECONDS = "0.5";
    await startJobs(() => {});
    await startJobs(() => {}); // idempotent
    const end = Date.now() + 20_000;
    while (!seen.includes(1) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(seen).toContain(1);
    const db = await getDb();
    const schedules = (await sql<{ name: string }>`select name from pgboss.schedule order by name`.execute(db)).rows.map((r) => r.name);
    expect(schedules).toEqual(expect.arrayContaining(["cases.followups", "cases.triage-warnings", "email.send", "ideas.overdue"]));
    expect(schedules).not.toContain("test.echo");
    await runJobNow("test.echo", { n: 2 });
    expect(seen).toContain(2);
  });
});

describe("case reminders", () => {
  it("warns about emergency triage deadlines and due follow-ups once each", async () => {
    const db = await getDb();
    const staff = await createUser({ role: "staff" });
    const owner = await createUser({ role: "entrepreneur" });
    const mentor = await createUser({ role: "mentor" });
    const [soon, later] = await db
      .insertInto("cases")
      .values([
        { kind: "business_emergency", status: "intake", entrepreneur_id: owner.id, firm_name: "فوری", triage_due_at: new Date(nowMs() + 3_600_000) },
        { kind: "business_emergency", status: "intake", entrepreneur_id: owner.id, firm_name: "بعدا", triage_due_at: new Date(nowMs() + 48 * 3_600_000) },
      ])
      .returning("id")
      .execute();
    expect(await warnTriageDeadlines()).toBe(1);
    expect(await warnTriageDeadlines()).toBe(0);
    const warned = await db.selectFrom("notifications").select(["link"]).where("user_id", "=", staff.id).where("message_key", "=", "cases.notify.triageDue").execute();
    expect(warned.map((w) => w.link)).toEqual([`/cases/${soon.id}`]);
    void later;

    // A centre's staff hear only of their centre's emergencies; directorate staff of every one.
    const centreA = await createOrgUnit("centre");
    const centreB = await createOrgUnit("centre");
    const staffA = await createUser({ role: "staff", unit: centreA });
    const staffB = await createUser({ role: "staff", unit: centreB });
    const inA = await db
      .insertInto("cases")
      .values({ kind: "business_emergency", status: "triage", entrepreneur_id: owner.id, firm_name: "مرکز الف", centre_id: centreA, triage_due_at: new Date(nowMs() - 3_600_000) })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await warnTriageDeadlines()).toBe(1);
    const told = async (userId: number) =>
      (await db.selectFrom("notifications").select("link").where("user_id", "=", userId).where("message_key", "=", "cases.notify.triageDue").orderBy("id").execute()).map((n) => n.link);
    expect(await told(staffA.id)).toEqual([`/cases/${inA.id}`]);
    expect(await told(staffB.id)).toEqual([]);
    expect(await told(staff.id)).toEqual([`/cases/${soon.id}`, `/cases/${inA.id}`]);

    const graduated = await db
      .insertInto("cases")
      .values({ kind: "acceleration", status: "graduated", entrepreneur_id: owner.id, firm_name: "پیگیری", lead_mentor_id: mentor.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    const today = todayTehran();
    await db.insertInto("case_followups").values([
      { case_id: graduated.id, months: 6, due_on: addDays(today, -1) },
      { case_id: graduated.id, months: 12, due_on: addMonths(today, 6) },
    ]).execute();
    expect(await remindFollowups()).toBe(1);
    expect(await remindFollowups()).toBe(0);
    const reminded = await db.selectFrom("notifications").select(["params"]).where("user_id", "=", mentor.id).where("message_key", "=", "cases.notify.followupDue").execute();
    expect(reminded).toHaveLength(1);
    expect(reminded[0].params).toMatchObject({ months: 6 });
  });

  it("a backlog becomes one digest per person: more than three notices in one run are one line and one mail", async () => {
    const db = await getDb();
    const centre = await createOrgUnit("centre");
    const staff = await createUser({ role: "staff", unit: centre });
    const owner = await createUser({ role: "entrepreneur" });
    const mentor = await createUser({ role: "mentor" });
    const cases = await db
      .insertInto("cases")
      .values(["الف", "ب", "ج", "د", "ه"].map((firm, i) => ({
        kind: "business_emergency" as const, status: "intake" as const, entrepreneur_id: owner.id, firm_name: `امداد ${firm}`, centre_id: centre,
        lead_mentor_id: i === 0 ? mentor.id : null, triage_due_at: new Date(nowMs() - (i + 1) * 60_000),
      })))
      .returning("id")
      .execute();
    expect(await warnTriageDeadlines()).toBe(5);
    const of = async (userId: number) =>
      db.selectFrom("notifications").select(["message_key", "params", "link"]).where("user_id", "=", userId).orderBy("id").execute();
    const staffSaw = await of(staff.id);
    expect(staffSaw).toHaveLength(1);
    expect(staffSaw[0]).toMatchObject({ message_key: "cases.notify.triageDigest", link: "/cases?kind=business_emergency" });
    expect(staffSaw[0].params).toMatchObject({ count: 5, firms: "امداد الف · امداد ب · امداد ج" });
    // The mentor leads one of them: that one notice comes as it always did.
    expect(await of(mentor.id)).toEqual([{ message_key: "cases.notify.triageDue", params: { firm: "امداد الف" }, link: `/cases/${cases[0].id}` }]);

    const mentor2 = await createUser({ role: "mentor" });
    const graduated = await db
      .insertInto("cases")
      .values([1, 2, 3, 4].map((n) => ({ kind: "acceleration" as const, status: "graduated" as const, entrepreneur_id: owner.id, firm_name: `رشد ${n}`, lead_mentor_id: mentor2.id })))
      .returning("id")
      .execute();
    await db.insertInto("case_followups").values(graduated.map((g) => ({ case_id: g.id, months: 6, due_on: addDays(todayTehran(), -2) }))).execute();
    expect(await remindFollowups()).toBe(4);
    const mentorSaw = await of(mentor2.id);
    expect(mentorSaw).toHaveLength(1);
    expect(mentorSaw[0]).toMatchObject({ message_key: "cases.notify.followupDigest", link: "/cases/followups" });
    expect(mentorSaw[0].params).toMatchObject({ count: 4 });
  });
});
