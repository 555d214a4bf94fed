// The results sheet of a course (issue 16): a whole class's results in one form, all or nothing; a
// pass needs a certificate number, unique in the sheet; stale rows and rows of another course are 409;
// only the provider's managers and staff; the course can then finish. Through the route's schema.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import type { UserActor } from "~/modules/accounts/actor.server";
import { createCourse, transitionCourse } from "~/modules/training/courses.server";
import { enrolPerson } from "~/modules/training/enrolments.server";
import { recordResults, resultsSheet } from "~/modules/training/results.server";
import { courseSchema, resultsSchema, type CourseInput } from "~/modules/training/schema";
import { actorFor, createUser, fails, nationalIdFor } from "../factories";

const courseInput = (): CourseInput => {
  const f = new FormData();
  for (const [k, v] of Object.entries({ title: "خیاطی", occupation: "75", hours: "100", mode: "in_person", county: "tabriz", startsOn: "1405/09/01", endsOn: "1405/10/01", capacity: "3", minEducation: "none" })) f.append(k, v);
  const p = parseForm(courseSchema, f);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};
let seq = 7100;

let manager: UserActor;
let other: UserActor;

beforeAll(async () => {
  manager = await actorFor((await createUser({ role: "training_manager" })).id);
  other = await actorFor((await createUser({ role: "training_manager" })).id);
});

async function runningCourse() {
  const id = await createCourse(manager, courseInput());
  await transitionCourse(manager, id, "open", 1);
  for (let i = 0; i < 3; i++) await enrolPerson(manager, id, { nationalId: nationalIdFor(seq++), fullName: `نفر ${i + 1}`, gender: "female" });
  const db = await getDb();
  const { version } = await db.selectFrom("training_courses").select("version").where("id", "=", id).executeTakeFirstOrThrow();
  await transitionCourse(manager, id, "start", version);
  return id;
}

/** The sheet as the browser sends it: parallel lists in row order. */
function sheet(rows: { enrolment: number; version: number; result: string; certificateNo?: string }[]) {
  const f = new FormData();
  for (const r of rows) {
    f.append("enrolment", String(r.enrolment));
    f.append("version", String(r.version));
    f.append("result", r.result);
    f.append("certificateNo", r.certificateNo ?? "");
  }
  const p = parseForm(resultsSchema, f);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
}

const stored = async (courseId: number) =>
  (await getDb()).selectFrom("training_enrolments").select(["id", "result", "certificate_no", "version"]).where("course_id", "=", courseId).orderBy("id").execute();

describe("the results sheet", () => {
  it("records a class at once, all or nothing, and the course can finish", async () => {
    const id = await runningCourse();
    const rows = (await resultsSheet(manager, id)).rows;
    expect(rows).toHaveLength(3);
    const [a, b, c] = rows;
    // A pass without a certificate number, and the same number twice: errors on those rows, nothing written.
    expect((await fails(recordResults(manager, id, sheet([
      { enrolment: a.id, version: a.version, result: "passed", certificateNo: "TV-1" },
      { enrolment: b.id, version: b.version, result: "passed" },
      { enrolment: c.id, version: c.version, result: "passed", certificateNo: "TV-1" },
    ])))).fields).toEqual({ "certificateNo.1": "training.error.certificateRequired", "certificateNo.2": "training.error.certificateTaken" });
    expect((await stored(id)).map((r) => r.result)).toEqual([null, null, null]);
    // Not finished while results are missing.
    const db = await getDb();
    const v = async () => (await db.selectFrom("training_courses").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    expect((await fails(transitionCourse(manager, id, "finish", await v()))).status).toBe(409);
    // Valid: two passes with certificates, one dropped; an empty row would be left alone.
    await recordResults(manager, id, sheet([
      { enrolment: a.id, version: a.version, result: "passed", certificateNo: "TV-1" },
      { enrolment: b.id, version: b.version, result: "passed", certificateNo: "TV-2" },
      { enrolment: c.id, version: c.version, result: "dropped" },
    ]));
    expect((await stored(id)).map((r) => [r.result, r.certificate_no])).toEqual([["passed", "TV-1"], ["passed", "TV-2"], ["dropped", null]]);
    const checks = await db.selectFrom("training_checks").select(["enrolment_id", "months"]).where("course_id", "=", id).orderBy("enrolment_id").orderBy("months").execute();
    expect(checks.map((k) => [k.enrolment_id, k.months])).toEqual([[a.id, 3], [a.id, 6], [b.id, 3], [b.id, 6]]);
    // The same sheet again (stale versions) for unchanged rows is no change; a changed stale row is a 409.
    await recordResults(manager, id, sheet([{ enrolment: a.id, version: (await stored(id))[0].version, result: "passed", certificateNo: "TV-1" }]));
    expect((await fails(recordResults(manager, id, sheet([{ enrolment: c.id, version: c.version, result: "failed" }])))).status).toBe(409);
    await transitionCourse(manager, id, "finish", await v());
    expect((await db.selectFrom("training_courses").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("finished");
  });

  it("refuses another provider's manager, and a row of another course", async () => {
    const id = await runningCourse();
    const second = await runningCourse();
    expect((await fails(resultsSheet(other, id))).status).toBe(403);
    const [foreign] = (await resultsSheet(manager, second)).rows;
    expect((await fails(recordResults(manager, id, sheet([{ enrolment: foreign.id, version: foreign.version, result: "failed" }])))).status).toBe(409);
    expect((await stored(second))[0].result).toBeNull();
  });
});
