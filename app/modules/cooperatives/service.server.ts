import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict } from "~/lib/http";
import { auditMeta, requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { getIdea } from "~/modules/ideas/service.server";
import { allows } from "~/modules/accounts/roles";
import { activeEntries } from "~/modules/reference/service.server";
import { registerHandover } from "~/modules/subjects/handovers.server";
import { registerProgramme, registerSubject } from "~/modules/subjects/registry.server";
import { searchForm } from "~/i18n/normalise";
import { ENTITY, loadCoop } from "./access.server";
import { inviteMembers } from "./confirm.server";
import * as q from "./queries.server";
import { DEFAULT_RULES, RULE_KEYS, formationProblems, rulesFrom, rulesProblems, sameMemberLine, type FormationRules, type MemberLine } from "./rules";
import type { ApplicationInput, RulesInput } from "./schema";
import { EDITABLE, checkTransition, type CoopStatus } from "./workflow";

// Use cases of the formation application (module 3, issue 12): the formation rules (settings rows,
// audited), the application form (new, from an accepted idea, edit while a draft or sent back) and
// its sending to the members. Confirmations: confirm.server.ts; staff steps and the ledger:
// review.server.ts; lists and public pages: lists.server.ts; registrations: registrations.server.ts.
// Permissions (roles.ts, access.server.ts): create/read/update:cooperative:own for the applicant,
// read:cooperative:own for listed members, read/decide:cooperative:any and tune:coop_rules:any for staff.

// ---------------------------------------------------------------- formation rules (data)

export async function currentRules(db: Database): Promise<FormationRules & { stamp: string }> {
  const rows = await q.ruleRows(db);
  const stamp = rows.map((r) => new Date(r.updated_at as unknown as string).toISOString()).sort().at(-1) ?? "";
  return { ...rulesFrom(rows), stamp };
}

export async function rulesPage(actor: UserActor) {
  await requireGrant(actor, "tune:coop_rules", { entity: "setting" });
  return { rules: await currentRules(await getDb()) };
}

/** Staff change the formation rules: one settings row per rule, one audit row with before and after. */
export async function saveRules(actor: UserActor, input: RulesInput) {
  await requireGrant(actor, "tune:coop_rules", { entity: "setting" });
  const next: FormationRules = {
    minMembers: input.minMembers, minCapital: input.minCapital, maxShare: { num: input.maxShareNum, den: input.maxShareDen },
    minBoard: input.minBoard, minInspectors: input.minInspectors, allowedTypes: input.allowedTypes,
  };
  const problems = rulesProblems(next);
  if (Object.keys(problems).length) throw badRequest("error.form", problems);
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom("settings").select("key").where("key", "like", "cooperatives.%").forUpdate().execute();
    const before = await currentRules(trx);
    if (input.stamp !== undefined && input.stamp !== before.stamp) throw conflict("coop.error.rulesStale");
    const changed: string[] = [];
    for (const k of Object.keys(RULE_KEYS) as (keyof FormationRules)[]) {
      if (JSON.stringify(before[k]) === JSON.stringify(next[k])) continue;
      changed.push(k);
      const value = JSON.stringify(next[k]);
      await trx.insertInto("settings").values({ key: RULE_KEYS[k], value }).onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: sql`now()` })).execute();
    }
    const { stamp: _s, ...from } = before;
    await writeAudit(trx, auditMeta(actor), { action: "cooperative.rules", entity: "setting", entityId: "cooperatives", details: { changed, from, to: next } });
  });
}

// ---------------------------------------------------------------- the application form

const text = (v: string | null | undefined) => v ?? "";
/** The Persian search runs over the proposed names (and the registration number once known). */
const searchText = (c: { name1: string; name2?: string | null; name3?: string | null; registration_no?: string | null }) =>
  searchForm([c.name1, c.name2, c.name3, c.registration_no].filter(Boolean).join(" "));

