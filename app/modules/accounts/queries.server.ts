import { sql } from "kysely";
import type { Database } from "~/lib/db.server";
import { normalise } from "~/i18n/normalise";

export function findUserByEmail(db: Database, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

export function findUserById(db: Database, id: number) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export function rolesOf(db: Database, userId: number) {
  return db
    .selectFrom("role_assignments as ra")
    .leftJoin("org_units as ou", "ou.id", "ra.org_unit_id")
    .select(["ra.id", "ra.role", "ra.org_unit_id", "ou.name_fa", "ou.name_en", "ou.kind"])
    .where("ra.user_id", "=", userId)
    .orderBy("ra.id")
    .execute();
}

export const USERS_PAGE = 50;

/** Keyset page of users by id descending; optional trigram search over name and email. */
export function listUsers(db: Database, opts: { q?: string; after?: number; orgUnitIds?: number[] | null }) {
  let q = db
    .selectFrom("users as u")
    .select([
      "u.id", "u.email", "u.full_name", "u.disabled_at", "u.created_at",
      sql<string[]>`coalesce((select array_agg(ra.role order by ra.id) from role_assignments ra where ra.user_id = u.id), '{}')`.as("roles"),
    ])
    .orderBy("u.id", "desc")
    .limit(USERS_PAGE + 1);
  if (opts.after) q = q.where("u.id", "<", opts.after);
  if (opts.q) {
    const needle = `%${normalise(opts.q).toLowerCase().replace(/[%_\\]/g, "\\$&")}%`;
    q = q.where(sql<boolean>`lower(u.full_name || ' ' || u.email) like ${needle}`);
  }
  if (opts.orgUnitIds) {
    const ids = opts.orgUnitIds;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("role_assignments as r2").select("r2.id").whereRef("r2.user_id", "=", "u.id").where("r2.org_unit_id", "in", ids.length ? ids : [-1])),
    );
  }
  return q.execute();
}

export function listOrgUnits(db: Database) {
  return db.selectFrom("org_units").select(["id", "kind", "code", "name_fa", "name_en", "active"]).orderBy("kind").orderBy("name_fa").execute();
}
