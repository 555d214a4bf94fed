import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { addMonths } from "~/i18n/clock";
import { badRequest, conflict } from "~/lib/http";
import { auditMeta, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import { COURSE, ENROLMENT, loadCourse } from "./access.server";
import * as q from "./queries.server";
import type { ResultsInput } from "./schema";
import { takesResults, type Result } from "./workflow";

// Results of a course (issue 16): one enrolment's result from its page (recordResult in
// enrolments.server.ts), or the whole class at once from the course's results sheet, so a course of
// twenty can be finished without opening twenty pages. Both write through writeResult().

type EnrolmentForResult = { id: number; course_id: number; provider_id: number; user_id: number | null; national_id: string };
type CourseForResult = { id: number; title: string; starts_on: string; ends_on: string };

/**
 * Writes one result in the caller's transaction: the result and certificate number (stale version:
 * 409); a pass makes the 3- and 6-month employment checks and links a home business or a placement of
 * its holder since the course started; a pass corrected to a fail drops the checks not yet made.
 */
export async function writeResult(
  trx: Database,
  actor: UserActor,
  e: EnrolmentForResult,
  course: CourseForResult,
  input: { result: Result; certificateNo?: string | null; version: number },
  certificateFileId: string | null = null,
) {
  const passed = input.result === "passed";
  const business = passed ? await businessSince(trx, e.national_id, String(course.starts_on)) : null;
  const placement = passed ? await placementSince(trx, e.national_id, String(course.starts_on)) : null;
  const r = await trx.updateTable("training_enrolments")
    .set({
      result: input.result, certificate_no: passed ? input.certificateNo ?? null : null, completed_on: course.ends_on,
      ...(certificateFileId ? { certificate_file_id: certificateFileId } : passed ? {} : { certificate_file_id: null }),
      ...(business ? { business_id: business } : {}),
      ...(placement ? { placement_id: placement } : {}),
      version: sql`version + 1`, updated_at: sql`now()`,
    })
    .where("id", "=", e.id).where("version", "=", input.version).executeTakeFirst();
  if (!r.numUpdatedRows) throw conflict("error.conflict");
  if (passed) {
    await trx.insertInto("training_checks")
      .values([3, 6].map((months) => ({ enrolment_id: e.id, course_id: e.course_id, provider_id: e.provider_id, months, due_on: addMonths(String(course.ends_on), months) })))
      .onConflict((oc) => oc.columns(["enrolment_id", "months"]).doNothing()).execute();
  } else {
    // A pass corrected to a fail: the checks not yet made go; recorded ones stay as history.
    await trx.deleteFrom("training_checks").where("enrolment_id", "=", e.id).where("outcome", "is", null).execute();
  }
  await writeAudit(trx, auditMeta(actor), { action: "training.enrolment.result", entity: ENROLMENT, entityId: e.id, details: { result: input.result, certificate: !!certificateFileId, business, placement } });
  if (e.user_id) await notify(trx, e.user_id, `training.notice.result.${input.result}`, { title: course.title }, `/training/enrolments/${e.id}`);
}

/** A micro or home business of this person registered on or after the course's start (the latest). */
async function businessSince(db: Database, nationalId: string, since: string) {
  const b = await db.selectFrom("micro_businesses").select("id").where("owner_national_id", "=", nationalId)
    .where("created_at", ">=", new Date(`${since}T00:00:00+03:30`)).orderBy("id", "desc").executeTakeFirst();
  return b?.id ?? null;
}

/** A placement through the portal (issue 15's referrals) of this person that started on or after the course's start (the latest). */
async function placementSince(db: Database, nationalId: string, since: string) {
  const p = await db.selectFrom("placements as p").innerJoin("job_seekers as s", "s.id", "p.seeker_id").select("p.id")
    .where("s.national_id", "=", nationalId).where("p.started_on", ">=", since).orderBy("p.id", "desc").executeTakeFirst();
  return p?.id ?? null;
}

/** The course, for whoever records its results (its provider's managers, staff); 409 before it runs. */
async function loadForResults(db: Database, actor: UserActor, courseId: number) {
  const c = await loadCourse(db, actor, courseId);
  await requirePermission(actor, "manage:enrolment", { orgUnitIds: [c.provider_id], entity: COURSE, entityId: c.id });
  return c;
}

/** The results sheet: the course and its accepted people with their attendance and current result. */
export async function resultsSheet(actor: UserActor, courseId: number) {
  const db = await getDb();
  const c = await loadForResults(db, actor, courseId);
  const rows = await db.selectFrom("training_enrolments")
    .select(["id", "full_name", "attendance_pct", "result", "certificate_no", "version"])
    .where("course_id", "=", courseId).where("status", "=", "accepted").orderBy("id").limit(500).execute();
  return { course: { id: c.id, title: c.title, status: c.status, version: c.version }, open: takesResults(c.status), rows };
}

/**
 * Records the results of the rows the sheet sends, all or nothing: a row left empty or unchanged is
 * not touched; a pass needs a certificate number, unique in the sheet and the provider; a row of
 * another course, withdrawn, or changed since the sheet was opened is a 409 and nothing is written.
 * Errors are keyed by the row's position (`certificateNo.3`), as the sheet shows them.
 */
export async function recordResults(actor: UserActor, courseId: number, input: ResultsInput) {
  const db = await getDb();
  const c = await loadForResults(db, actor, courseId);
  if (!takesResults(c.status)) throw conflict("training.error.notRunning");
  const errors: Record<string, string> = {};
  const seen = new Map<string, number>();
  input.rows.forEach((r, i) => {
    if (r.result !== "passed") return;
    const no = (r.certificateNo ?? "").trim();
    if (!no) errors[`certificateNo.${i}`] = "training.error.certificateRequired";
    else if (seen.has(no)) errors[`certificateNo.${i}`] = "training.error.certificateTaken";
    else seen.set(no, i);
  });
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  let written = 0;
  try {
    await db.transaction().execute(async (trx) => {
      for (const [i, r] of input.rows.entries()) {
        if (!r.result) continue;
        const e = await q.findEnrolment(trx, r.enrolment);
        if (!e || e.course_id !== courseId || e.status !== "accepted") throw conflict("error.conflict");
        const certificateNo = r.result === "passed" ? (r.certificateNo ?? "").trim() : null;
        if (e.result === r.result && (e.certificate_no ?? null) === certificateNo && e.version === r.version) continue;
        try {
          await writeResult(trx, actor, e, c, { result: r.result, certificateNo, version: r.version });
        } catch (err) {
          if ((err as { code?: string }).code === "23505") throw badRequest("error.form", { [`certificateNo.${i}`]: "training.error.certificateTaken" });
          throw err;
        }
        written++;
      }
    });
  } catch (err) {
    if ((err as { code?: string }).code === "23505") throw badRequest("error.form", { _form: "training.error.certificateTaken" });
    throw err;
  }
  return written;
}
