import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, refuse, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, grantLevel } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { activeEntries, referenceOptions } from "~/modules/reference/service.server";
import { todayTehran } from "~/i18n/clock";
import { unitsOf } from "./access.server";
import { canMoveVacancy, VACANCY_MOVES, type VacancyStatus } from "./rules";
import { WAGE_UNIT, type VacancyInput } from "./schema";

// Vacancies (issue 15, module 7; decision 0026). An employer is an org unit of kind employer linked to
// its ledger enterprise (org_units.enterprise_id); the employer role is held in it. Permissions:
//  - create/manage:vacancy  scope: the employer's own unit; any: staff entering vacancies for an employer
//  - read:vacancy           scope: the employer; own: counsellors and job seekers, for open vacancies (module check); any: staff
// Workflow (rules.ts): draft → open → filled (the last hire) | closed | withdrawn.

const ENTITY = "vacancy";
const fail = (errors: Record<string, string>) => {
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
};

export interface VacancyRow {
  id: number; employer_id: number; title: string; description: string; occupation_code: string; skills: string[]; education_level: string;
  county_code: string; posts: number; contract_type: string; temp_months: number | null; min_experience: number; wage_min: string; wage_max: string;
  closes_on: string; priority_opt_in: boolean; status: string; hired_count: number; version: number; is_demo: boolean; employer_fa: string; employer_en: string;
}

export async function findVacancy(db: Database, id: number): Promise<VacancyRow | undefined> {
  const r = await sql<VacancyRow>`SELECT v.id, v.employer_id, v.title, v.description, v.occupation_code, v.skills, v.education_level, v.county_code, v.posts,
      v.contract_type, v.temp_months, v.min_experience, v.wage_min, v.wage_max, to_char(v.closes_on, 'YYYY-MM-DD') AS closes_on, v.priority_opt_in,
      v.status, v.hired_count, v.version, v.is_demo, u.name_fa AS employer_fa, u.name_en AS employer_en
    FROM vacancies v JOIN org_units u ON u.id = v.employer_id WHERE v.id = ${id}`.execute(db);
  return r.rows[0];
}

/** May the actor read this vacancy? The employer's unit (scope), staff, or anyone holding read:vacancy:own while it is open. */
export function mayReadVacancy(actor: UserActor, v: Pick<VacancyRow, "employer_id" | "status">) {
  return allows(actor.user, "read:vacancy", { own: v.status === "open", orgUnitIds: [v.employer_id] });
}

export async function readableVacancy(db: Database, actor: UserActor, id: number): Promise<VacancyRow> {
  const v = await findVacancy(db, id);
  if (!v) {
    await requireGrant(actor, "read:vacancy", { entity: ENTITY });
    throw notFound();
  }
  await requirePermission(actor, "read:vacancy", { own: v.status === "open", orgUnitIds: [v.employer_id], entity: ENTITY, entityId: id });
  return v;
}

export async function managedVacancy(db: Database, actor: UserActor, id: number): Promise<VacancyRow> {
  const v = await readableVacancy(db, actor, id);
  await requirePermission(actor, "manage:vacancy", { orgUnitIds: [v.employer_id], entity: ENTITY, entityId: id });
  return v;
}

/** Employer units the actor posts for: their own (scope), or every employer linked to the ledger (staff). */
async function employerChoices(db: Database, actor: UserActor) {
  const level = await requireGrant(actor, "create:vacancy", { entity: ENTITY });
  const q = db.selectFrom("org_units").select(["id", "name_fa", "name_en"]).where("kind", "=", "employer").where("active", "=", true).where("enterprise_id", "is not", null);
  const rows = level === "any" ? await q.orderBy("name_fa").limit(500).execute() : await q.where("id", "in", [...unitsOf(actor, "employer"), -1]).execute();
  return { level, rows };
}

async function vacancyProblems(input: VacancyInput, today: string) {
  const [occupations, skills, counties] = await Promise.all([activeEntries("occupations"), activeEntries("skills"), activeEntries("counties")]);
  const errors: Record<string, string> = {};
  if (!occupations.some((o) => o.code === input.occupation)) errors.occupation = "error.invalidChoice";
  if (input.skills.some((s) => !skills.some((x) => x.code === s))) errors.skills = "error.invalidChoice";
  if (!counties.some((c) => c.code === input.county)) errors.county = "error.invalidChoice";
  if (input.wageMax < input.wageMin) errors.wageMax = "error.seekers.wageReversed";
  if (input.closesOn < today) errors.closesOn = "error.seekers.closesInPast";
  if (input.contractType === "temporary" && !input.tempMonths) errors.tempMonths = "error.required";
  return errors;
}

