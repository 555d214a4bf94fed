import { getDb, type Database } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, refuse, requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { holds } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { countedJobsOfSources } from "~/modules/employment/service.server";
import { notify } from "~/modules/notifications/service.server";
import { referenceEntries, referenceOptions } from "~/modules/reference/service.server";
import { programmeResolver, registeredProgrammeKinds, type ProgrammeKind } from "~/modules/subjects/registry.server";
import { currentJalaliYear, now } from "~/i18n/clock";
import type { Locale } from "~/i18n/locale";
import * as q from "./queries.server";
import type { AdvantageFilters, AdvantageInput } from "./schema";
import { advantageActions, checkAdvantage, SHARE_STATUSES, type AdvantageAction } from "./workflow";
import { agenciesOf } from "./service.server";

// Sector advantages (issue 14 item 5): an agency's officer records an opportunity its agency has
// identified (sector, activity, counties, potential jobs, investment, the programme that would carry
// it) and moves it identified → studied → offered (linked to a call, course, challenge… registered by
// its module in subjects/registry.server.ts) → activated | dropped (with a reason). Jobs are never
// stored on the advantage: once offered, the ledger's counted jobs of the records the linked programme
// produced are shown beside it (employment's countedJobsOfSources). Staff read every advantage; an
// officer reads and manages their agency's only (another agency's: 404); published ones (not dropped)
// are listed publicly without names.

const EDITABLE = ["identified", "studied", "offered"];

async function readScope(db: Database, actor: UserActor) {
  const level = await requireGrant(actor, "read:advantage", { entity: "advantage" });
  return { any: level === "any", agencies: await agenciesOf(db, actor) };
}

async function loadReadable(db: Database, actor: UserActor, id: number) {
  const scope = await readScope(db, actor);
  const a = await q.advantageById(db, id);
  if (!a || (!scope.any && !scope.agencies.includes(a.agency_code))) throw notFound();
  const manages = scope.agencies.includes(a.agency_code) && holds(actor.user, "manage:advantage");
  return { a, manages };
}

/** The agencies the actor records advantages for (403 without the grant or an agency). */
async function managedAgencies(db: Database, actor: UserActor) {
  await requireGrant(actor, "manage:advantage", { entity: "advantage" });
  const mine = await agenciesOf(db, actor);
  if (!mine.length) await refuse(actor, "manage:advantage", { entity: "advantage" });
  return mine;
}

/** Before an advantage's form is read: 404 for whoever may not read it, 403 for whoever may not manage it. */
export async function assertManageable(actor: UserActor, id: number | null) {
  const db = await getDb();
  if (id == null) return void (await managedAgencies(db, actor));
  const { manages } = await loadReadable(db, actor, id);
  if (!manages) await refuse(actor, "manage:advantage", { entity: "advantage", entityId: id });
}

const name = (list: { code: string; name_fa: string; name_en: string }[], code: string, locale: Locale) => {
  const e = list.find((x) => x.code === code);
  return e ? (locale === "fa" ? e.name_fa : e.name_en) : code;
};

/** The list: staff every advantage, an officer their agency's. */
export async function listAdvantages(actor: UserActor, f: AdvantageFilters, after: number | null, locale: Locale) {
  const db = await getDb();
  const scope = await readScope(db, actor);
  const [page, agencies, sectors] = await Promise.all([
    q.listAdvantages(db, f, scope.any ? null : scope.agencies, after), referenceEntries("agencies"), referenceEntries("sectors"),
  ]);
  return {
    rows: page.rows.map((a) => ({
      id: a.id, activity: a.activity, agency: name(agencies, a.agency_code, locale), sector: name(sectors, a.sector_code, locale),
      potential_jobs: Number(a.potential_jobs), status: a.status, published: a.published, counties: a.county_codes.length,
    })),
    next: page.next,
    agencies: (await referenceOptions("agencies", locale)).filter((o) => scope.any || scope.agencies.includes(o.value)),
    canCreate: scope.agencies.length > 0 && holds(actor.user, "manage:advantage"),
    staff: scope.any,
  };
}

/** What the new/edit form needs: the actor's agencies, sectors, counties, the programme kinds. */
export async function advantageForm(actor: UserActor, locale: Locale, id: number | null = null) {
  const db = await getDb();
  const mine = await managedAgencies(db, actor);
  const [agencies, sectors, counties] = await Promise.all([referenceOptions("agencies", locale), referenceOptions("sectors", locale), referenceOptions("counties", locale)]);
  let current: q.AdvantageRow | null = null;
  if (id != null) {
    const { a, manages } = await loadReadable(db, actor, id);
    if (!manages) await refuse(actor, "manage:advantage", { entity: "advantage", entityId: id });
    current = a;
  }
  return {
    agencies: agencies.filter((o) => mine.includes(o.value)),
    sectors, counties,
    advantage: current ? { ...current, potential_jobs: Number(current.potential_jobs), investment_rials: Number(current.investment_rials) } : null,
  };
}

