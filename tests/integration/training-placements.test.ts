// A course completer placed through the portal is linked automatically (issue 16 item 3, with issue 15's
// referrals): a hire after the pass links the placement to the pass, and a pass recorded after a hire
// (made since the course started) finds it. A fail is never linked.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { decideReferral, referSeeker } from "~/modules/seekers/referrals.server";
import { createCourse, transitionCourse } from "~/modules/training/courses.server";
import { enrolPerson, enrolmentPage, recordResult } from "~/modules/training/enrolments.server";
import "~/modules/training/outcomes.server"; // registers the hand-over (the built app loads every module)
import { courseSchema } from "~/modules/training/schema";
import { actorFor, createUser } from "../factories";
import { makeSeeker } from "../factories/seekers";
import { makeEmployer, makeVacancy } from "../factories/vacancies";

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

let manager: UserActor;
let counsellor: UserActor;

async function runningCourse(capacity: number) {
  const p = parseForm(courseSchema, form({ title: "تعمیر موبایل", occupation: "74", hours: "100", mode: "in_person", county: "tabriz", startsOn: "1405/06/01", endsOn: "1405/07/01", capacity: String(capacity), minEducation: "none" }));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  const id = await createCourse(manager, p.data);
  await transitionCourse(manager, id, "open", 1);
  return id;
}

async function hire(seekerId: number) {
  const emp = await makeEmployer();
  const v = await makeVacancy(emp.user.id, { posts: "1" });
  const refId = await referSeeker(counsellor, v, seekerId);
  await decideReferral(await actorFor(emp.user.id), { referralId: refId, decision: "hired", version: 1 });
  const db = await getDb();
  return (await db.selectFrom("placements").select("id").where("referral_id", "=", refId).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  setClock("2026-12-02T08:00:00Z");
  manager = await actorFor((await createUser({ role: "training_manager" })).id);
  counsellor = await actorFor((await createUser({ role: "counsellor" })).id);
});

describe("placements of course completers", () => {
  it("links a hire after the pass to the pass (not to a fail), and the enrolment page says when", async () => {
    const courseId = await runningCourse(2);
    const passer = await makeSeeker(counsellor.user.id);
    const failer = await makeSeeker(counsellor.user.id);
    const a = await enrolPerson(manager, courseId, { nationalId: passer.nationalId, fullName: "قبول", gender: "female" });
    const b = await enrolPerson(manager, courseId, { nationalId: failer.nationalId, fullName: "مردود", gender: "male" });
    await transitionCourse(manager, courseId, "start", 2);
    await recordResult(manager, a.id, { result: "passed", certificateNo: `P-${courseId}-1`, version: 1 });
    await recordResult(manager, b.id, { result: "failed", version: 1 });

    const placement = await hire(passer.id);
    await hire(failer.id);
    const page = await enrolmentPage(manager, a.id);
    expect(page.enrolment.placement_id).toBe(placement);
    expect(page.placedOn).toBe("2026-12-02");
    const other = await enrolmentPage(manager, b.id);
    expect(other.enrolment.placement_id).toBeNull();
    expect(other.placedOn).toBeNull();
  });

  it("a pass recorded after the hire finds the placement made since the course started", async () => {
    const courseId = await runningCourse(1);
    const s = await makeSeeker(counsellor.user.id);
    const e = await enrolPerson(manager, courseId, { nationalId: s.nationalId, fullName: "کارآموز", gender: "female" });
    await transitionCourse(manager, courseId, "start", 2);
    const placement = await hire(s.id);
    expect((await enrolmentPage(manager, e.id)).enrolment.placement_id).toBeNull(); // no pass yet: nothing to link
    await recordResult(manager, e.id, { result: "passed", certificateNo: `P-${courseId}-1`, version: 1 });
    expect((await enrolmentPage(manager, e.id)).enrolment.placement_id).toBe(placement);
  });
});