function columns(input: VacancyInput) {
  return {
    title: input.title, description: input.description ?? "", occupation_code: input.occupation, skills: input.skills, education_level: input.educationLevel,
    county_code: input.county, posts: input.posts, contract_type: input.contractType, temp_months: input.contractType === "temporary" ? input.tempMonths ?? 1 : null,
    min_experience: input.minExperience, wage_min: input.wageMin * WAGE_UNIT, wage_max: input.wageMax * WAGE_UNIT, closes_on: input.closesOn,
    priority_opt_in: input.priorityOptIn,
  };
}

/** Posts a vacancy as a draft (the employer, or staff for an employer linked to the ledger). */
export async function createVacancy(actor: UserActor, input: VacancyInput): Promise<number> {
  const db = await getDb();
  const { level, rows } = await employerChoices(db, actor);
  const employerId = level === "any" ? input.employerId : rows[0]?.id;
  if (!employerId || !rows.some((r) => r.id === employerId)) fail({ employerId: level === "any" ? "error.required" : "error.seekers.noEmployerUnit" });
  fail(await vacancyProblems(input, todayTehran()));
  return db.transaction().execute(async (trx) => {
    const v = await trx.insertInto("vacancies").values({ ...columns(input), employer_id: employerId!, created_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "vacancy.create", entity: ENTITY, entityId: v.id, details: { employerId, posts: input.posts, priority: input.priorityOptIn } });
    return v.id;
  });
}

/** Draft and open vacancies can be edited (stale form: 409). Posts never drop below the people hired. */
export async function updateVacancy(actor: UserActor, id: number, input: VacancyInput) {
  const db = await getDb();
  const v = await managedVacancy(db, actor, id);
  if (v.status !== "draft" && v.status !== "open") throw conflict("error.seekers.vacancyNotEditable");
  const errors = await vacancyProblems(input, todayTehran());
  if (input.posts < v.hired_count) errors.posts = "error.seekers.postsBelowHired";
  fail(errors);
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("vacancies").set({ ...columns(input), version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id).where("version", "=", input.version ?? v.version).where("status", "in", ["draft", "open"]).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict("error.seekers.stale");
    await writeAudit(trx, auditMeta(actor), { action: "vacancy.update", entity: ENTITY, entityId: id });
  });
}

/** Moves a vacancy along its workflow (open, close, withdraw); an illegal move or a stale page answers 409. */
export async function moveVacancy(actor: UserActor, id: number, to: VacancyStatus, version: number) {
  const db = await getDb();
  const v = await managedVacancy(db, actor, id);
  if (!canMoveVacancy(v.status, to)) throw conflict("error.seekers.illegalMove");
  if (to === "open" && v.closes_on < todayTehran()) throw conflict("error.seekers.closesInPast");
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable("vacancies").set({ status: to, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id).where("version", "=", version).where("status", "=", v.status).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict("error.seekers.stale");
    await writeAudit(trx, auditMeta(actor), { action: `vacancy.${to}`, entity: ENTITY, entityId: id, details: { from: v.status } });
  });
}

export async function vacancyForm(actor: UserActor, locale: "fa" | "en") {
  const db = await getDb();
  const { level, rows } = await employerChoices(db, actor);
  const [occupations, skills, counties] = await Promise.all([referenceOptions("occupations", locale), referenceOptions("skills", locale), referenceOptions("counties", locale)]);
  return {
    employers: level === "any" ? rows.map((r) => ({ value: String(r.id), label: locale === "fa" ? r.name_fa : r.name_en || r.name_fa })) : null,
    noUnit: level !== "any" && rows.length === 0,
    occupations, skills, counties,
  };
}

/** The edit form's values (typed text) for a draft or open vacancy. */
export async function vacancyForEdit(actor: UserActor, id: number, locale: "fa" | "en") {
  const db = await getDb();
  const v = await managedVacancy(db, actor, id);
  const form = await vacancyForm(actor, locale);
  return {
    ...form, id, status: v.status,
    values: {
      title: v.title, description: v.description, occupation: v.occupation_code, educationLevel: v.education_level, county: v.county_code, posts: String(v.posts),
      contractType: v.contract_type, tempMonths: v.temp_months ? String(v.temp_months) : "", minExperience: String(v.min_experience),
      wageMin: String(Number(v.wage_min) / WAGE_UNIT), wageMax: String(Number(v.wage_max) / WAGE_UNIT), closesOn: v.closes_on,
      priorityOptIn: v.priority_opt_in ? "on" : "", version: String(v.version), employerId: String(v.employer_id),
    } as Record<string, string>,
    lists: { skills: v.skills },
  };
}

