import { getDb } from "~/lib/db.server";
import { requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { AUDIT_PAGE, listAudit } from "./queries.server";

export async function browseAudit(actor: UserActor, f: Parameters<typeof listAudit>[1]) {
  await requirePermission(actor, "read:audit");
  const rows = await listAudit(await getDb(), f);
  const more = rows.length > AUDIT_PAGE;
  const page = more ? rows.slice(0, AUDIT_PAGE) : rows;
  return { rows: page, next: more ? page[page.length - 1].id : null };
}