/** The typed values of a stored application, as the form shows them (member rows as lists). */
function formValues(c: q.CoopRow, members: q.MemberRow[]) {
  return {
    values: {
      name1: c.name1, name2: text(c.name2), name3: text(c.name3), typeCode: text(c.type_code), activity: text(c.activity), sector: text(c.sector_code),
      isicCode: text(c.isic_code), county: text(c.county_code), address: text(c.address), capital: c.capital ? String(c.capital) : "",
      jobsMembers: String(c.jobs_members), jobsHires: String(c.jobs_hires), version: String(c.version), ideaId: c.idea_id ? String(c.idea_id) : "",
    } as Record<string, string>,
    lists: {
      memberName: members.map((m) => m.full_name), memberNationalId: members.map((m) => m.national_id), memberMobile: members.map((m) => text(m.mobile)),
      memberShare: members.map((m) => String(m.share)), memberRole: members.map((m) => m.role),
    } as Record<string, string[]>,
  };
}

async function formOptions() {
  const [counties, sectors] = await Promise.all([activeEntries("counties"), activeEntries("sectors")]);
  return { counties: counties.map((c) => ({ value: c.code, fa: c.name_fa, en: c.name_en })), sectors: sectors.map((c) => ({ value: c.code, fa: c.name_fa, en: c.name_en })) };
}

/** The new-application form; from an accepted idea (path cooperative) it is prefilled from the idea. */
export async function newApplicationForm(actor: UserActor, ideaId: number | null) {
  await requireGrant(actor, "create:cooperative", { entity: ENTITY });
  const db = await getDb();
  const values: Record<string, string> = {};
  if (ideaId) {
    const existing = await q.applicationForIdea(db, ideaId);
    if (existing) return { existing: existing.id, values, options: await formOptions(), rules: await currentRules(db) };
    const { idea } = await getIdea(actor, ideaId);
    if (idea.owner_id === actor.user.id && idea.status === "accepted" && idea.accepted_path === "cooperative") {
      Object.assign(values, { ideaId: String(idea.id), name1: idea.title, activity: idea.summary, sector: text(idea.sector_code), county: text(idea.county_code), jobsMembers: idea.expected_jobs ? String(idea.expected_jobs) : "" });
    }
  }
  return { existing: null, values, options: await formOptions(), rules: await currentRules(db) };
}

export async function editApplicationForm(actor: UserActor, id: number) {
  const db = await getDb();
  const { coop } = await loadCoop(db, actor, id, "update:cooperative");
  if (!EDITABLE.includes(coop.status as CoopStatus)) throw conflict("coop.error.notEditable");
  const members = await q.membersOf(db, id);
  return { id, name: coop.name1, ...formValues(coop, members), options: await formOptions(), rules: await currentRules(db) };
}

/** Route actions check this before reading the form (403 before any field error). */
export async function requireApplicant(actor: UserActor, id: number | null) {
  if (id == null) await requireGrant(actor, "create:cooperative", { entity: ENTITY });
  else await loadCoop(await getDb(), actor, id, "update:cooperative");
}

const REQUIRED_TO_SEND = ["typeCode", "activity", "sector", "county", "address"] as const;

/** Completeness and reference problems; with `send`, also every field the directorate needs. */
async function applicationProblems(input: ApplicationInput, send: boolean, rules: FormationRules) {
  const e: Record<string, string> = {};
  const [counties, sectors] = await Promise.all([activeEntries("counties"), activeEntries("sectors")]);
  if (input.county && !counties.some((c) => c.code === input.county)) e.county = "error.invalidChoice";
  if (input.sector && !sectors.some((c) => c.code === input.sector)) e.sector = "error.invalidChoice";
  const seen = new Set<string>();
  input.members.forEach((m, i) => {
    if (seen.has(m.nationalId)) e[`members.${input.rows[i]}.nationalId`] = "coop.error.duplicateNationalId";
    seen.add(m.nationalId);
  });
  if (!send) return e;
  for (const f of REQUIRED_TO_SEND) if (!input[f]) e[f] ??= "error.required";
  if (input.capital == null) e.capital = "error.required";
  return { ...formationProblems({ typeCode: input.typeCode, capital: input.capital ?? 0, members: input.members, rows: input.rows }, rules), ...e };
}

