import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, isHttpError, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, holds } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { discardUpload, prepareUpload, recordUpload, registerFileAccess, type IncomingFile, type PreparedUpload } from "~/modules/files/service.server";
import { notify } from "~/modules/notifications/service.server";
import { activeEntries } from "~/modules/reference/service.server";
import { registerHandover } from "~/modules/subjects/handovers.server";
import { COURSE, courseSubject, ENROLMENT, loadCourse } from "./access.server";
import * as q from "./queries.server";
import { attendancePct, placeFor } from "./rules";
import { writeResult } from "./results.server";
import type { ApplyInput, EnrolInput, ResultInput } from "./schema";
import { takesEnrolments, takesResults } from "./workflow";

// Enrolment and completion (issue 16): apply (entrepreneurs; job seekers once that role exists) or be
// enrolled (the provider's manager, staff); places up to capacity, then a waiting list in arrival
// order; a withdrawal frees the place for the first waiting, exactly once. Every change of places
// runs under the course row's lock (SELECT ... FOR UPDATE), so 50 simultaneous enrolments cannot
// overfill a course and two withdrawals cannot promote the same person twice (decision 0028).

const enrolmentSubject = (e: { id: number; user_id: number | null; provider_id: number }) =>
  ({ ownerId: e.user_id, orgUnitIds: [e.provider_id], entity: ENROLMENT, entityId: e.id });

const fail = (errors: Record<string, string>) => {
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
};
const isUnique = (e: unknown) => (e as { code?: string }).code === "23505";

interface Person {
  nationalId: string;
  fullName: string;
  gender: "female" | "male";
  mobile?: string;
  priorityGroup?: string;
  userId: number | null;
}

/** Takes a place or a spot on the waiting list, under the course's lock. Returns the enrolment and where it went. */
async function place(actor: UserActor, courseId: number, p: Person) {
  if (p.priorityGroup && !(await activeEntries("priority_groups")).some((g) => g.code === p.priorityGroup)) fail({ priorityGroup: "error.invalidChoice" });
  const db = await getDb();
  try {
    return await db.transaction().execute(async (trx) => {
      const c = await q.lockCourse(trx, courseId);
      if (!c) throw notFound();
      if (!takesEnrolments(c.status)) throw conflict("training.error.notTakingEnrolments");
      if (await q.liveEnrolment(trx, courseId, p.nationalId)) fail({ nationalId: "training.error.alreadyEnrolled" });
      const status = placeFor(c.accepted_count, c.capacity);
      const row = await trx.insertInto("training_enrolments").values({
        course_id: courseId, provider_id: c.provider_id, user_id: p.userId, national_id: p.nationalId, full_name: p.fullName, gender: p.gender,
        mobile: p.mobile ?? null, priority_group: p.priorityGroup ?? null, status, was_accepted: status === "accepted", enrolled_by: actor.user.id,
      }).returning("id").executeTakeFirstOrThrow();
      await trx.updateTable("training_courses")
        .set(status === "accepted" ? { accepted_count: sql`accepted_count + 1` } : { waiting_count: sql`waiting_count + 1` })
        .where("id", "=", courseId).execute();
      await writeAudit(trx, auditMeta(actor), { action: `training.enrolment.${status}`, entity: ENROLMENT, entityId: row.id, details: { courseId, self: p.userId === actor.user.id } });
      if (p.userId && p.userId !== actor.user.id) await notify(trx, p.userId, `training.notice.${status}`, { title: c.title }, `/training/courses/${courseId}`);
      return { id: row.id, status };
    });
  } catch (e) {
    // Two submits of the same person at once: the unique index answers the second.
    if (isUnique(e)) fail({ nationalId: "training.error.alreadyEnrolled" });
    throw e;
  }
}

/** Route actions call these before reading the form, so a refused user gets 403, never a field error. */
export async function requireEnroller(actor: UserActor, courseId: number) {
  const c = await loadCourse(await getDb(), actor, courseId);
  await requirePermission(actor, "enrol:course", courseSubject(c));
}
export async function requireApplicant(actor: UserActor, courseId: number) {
  await loadCourse(await getDb(), actor, courseId);
  await requireGrant(actor, "apply:course", { entity: COURSE });
}

/** The provider's manager, staff (or a counsellor) enrol someone, with or without an account. */
export async function enrolPerson(actor: UserActor, courseId: number, input: EnrolInput) {
  await requireEnroller(actor, courseId);
  const db = await getDb();
  const account = await db.selectFrom("users").select("id").where("national_id", "=", input.nationalId).executeTakeFirst();
  return place(actor, courseId, { ...input, userId: account?.id ?? null });
}

/** Someone applies for themselves: name from the account; a national ID other than the account's is refused. */
export async function applyToCourse(actor: UserActor, courseId: number, input: ApplyInput) {
  await requireApplicant(actor, courseId);
  const db = await getDb();
  const me = await db.selectFrom("users").select(["full_name", "national_id"]).where("id", "=", actor.user.id).executeTakeFirstOrThrow();
  if (me.national_id && me.national_id !== input.nationalId) fail({ nationalId: "training.error.notYourNationalId" });
  return place(actor, courseId, { ...input, fullName: me.full_name, userId: actor.user.id });
}