export interface VacancyFilters { status?: string; after?: number }
const PAGE = 25;

/** Employers: their vacancies; staff: all; counsellors and job seekers: the open ones. Keyset by id. */
export async function listVacancies(actor: UserActor, f: VacancyFilters) {
  const level = await requireGrant(actor, "read:vacancy", { entity: ENTITY });
  const db = await getDb();
  const employers = unitsOf(actor, "employer");
  const rows = await db.selectFrom("vacancies as v").innerJoin("org_units as u", "u.id", "v.employer_id")
    .select(["v.id", "v.title", "v.status", "v.posts", "v.hired_count", "v.county_code", "v.closes_on", "v.priority_opt_in", "u.name_fa as employer_fa", "u.name_en as employer_en"])
    .$if(level === "scope", (qb) => qb.where("v.employer_id", "in", employers.length ? employers : [-1]))
    .$if(level === "own", (qb) => qb.where("v.status", "=", "open").where("v.closes_on", ">=", todayTehran()))
    .$if(!!f.status && level !== "own", (qb) => qb.where("v.status", "=", f.status!))
    .$if(f.after != null, (qb) => qb.where("v.id", "<", f.after!))
    .orderBy("v.id", "desc").limit(PAGE + 1).execute();
  const more = rows.length > PAGE;
  const page = more ? rows.slice(0, PAGE) : rows;
  return { rows: page.map((r) => ({ ...r, closes_on: String(r.closes_on) })), next: more ? page[page.length - 1].id : null, canCreate: grantLevel(actor.user.roles, "create:vacancy") != null, level };
}

/** What the vacancy page may offer: the workflow moves (asked of the rules, never listed by a route). */
export function vacancyActions(actor: UserActor, v: Pick<VacancyRow, "employer_id" | "status">) {
  const manage = allows(actor.user, "manage:vacancy", { orgUnitIds: [v.employer_id] });
  return { manage, moves: manage ? VACANCY_MOVES[v.status as VacancyStatus] ?? [] : [], edit: manage && (v.status === "draft" || v.status === "open") };
}

export async function requireVacancyManager(actor: UserActor, id: number) {
  await managedVacancy(await getDb(), actor, id);
}

export async function requireVacancyCreator(actor: UserActor) {
  const level = await requireGrant(actor, "create:vacancy", { entity: ENTITY });
  if (level === "own") await refuse(actor, "create:vacancy", { entity: ENTITY });
}

/** The vacancy page: details, what the actor may do, whether the seeker already applied. */
export async function vacancyPage(actor: UserActor, id: number, locale: "fa" | "en") {
  const db = await getDb();
  const v = await readableVacancy(db, actor, id);
  const [occupations, skills, counties, mine] = await Promise.all([
    referenceOptions("occupations", locale), referenceOptions("skills", locale), referenceOptions("counties", locale),
    db.selectFrom("job_seekers as s").leftJoin("referrals as r", (j) => j.onRef("r.seeker_id", "=", "s.id").on("r.vacancy_id", "=", id))
      .select(["s.id", "r.id as referral_id", "r.status as referral_status"]).where("s.user_id", "=", actor.user.id).executeTakeFirst(),
  ]);
  const name = (list: { value: string; label: string }[], c: string) => list.find((o) => o.value === c)?.label ?? c;
  return {
    vacancy: v,
    labels: { occupation: name(occupations, v.occupation_code), skills: v.skills.map((s) => name(skills, s)), county: name(counties, v.county_code) },
    actions: vacancyActions(actor, v),
    canApply: !!mine && !mine.referral_id && v.status === "open" && allows(actor.user, "apply:vacancy", { ownerId: actor.user.id }),
    myReferral: mine?.referral_id ? { status: mine.referral_status } : null,
    canMatch: allows(actor.user, "manage:vacancy", { orgUnitIds: [v.employer_id] }) || (v.status === "open" && allows(actor.user, "refer:seeker", { own: true })),
  };
}
