import { sql, type Kysely } from "kysely";

// The staff idea queue filtered by status and county (app/modules/ideas/queries.server.ts) is newest
// first. With an index per column PostgreSQL walked the primary key backwards and filtered both (2,600
// ideas read for 131 candidates on the benchmark data); with both columns and the id in one index it
// reads only the candidates, in order.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX ideas_status_county_idx ON ideas (status, county_code, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("ideas_status_county_idx").execute();
}
