import { type Kysely } from "kysely";

// The cluster page lists every member firm of one cluster, live and former (decision 0051); the only
// index by cluster was the partial unique one on live firms, so the page scanned all of cluster_firms
// (20,000 rows at the benchmark's size). An index on (cluster_id, id) serves it in the page's order.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("cluster_firms_cluster_idx").on("cluster_firms").columns(["cluster_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("cluster_firms_cluster_idx").execute();
}
