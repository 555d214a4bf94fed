import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { todayTehran } from "~/i18n/clock";
import { conflict, notFound } from "~/lib/http";
import { memo } from "~/lib/memo.server";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { registerHandover } from "~/modules/subjects/handovers.server";
import { COURSE, courseSubject, ENROLMENT, loadCourse, managedProviders } from "./access.server";
import * as q from "./queries.server";
import { completionRate, employmentRate, type CheckCounts } from "./rules";
import type { CheckInput } from "./schema";

// Employment after training (issue 16): the 3- and 6-month checks of every pass (made with the
// result, due on the provider's home), and the outcome figures per course and per provider:
// completion rate, employment rate among those whose situation is known with the unknown share
// beside it, women and priority groups. A check is counted once due (or once recorded early).

const CHECK = "training_check";

/** Records a check: employed (with the wage), self-employed, not employed or unknown; who checked and how. */
export async function recordCheck(actor: UserActor, checkId: number, input: CheckInput & { enrolmentId?: number }) {
  const db = await getDb();
  const c = await db.selectFrom("training_checks as k").innerJoin("training_enrolments as e", "e.id", "k.enrolment_id")
    .select(["k.id", "k.provider_id", "k.enrolment_id", "k.months", "k.version", "e.user_id"]).where("k.id", "=", checkId).executeTakeFirst();
  if (!c) {
    await requireGrant(actor, "check:enrolment", { entity: CHECK });
    throw notFound();
  }
  await requirePermission(actor, "check:enrolment", { orgUnitIds: [c.provider_id], entity: CHECK, entityId: checkId });
  if (input.enrolmentId != null && input.enrolmentId !== c.enrolment_id) throw notFound();
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("training_checks")
      .set({
        outcome: input.outcome, wage: input.outcome === "employed" ? input.wage ?? null : null, method: input.method, note: input.note ?? "",
        checked_on: todayTehran(), checked_by: actor.user.id, version: sql`version + 1`,
      })
      .where("id", "=", checkId).where("version", "=", input.version).executeTakeFirst();
    if (!r.numUpdatedRows) throw conflict("error.conflict");
    await writeAudit(trx, auditMeta(actor), { action: "training.check.record", entity: ENROLMENT, entityId: c.enrolment_id, details: { checkId, months: c.months, outcome: input.outcome } });
  });
}

/** Route actions call this before reading a check form's fields (the enrolment's provider or staff). */
export async function requireChecker(actor: UserActor, enrolmentId: number) {
  const e = await q.findEnrolment(await getDb(), enrolmentId);
  if (!e) throw notFound();
  await requirePermission(actor, "check:enrolment", { orgUnitIds: [e.provider_id], entity: ENROLMENT, entityId: enrolmentId });
}

export function checksOf(db: Database, enrolmentId: number) {
  return db.selectFrom("training_checks").select(["id", "months", "due_on", "outcome", "wage", "method", "note", "checked_on", "version"])
    .where("enrolment_id", "=", enrolmentId).orderBy("months").execute();
}

type EnrolCounts = { places: number; women: number; priority: number; resulted: number; passed: number; waiting: number };
type RoundCounts = { due: number; employed: number; self_employed: number; not_employed: number; unknown: number };
/** The counts behind a row of figures: enrolments, and the checks at 3 and 6 months. Counts add up. */
type Counts = EnrolCounts & { at: Record<3 | 6, RoundCounts> };
const ZERO_ROUND: RoundCounts = { due: 0, employed: 0, self_employed: 0, not_employed: 0, unknown: 0 };
const zeroCounts = (): Counts => ({ places: 0, women: 0, priority: 0, resulted: 0, passed: 0, waiting: 0, at: { 3: { ...ZERO_ROUND }, 6: { ...ZERO_ROUND } } });