async function checkInput(db: Database, actor: UserActor, input: AdvantageInput, mine: string[]) {
  const errors: Record<string, string> = {};
  if (!mine.includes(input.agency)) errors.agency = "error.invalidChoice";
  else if (!(await q.activeAgency(db, input.agency))) errors.agency = "agenda.error.agencyInactive";
  const [sectors, counties] = await Promise.all([referenceEntries("sectors"), referenceEntries("counties")]);
  if (!sectors.some((s) => s.code === input.sector && s.active)) errors.sector = "error.invalidChoice";
  if (input.counties.some((c) => !counties.some((x) => x.code === c && x.active))) errors.counties = "error.invalidChoice";
  if (input.isic && !/^\d{4}$/.test(input.isic)) errors.isic = "agenda.error.isic";
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
}

const values = (input: AdvantageInput) => ({
  agency_code: input.agency, sector_code: input.sector, isic_code: input.isic, activity: input.activity, county_codes: [...new Set(input.counties)],
  area: input.area, description: input.description, potential_jobs: input.potentialJobs, investment_rials: input.investment * 1_000_000,
  programme_kind: input.programme, how_to_join: input.howToJoin ?? null, published: input.published,
});

/** Records an advantage for one of the actor's agencies (status identified). */
export async function createAdvantage(actor: UserActor, input: AdvantageInput) {
  const db = await getDb();
  const mine = await managedAgencies(db, actor);
  await checkInput(db, actor, input, mine);
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("advantages").values({ ...values(input), created_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
    await q.addAdvantageEvent(trx, { advantage_id: row.id, action: "record", from_status: null, to_status: "identified", actor_id: actor.user.id });
    await writeAudit(trx, auditMeta(actor), { action: "advantage.recorded", entity: "advantage", entityId: row.id, details: { agency: input.agency, potentialJobs: input.potentialJobs, programme: input.programme } });
    return { id: row.id };
  });
}

/** Edits an advantage while it is not activated or dropped (409 for a stale form; the programme kind is fixed once offered). */
export async function updateAdvantage(actor: UserActor, id: number, version: number, input: AdvantageInput) {
  const db = await getDb();
  const mine = await managedAgencies(db, actor);
  const { a, manages } = await loadReadable(db, actor, id);
  if (!manages) await refuse(actor, "manage:advantage", { entity: "advantage", entityId: id });
  if (a.version !== version || !EDITABLE.includes(a.status)) throw conflict("agenda.advantage.stale");
  await checkInput(db, actor, input, mine);
  if (a.programme_id && input.programme !== a.programme_kind) throw badRequest("error.form", { programme: "agenda.advantage.programmeFixed" });
  await db.transaction().execute(async (trx) => {
    const done = await trx.updateTable("advantages").set({ ...values(input), version: version + 1, updated_at: now() })
      .where("id", "=", id).where("version", "=", version).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict("agenda.advantage.stale");
    await q.addAdvantageEvent(trx, { advantage_id: id, action: "edit", from_status: a.status, to_status: a.status, actor_id: actor.user.id });
    await writeAudit(trx, auditMeta(actor), { action: "advantage.edited", entity: "advantage", entityId: id, details: { potentialJobs: input.potentialJobs, published: input.published } });
  });
}

/** The ledger's jobs of what a programme produced (0 when its module is not registered). */
async function programmeJobs(db: Database, kind: string, id: number, year: number | null) {
  const r = programmeResolver(kind as ProgrammeKind);
  if (!r) return { created: 0, retained: 0, enterprises: 0 };
  return countedJobsOfSources(db, await r.ledgerSources(db, id), year);
}

