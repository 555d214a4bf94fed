import { getDb } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { casesHome } from "~/modules/cases/homes.server";
import { chairsHome } from "~/modules/chairs/service.server";
import { employmentHome } from "~/modules/employment/dashboard.server";
import { ideasHome } from "~/modules/ideas/service.server";
import { microHome } from "~/modules/microbusiness/registry.server";
import { companyHome, industryHome } from "~/modules/partnerships/overview.server";
import { counsellorHome } from "~/modules/seekers/counselling.server";
import { employerHome, seekerHome } from "~/modules/seekers/homes.server";
import { trainingHome } from "~/modules/training/outcomes.server";
import { coopHome } from "~/modules/cooperatives/lists.server";
import { clusterHome } from "~/modules/clusters/lists.server";
import type { UserActor } from "./actor.server";

// Names of the organisation units roles are held in (a few hundred rows; renames are audited with
// the reference kind as entity, which drops this).
const unitNames = memo(["org_unit", "centres", "universities"], 5 * 60_000, async () => {
  const rows = await (await getDb()).selectFrom("org_units").select(["id", "name_fa", "name_en"]).execute();
  return new Map(rows.map((u) => [u.id, { fa: u.name_fa, en: u.name_en }]));
});

/** The home page per role: one section per role the user holds (modules add their widgets here). */
export async function homeFor(actor: UserActor) {
  // The widgets are independent: their statements run side by side.
  const [byId, cases, ideas, employment, chairs, micro, company, industry, counsellor, seeker, employer, training, coop, cluster] = await Promise.all([
    unitNames.get("all"), casesHome(actor), ideasHome(actor), employmentHome(actor), chairsHome(actor), microHome(actor), companyHome(actor),
    industryHome(actor), counsellorHome(actor), seekerHome(actor), employerHome(actor), trainingHome(actor), coopHome(actor), clusterHome(actor),
  ]);
  return {
    fullName: actor.user.fullName,
    cases, ideas, employment, chairs, micro, company, industry, counsellor, seeker, employer, training, coop, cluster,
    sections: actor.user.roles.map((r) => ({ role: r.role, orgUnitId: r.orgUnitId, unitName: r.orgUnitId ? byId.get(r.orgUnitId) ?? null : null })),
  };
}
