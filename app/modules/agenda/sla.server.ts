import { getDb } from "~/lib/db.server";
import { badRequest, conflict } from "~/lib/http";
import { auditMeta, refuse, requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import * as q from "./queries.server";
import { slaField, type SlaInput } from "./schema";
import { OBSTACLE_CATEGORIES, type ObstacleCategory } from "./workflow";

// The service-level time of each obstacle category (issue 14 item 2, decision 0045): data in
// `obstacle_categories.sla_days`, edited by directorate staff on one form (centre staff get 403: the
// working group's rules are the province's). A change applies to obstacles raised from then on; an
// obstacle keeps the due date it was given when raised. One audit row with before and after.

const daysOf = (input: SlaInput, code: string) => input[slaField(code as ObstacleCategory)];

/** The form's stale check: every category's version, in the form's order (a change to any makes it stale). */
const stampOf = (rows: { code: string; version: number }[]) => rows.map((r) => `${r.code}:${r.version}`).join(",");

async function requireSlaEditor(actor: UserActor) {
  const level = await requireGrant(actor, "tune:obstacle_sla", { entity: "obstacle_category" });
  if (level !== "any") await refuse(actor, "tune:obstacle_sla", { entity: "obstacle_category" });
}

/** The edit form: each category with its days, and the stamp the save checks. */
export async function slaPage(actor: UserActor) {
  await requireSlaEditor(actor);
  const rows = await q.categories(await getDb());
  return { categories: rows.map((r) => ({ code: r.code, days: r.sla_days })), stamp: stampOf(rows) };
}

/**
 * Saves the days of every category: 409 when a category changed since the form was opened (what was
 * typed stays on the form), field errors for a category the table does not know; unchanged rows are
 * not written. Returns the categories that changed.
 */
export async function saveSla(actor: UserActor, input: SlaInput): Promise<string[]> {
  await requireSlaEditor(actor);
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("obstacle_categories").select(["code", "sla_days", "version"]).orderBy("sort_order").forUpdate().execute();
    if (stampOf(rows) !== input.stamp) throw conflict("agenda.sla.stale");
    const missing = OBSTACLE_CATEGORIES.filter((c) => !rows.some((r) => r.code === c));
    if (missing.length) throw badRequest("error.form", Object.fromEntries(missing.map((c) => [slaField(c), "error.invalidChoice"])));
    const changed = rows.filter((r) => daysOf(input, r.code) !== r.sla_days);
    for (const r of changed) {
      await trx.updateTable("obstacle_categories")
        .set({ sla_days: daysOf(input, r.code), version: r.version + 1 })
        .where("code", "=", r.code).where("version", "=", r.version).execute();
    }
    if (changed.length) {
      await writeAudit(trx, auditMeta(actor), {
        action: "obstacle.sla", entity: "obstacle_category", entityId: changed.map((r) => r.code).join(","),
        details: {
          from: Object.fromEntries(changed.map((r) => [r.code, r.sla_days])),
          to: Object.fromEntries(changed.map((r) => [r.code, daysOf(input, r.code)])),
        },
      });
    }
    return changed.map((r) => r.code);
  });
}