/** One advantage: its fields, the programme it is offered through with that programme's jobs from the ledger, history, actions. */
export async function advantagePage(actor: UserActor, id: number, locale: Locale) {
  const db = await getDb();
  const { a, manages } = await loadReadable(db, actor, id);
  const year = currentJalaliYear();
  const resolver = programmeResolver(a.programme_kind as ProgrammeKind);
  const [history, agencies, sectors, counties, programme, jobs, options] = await Promise.all([
    q.advantageEvents(db, id), referenceEntries("agencies"), referenceEntries("sectors"), referenceEntries("counties"),
    a.programme_id && resolver ? resolver.describe(db, [a.programme_id]).then((m) => m.get(a.programme_id!) ?? null) : Promise.resolve(null),
    a.programme_id ? programmeJobs(db, a.programme_kind, a.programme_id, year) : Promise.resolve(null),
    manages && a.status === "studied" && resolver ? resolver.options(db, actor, locale) : Promise.resolve([]),
  ]);
  return {
    advantage: { ...a, potential_jobs: Number(a.potential_jobs), investment_rials: Number(a.investment_rials) },
    agencyName: name(agencies, a.agency_code, locale),
    sectorName: name(sectors, a.sector_code, locale),
    countyNames: a.county_codes.map((c) => name(counties, c, locale)),
    programme, jobs, year,
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
    actions: manages ? advantageActions(a.status) : [],
    programmeOptions: options,
    programmeRegistered: !!resolver,
    canEdit: manages && EDITABLE.includes(a.status),
  };
}

const MOVE_CONFLICT: Record<string, string> = { not_allowed: "agenda.advantage.stale" };

/** Moves an advantage (409 for a stale form or an illegal move; offering checks the programme is one its module offers). */
export async function moveAdvantage(actor: UserActor, id: number, input: { action: AdvantageAction; version: number; programmeId?: number; reason?: string | null }) {
  const db = await getDb();
  const { a, manages } = await loadReadable(db, actor, id);
  if (!manages) await refuse(actor, "manage:advantage", { entity: "advantage", entityId: id });
  if (a.version !== input.version) throw conflict("agenda.advantage.stale");
  const check = checkAdvantage(input.action, { status: a.status, programmeId: input.action === "offer" ? input.programmeId : a.programme_id, reason: input.reason });
  if (!check.ok) {
    if (check.reason === "programme") throw badRequest("error.form", { programmeId: "error.required" });
    if (check.reason === "reason") throw badRequest("error.form", { reason: "error.required" });
    throw conflict(MOVE_CONFLICT[check.reason]);
  }
  if (input.action === "offer") {
    const r = programmeResolver(a.programme_kind as ProgrammeKind);
    const options = r ? await r.options(db, actor, "fa") : [];
    if (!options.some((o) => o.value === String(input.programmeId))) throw badRequest("error.form", { programmeId: "error.invalidChoice" });
  }
  const t = check.transition;
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("advantages")
      .set({
        status: t.to, version: a.version + 1, updated_at: now(),
        ...(t.action === "offer" ? { programme_id: input.programmeId! } : {}),
        ...(t.action === "drop" ? { drop_reason: input.reason ?? null } : {}),
      })
      .where("id", "=", id).where("version", "=", input.version).where("status", "=", a.status)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict("agenda.advantage.stale");
    await q.addAdvantageEvent(trx, { advantage_id: id, action: t.action, from_status: a.status, to_status: t.to, actor_id: actor.user.id, note: t.action === "drop" ? input.reason : null });
    await writeAudit(trx, auditMeta(actor), { action: `advantage.${t.action}`, entity: "advantage", entityId: id, details: { from: a.status, to: t.to, programme: t.action === "offer" ? `${a.programme_kind}:${input.programmeId}` : undefined } });
    for (const u of await q.officersOf(trx, a.agency_code)) if (u.id !== actor.user.id) await notify(trx, u.id, `agenda.notify.advantage.${t.action}`, { id }, `/agenda/advantages/${id}`);
  });
}

// ---------------------------------------------------------------- public list

const PUBLIC_PAGE = 25;
const publicCache = memo("advantage", 60_000, async (after: number | null) => q.publishedAdvantages(await getDb(), after, PUBLIC_PAGE + 1));

/**
 * Published advantages (not dropped), 25 a page, newest first: activity, counties, potential jobs, how
 * to take part; no names, no money. (It rendered up to 500 cards on one page: 58 ms of server CPU a
 * request in issue 14's benchmark.)
 */
export async function publicOpportunities(locale: Locale, after: number | null = null) {
  const [page, agencies, sectors, counties] = await Promise.all([publicCache.get(after), referenceEntries("agencies"), referenceEntries("sectors"), referenceEntries("counties")]);
  const rows = page.slice(0, PUBLIC_PAGE);
  const next = page.length > PUBLIC_PAGE ? rows[rows.length - 1].id : null;
  const programmes = new Map<string, Map<number, { title: string; link: string }>>();
  const db = await getDb();
  for (const kind of registeredProgrammeKinds()) {
    const ids = [...new Set(rows.filter((r) => r.programme_kind === kind && r.programme_id).map((r) => r.programme_id!))];
    if (ids.length) programmes.set(kind, await programmeResolver(kind)!.describe(db, ids));
  }
  return {
    rows: rows.map((r) => ({
      id: r.id, activity: r.activity, agency: name(agencies, r.agency_code, locale), sector: name(sectors, r.sector_code, locale),
      counties: r.county_codes.map((c) => name(counties, c, locale)), area: r.area, potential_jobs: Number(r.potential_jobs),
      programme_kind: r.programme_kind, status: r.status, how_to_join: r.how_to_join,
      programme: r.programme_id ? programmes.get(r.programme_kind)?.get(r.programme_id) ?? null : null,
    })),
    next,
  };
}

