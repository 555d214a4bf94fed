import { sql, type Kysely } from "kysely";

// The public pages' version is the newest audit id of a change (app/lib/public-cache.server.ts,
// decision 0034): rows that only record a read, a sign-in or a refusal are left out, so a login no longer
// makes every public page new. This partial index holds exactly the changes, so max(id) over them is one
// index probe however many observations were written last. Its predicate is the list of
// app/modules/audit/observations.ts as it stood on this date; a later change to that list rebuilds it in
// a new migration (tests/security/public-cache.test.ts compares the two).
// Frozen in time: never import app code here.

const OBSERVED = [
  "authz.denied",
  "seeker.read",
  "case.export",
  "auth.login",
  "auth.login.failed",
  "auth.login.limited",
  "auth.logout",
  "auth.verify_resent",
  "auth.reset_requested",
  "user.signup_repeated",
  "user.signup_taken",
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX audit_log_changes_idx ON audit_log (id) WHERE action NOT IN (${sql.raw(OBSERVED.map((a) => `'${a}'`).join(", "))})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_changes_idx").execute();
}
