// The course list's occupation filter and its CSV export (issue 16): the filter narrows the list to
// one occupation; the CSV carries the same filtered rows, every course for staff and only their
// provider's for a training manager; applicants get 403.
import { beforeAll, describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { COURSE_CSV_HEADER, coursesCsv, coursesPage, createCourse } from "~/modules/training/courses.server";
import { courseFiltersFrom, courseSchema } from "~/modules/training/schema";
import { actorFor, createUser, fails } from "../factories";

let staff: UserActor;
let managerA: UserActor;
let managerB: UserActor;
const ids: Record<string, number> = {};

async function course(manager: UserActor, title: string, occupation: string) {
  const f = new FormData();
  for (const [k, v] of Object.entries({ title, occupation, hours: "60", mode: "online", county: "tabriz", startsOn: "1405/10/01", endsOn: "1405/11/01", capacity: "10", minEducation: "none" })) f.append(k, v);
  const p = parseForm(courseSchema, f);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return createCourse(manager, p.data);
}

async function all<T>(rows: AsyncIterable<T>) {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

const filters = (query: string) => courseFiltersFrom(new URL(`http://x/training?${query}`));

beforeAll(async () => {
  setClock("2026-12-02T08:00:00Z");
  staff = await actorFor((await createUser({ role: "staff" })).id);
  managerA = await actorFor((await createUser({ role: "training_manager" })).id);
  managerB = await actorFor((await createUser({ role: "training_manager" })).id);
  ids.sewingA = await course(managerA, "فهرست‌آزما خیاطی", "75");
  ids.phoneA = await course(managerA, "فهرست‌آزما موبایل", "74");
  ids.sewingB = await course(managerB, "فهرست‌آزما دوخت", "75");
});

describe("course list: occupation filter and CSV", () => {
  it("the occupation filter keeps only that occupation's courses, and the page offers the occupations to pick", async () => {
    const page = await coursesPage(staff, filters("occupation=75&q=فهرست‌آزما"), null, "fa");
    expect(page.rows.map((r) => r.id).sort()).toEqual([ids.sewingA, ids.sewingB].sort());
    expect(page.occupations.some((o) => o.value === "75")).toBe(true);
    const mine = await coursesPage(managerA, filters("occupation=75"), null, "fa");
    expect(mine.rows.map((r) => r.id)).toEqual([ids.sewingA]);
  });

  it("the CSV has the filtered rows: staff every provider's, a manager only theirs; applicants 403", async () => {
    const staffRows = await all(await coursesCsv(staff, filters("occupation=75&q=فهرست‌آزما")));
    const col = (name: string) => COURSE_CSV_HEADER.indexOf(name);
    expect(staffRows.map((r) => r[col("id")]).sort()).toEqual([ids.sewingA, ids.sewingB].sort());
    expect(staffRows.every((r) => r[col("occupation")] === "75" && r[col("status")] === "draft")).toBe(true);
    expect(staffRows.every((r) => r.length === COURSE_CSV_HEADER.length)).toBe(true);
    const managerRows = await all(await coursesCsv(managerA, filters("")));
    expect(managerRows.map((r) => r[col("id")]).sort()).toEqual([ids.sewingA, ids.phoneA].sort());
    const applicant = await actorFor((await createUser({ role: "entrepreneur" })).id);
    expect((await fails(coursesCsv(applicant, filters("")))).status).toBe(403);
  });
});
