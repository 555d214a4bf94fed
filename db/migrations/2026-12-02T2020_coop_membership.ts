import { type Kysely, sql } from "kysely";

// Cooperatives after approval (issue 12 item 5; decision 0038): membership changes (a member joins,
// leaves, or transfers part or all of their share to another member), each dated, checked against
// the rules the cooperative was formed under and kept forever (member rows are never deleted: a
// member who leaves keeps the row with status "left" and left_on); and the board's yearly update of
// the jobs (members working in the cooperative and hires), one per Jalali year, each reported to the
// employment ledger (report_id).
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cooperative_member_changes")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('join', 'leave', 'transfer')`))
    // join: the new member; leave: the member who left; transfer: the member who gave the share.
    .addColumn("member_id", "integer", (c) => c.notNull().references("cooperative_members.id"))
    .addColumn("to_member_id", "integer", (c) => c.references("cooperative_members.id"))
    .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount > 0`))
    .addColumn("capital_after", "bigint", (c) => c.notNull())
    .addColumn("effective_on", "date", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("actor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("cooperative_member_changes_transfer_chk", sql`(kind = 'transfer') = (to_member_id IS NOT NULL)`)
    .execute();
  await db.schema.createIndex("cooperative_member_changes_coop_idx").on("cooperative_member_changes").columns(["cooperative_id", "id"]).execute();

  await db.schema
    .createTable("cooperative_yearly_updates")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("jalali_year", "integer", (c) => c.notNull())
    .addColumn("jobs_members", "integer", (c) => c.notNull().check(sql`jobs_members >= 0`))
    .addColumn("jobs_hires", "integer", (c) => c.notNull().check(sql`jobs_hires >= 0`))
    .addColumn("members_count", "integer", (c) => c.notNull())
    .addColumn("capital", "bigint", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("report_id", "bigint", (c) => c.references("employment_reports.id"))
    .addColumn("filed_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("cooperative_yearly_updates_year_key", ["cooperative_id", "jalali_year"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("cooperative_yearly_updates").ifExists().execute();
  await db.schema.dropTable("cooperative_member_changes").ifExists().execute();
}
