// Route x role matrix rows for skills training (issue 16). Setup: a draft course of the matrix
// training manager's provider (`own`) and an open course of another provider (`other`). POST bodies
// fail validation, so an allowed asker gets 400 and nothing is written; everyone else gets 403
// before the form is read.
import { getDb } from "~/lib/db.server";
import { ROLES } from "~/modules/accounts/roles";
import { createProvider, createUser, nationalIdFor } from "../../factories";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
/** Only the listed roles get their status; other signed-in users 403; anonymous 302. */
const only = (grants: Partial<Record<Asker, number>>): Expect => ({ ...all(403), anonymous: 302, ...grants });

export async function setup(users: MatrixUsers) {
  const db = await getDb();
  const course = async (providerId: number, status: string) =>
    (await db.insertInto("training_courses").values({
      provider_id: providerId, title: "دوره ماتریس", occupation_code: "7", hours: 40, mode: "in_person", county_code: "tabriz",
      starts_on: "2026-12-10", ends_on: "2027-01-10", capacity: 10, status,
    }).returning("id").executeTakeFirstOrThrow()).id;
  const otherProvider = await createProvider("private_institute");
  const stranger = await createUser({ role: "entrepreneur" });
  const enrol = async (courseId: number, providerId: number, userId: number, n: number) =>
    (await db.insertInto("training_enrolments").values({
      course_id: courseId, provider_id: providerId, user_id: userId, national_id: nationalIdFor(900_000 + n), full_name: "متقاضی ماتریس", gender: "female", status: "accepted", was_accepted: true,
    }).returning("id").executeTakeFirstOrThrow()).id;
  const openOwn = await course(users.training_manager.orgUnitId!, "open");
  const other = await course(otherProvider, "open");
  return {
    openOwn,
    ownEnrolment: await enrol(openOwn, users.training_manager.orgUnitId!, users.entrepreneur.id, 1),
    otherEnrolment: await enrol(other, otherProvider, stranger.id, 2),
    own: await course(users.training_manager.orgUnitId!, "draft"),
    other,
    provider: users.training_manager.orgUnitId!,
    otherProvider,
  };
}

const c = (suffix: string, which: "own" | "other" | "openOwn" = "own") => (fx: Record<string, string | number>) => `/training/courses/${fx[which]}${suffix}`;
const managers = { training_manager: 200, staff: 200 };
const managers400 = { training_manager: 400, staff: 400 };
const applicants = { entrepreneur: 200, job_seeker: 200 };

