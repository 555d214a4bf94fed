import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest } from "~/lib/http";
import { auditMeta, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { handover } from "~/modules/subjects/handovers.server";
import { todayTehran } from "~/i18n/clock";
import { readableSeeker, requireCounsellorOf, seesPrivate, unitsOf } from "./access.server";
import type { CounsellingPath } from "./rules";
import type { SessionInput } from "./schema";

// Counselling sessions (decision 0025): a counsellor of the seeker's centre (or staff holding the
// counsellor role) records date, minutes, mode, private notes and next steps; a session may end the
// counselling in a path. Skills training and cooperative go through the hand-over registry when
// those modules are in the build (else the path is recorded with the page where it continues);
// self-employment sends the seeker to a new idea draft prefilled from the profile.

/** Where each path continues when no module takes the hand-over. */
function fallbackHref(path: CounsellingPath, seekerId: number): string {
  switch (path) {
    case "wage_employment":
      return `/seekers/${seekerId}/matches`;
    case "self_employment":
      return `/ideas/new?seeker=${seekerId}`;
    case "skills_training":
    case "cooperative":
      return `/seekers/${seekerId}`;
  }
}

async function followPath(trx: Database, actor: UserActor, seeker: { id: number; user_id: number | null; occupations: string[] }, path: CounsellingPath): Promise<string> {
  if (path === "skills_training") {
    const h = handover("training.forSeeker");
    if (h) return (await h(trx, actor, { seekerId: seeker.id, userId: seeker.user_id, occupationCode: seeker.occupations[0] ?? null })).href;
  }
  if (path === "cooperative") {
    const h = handover("cooperative.forSeeker");
    if (h) return (await h(trx, actor, { seekerId: seeker.id, userId: seeker.user_id })).href;
  }
  return fallbackHref(path, seeker.id);
}

export async function addSession(actor: UserActor, seekerId: number, input: SessionInput): Promise<{ id: number; href: string | null }> {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, seekerId, { audit: false });
  await requireCounsellorOf(actor, "counsel:seeker", keys);
  const today = todayTehran();
  const errors: Record<string, string> = {};
  if (input.heldOn > today) errors.heldOn = "error.seekers.futureDate";
  if (input.nextStepDue && input.nextStepDue < input.heldOn) errors.nextStepDue = "error.seekers.dueBeforeSession";
  if (input.nextStepDue && !input.nextSteps) errors.nextSteps = "error.required";
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom("job_seekers").select(["id", "user_id", "occupations"]).where("id", "=", seekerId).forUpdate().executeTakeFirstOrThrow();
    // Earlier next steps are done once a new session is held.
    await trx.updateTable("counselling_sessions").set({ next_step_done: true }).where("seeker_id", "=", seekerId).where("next_step_done", "=", false).execute();
    const row = await trx.insertInto("counselling_sessions").values({
      seeker_id: seekerId, counsellor_id: actor.user.id, held_on: input.heldOn, minutes: input.minutes, mode: input.mode, notes: input.notes ?? "",
      next_steps: input.nextSteps ?? "", next_step_due: input.nextStepDue ?? null, outcome: input.outcome ?? null,
    }).returning("id").executeTakeFirstOrThrow();
    let href: string | null = null;
    if (input.outcome) {
      href = await followPath(trx, actor, s, input.outcome);
      await trx.updateTable("job_seekers").set({ path: input.outcome, path_href: href, version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", seekerId).execute();
    }
    await trx.updateTable("job_seekers").set({ counsellor_id: sql`coalesce(counsellor_id, ${actor.user.id}::int)` }).where("id", "=", seekerId).execute();
    await writeAudit(trx, auditMeta(actor), { action: "seeker.session", entity: "job_seeker", entityId: seekerId, details: { sessionId: row.id, outcome: input.outcome ?? null } });
    return { id: row.id, href };
  });
}

/** Sessions of a seeker; notes and next steps only for the seeker, their counsellors and staff. */
export async function sessionsOf(actor: UserActor, seekerId: number) {
  const db = await getDb();
  const { relation } = await readableSeeker(db, actor, seekerId, { audit: false });
  if (!seesPrivate(relation)) return [];
  return db.selectFrom("counselling_sessions as s").innerJoin("users as u", "u.id", "s.counsellor_id")
    .select(["s.id", "s.held_on", "s.minutes", "s.mode", "s.notes", "s.next_steps", "s.next_step_due", "s.next_step_done", "s.outcome", "u.full_name as counsellor"])
    .where("s.seeker_id", "=", seekerId).orderBy("s.held_on", "desc").orderBy("s.id", "desc").limit(50).execute();
}

const HOME_ROWS = 5;

/** The counsellor's home: caseload, overdue next steps, retention checks due. Null for others. */
export async function counsellorHome(actor: UserActor) {
  const centres = unitsOf(actor, "counsellor");
  if (!centres.length) return null;
  const db = await getDb();
  const today = todayTehran();
  const mine = (eb: any) => eb.or([eb("s.counsellor_id", "=", actor.user.id), eb("s.centre_id", "in", centres)]);
  const [caseload, overdue, checks] = await Promise.all([
    db.selectFrom("job_seekers as s").select((eb) => [eb.fn.countAll<number>().as("n")]).where("s.counsellor_id", "=", actor.user.id).where("s.status", "=", "active").executeTakeFirst(),
    db.selectFrom("counselling_sessions as c").innerJoin("job_seekers as s", "s.id", "c.seeker_id")
      .select(["c.id", "c.next_steps", "c.next_step_due", "s.id as seeker_id", "s.full_name"])
      .where("c.counsellor_id", "=", actor.user.id).where("c.next_step_done", "=", false).where("c.next_step_due", "<", today)
      .orderBy("c.next_step_due").limit(HOME_ROWS).execute(),
    db.selectFrom("retention_checks as r").innerJoin("placements as p", "p.id", "r.placement_id").innerJoin("job_seekers as s", "s.id", "p.seeker_id")
      .innerJoin("vacancies as v", "v.id", "p.vacancy_id")
      .select(["r.id", "r.months", "r.due_on", "s.id as seeker_id", "s.full_name", "v.title"])
      .where("r.result", "is", null).where("r.due_on", "<=", today).where(mine)
      .orderBy("r.due_on").limit(HOME_ROWS).execute(),
  ]);
  return { caseload: Number(caseload?.n ?? 0), overdue, checks };
}
export type CounsellorHomeData = Awaited<ReturnType<typeof counsellorHome>>;

/** The session form: only counsellors of the seeker (or staff holding the counsellor role). */
export async function sessionForm(actor: UserActor, seekerId: number) {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, seekerId, { audit: false });
  await requireCounsellorOf(actor, "counsel:seeker", keys);
  const s = await db.selectFrom("job_seekers").select("full_name").where("id", "=", seekerId).executeTakeFirstOrThrow();
  return { name: s.full_name, today: todayTehran() };
}