const columns = (input: ApplicationInput) => ({
  name1: input.name1, name2: input.name2 ?? null, name3: input.name3 ?? null, type_code: input.typeCode ?? null, activity: input.activity ?? null,
  sector_code: input.sector ?? null, isic_code: input.isicCode ?? null, county_code: input.county ?? null, address: input.address ?? null,
  capital: input.capital ?? 0, jobs_members: input.jobsMembers ?? 0, jobs_hires: input.jobsHires ?? 0, members_count: input.members.length,
});

/**
 * Replaces the member rows with the form's: a member whose line (name, ID, share, role) is unchanged
 * keeps their answer; a changed line asks again; a member no longer listed is marked removed (their
 * invitation answers 409), never deleted.
 */
async function syncMembers(trx: Database, coopId: number, members: readonly MemberLine[]) {
  const existing = await q.membersOf(trx, coopId);
  const byId = new Map(existing.map((m) => [m.national_id, m]));
  const keep = new Set<number>();
  for (const [i, m] of members.entries()) {
    const row = byId.get(m.nationalId);
    if (row) {
      keep.add(row.id);
      const same = sameMemberLine({ fullName: row.full_name, nationalId: row.national_id, share: Number(row.share), role: row.role as MemberLine["role"] }, m);
      await trx.updateTable("cooperative_members")
        .set({ position: i, full_name: m.fullName, mobile: m.mobile ?? null, share: m.share, role: m.role, ...(same ? {} : { status: "listed", answered_at: null, decline_reason: null }) })
        .where("id", "=", row.id).execute();
    } else {
      await trx.insertInto("cooperative_members").values({ cooperative_id: coopId, position: i, full_name: m.fullName, national_id: m.nationalId, mobile: m.mobile ?? null, share: m.share, role: m.role }).execute();
    }
  }
  const gone = existing.filter((m) => !keep.has(m.id)).map((m) => m.id);
  if (gone.length) await trx.updateTable("cooperative_members").set({ status: "removed" }).where("id", "in", gone).execute();
  return gone.length;
}

/**
 * Saves the application as a draft or sends it to its members (`send`): a new one is created, an
 * existing one must be editable and the form current (version, else 409). Sending checks every
 * field and the formation rules as they are now, records those rules on the application and
 * invites the members (confirm.server.ts); nothing is written when a check fails.
 */
