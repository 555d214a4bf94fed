import { getDb } from "~/lib/db.server";
import { casesHome } from "~/modules/cases/service.server";
import { chairsHome } from "~/modules/chairs/service.server";
import { employmentHome } from "~/modules/employment/service.server";
import { ideasHome } from "~/modules/ideas/service.server";
import type { UserActor } from "./actor.server";

/** The home page per role: one section per role the user holds (modules add their widgets here). */
export async function homeFor(actor: UserActor) {
  const unitIds = actor.user.roles.map((r) => r.orgUnitId).filter((x): x is number => x != null);
  const units = unitIds.length
    ? await (await getDb()).selectFrom("org_units").select(["id", "name_fa", "name_en"]).where("id", "in", unitIds).execute()
    : [];
  const byId = new Map(units.map((u) => [u.id, { fa: u.name_fa, en: u.name_en }]));
  return {
    fullName: actor.user.fullName,
    cases: await casesHome(actor),
    ideas: await ideasHome(actor),
    employment: await employmentHome(actor),
    chairs: await chairsHome(actor),
    sections: actor.user.roles.map((r) => ({ role: r.role, orgUnitId: r.orgUnitId, unitName: r.orgUnitId ? byId.get(r.orgUnitId) ?? null : null })),
  };
}