export const rows: MatrixRow[] = [
  { route: "routes/training._index", path: "/training", expect: only({ ...managers, ...applicants, counsellor: 200 }), note: "staff: all; managers: their provider's; applicants and counsellors: open courses" },
  { route: "routes/training._index", path: "/training?status=open&county=tabriz&provider=1&q=%D8%AE", expect: only({ ...managers, ...applicants, counsellor: 200 }) },
  { route: "routes/training[.]csv", path: "/training.csv", expect: only(managers), note: "staff: every course; a manager: their provider's" },
  { route: "routes/training[.]csv", path: "/training.csv?status=open&county=tabriz&occupation=7&q=%D8%AE", expect: only(managers) },
  { route: "routes/training._index", path: "/training?occupation=7", expect: only({ ...managers, ...applicants, counsellor: 200 }) },

  { route: "routes/training.courses.new", path: "/training/courses/new", expect: only(managers) },
  { route: "routes/training.courses.new", method: "POST", path: "/training/courses/new", body: { title: "" }, expect: only(managers400) },

  { route: "routes/training.courses.$id._index", path: c(""), expect: only(managers), note: "a draft: its provider's manager and staff" },
  { route: "routes/training.courses.$id._index", path: c("", "other"), expect: only({ staff: 200, ...applicants, counsellor: 200 }), note: "another provider's published course: 403 + audit for a manager" },
  { route: "routes/training.courses.$id._index", path: "/training/courses/999999999", expect: only({ staff: 404, training_manager: 404, entrepreneur: 404, job_seeker: 404, counsellor: 404 }) },
  { route: "routes/training.courses.$id._index", method: "POST", path: c(""), body: { intent: "step", step: "", version: "1" }, expect: only(managers400) },
  { route: "routes/training.courses.$id._index", method: "POST", path: c("", "other"), body: { intent: "step", step: "" }, expect: only({ staff: 400 }) },

  { route: "routes/training.courses.$id._index", method: "POST", path: c("", "openOwn"), body: { intent: "enrol", nationalId: "" }, expect: only({ ...managers400, counsellor: 400 }) },
  { route: "routes/training.courses.$id._index", method: "POST", path: c("", "other"), body: { intent: "enrol", nationalId: "" }, expect: only({ staff: 400, counsellor: 400 }) },
  { route: "routes/training.courses.$id._index", method: "POST", path: c("", "openOwn"), body: { intent: "apply", nationalId: "" }, expect: only({ entrepreneur: 400, job_seeker: 400 }) },
  { route: "routes/training.courses.$id._index", method: "POST", path: c("", "openOwn"), body: { intent: "withdraw", enrolment: "" }, expect: only({ ...managers400, entrepreneur: 400, job_seeker: 400 }), note: "the enrolment is checked by the service" },

  { route: "routes/training.enrolments.$id", path: (fx) => `/training/enrolments/${fx.ownEnrolment}`, expect: only({ ...managers, entrepreneur: 200 }), note: "the enrolee, their provider's manager, staff" },
  { route: "routes/training.enrolments.$id", path: (fx) => `/training/enrolments/${fx.otherEnrolment}`, expect: only({ staff: 200 }) },
  { route: "routes/training.enrolments.$id", path: "/training/enrolments/999999999", expect: only({ staff: 404, training_manager: 404, entrepreneur: 404, job_seeker: 404 }) },
  { route: "routes/training.enrolments.$id", method: "POST", path: (fx) => `/training/enrolments/${fx.ownEnrolment}`, body: { intent: "attendance", attendancePct: "x", version: "1" }, expect: only(managers400), note: "attendance and results: the provider and staff only" },
  { route: "routes/training.enrolments.$id", method: "POST", path: (fx) => `/training/enrolments/${fx.ownEnrolment}`, body: { intent: "result", result: "", version: "1" }, expect: only(managers400) },
  { route: "routes/training.enrolments.$id", method: "POST", path: (fx) => `/training/enrolments/${fx.ownEnrolment}`, body: { intent: "withdraw", version: "" }, expect: only({ ...managers400, entrepreneur: 400 }) },
  { route: "routes/training.enrolments.$id", method: "POST", path: (fx) => `/training/enrolments/${fx.otherEnrolment}`, body: { intent: "withdraw", version: "" }, expect: only({ staff: 400 }) },
  { route: "routes/training.enrolments.$id", method: "POST", path: (fx) => `/training/enrolments/${fx.ownEnrolment}`, body: { intent: "check", check: "", version: "1" }, expect: only(managers400), note: "employment checks: the provider and staff" },
  { route: "routes/training.mine", path: "/training/mine", expect: only({ ...managers, ...applicants }) },

  { route: "routes/training.courses.$id.outcomes", path: c("/outcomes", "openOwn"), expect: only(managers), note: "names no person, but per course: its provider and staff" },
  { route: "routes/training.courses.$id.outcomes", path: c("/outcomes", "other"), expect: only({ staff: 200 }) },
  { route: "routes/training.courses.$id.outcomes", path: "/training/courses/999999999/outcomes", expect: only({ staff: 404, training_manager: 404, entrepreneur: 404, job_seeker: 404, counsellor: 404 }) },
  { route: "routes/training.courses.$id.results", path: c("/results"), expect: only(managers), note: "the results sheet: the provider's managers and staff (a draft shows that it is closed)" },
  { route: "routes/training.courses.$id.results", path: c("/results", "other"), expect: only({ staff: 200 }) },
  { route: "routes/training.courses.$id.results", path: "/training/courses/999999999/results", expect: only({ staff: 404, training_manager: 404, entrepreneur: 404, job_seeker: 404, counsellor: 404 }) },
  { route: "routes/training.courses.$id.results", method: "POST", path: c("/results"), body: { enrolment: "x", version: "1", result: "", certificateNo: "" }, expect: only(managers400) },
  { route: "routes/training.courses.$id.results", method: "POST", path: c("/results", "other"), body: { enrolment: "x", version: "1", result: "", certificateNo: "" }, expect: only({ staff: 400 }) },
  { route: "routes/training.providers.$id_.outcomes", path: (fx) => `/training/providers/${fx.provider}/outcomes`, expect: only(managers) },
  { route: "routes/training.providers.$id_.outcomes", path: (fx) => `/training/providers/${fx.otherProvider}/outcomes`, expect: only({ staff: 200 }) },
  { route: "routes/training.providers.ranking", path: "/training/providers/ranking", expect: only({ staff: 200 }) },
  { route: "routes/training.providers.ranking[.]csv", path: "/training/providers/ranking.csv", expect: only({ staff: 200 }) },

  { route: "routes/training.courses.$id.edit", path: c("/edit"), expect: only(managers) },
  { route: "routes/training.courses.$id.edit", path: c("/edit", "other"), expect: only({ staff: 200 }) },
  { route: "routes/training.courses.$id.edit", method: "POST", path: c("/edit"), body: { title: "" }, expect: only(managers400) },
  { route: "routes/training.courses.$id.edit", method: "POST", path: c("/edit", "other"), body: { title: "" }, expect: only({ staff: 400 }) },

  { route: "routes/training.providers._index", path: "/training/providers", expect: only({ staff: 200 }) },
  { route: "routes/training.providers._index", method: "POST", path: "/training/providers", body: { nameFa: "" }, expect: only({ staff: 400 }) },
  { route: "routes/training.providers.$id", path: (fx) => `/training/providers/${fx.provider}`, expect: only(managers) },
  { route: "routes/training.providers.$id", path: (fx) => `/training/providers/${fx.otherProvider}`, expect: only({ staff: 200 }) },
  { route: "routes/training.providers.$id", path: "/training/providers/999999999", expect: only({ staff: 404, training_manager: 404 }) },
];