async function loadEnrolment(db: Database, actor: UserActor, id: number, permission: "read:enrolment" | "manage:enrolment" | "withdraw:enrolment") {
  const e = await q.findEnrolment(db, id);
  if (!e) {
    await requireGrant(actor, permission, { entity: ENROLMENT });
    throw notFound();
  }
  await requirePermission(actor, permission, enrolmentSubject(e));
  return e;
}

/**
 * Withdraws an enrolment (the person, their provider or staff). A place it held goes to the first
 * on the waiting list in the same transaction; a second submit of the same withdrawal is a 409.
 */
export async function withdrawEnrolment(actor: UserActor, id: number, version: number) {
  const db = await getDb();
  const e = await loadEnrolment(db, actor, id, "withdraw:enrolment");
  return db.transaction().execute(async (trx) => {
    const c = await q.lockCourse(trx, e.course_id);
    if (!c || c.status === "finished" || c.status === "cancelled") throw conflict("training.error.courseClosed");
    const r = await trx.updateTable("training_enrolments")
      .set({ status: "withdrawn", version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id).where("version", "=", version).where("status", "in", ["accepted", "waiting"])
      .returning("status").executeTakeFirst();
    if (!r) throw conflict("error.conflict");
    await writeAudit(trx, auditMeta(actor), { action: "training.enrolment.withdraw", entity: ENROLMENT, entityId: id, details: { from: e.status } });
    if (e.status === "waiting") {
      await trx.updateTable("training_courses").set({ waiting_count: sql`waiting_count - 1` }).where("id", "=", c.id).execute();
      return { promoted: null };
    }
    const next = await trx.selectFrom("training_enrolments").select(["id", "user_id"])
      .where("course_id", "=", c.id).where("status", "=", "waiting").orderBy("id").limit(1).executeTakeFirst();
    if (!next) {
      await trx.updateTable("training_courses").set({ accepted_count: sql`accepted_count - 1` }).where("id", "=", c.id).execute();
      return { promoted: null };
    }
    await trx.updateTable("training_enrolments").set({ status: "accepted", was_accepted: true, version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", next.id).execute();
    await trx.updateTable("training_courses").set({ waiting_count: sql`waiting_count - 1` }).where("id", "=", c.id).execute();
    await writeAudit(trx, auditMeta(actor), { action: "training.enrolment.promoted", entity: ENROLMENT, entityId: next.id, details: { courseId: c.id, freedBy: id } });
    if (next.user_id) await notify(trx, next.user_id, "training.notice.promoted", { title: c.title }, `/training/courses/${c.id}`);
    return { promoted: next.id };
  });
}

/** Attendance as a total percentage or sessions attended of those held (never over 100%). */
export async function recordAttendance(actor: UserActor, id: number, input: { attendancePct?: number; sessionsAttended?: number; sessionsTotal?: number; version: number }) {
  const db = await getDb();
  const e = await loadEnrolment(db, actor, id, "manage:enrolment");
  const course = await q.findCourse(db, e.course_id);
  if (e.status !== "accepted" || !course || !takesResults(course.status)) throw conflict("training.error.notRunning");
  const a = attendancePct(input);
  fail(a.errors);
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("training_enrolments")
      .set({ attendance_pct: a.pct, sessions_attended: input.attendancePct != null ? null : input.sessionsAttended ?? null, sessions_total: input.attendancePct != null ? null : input.sessionsTotal ?? null, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id).where("version", "=", input.version).executeTakeFirst();
    if (!r.numUpdatedRows) throw conflict("error.conflict");
    await writeAudit(trx, auditMeta(actor), { action: "training.enrolment.attendance", entity: ENROLMENT, entityId: id, details: { pct: a.pct } });
  });
}

/**
 * The result (passed, failed, dropped) with a certificate number for a pass and an optional
 * certificate PDF through the FileStore. A pass makes the 3- and 6-month employment checks (due on
 * the provider's home) and links a home business its holder registered since the course started.
 */
export async function recordResult(actor: UserActor, id: number, input: ResultInput, file: IncomingFile | null = null) {
  const db = await getDb();
  const e = await loadEnrolment(db, actor, id, "manage:enrolment");
  const course = await q.findCourse(db, e.course_id);
  if (e.status !== "accepted" || !course || !takesResults(course.status)) throw conflict("training.error.notRunning");
  const passed = input.result === "passed";
  fail(passed && !input.certificateNo ? { certificateNo: "training.error.certificateRequired" } : {});
  if (file && !passed) fail({ certificate: "training.error.certificateOnlyForPass" });
  let prepared: PreparedUpload | null = null;
  if (file) {
    try {
      prepared = await prepareUpload(actor, file);
    } catch (err) {
      const key = isHttpError(err) ? (err.data.fieldErrors as Record<string, string> | undefined)?.file : undefined;
      if (key) fail({ certificate: key });
      throw err;
    }
  }
  try {
    await db.transaction().execute(async (trx) => {
      if (prepared) await recordUpload(trx, actor, prepared, { entity: ENROLMENT, entityId: id });
      await writeResult(trx, actor, e, course, input, prepared?.id ?? null);
    });
  } catch (err) {
    if (prepared) await discardUpload(prepared);
    if (isUnique(err)) fail({ certificateNo: "training.error.certificateTaken" });
    throw err;
  }
}

/** Route actions call this before reading the fields of a form that records attendance or a result. */
export async function requireEnrolmentManager(actor: UserActor, id: number) {
  await loadEnrolment(await getDb(), actor, id, "manage:enrolment");
}
export async function requireWithdrawer(actor: UserActor, id?: number) {
  if (id == null) await requireGrant(actor, "withdraw:enrolment", { entity: ENROLMENT });
  else await loadEnrolment(await getDb(), actor, id, "withdraw:enrolment");
}

/** An enrolment's page: the person, the course, places, attendance, result, and what the actor may do. */
export async function enrolmentPage(actor: UserActor, id: number) {
  const db = await getDb();
  const e = await loadEnrolment(db, actor, id, "read:enrolment");
  const course = await q.findCourse(db, e.course_id);
  if (!course) throw notFound();
  const position = e.status === "waiting" ? await q.waitingPosition(db, e.course_id, id) : null;
  // A placement through the portal linked to this pass (issue 15's referrals): when it started.
  const placement = e.placement_id ? await db.selectFrom("placements").select(["started_on"]).where("id", "=", e.placement_id).executeTakeFirst() : undefined;
  const manage = allows(actor.user, "manage:enrolment", enrolmentSubject(e));
  const open = course.status !== "finished" && course.status !== "cancelled";
  return {
    enrolment: e,
    course: { id: course.id, title: course.title, status: course.status, provider_fa: course.provider_fa, provider_en: course.provider_en, starts_on: course.starts_on, ends_on: course.ends_on },
    position,
    placedOn: placement ? String(placement.started_on) : null,
    canWithdraw: open && e.status !== "withdrawn" && allows(actor.user, "withdraw:enrolment", enrolmentSubject(e)),
    canRecord: manage && e.status === "accepted" && takesResults(course.status),
    canCheck: allows(actor.user, "check:enrolment", enrolmentSubject(e)),
  };
}

/** The course page's enrolment part for the actor: lists for its managers, one's own enrolment for applicants. */
export async function courseEnrolments(db: Database, actor: UserActor, c: { id: number; provider_id: number; status: string }) {
  const subject = { orgUnitIds: [c.provider_id] };
  const sees = allows(actor.user, "read:enrolment", subject);
  const [accepted, waiting] = sees ? await Promise.all([q.enrolmentsOf(db, c.id, "accepted"), q.enrolmentsOf(db, c.id, "waiting")]) : [[], []];
  const mine = holds(actor.user, "apply:course")
    ? await db.selectFrom("training_enrolments").select(["id", "status", "version", "result"]).where("course_id", "=", c.id).where("user_id", "=", actor.user.id).where("status", "<>", "withdrawn").executeTakeFirst()
    : undefined;
  const me = holds(actor.user, "apply:course") && !mine ? await db.selectFrom("users").select(["national_id", "mobile"]).where("id", "=", actor.user.id).executeTakeFirst() : undefined;
  return {
    accepted, waiting, seesEnrolees: sees,
    canEnrol: takesEnrolments(c.status) && allows(actor.user, "enrol:course", subject),
    canApply: takesEnrolments(c.status) && holds(actor.user, "apply:course") && !mine,
    canRecordResults: takesResults(c.status) && allows(actor.user, "manage:enrolment", subject),
    mine: mine ? { ...mine, position: mine.status === "waiting" ? await q.waitingPosition(db, c.id, mine.id) : null } : null,
    applyDefaults: { nationalId: me?.national_id ?? "", mobile: me?.mobile ?? "" },
  };
}

/** The applicant's own enrolments. */
export async function myEnrolments(actor: UserActor) {
  await requireGrant(actor, "read:enrolment", { entity: ENROLMENT });
  return q.enrolmentsOfUser(await getDb(), actor.user.id);
}

// Certificate PDFs are linked to their enrolment: its holder and the provider's managers read them.
registerFileAccess(ENROLMENT, {
  async canRead(db, actor, file) {
    if (!/^\d{1,9}$/.test(file.entityId ?? "")) return false;
    const e = await q.findEnrolment(db, Number(file.entityId));
    return !!e && allows(actor.user, "read:enrolment", { ownerId: e.user_id, orgUnitIds: [e.provider_id] });
  },
});

// Counselling ends in the skills-training path: the seeker goes to the open courses (of the
// occupation, when given); the enrolment itself is their application or the provider's.
registerHandover("training.forSeeker", async (_db, _actor, input) => ({
  href: input.occupationCode ? `/training?occupation=${encodeURIComponent(input.occupationCode)}` : "/training",
}));
