// Employment after training (issue 16): checks at 3 and 6 months, outcome figures (employment rate
// only among the known, the unknown share beside it), the provider ranking for staff, permissions,
// and a completer's home business linked automatically (and its jobs in the ledger).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { registerSchema } from "~/modules/microbusiness/schema";
import { registerBusiness } from "~/modules/microbusiness/service.server";
import { createCourse, transitionCourse } from "~/modules/training/courses.server";
import { enrolPerson, enrolmentPage, recordResult } from "~/modules/training/enrolments.server";
import { checksOf, courseOutcomes, providerOutcomes, providerRanking, recordCheck, trainingHome } from "~/modules/training/outcomes.server";
import { courseSchema } from "~/modules/training/schema";
import { actorFor, createUser, fails, nationalIdFor } from "../factories";

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  return f;
}
let manager: UserActor;
let staff: UserActor;
let entrepreneur: UserActor;
let courseId: number;
let enrolments: number[] = [];
const ids = Array.from({ length: 6 }, (_, i) => nationalIdFor(77_000 + i));

beforeAll(async () => {
  setClock("2026-12-02T08:00:00Z");
  manager = await actorFor((await createUser({ role: "training_manager" })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
  entrepreneur = await actorFor((await createUser({ role: "entrepreneur" })).id);
  const p = parseForm(courseSchema, form({ title: "خیاطی", occupation: "75", hours: "120", mode: "in_person", county: "tabriz", startsOn: "1405/06/01", endsOn: "1405/07/01", capacity: "6", minEducation: "none" }));
  if (!p.ok) throw new Error("course");
  courseId = await createCourse(manager, p.data);
  await transitionCourse(manager, courseId, "open", 1);
  enrolments = [];
  for (const [i, nid] of ids.entries()) enrolments.push((await enrolPerson(manager, courseId, { nationalId: nid, fullName: `نفر ${i}`, gender: i < 4 ? "female" : "male", priorityGroup: i < 3 ? "low-income-deciles" : undefined })).id);
  await transitionCourse(manager, courseId, "start", 2);
  for (const [i, id] of enrolments.entries()) {
    await recordResult(manager, id, i < 5 ? { result: "passed", certificateNo: `C-${courseId}-${i}`, version: 1 } : { result: "failed", version: 1 });
  }
  await transitionCourse(manager, courseId, "finish", 3);
});

describe("employment checks and outcome figures", () => {
  it("counts the rate only among the known, with the unknown share beside it", async () => {
    const db = await getDb();
    // 3 months after 1405/07/01 (2026-09-23): due on 2026-12-23; recorded early for 4 of the 5 passes.
    const outcomes = ["self_employed", "employed", "not_employed", "unknown"] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const [three] = await checksOf(db, enrolments[i]);
      await recordCheck(manager, three.id, { outcome, method: "phone", wage: outcome === "employed" ? 90_000_000 : undefined, version: 1 });
    }
    const f = (await courseOutcomes(manager, courseId)).figures;
    expect(f).toMatchObject({ places: 6, women: 4, priority: 3, resulted: 6, passed: 5 });
    expect(f.completion).toBeCloseTo(5 / 6);
    expect(f.at3).toMatchObject({ due: 4, employed: 1, selfEmployed: 1, notEmployed: 1, unknown: 1, known: 3 });
    expect(f.at3.rate).toBeCloseTo(2 / 3);
    expect(f.at3.unknownShare).toBeCloseTo(1 / 4);
    // On the due day every pass is due: the one not checked counts as unknown too.
    setClock("2026-12-23T08:00:00Z");
    const later = (await courseOutcomes(manager, courseId)).figures.at3;
    expect(later.due).toBe(5);
    expect(later.unknownShare).toBeCloseTo(2 / 5);
    expect(later.rate).toBeCloseTo(2 / 3);
    expect((await trainingHome(manager))?.due.map((d) => d.months)).toContain(3);
    setClock("2026-12-02T08:00:00Z");
    const prov = await providerOutcomes(manager, manager.user.roles[0].orgUnitId!);
    const row = prov.courses.find((c) => c.id === courseId)?.figures;
    // A row carries only what its table shows.
    expect(row).toEqual({ places: 6, women: 4, completion: f.completion, at3: { rate: f.at3.rate, unknownShare: f.at3.unknownShare }, at6: { rate: f.at6.rate, unknownShare: f.at6.unknownShare } });
  });

  it("a stale check form is a 409; the ranking is for staff; outcome pages for the provider and staff", async () => {
    const db = await getDb();
    const [three] = await checksOf(db, enrolments[0]);
    expect((await fails(recordCheck(manager, three.id, { outcome: "employed", method: "visit", version: 1 }))).status).toBe(409);
    const ranking = await providerRanking(staff);
    const mine = ranking.find((r) => r.id === manager.user.roles[0].orgUnitId);
    expect(mine).toBeDefined();
    // The provider page adds up its courses' rows; the ranking groups by provider in SQL: the same figures.
    const page = await providerOutcomes(manager, manager.user.roles[0].orgUnitId!);
    expect(page.figures).toEqual(mine!.figures);
    expect(page.figures.passed).toBeGreaterThan(0);
    expect((await fails(providerRanking(manager))).status).toBe(403);
    const other = await actorFor((await createUser({ role: "training_manager" })).id);
    expect((await fails(courseOutcomes(other, courseId))).status).toBe(403);
    expect((await fails(recordCheck(other, three.id, { outcome: "employed", method: "visit", version: 2 }))).status).toBe(403);
    expect((await fails(courseOutcomes(entrepreneur, courseId))).status).toBe(403);
  });

  it("links a home business its completer registers, with the course as support and jobs in the ledger", async () => {
    const p = parseForm(registerSchema, form({
      name: "خیاطی خانگی", ownerName: "نفر ۴", ownerNationalId: ids[4], ownerGender: "female", sector: "C", isicCode: "1410", activity: "دوخت", county: "tabriz",
      area: "urban", address: "تبریز", startedOn: "1405/09/01", homeBased: "on", permitStatus: "applied", permitAppliedOn: "1405/09/05", ownerMode: "full_time",
    }));
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const businessId = await registerBusiness(staff, p.data);
    const page = await enrolmentPage(manager, enrolments[4]);
    expect(page.enrolment.business_id).toBe(businessId);
    const db = await getDb();
    const support = await db.selectFrom("micro_business_supports").select(["kind", "course_id"]).where("business_id", "=", businessId).execute();
    expect(support).toEqual([{ kind: "training", course_id: courseId }]);
    const report = await db.selectFrom("employment_reports").select(["source_module"]).where("source_module", "=", "micro_businesses").where("source_id", "=", String(businessId)).execute();
    expect(report).toHaveLength(1);
  });

  it("keeps a provider's figures a minute, and shows any audited change of an enrolment at once", async () => {
    const db = await getDb();
    const provider = manager.user.roles[0].orgUnitId!;
    const before = await providerOutcomes(manager, provider);
    // Written behind the services' back: no audit row, so the cached figures stay.
    await db.updateTable("training_enrolments").set({ gender: "male" }).where("id", "=", enrolments[0]).execute();
    expect((await providerOutcomes(manager, provider)).figures.women).toBe(before.figures.women);
    // A check recorded through the service is audited on the enrolment: the next view counts afresh.
    const [, , , , five] = await Promise.all(enrolments.map((e) => checksOf(db, e)));
    await recordCheck(manager, five[0].id, { outcome: "employed", method: "phone", wage: 80_000_000, version: 1 });
    const after = await providerOutcomes(manager, provider);
    expect(after.figures.women).toBe(before.figures.women - 1);
    expect(after.figures.at3.due).toBe(before.figures.at3.due + 1);
    expect(after.courses.find((c) => c.id === courseId)?.figures.women).toBe(3);
    await db.updateTable("training_enrolments").set({ gender: "female" }).where("id", "=", enrolments[0]).execute();
  });
});

// A provider's outcome page lists its courses 25 at a time (decision 0036); the totals stay the
// provider's whole, whatever the page.
describe("a provider's outcome page in pages", () => {
  it("shows 25 courses, newest first, with a next page; the totals are the same on every page", async () => {
    const own = await actorFor((await createUser({ role: "training_manager" })).id);
    const provider = own.user.roles[0].orgUnitId!;
    const made: number[] = [];
    for (let i = 0; i < 27; i++) {
      const p = parseForm(courseSchema, form({ title: `دوره ${i}`, occupation: "75", hours: "40", mode: "in_person", county: "tabriz", startsOn: "1405/06/01", endsOn: "1405/07/01", capacity: "6", minEducation: "none" }));
      if (!p.ok) throw new Error("course");
      made.push(await createCourse(own, p.data));
    }
    const db = await getDb();
    await db.updateTable("training_courses").set({ status: "running" }).where("id", "in", made.slice(1)).execute(); // the first stays a draft: not listed
    const first = await providerOutcomes(own, provider);
    const newest = [...made.slice(1)].sort((a, b) => b - a);
    expect(first.courses.map((c) => c.id)).toEqual(newest.slice(0, 25));
    expect(first.next).toBe(newest[24]);
    const second = await providerOutcomes(own, provider, first.next);
    expect(second.courses.map((c) => c.id)).toEqual(newest.slice(25));
    expect(second.next).toBeNull();
    expect(second.figures).toEqual(first.figures);
    expect((await fails(providerOutcomes(manager, provider, first.next))).status).toBe(403);
  });
});
