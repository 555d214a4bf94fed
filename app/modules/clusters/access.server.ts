import type { Database } from "~/lib/db.server";
import { notFound } from "~/lib/http";
import { requireGrant, requirePermission, requireVisible, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";

// Who stands where on a cluster (roles.ts grants; decision 0039):
//  - staff read and manage every cluster (read/manage/create:cluster:any);
//  - a cluster agent reads and manages the clusters of the cluster unit their role is held in
//    (scope: clusters.org_unit_id), and creates clusters there;
//  - nobody else sees a cluster's page (404, like a missing one, with an audit row); the public
//    directory shows every cluster without people's data.

export const ENTITY = "cluster";

export async function findCluster(db: Database, id: number) {
  return db.selectFrom("clusters").selectAll().where("id", "=", id).executeTakeFirst();
}
export type ClusterRow = NonNullable<Awaited<ReturnType<typeof findCluster>>>;

/** Loads a cluster the actor may read (and, with manage, run); 404 for one they may not see, 403 for one they see but may not run. */
export async function loadCluster(db: Database, actor: UserActor, id: number, permission: "read:cluster" | "manage:cluster" = "read:cluster") {
  // Without any cluster grant: 403 whether or not the cluster exists; with one, another unit's cluster is 404 like a missing one.
  await requireGrant(actor, "read:cluster", { entity: ENTITY });
  const c = await findCluster(db, id);
  if (!c) throw notFound();
  const subject = { orgUnitIds: [c.org_unit_id], entity: ENTITY, entityId: id };
  await requireVisible(actor, "read:cluster", subject);
  if (permission === "manage:cluster") await requirePermission(actor, "manage:cluster", subject);
  return { cluster: c, canManage: allows(actor.user, "manage:cluster", { orgUnitIds: [c.org_unit_id] }), staff: allows(actor.user, "manage:cluster") };
}