/** Counts of enrolments and checks, grouped by a column (course or provider), filtered by `where`. */
async function counts(db: Database, by: "course_id" | "provider_id", where: { column: "course_id" | "provider_id"; ids?: number[] }) {
  const today = todayTehran();
  const filterE = where.ids ? sql`AND e.${sql.ref(where.column)} IN (${sql.join(where.ids.length ? where.ids : [-1])})` : sql``;
  const filterK = where.ids ? sql`AND k.${sql.ref(where.column)} IN (${sql.join(where.ids.length ? where.ids : [-1])})` : sql``;
  const [enrol, checks] = await Promise.all([
    sql<EnrolCounts & { id: number }>`
      SELECT e.${sql.ref(by)} AS id,
        count(*) FILTER (WHERE e.was_accepted)::int AS places,
        count(*) FILTER (WHERE e.was_accepted AND e.gender = 'female')::int AS women,
        count(*) FILTER (WHERE e.was_accepted AND e.priority_group IS NOT NULL)::int AS priority,
        count(*) FILTER (WHERE e.result IS NOT NULL)::int AS resulted,
        count(*) FILTER (WHERE e.result = 'passed')::int AS passed,
        count(*) FILTER (WHERE e.status = 'waiting')::int AS waiting
      FROM training_enrolments e WHERE true ${filterE} GROUP BY 1`.execute(db),
    sql<RoundCounts & { id: number; months: number }>`
      SELECT k.${sql.ref(by)} AS id, k.months,
        count(*) FILTER (WHERE k.due_on <= ${today} OR k.outcome IS NOT NULL)::int AS due,
        count(*) FILTER (WHERE k.outcome = 'employed')::int AS employed,
        count(*) FILTER (WHERE k.outcome = 'self_employed')::int AS self_employed,
        count(*) FILTER (WHERE k.outcome = 'not_employed')::int AS not_employed,
        count(*) FILTER (WHERE k.outcome = 'unknown')::int AS unknown
      FROM training_checks k WHERE true ${filterK} GROUP BY 1, 2`.execute(db),
  ]);
  const out = new Map<number, Counts>();
  const entry = (id: number) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = zeroCounts()));
    return c;
  };
  for (const { id, ...r } of enrol.rows) Object.assign(entry(id), r);
  for (const { id, months, ...r } of checks.rows) if (months === 3 || months === 6) entry(id).at[months] = r;
  return out;
}

/** Counts added up (a provider's total from its courses' rows: one scan instead of two). */
function sumCounts(all: Iterable<Counts>): Counts {
  const t = zeroCounts();
  for (const c of all) {
    for (const k of ["places", "women", "priority", "resulted", "passed", "waiting"] as const) t[k] += c[k];
    for (const m of [3, 6] as const) for (const k of Object.keys(ZERO_ROUND) as (keyof RoundCounts)[]) t.at[m][k] += c.at[m][k];
  }
  return t;
}

/** Figures (rates) of one set of counts. */
function summary(c: Counts) {
  const round = (m: 3 | 6) => {
    const k = c.at[m];
    const r: CheckCounts = { due: k.due, employed: k.employed, selfEmployed: k.self_employed, notEmployed: k.not_employed, unknown: k.unknown };
    return { ...r, ...employmentRate(r) };
  };
  const { at: _at, ...e } = c;
  return { ...e, completion: completionRate(e.passed, e.resulted), at3: round(3), at6: round(6) };
}

async function figures(db: Database, by: "course_id" | "provider_id", where: { column: "course_id" | "provider_id"; ids?: number[] }) {
  const c = await counts(db, by, where);
  return new Map([...c].map(([id, x]) => [id, summary(x)]));
}

export type Figures = ReturnType<typeof summary>;
const EMPTY: Figures = summary(zeroCounts());

/** What a table row of figures shows (FigureCells): places, completion, the rate and unknown share at 3 and 6 months, women. */
export type RowFigures = Pick<Figures, "places" | "women" | "completion"> & { at3: Pick<Figures["at3"], "rate" | "unknownShare">; at6: Pick<Figures["at6"], "rate" | "unknownShare"> };
export function rowFigures(f: Figures): RowFigures {
  return { places: f.places, women: f.women, completion: f.completion, at3: { rate: f.at3.rate, unknownShare: f.at3.unknownShare }, at6: { rate: f.at6.rate, unknownShare: f.at6.unknownShare } };
}
const EMPTY_ROW = rowFigures(EMPTY);

/** The outcome page of one course (its provider's managers and staff). */
export async function courseOutcomes(actor: UserActor, id: number) {
  const db = await getDb();
  const c = await loadCourse(db, actor, id);
  await requirePermission(actor, "read:enrolment", courseSubject(c));
  const f = await figures(db, "course_id", { column: "course_id", ids: [id] });
  return { course: { id: c.id, title: c.title, status: c.status, provider_id: c.provider_id, provider_fa: c.provider_fa, provider_en: c.provider_en }, figures: f.get(id) ?? EMPTY };
}

/** Course rows on one page of a provider's outcome page (keyset by course id, newest first). */
export const OUTCOME_COURSES_PAGE = 25;

/**
 * A provider's outcome figures, a read model (decision 0014, as the ranking below): its totals and each
 * course's row of figures, computed from every enrolment and check of the provider and kept a minute per
 * provider and day (a check becomes due with the day). Any audited change of a course or an enrolment
 * (results and checks are audited on the enrolment) drops it, in every instance through the cache bus.
 */
const providerFigures = memo([COURSE, ENROLMENT], 60_000, async (key: string) => {
  const id = Number(key.split("|")[0]);
  const perCourse = await counts(await getDb(), "course_id", { column: "provider_id", ids: [id] });
  return { total: summary(sumCounts(perCourse.values())), rows: new Map([...perCourse].map(([course, c]) => [course, rowFigures(summary(c))])) };
});

