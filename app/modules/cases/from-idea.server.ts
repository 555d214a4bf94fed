import type { Database } from "~/lib/db.server";
import { badRequest, forbidden } from "~/lib/http";
import { searchForm } from "~/i18n/normalise";
import { auditMeta, type UserActor } from "~/modules/accounts/actor.server";
import { allows, holds } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { notify } from "~/modules/notifications/service.server";
import type { HandoverResult, Handovers } from "~/modules/subjects/handovers.server";
import * as q from "./queries.server";
import { checkCentre } from "./access.server";

// The hand-overs from ideas to cases (decision 0017), registered in ./service.server:
// - "case.fromAcceptedIdea": staff accept an idea with path acceleration or consulting, and the case
//   opens in the accepting transaction (only `trx` here). The centre is the one picked on the accept
//   form, else the idea's county's centre of the path's kind (accelerator for acceleration), else any
//   centre of that county, else none (staff assign it on the case). Baseline headcount starts at 0;
//   staff and mentors correct it on the case before closing.
// - "case.forIdea": where the idea page links: the idea's case, or (for staff) the form that opens one.

const CENTRE_KIND = { acceleration: "accelerator", consulting: "consulting" } as const;

/** The idea's county's centre for a path (null when the county has no active centre). */
export async function defaultCentre(db: Database, countyCode: string | null, path: "acceleration" | "consulting") {
  if (!countyCode) return null;
  const rows = await db
    .selectFrom("org_units")
    .select(["id", "centre_kind"])
    .where("kind", "=", "centre")
    .where("active", "=", true)
    .where("county_code", "=", countyCode)
    .orderBy("id")
    .execute();
  return (rows.find((r) => r.centre_kind === CENTRE_KIND[path]) ?? rows[0])?.id ?? null;
}

export async function openCaseFromIdea(trx: Database, actor: UserActor, input: Handovers["case.fromAcceptedIdea"]): Promise<HandoverResult> {
  const errors: Record<string, string> = {};
  if (input.centreId) await checkCentre(trx, input.centreId, errors);
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  const existing = await trx.selectFrom("cases").select("id").where("idea_id", "=", input.ideaId).executeTakeFirst();
  if (existing) return { href: `/cases/${existing.id}`, id: existing.id };
  const { idea } = input;
  const county = idea.countyCode && (await trx.selectFrom("counties").select("code").where("code", "=", idea.countyCode).executeTakeFirst()) ? idea.countyCode : null;
  const centreId = input.centreId || (await defaultCentre(trx, county, input.path));
  // Staff of the whole programme, or (scoped staff) of the case's centre.
  if (!allows(actor.user, "manage:case", { orgUnitIds: centreId ? [centreId] : [] })) throw forbidden();
  const description = idea.summary ?? "";
  const row = await trx
    .insertInto("cases")
    .values({
      kind: input.path,
      status: "intake",
      idea_id: input.ideaId,
      centre_id: centreId,
      entrepreneur_id: idea.ownerId,
      firm_name: idea.title,
      county_code: county,
      sector_code: idea.sectorCode,
      baseline_employees: 0,
      description,
      search_text: searchForm([idea.title, description].join(" ")),
      created_by: actor.user.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await q.insertHistory(trx, row.id, null, "intake", actor.user.id, null);
  await writeAudit(trx, auditMeta(actor), { action: "case.opened", entity: "case", entityId: row.id, details: { kind: input.path, ideaId: input.ideaId, centreId } });
  await notify(trx, idea.ownerId, "cases.notify.opened", { firm: idea.title }, `/cases/${row.id}`);
  return { href: `/cases/${row.id}`, id: row.id };
}

/** The idea's case for anyone who may read the idea's page; staff without a case get the opening form. */
export async function caseForIdea(db: Database, actor: UserActor, input: Handovers["case.forIdea"]): Promise<HandoverResult> {
  const c = await db.selectFrom("cases").select("id").where("idea_id", "=", input.ideaId).executeTakeFirst();
  if (c) return { href: `/cases/${c.id}`, id: c.id };
  return { href: holds(actor.user, "manage:case") ? `/cases/new?idea=${input.ideaId}` : "" };
}