// ---------------------------------------------------------------- the working group's view: target shares


const sharesCache = memo(["advantage", "employment_report", "job_target"], 60_000, async (year: number) => {
  const db = await getDb();
  const [totals, allocations, target, programmes] = await Promise.all([q.advantageTotals(db), q.agencyAllocations(db, year), q.yearTarget(db, year), q.activatedProgrammes(db)]);
  // Verified jobs from what each agency activated: the ledger's counted jobs of the records its
  // activated advantages' programmes produced, each programme once per agency.
  const verified = new Map<string, number>();
  const sources = new Map<string, Awaited<ReturnType<NonNullable<ReturnType<typeof programmeResolver>>["ledgerSources"]>>>();
  const byAgency = new Map<string, { module: string; ids: string[] }[]>();
  for (const p of programmes) {
    const key = `${p.programme_kind}:${p.programme_id}`;
    if (!sources.has(key)) {
      const r = programmeResolver(p.programme_kind as ProgrammeKind);
      sources.set(key, r ? await r.ledgerSources(db, p.programme_id!) : []);
    }
    byAgency.set(p.agency_code, [...(byAgency.get(p.agency_code) ?? []), ...sources.get(key)!]);
  }
  for (const [agency, src] of byAgency) {
    const merged = new Map<string, Set<string>>();
    for (const s of src) for (const id of s.ids) (merged.get(s.module) ?? merged.set(s.module, new Set()).get(s.module)!).add(id);
    const j = await countedJobsOfSources(db, [...merged].map(([module, ids]) => ({ module, ids: [...ids] })), year);
    verified.set(agency, j.created + j.retained);
  }
  return { totals, allocations, target: target?.current_target ?? null, verified: [...verified] };
});

/** Per agency: its share of the year's job target, the potential jobs of its advantages by status, the verified jobs from what it activated. */
export async function targetShares(actor: UserActor, year: number, locale: Locale) {
  await requireGrant(actor, "read:agenda", { entity: "agenda" });
  if (!shareYears().includes(year)) throw notFound();
  const [d, agencies] = await Promise.all([sharesCache.get(year), referenceEntries("agencies")]);
  const verified = new Map(d.verified);
  const rows = agencies.map((ag) => {
    const mine = d.totals.filter((t) => t.agency === ag.code);
    const potential = Object.fromEntries(SHARE_STATUSES.map((s) => [s, mine.find((t) => t.status === s)?.jobs ?? 0])) as Record<(typeof SHARE_STATUSES)[number], number>;
    const share = d.allocations.find((x) => x.code === ag.code)?.amount ?? null;
    const v = verified.get(ag.code) ?? 0;
    return {
      code: ag.code, name: locale === "fa" ? ag.name_fa : ag.name_en, share, potential,
      potential_total: SHARE_STATUSES.reduce((s, k) => s + potential[k], 0),
      advantages: mine.reduce((s, t) => s + t.n, 0), dropped: mine.find((t) => t.status === "dropped")?.n ?? 0,
      verified: v, share_met: share ? v / share : null,
    };
  }).sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || b.potential_total - a.potential_total || a.code.localeCompare(b.code));
  return { year, target: d.target, rows };
}

export const SHARE_FIELDS = ["agency", "name", "target_share", ...SHARE_STATUSES.map((s) => `potential_${s}`), "potential_total", "advantages", "dropped", "verified_from_activated", "share_met"];

export async function sharesCsv(actor: UserActor, year: number, locale: Locale) {
  const d = await targetShares(actor, year, locale);
  return {
    name: `agenda-target-shares-${year}.csv`, header: SHARE_FIELDS,
    rows: d.rows.map((r) => [r.code, r.name, r.share ?? "", ...SHARE_STATUSES.map((s) => r.potential[s]), r.potential_total, r.advantages, r.dropped, r.verified, r.share_met == null ? "" : Math.round(r.share_met * 10000) / 10000]),
  };
}

/** The years the view may show: the current one and a few before (targets exist per Jalali year). */
export function shareYears() {
  const y = currentJalaliYear();
  return [y, y - 1, y - 2, y - 3, y - 4];
}

