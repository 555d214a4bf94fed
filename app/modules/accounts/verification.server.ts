import { sql } from "kysely";
import { z } from "zod";
import { getDb } from "~/lib/db.server";
import { writeAudit } from "~/modules/audit/service.server";
import { auditMeta, requirePermission, type UserActor } from "./actor.server";
import { ROLES, type Role } from "./roles";
import { VERIFY_ROLES_KEY } from "./session.server";

// Roles that must confirm their email address (issue 18 item 3, decision 0044). The setting is one
// row in `settings` (a JSON array of roles; absent = none). It is never cached: the session statement
// (loadSessionUser) reads it in the same query and says whether the user is held, so a change is
// seen by every instance on the next request. A held user (unverified, holding such a role) is sent
// to /account/verify by requireUser; logging out, following the link and "send again" still work.

export { VERIFY_ROLES_KEY };

export const verifyRolesSchema = z.object({
  roles: z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
    // One message on the field (not one per position: "roles.1" would name no field on the page).
    z.array(z.string()).max(ROLES.length, "error.invalidChoice")
      .refine((a) => a.every((r) => (ROLES as readonly string[]).includes(r)), "error.invalidChoice")
      .transform((a) => a as Role[]),
  ),
});

async function readRoles(db: Awaited<ReturnType<typeof getDb>>): Promise<Role[]> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", VERIFY_ROLES_KEY).executeTakeFirst();
  const v = row?.value as unknown;
  return Array.isArray(v) ? ROLES.filter((r) => v.includes(r)) : [];
}

/** The admin page's loader: the roles that must confirm their address. */
export async function verifyRequiredRoles(actor: UserActor): Promise<Role[]> {
  await requirePermission(actor, "manage:user");
  return readRoles(await getDb());
}

/** Saves the roles that must confirm their address (audited with the list before and after). */
export async function setVerifyRequiredRoles(actor: UserActor, roles: readonly Role[]) {
  await requirePermission(actor, "manage:user");
  const after = ROLES.filter((r) => roles.includes(r));
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const before = await readRoles(trx);
    await sql`INSERT INTO settings (key, value, updated_at) VALUES (${VERIFY_ROLES_KEY}, ${JSON.stringify(after)}::jsonb, now())
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`.execute(trx);
    await writeAudit(trx, auditMeta(actor), { action: "settings.verify_roles", entity: "setting", entityId: null, details: { before, after } });
  });
}
