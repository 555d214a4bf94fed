import { type Kysely, sql } from "kysely";

// Reference rows that boot seeds without a natural key (the standing call, job-target revisions) get
// a unique `seed_key`, so two processes starting at once cannot both insert them (issue 10, item 15:
// each checked "is there one?" and then inserted). Rows seeded before this migration get their key
// here. Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("calls").addColumn("seed_key", "text", (c) => c.unique()).execute();
  await db.schema.alterTable("job_target_revisions").addColumn("seed_key", "text", (c) => c.unique()).execute();
  await sql`UPDATE calls SET seed_key = 'standing' WHERE id = (SELECT min(id) FROM calls WHERE standing)`.execute(db);
  // The reference file's revisions were loaded first in each year, without an author.
  await sql`
    UPDATE job_target_revisions r SET seed_key = 'ref:' || k.jalali_year || ':' || k.n
    FROM (SELECT id, jalali_year, row_number() OVER (PARTITION BY jalali_year ORDER BY id) - 1 AS n
          FROM job_target_revisions WHERE created_by IS NULL) k
    WHERE k.id = r.id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("job_target_revisions").dropColumn("seed_key").execute();
  await db.schema.alterTable("calls").dropColumn("seed_key").execute();
}
