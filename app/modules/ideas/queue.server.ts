import { memo } from "~/lib/memo.server";
import { mentorOptions } from "~/modules/accounts/service.server";
import { getDb } from "~/lib/db.server";
import { refuse, type UserActor } from "~/modules/accounts/actor.server";
import { grantLevel, type Permission } from "~/modules/accounts/roles";
import * as q from "./queries.server";

// ---------------------------------------------------------------- ideas: the staff queue and its CSV

/** Lists across all owners need the permission at level "any" (staff); "own" is not enough. */
async function requireAny(actor: UserActor, permission: Permission) {
  if (grantLevel(actor.user.roles, permission) !== "any") await refuse(actor, permission, { entity: "idea" });
}

export async function staffQueue(actor: UserActor, f: q.QueueFilters) {
  await requireAny(actor, "read:idea");
  const db = await getDb();
  const rows = await q.queueQuery(db, f).execute();
  const more = rows.length > q.QUEUE_PAGE;
  const page = more ? rows.slice(0, q.QUEUE_PAGE) : rows;
  return { rows: page, next: more ? page[page.length - 1].id : null };
}

/** Every page of the filtered queue (for CSV); permission checked once. */
export async function queuePages(actor: UserActor, f: q.QueueFilters) {
  await requireAny(actor, "read:idea");
  const db = await getDb();
  return async (after: number | null) => {
    const rows = await q.queueQuery(db, { ...f, after: after ?? undefined }, 500).execute();
    return { rows, next: rows.length === 500 ? rows[rows.length - 1].id : null };
  };
}

// Every call's title for the queue's filter; calls are audited as "call" (which drops it).
const callTitles = memo("call", 60_000, async () => (await getDb()).selectFrom("calls").select(["id", "title"]).orderBy("id", "desc").execute());

export async function queueOptions(actor: UserActor) {
  await requireAny(actor, "read:idea");
  const [calls, mentors] = await Promise.all([callTitles.get("all"), mentorOptions()]);
  return { calls, mentors };
}