/**
 * The outcome page of one provider: its totals (every running and finished course) and a row per course,
 * 25 a page after the course id `after` (the list rule: a 100-row table was ~90 KB and most of the page's
 * server CPU, decision 0036); `next` is the id to ask after for the next page, or null. A row carries only
 * the figures its table shows.
 */
export async function providerOutcomes(actor: UserActor, id: number, after?: number | null) {
  const db = await getDb();
  const p = await q.findProvider(db, id);
  if (!p) {
    await requireGrant(actor, "read:enrolment", { entity: "org_unit" });
    throw notFound();
  }
  await requirePermission(actor, "read:enrolment", { orgUnitIds: [id], entity: "org_unit", entityId: id });
  let listed = db.selectFrom("training_courses").select(["id", "title"]).where("provider_id", "=", id).where("status", "in", ["running", "finished"]);
  if (after != null) listed = listed.where("id", "<", after);
  const [f, rows] = await Promise.all([providerFigures.get(`${id}|${todayTehran()}`), listed.orderBy("id", "desc").limit(OUTCOME_COURSES_PAGE + 1).execute()]);
  const courses = rows.slice(0, OUTCOME_COURSES_PAGE);
  const next = rows.length > OUTCOME_COURSES_PAGE ? courses[courses.length - 1].id : null;
  return { provider: { id: p.id, name_fa: p.name_fa, name_en: p.name_en }, figures: f.total, courses: courses.map((c) => ({ ...c, figures: f.rows.get(c.id) ?? EMPTY_ROW })), next };
}

/** Every provider's figures, ranked by the 6-month employment rate, then the 3-month one (cached a minute). */
const ranking = memo([COURSE, ENROLMENT], 60_000, async () => {
  const db = await getDb();
  const [f, providers] = await Promise.all([figures(db, "provider_id", { column: "provider_id" }), q.listProviders(db)]);
  const rows = providers.map((p) => ({ id: p.id, name_fa: p.name_fa, name_en: p.name_en, county_code: p.county_code, provider_type: p.provider_type, figures: f.get(p.id) ?? EMPTY }));
  const key = (r: (typeof rows)[number]) => [r.figures.at6.rate ?? -1, r.figures.at3.rate ?? -1, r.figures.passed];
  return rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return y[0] - x[0] || y[1] - x[1] || y[2] - x[2] || a.id - b.id;
  });
});

export async function providerRanking(actor: UserActor) {
  await requirePermission(actor, "rank:provider");
  return ranking.get("all");
}

/** Checks due on a provider's home (and staff's): due within two weeks and not yet recorded. */
export async function trainingHome(actor: UserActor) {
  const providers = managedProviders(actor);
  if (!providers.length) return null;
  const db = await getDb();
  const soon = sql<string>`(${todayTehran()}::date + 14)`;
  const rows = await db.selectFrom("training_checks as k").innerJoin("training_enrolments as e", "e.id", "k.enrolment_id").innerJoin("training_courses as c", "c.id", "k.course_id")
    .select(["k.id", "k.months", "k.due_on", "e.id as enrolment_id", "e.full_name", "c.title"])
    .where("k.provider_id", "in", providers).where("k.outcome", "is", null).where("k.due_on", "<=", soon)
    .orderBy("k.due_on").orderBy("k.id").limit(20).execute();
  return { due: rows };
}

// A home business registered by someone who passed a course links to their latest pass (the
// microbusiness module calls this in its registration transaction).
registerHandover("training.businessRegistered", async (trx, _actor, input) => {
  const e = await trx.selectFrom("training_enrolments").select(["id", "course_id"]).where("national_id", "=", input.ownerNationalId)
    .where("result", "=", "passed").where("business_id", "is", null).orderBy("id", "desc").limit(1).executeTakeFirst();
  if (!e) return { href: `/micro-businesses/${input.businessId}` };
  await trx.updateTable("training_enrolments").set({ business_id: input.businessId }).where("id", "=", e.id).execute();
  return { href: `/training/enrolments/${e.id}`, id: e.course_id };
});

// A job seeker placed through issue 15's referrals who passed a course (that started on or before the
// placement) is linked to the placement: the latest such pass not yet linked. The seekers module calls
// this in the placing transaction; a pass recorded later finds the placement (enrolments.server.ts).
registerHandover("training.placed", async (trx, _actor, input) => {
  const e = await trx.selectFrom("training_enrolments as e").innerJoin("training_courses as c", "c.id", "e.course_id").select(["e.id"])
    .where("e.national_id", "=", input.nationalId).where("e.result", "=", "passed").where("e.placement_id", "is", null)
    .where("c.starts_on", "<=", input.startedOn).orderBy("e.id", "desc").limit(1).executeTakeFirst();
  if (!e) return { href: `/training` };
  await trx.updateTable("training_enrolments").set({ placement_id: input.placementId }).where("id", "=", e.id).execute();
  return { href: `/training/enrolments/${e.id}`, id: e.id };
});
