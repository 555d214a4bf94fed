import type { Kysely } from "kysely";

// Issue 10 item 6, decision 0035: with mail configured, a self sign-up is pending until its emailed
// link is followed; a pending account cannot log in (the login answers as for a wrong password), so
// neither sign-up nor login tells anyone whether an address was registered.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("signup_pending", "boolean", (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("signup_pending").execute();
}
