import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { todayTehran } from "~/i18n/clock";
import { retentionStatus } from "./rules";

// Retention checks of placements (decision 0026): due 3 and 6 months after the start; a counsellor of
// the seeker's centre (or the assigned counsellor) or staff records still employed yes/no/unknown, how
// and a note. A 6-month "yes" marks the placement retained; a "no" marks it not retained.

async function loadCheck(db: Database, actor: UserActor, checkId: number) {
  const c = await db.selectFrom("retention_checks as r").innerJoin("placements as p", "p.id", "r.placement_id").innerJoin("job_seekers as s", "s.id", "p.seeker_id")
    .innerJoin("vacancies as v", "v.id", "p.vacancy_id").innerJoin("org_units as u", "u.id", "p.employer_id")
    .select(["r.id", "r.placement_id", "r.months", "r.due_on", "r.result", "r.method", "r.note", "r.checked_at", "p.centre_id", "p.started_on", "p.retained",
      "s.id as seeker_id", "s.full_name", "s.counsellor_id", "v.title", "u.name_fa as employer_fa", "u.name_en as employer_en"])
    .where("r.id", "=", checkId).executeTakeFirst();
  if (!c) {
    await requireGrant(actor, "check:placement", { entity: "retention_check" });
    throw notFound();
  }
  await requirePermission(actor, "check:placement", { own: c.counsellor_id === actor.user.id, orgUnitIds: [c.centre_id], entity: "retention_check", entityId: checkId });
  return c;
}

export async function checkPage(actor: UserActor, checkId: number) {
  const db = await getDb();
  const c = await loadCheck(db, actor, checkId);
  const all = await db.selectFrom("retention_checks").select(["months", "due_on", "result"]).where("placement_id", "=", c.placement_id).orderBy("months").execute();
  const today = todayTehran();
  return {
    check: { ...c, due_on: String(c.due_on), started_on: String(c.started_on) },
    checks: all.map((x) => ({ ...x, due_on: String(x.due_on) })),
    status: retentionStatus(all.map((x) => ({ ...x, due_on: String(x.due_on) })), today),
    due: String(c.due_on) <= today,
  };
}

/** Records a check once (a second answer to the same check: 409); not before it is due. */
export async function recordCheck(actor: UserActor, input: { checkId: number; result: "yes" | "no" | "unknown"; method: string; note?: string }) {
  const db = await getDb();
  const c = await loadCheck(db, actor, input.checkId);
  if (String(c.due_on) > todayTehran()) throw conflict("error.seekers.checkNotDue");
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("retention_checks").set({ result: input.result, method: input.method, note: input.note ?? null, checked_by: actor.user.id, checked_at: sql`now()` })
      .where("id", "=", c.id).where("result", "is", null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict("error.seekers.checkDone");
    if (input.result === "no") await trx.updateTable("placements").set({ retained: false }).where("id", "=", c.placement_id).execute();
    else if (c.months === 6 && input.result === "yes") await trx.updateTable("placements").set({ retained: true }).where("id", "=", c.placement_id).where("retained", "is", null).execute();
    await writeAudit(trx, auditMeta(actor), { action: "placement.check", entity: "placement", entityId: c.placement_id, details: { months: c.months, result: input.result, method: input.method } });
  });
}

export async function requireChecker(actor: UserActor, checkId: number) {
  await loadCheck(await getDb(), actor, checkId);
}
