import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { ENTITY, loadCluster } from "./access.server";
import type { ClusterEditInput, ParticipantsInput } from "./schema";
import { addEvent, bump, findProject, referenceProblems, searchText } from "./service.server";

// Edits after creation (issue 12): a cluster's name, product and counties, and the firms taking part
// in a joint project. Both carry the version the form was opened with (a stale form is 409 and nothing
// changes), leave a timeline row and an audit row with before and after.

/** Renames a cluster or changes its counties (at least one, all from the reference list). */
export async function editCluster(actor: UserActor, id: number, input: ClusterEditInput) {
  const db = await getDb();
  const { cluster } = await loadCluster(db, actor, id, "manage:cluster");
  const counties = [...new Set(input.counties)];
  const errors = await referenceProblems({ sector: cluster.sector_code, counties });
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  await db.transaction().execute(async (trx) => {
    if (!(await bump(trx, id, input.version, { name: input.name, product: input.product, county_codes: counties, search_text: searchText(input) }))) throw conflict("cluster.error.stale");
    await addEvent(trx, { clusterId: id, actorId: actor.user.id, action: "edited", note: cluster.name !== input.name ? `${cluster.name} → ${input.name}` : null });
    await writeAudit(trx, auditMeta(actor), {
      action: "cluster.edit", entity: ENTITY, entityId: id,
      details: { from: { name: cluster.name, product: cluster.product, counties: cluster.county_codes }, to: { name: input.name, product: input.product, counties } },
    });
  });
}

/** Project statuses in which the taking-part firms may still change. */
export const PARTICIPANTS_OPEN = ["planned", "running"] as const;

/**
 * Sets the firms taking part in a joint project: live member firms of the cluster, at least two; a
 * firm whose jobs were already reported from the project stays (its report is in the ledger).
 */
export async function setProjectFirms(actor: UserActor, clusterId: number, projectId: number, input: ParticipantsInput) {
  const db = await getDb();
  await loadCluster(db, actor, clusterId, "manage:cluster");
  const project = await findProject(db, clusterId, projectId);
  if (!project) throw notFound();
  if (!(PARTICIPANTS_OPEN as readonly string[]).includes(project.status)) throw conflict("cluster.error.participantsClosed");
  const firms = [...new Set(input.firms)];
  await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom("cluster_projects").select(["version", "title"]).where("id", "=", projectId).forUpdate().executeTakeFirstOrThrow();
    if (locked.version !== input.version) throw conflict("cluster.error.stale");
    const current = await trx.selectFrom("cluster_project_firms").select(["firm_id", "report_id"]).where("project_id", "=", projectId).execute();
    const live = firms.length ? await trx.selectFrom("cluster_firms").select("id").where("cluster_id", "=", clusterId).where("left_on", "is", null).where("id", "in", firms).execute() : [];
    const kept = new Set(current.map((c) => c.firm_id));
    // A firm that left the cluster may stay on a project it was already part of, never be added.
    if (firms.some((f) => !kept.has(f) && !live.some((l) => l.id === f))) throw badRequest("error.form", { firms: "error.invalidChoice" });
    if (current.some((c) => c.report_id != null && !firms.includes(c.firm_id))) throw badRequest("error.form", { firms: "cluster.error.reportedFirm" });
    if (firms.length < 2) throw badRequest("error.form", { firms: "cluster.error.twoFirms" });
    const added = firms.filter((f) => !kept.has(f));
    const removed = current.filter((c) => !firms.includes(c.firm_id)).map((c) => c.firm_id);
    if (added.length) await trx.insertInto("cluster_project_firms").values(added.map((f) => ({ project_id: projectId, firm_id: f }))).execute();
    if (removed.length) await trx.deleteFrom("cluster_project_firms").where("project_id", "=", projectId).where("firm_id", "in", removed).where("report_id", "is", null).execute();
    await trx.updateTable("cluster_projects").set({ version: sql`version + 1` }).where("id", "=", projectId).execute();
    await addEvent(trx, { clusterId, actorId: actor.user.id, action: "project_firms", note: locked.title });
    await writeAudit(trx, auditMeta(actor), { action: "cluster.project_firms", entity: ENTITY, entityId: clusterId, details: { projectId, added, removed } });
  });
}
