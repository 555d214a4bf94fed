// Skills training (issue 16): providers and courses: field errors with nothing written, the workflow
// as data, and permissions per role (a manager sees only their provider's courses).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import type { UserActor } from "~/modules/accounts/actor.server";
import { coursesPage, courseView, createCourse, createProvider, providerPage, transitionCourse, updateCourse } from "~/modules/training/courses.server";
import { courseSchema, providerSchema, type CourseInput } from "~/modules/training/schema";
import { actorFor, createUser, fails } from "../factories";

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  return f;
}
const courseInput = (over: Record<string, string | string[]> = {}): CourseInput => {
  const p = parseForm(courseSchema, form({
    title: "خیاطی لباس زنانه", occupation: "7", skills: [], hours: "120", mode: "in_person", county: "tabriz", startsOn: "1405/10/01",
    endsOn: "1405/12/01", capacity: "20", fee: "", priorityGroups: ["low-income-deciles"], minEducation: "none", ...over,
  }));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};

let staff: UserActor;
let manager: UserActor;
let otherManager: UserActor;
let entrepreneur: UserActor;
let mentor: UserActor;

beforeAll(async () => {
  staff = await actorFor((await createUser({ role: "staff" })).id);
  manager = await actorFor((await createUser({ role: "training_manager" })).id);
  otherManager = await actorFor((await createUser({ role: "training_manager" })).id);
  entrepreneur = await actorFor((await createUser({ role: "entrepreneur" })).id);
  mentor = await actorFor((await createUser({ role: "mentor" })).id);
});

const count = async () => Number((await (await getDb()).selectFrom("training_courses").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("providers", () => {
  it("staff register a provider as an org unit; others are refused", async () => {
    const p = parseForm(providerSchema, form({ nameFa: "مرکز فنی و حرفه‌ای تبریز", nameEn: "Tabriz TVTO centre", providerType: "public_tvto", county: "tabriz" }));
    if (!p.ok) throw new Error("form");
    const id = await createProvider(staff, p.data);
    const unit = await (await getDb()).selectFrom("org_units").select(["kind"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(unit.kind).toBe("provider");
    expect((await fails(createProvider(manager, p.data))).status).toBe(403);
  });
});

describe("courses", () => {
  it("a manager creates a draft course for their provider", async () => {
    const id = await createCourse(manager, courseInput());
    const v = await courseView(await getDb(), manager, id);
    expect(v.course.provider_id).toBe(manager.user.roles[0].orgUnitId);
    expect(v.course.status).toBe("draft");
    expect(v.actions).toEqual(["open", "cancel"]);
  });

  it("refuses an end before the start and unknown references on their fields, writing nothing", async () => {
    const before = await count();
    const f = await fails(createCourse(manager, courseInput({ endsOn: "1405/09/01", occupation: "nope" })));
    expect(f.status).toBe(400);
    expect(f.fields).toMatchObject({ endsOn: "training.error.endBeforeStart", occupation: "error.invalidChoice" });
    expect(await count()).toBe(before);
  });

  it("staff must choose a provider", async () => {
    expect((await fails(createCourse(staff, courseInput()))).fields).toMatchObject({ provider: "error.required" });
  });

  it("a manager sees only their provider's courses, even published ones of another", async () => {
    const mine = await createCourse(manager, courseInput({ title: "دوره من" }));
    const theirs = await createCourse(otherManager, courseInput({ title: "دوره دیگری" }));
    await transitionCourse(otherManager, theirs, "open", 1);
    const list = await coursesPage(manager, {}, null, "fa");
    expect(list.rows.map((r) => r.id)).toContain(mine);
    expect(list.rows.map((r) => r.id)).not.toContain(theirs);
    expect((await fails(courseView(await getDb(), manager, theirs))).status).toBe(403);
    expect((await fails(transitionCourse(manager, theirs, "cancel", 2))).status).toBe(403);
    expect((await fails(providerPage(manager, otherManager.user.roles[0].orgUnitId!, "fa"))).status).toBe(403);
    // Entrepreneurs see open courses only, never drafts; other roles see none.
    const catalogue = await coursesPage(entrepreneur, {}, null, "fa");
    expect(catalogue.rows.map((r) => r.id)).toContain(theirs);
    expect(catalogue.rows.map((r) => r.id)).not.toContain(mine);
    expect((await fails(courseView(await getDb(), entrepreneur, mine))).status).toBe(403);
    expect((await fails(coursesPage(mentor, {}, null, "fa"))).status).toBe(403);
    // Staff see everything.
    expect((await coursesPage(staff, { provider: otherManager.user.roles[0].orgUnitId! }, null, "fa")).rows.map((r) => r.id)).toContain(theirs);
  });

  it("moves through the workflow as data; illegal steps and stale forms are 409", async () => {
    const id = await createCourse(manager, courseInput());
    expect((await fails(transitionCourse(manager, id, "finish", 1))).status).toBe(409);
    await transitionCourse(manager, id, "open", 1);
    expect((await fails(transitionCourse(manager, id, "start", 1))).status).toBe(409); // stale version
    await transitionCourse(manager, id, "start", 2);
    await transitionCourse(manager, id, "finish", 3); // nobody accepted: nothing unresolved
    expect((await courseView(await getDb(), manager, id)).course.status).toBe("finished");
    expect((await fails(updateCourse(manager, id, { ...courseInput(), version: 4 }))).status).toBe(409);
  });
});