export async function saveApplication(actor: UserActor, id: number | null, input: ApplicationInput, opts: { send?: boolean } = {}): Promise<number> {
  const db = await getDb();
  const send = !!opts.send;
  let current: q.CoopRow | null = null;
  if (id == null) await requireGrant(actor, "create:cooperative", { entity: ENTITY });
  else {
    current = (await loadCoop(db, actor, id, "update:cooperative")).coop;
    if (!EDITABLE.includes(current.status as CoopStatus)) throw conflict("coop.error.notEditable");
    if (input.version != null && input.version !== current.version) throw conflict("coop.error.stale");
  }
  const rules = await currentRules(db);
  const problems = await applicationProblems(input, send, rules);
  if (Object.keys(problems).length) throw badRequest("error.form", problems);
  let ideaId: number | null = current?.idea_id ?? null;
  if (!current && input.ideaId) {
    const { idea } = await getIdea(actor, input.ideaId);
    if (idea.owner_id !== actor.user.id || idea.status !== "accepted" || idea.accepted_path !== "cooperative") throw badRequest("error.form", { _form: "coop.error.ideaNotForCooperative" });
    if (await q.applicationForIdea(db, input.ideaId)) throw conflict("coop.error.ideaTaken");
    ideaId = input.ideaId;
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const cols = columns(input);
      let coopId: number;
      if (current) {
        if (!(await q.bump(trx, current.id, current.version, { ...cols, search_text: searchText(cols) }))) throw conflict("coop.error.stale");
        coopId = current.id;
      } else {
        const row = await trx.insertInto("cooperatives").values({ ...cols, applicant_id: actor.user.id, idea_id: ideaId, search_text: searchText(cols) }).returning("id").executeTakeFirstOrThrow();
        coopId = row.id;
        await q.addEvent(trx, { coopId, actorId: actor.user.id, action: "created", to: "draft" });
      }
      const removed = await syncMembers(trx, coopId, input.members);
      await writeAudit(trx, auditMeta(actor), { action: current ? "cooperative.update" : "cooperative.create", entity: ENTITY, entityId: coopId, details: { members: input.members.length, removed, ideaId } });
      if (send) {
        const from = (current?.status ?? "draft") as CoopStatus;
        const check = checkTransition(from, "send_to_members", ["applicant"], { rulesHold: true });
        if (!check.ok) throw conflict("coop.error.transition");
        const { stamp: _s, ...snapshot } = rules;
        await trx.updateTable("cooperatives").set({ status: "members_confirming", rules: JSON.stringify(snapshot), status_changed_at: sql`now()`, version: sql`version + 1` }).where("id", "=", coopId).execute();
        await q.addEvent(trx, { coopId, actorId: actor.user.id, action: "send_to_members", from, to: "members_confirming" });
        await writeAudit(trx, auditMeta(actor), { action: "cooperative.send_to_members", entity: ENTITY, entityId: coopId, details: { from, rules: snapshot } });
        await inviteMembers(trx, actor, coopId);
      }
      return coopId;
    });
  } catch (e) {
    if ((e as { code?: string }).code === "23505" && String((e as { constraint?: string }).constraint ?? "").includes("idea")) throw conflict("coop.error.ideaTaken");
    throw e;
  }
}

// ---------------------------------------------------------------- registrations

// An idea accepted with path cooperative: its owner starts (or finds) the application here.
registerHandover("cooperative.forIdea", async (db, _actor, { ideaId }) => {
  const existing = await q.applicationForIdea(db, ideaId);
  return existing ? { href: `/cooperatives/${existing.id}`, id: existing.id } : { href: `/cooperatives/new?idea=${ideaId}` };
});

// Obstacles and other cross-cutting records point at an application through the subject registry.
registerSubject("cooperative", {
  async canSee(db, actor, id) {
    const c = await q.findCoop(db, id);
    if (!c) return false;
    if (allows(actor.user, "read:cooperative", { ownerId: c.applicant_id })) return true;
    return allows(actor.user, "read:cooperative", { own: await q.isMember(db, id, actor.user.id, await q.userNationalId(db, actor.user.id)) });
  },
  async describe(db, ids) {
    const rows = await q.titlesOf(db, ids);
    return new Map(rows.map((r) => [r.id, { title: r.name1, link: `/cooperatives/${r.id}`, countyCode: r.county_code }]));
  },
  async participants(db, id) {
    const c = await q.findCoop(db, id);
    if (!c) return [];
    const members = await q.membersOf(db, id);
    return [...new Set([c.applicant_id, ...members.filter((m) => m.user_id).map((m) => m.user_id!)])];
  },
});

export { DEFAULT_RULES };

// A sector advantage of the agenda can be offered through a registered cooperative; its jobs are the
// ledger's reports of the cooperative (source_module "cooperatives": approval and yearly updates).
registerProgramme("cooperative", {
  async options(db, _actor, _locale) {
    const rows = await db.selectFrom("cooperatives").select(["id", "name1", "registration_no"]).where("status", "in", ["approved", "active"]).orderBy("id", "desc").limit(500).execute();
    return rows.map((r) => ({ value: String(r.id), label: r.registration_no ? `${r.name1} (${r.registration_no})` : r.name1 }));
  },
  async describe(db, ids) {
    const rows = await q.titlesOf(db, ids);
    return new Map(rows.map((r) => [r.id, { title: r.name1, link: `/cooperatives/${r.id}`, countyCode: r.county_code }]));
  },
  async ledgerSources(_db, id) {
    return [{ module: "cooperatives", ids: [String(id)] }];
  },
});
