import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, tooMany } from "~/lib/http";
import { perWindow, takeToken } from "~/lib/rate-limit.server";
import { auditMeta, refuse, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, hasRole } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { registerFileAccess, saveUpload, type IncomingFile } from "~/modules/files/service.server";
import { activeEntries, referenceOptions } from "~/modules/reference/service.server";
import { currentJalaliYear } from "~/i18n/clock";
import { searchForm } from "~/i18n/normalise";
import { readableSeeker, relationTo, requireCounsellorOf, seesPrivate, unitsOf } from "./access.server";
import { birthYearProblem } from "./rules";
import type { SeekerInput } from "./schema";

// Job seekers (issue 15, module 7; decision 0025). Permissions (roles.ts):
//  - create:seeker  own: a signed-up person registers themselves (and receives the job_seeker role);
//                   scope: a counsellor registers someone at their centre; any: staff
//  - read/update:seeker  own: the seeker (user_id), an employer after a referral (read only, see access.server.ts);
//                   scope: counsellors of the seeker's centre; any: staff
//  - confirm:seeker  a counsellor confirms a priority group with a note (the person's own claim stays unconfirmed)
// National ID, mobile and notes are shown only to the seeker, their counsellors and staff; every read of
// a profile by someone else is audited (seeker.read).

const ENTITY = "job_seeker";
const CLAIM_LIMIT = perWindow(10, 15 * 60_000);

const fail = (errors: Record<string, string>) => {
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
};
const isUnique = (e: unknown, name: string) => (e as { code?: string }).code === "23505" && String((e as { constraint?: string }).constraint ?? "").includes(name);

const searchText = (s: { full_name: string; national_id: string; mobile: string }) => searchForm([s.full_name, s.national_id, s.mobile].join(" "));

async function referenceProblems(input: Pick<SeekerInput, "county" | "occupations" | "skills" | "desiredCounties" | "groups">) {
  const [counties, occupations, skills, groups] = await Promise.all([activeEntries("counties"), activeEntries("occupations"), activeEntries("skills"), activeEntries("priority_groups")]);
  const has = (list: { code: string }[], c: string) => list.some((x) => x.code === c);
  const errors: Record<string, string> = {};
  if (!has(counties, input.county)) errors.county = "error.invalidChoice";
  if (input.occupations.some((c) => !has(occupations, c))) errors.occupations = "error.invalidChoice";
  if (input.skills.some((c) => !has(skills, c))) errors.skills = "error.invalidChoice";
  if (input.desiredCounties.some((c) => !has(counties, c))) errors.desiredCounties = "error.invalidChoice";
  if (input.groups.some((c) => !has(groups, c))) errors.groups = "error.invalidChoice";
  return errors;
}

async function inputProblems(input: SeekerInput) {
  const errors = await referenceProblems(input);
  if (!input.mobile) errors.mobile = "error.required";
  const year = birthYearProblem(input.birthYear, currentJalaliYear());
  if (year) errors.birthYear = year;
  return errors;
}

function columns(input: SeekerInput) {
  const row = {
    full_name: input.fullName, national_id: input.nationalId, mobile: input.mobile!, birth_year: input.birthYear, gender: input.gender,
    county_code: input.county, marginal_area: input.marginalArea, education_level: input.educationLevel, education_field: input.educationField ?? "",
    occupations: input.occupations, skills: input.skills, experience_years: input.experienceYears, desired_work: input.desiredWork ?? "",
    desired_counties: input.desiredCounties, availability: input.availability, hidden: input.hidden,
  };
  return { ...row, search_text: searchText(row) };
}

/**
 * A second registration of the same national ID: one seeker. The message links to the existing
 * profile when the actor may see it (`duplicateOf`), else says only that it exists.
 */
async function duplicate(db: Database, actor: UserActor, nationalId: string) {
  const s = await db.selectFrom("job_seekers").select(["id", "user_id", "centre_id", "counsellor_id"]).where("national_id", "=", nationalId).executeTakeFirst();
  if (!s) return null;
  const rel = await relationTo(db, actor, s);
  return badRequest("error.seekers.duplicate", { nationalId: "error.seekers.duplicate", ...(rel && rel !== "employer" ? { duplicateOf: String(s.id) } : {}) });
}

/** Claimed groups: rows the person (or the registering counsellor) named; confirmation is a separate step. */
async function writeClaims(trx: Database, seekerId: number, groups: string[]) {
  await trx.deleteFrom("job_seeker_groups").where("seeker_id", "=", seekerId).where("confirmed_at", "is", null)
    .$if(groups.length > 0, (qb) => qb.where("group_code", "not in", groups)).execute();
  if (groups.length) {
    await trx.insertInto("job_seeker_groups").values(groups.map((g) => ({ seeker_id: seekerId, group_code: g, claimed: true })))
      .onConflict((oc) => oc.columns(["seeker_id", "group_code"]).doUpdateSet({ claimed: true })).execute();
  }
}

async function giveSeekerRole(trx: Database, userId: number) {
  const has = await trx.selectFrom("role_assignments").select("id").where("user_id", "=", userId).where("role", "=", "job_seeker").executeTakeFirst();
  if (!has) await trx.insertInto("role_assignments").values({ user_id: userId, role: "job_seeker", org_unit_id: null }).execute();
}

/** Registers a job seeker: the person themselves, a counsellor at their centre, or staff. */
export async function registerSeeker(actor: UserActor, input: SeekerInput): Promise<number> {
  const db = await getDb();
  const level = await requireGrant(actor, "create:seeker", { entity: ENTITY });
  fail(await inputProblems(input));
  const dup = await duplicate(db, actor, input.nationalId);
  if (dup) throw dup;
  let userId: number | null = null;
  let centreId: number | null = input.centreId ?? null;
  let counsellorId: number | null = null;
  if (level === "own") {
    const mine = await db.selectFrom("job_seekers").select("id").where("user_id", "=", actor.user.id).executeTakeFirst();
    if (mine) throw conflict("error.seekers.alreadyRegistered");
    userId = actor.user.id;
  } else if (level === "scope") {
    centreId = unitsOf(actor, "counsellor")[0] ?? null;
    counsellorId = actor.user.id;
  }
  if (centreId != null) {
    const centres = await activeEntries("centres");
    if (!centres.some((c) => c.id === centreId)) fail({ centreId: "error.invalidChoice" });
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const s = await trx.insertInto("job_seekers")
        .values({ ...columns(input), user_id: userId, centre_id: centreId, counsellor_id: counsellorId, created_by: actor.user.id })
        .returning("id").executeTakeFirstOrThrow();
      await writeClaims(trx, s.id, input.groups);
      if (userId) await giveSeekerRole(trx, userId);
      await writeAudit(trx, auditMeta(actor), { action: "seeker.register", entity: ENTITY, entityId: s.id, details: { by: level, centreId, groups: input.groups } });
      return s.id;
    });
  } catch (e) {
    if (isUnique(e, "national_id")) throw (await duplicate(db, actor, input.nationalId)) ?? e;
    if (isUnique(e, "user_id")) throw conflict("error.seekers.alreadyRegistered");
    throw e;
  }
}

/** The seeker, their counsellors or staff edit the profile (stale form: 409). */
export async function updateSeeker(actor: UserActor, id: number, input: SeekerInput) {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, id, { audit: false });
  await requireCounsellorOf(actor, "update:seeker", keys);
  fail(await inputProblems(input));
  const current = await db.selectFrom("job_seekers").select(["national_id", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
  if (input.nationalId !== current.national_id) {
    const dup = await duplicate(db, actor, input.nationalId);
    if (dup) throw dup;
  }
  try {
    await db.transaction().execute(async (trx) => {
      const r = await trx.updateTable("job_seekers").set({ ...columns(input), version: sql`version + 1`, updated_at: sql`now()` })
        .where("id", "=", id).where("version", "=", input.version ?? current.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw conflict("error.seekers.stale");
      await writeClaims(trx, id, input.groups);
      await writeAudit(trx, auditMeta(actor), { action: "seeker.update", entity: ENTITY, entityId: id, details: { hidden: input.hidden } });
    });
  } catch (e) {
    if (isUnique(e, "national_id")) throw (await duplicate(db, actor, input.nationalId)) ?? e;
    throw e;
  }
}

/** Hide from (or show to) employers: the seeker's own switch (also on the edit form). */
export async function setHidden(actor: UserActor, id: number, hidden: boolean, version?: number) {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, id, { audit: false });
  await requireCounsellorOf(actor, "update:seeker", keys);
  await db.transaction().execute(async (trx) => {
    let q = trx.updateTable("job_seekers").set({ hidden, version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id);
    if (version != null) q = q.where("version", "=", version);
    const r = await q.executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict("error.seekers.stale");
    await writeAudit(trx, auditMeta(actor), { action: "seeker.hidden", entity: ENTITY, entityId: id, details: { hidden } });
  });
}

/**
 * A person claims the profile a counsellor registered for them: national ID and mobile must both
 * match a profile without an account. Rate limited per account (no guessing); the same message for
 * "no such profile" and "wrong mobile".
 */
export async function claimSeeker(actor: UserActor, input: { nationalId: string; mobile?: string }): Promise<number> {
  await requirePermission(actor, "create:seeker", { ownerId: actor.user.id, entity: ENTITY });
  const db = await getDb();
  if (!input.mobile) fail({ mobile: "error.required" });
  const take = await takeToken(db, "seeker-claim", String(actor.user.id), CLAIM_LIMIT);
  if (!take.granted) throw tooMany();
  const mine = await db.selectFrom("job_seekers").select("id").where("user_id", "=", actor.user.id).executeTakeFirst();
  if (mine) throw conflict("error.seekers.alreadyRegistered");
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom("job_seekers").select("id").where("national_id", "=", input.nationalId).where("mobile", "=", input.mobile!)
      .where("user_id", "is", null).forUpdate().executeTakeFirst();
    if (!s) throw badRequest("error.seekers.noClaim", { nationalId: "error.seekers.noClaim" });
    await trx.updateTable("job_seekers").set({ user_id: actor.user.id, version: sql`version + 1` }).where("id", "=", s.id).execute();
    await giveSeekerRole(trx, actor.user.id);
    await writeAudit(trx, auditMeta(actor), { action: "seeker.claim", entity: ENTITY, entityId: s.id });
    return s.id;
  });
}

/** A counsellor (or staff) confirms a priority group with a note, or withdraws the confirmation. */
export async function confirmGroup(actor: UserActor, id: number, input: { group: string; note: string; confirm: boolean }) {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, id, { audit: false });
  await requireCounsellorOf(actor, "confirm:seeker", keys);
  const groups = await activeEntries("priority_groups");
  if (!groups.some((g) => g.code === input.group)) fail({ group: "error.invalidChoice" });
  await db.transaction().execute(async (trx) => {
    if (input.confirm) {
      await trx.insertInto("job_seeker_groups")
        .values({ seeker_id: id, group_code: input.group, confirmed_by: actor.user.id, confirmed_at: sql`now()`, note: input.note })
        .onConflict((oc) => oc.columns(["seeker_id", "group_code"]).doUpdateSet({ confirmed_by: actor.user.id, confirmed_at: sql`now()`, note: input.note }))
        .execute();
    } else {
      await trx.updateTable("job_seeker_groups").set({ confirmed_by: null, confirmed_at: null, note: input.note })
        .where("seeker_id", "=", id).where("group_code", "=", input.group).execute();
    }
    await trx.updateTable("job_seekers").set({
      confirmed_groups: sql`ARRAY(SELECT group_code FROM job_seeker_groups WHERE seeker_id = ${id} AND confirmed_at IS NOT NULL ORDER BY group_code)`,
      version: sql`version + 1`,
    }).where("id", "=", id).execute();
    await writeAudit(trx, auditMeta(actor), { action: input.confirm ? "seeker.group_confirmed" : "seeker.group_unconfirmed", entity: ENTITY, entityId: id, details: { group: input.group } });
  });
}

/** The seeker's own profile id (or null): /seekers/me. */
export async function mySeekerId(actor: UserActor): Promise<number | null> {
  const db = await getDb();
  const s = await db.selectFrom("job_seekers").select("id").where("user_id", "=", actor.user.id).executeTakeFirst();
  return s?.id ?? null;
}

/** What the registration form needs: options, whether the actor registers someone else, and the own account's details. */
export async function seekerFormOptions(actor: UserActor, locale: "fa" | "en") {
  const level = await requireGrant(actor, "create:seeker", { entity: ENTITY });
  const db = await getDb();
  const [counties, occupations, skills, groups, centres, me] = await Promise.all([
    referenceOptions("counties", locale), referenceOptions("occupations", locale), referenceOptions("skills", locale), referenceOptions("priority_groups", locale),
    referenceOptions("centres", locale),
    level === "own" ? db.selectFrom("users").select(["full_name", "national_id", "mobile"]).where("id", "=", actor.user.id).executeTakeFirst() : undefined,
  ]);
  const defaults: Record<string, string> = { availability: "immediate" };
  if (me) Object.assign(defaults, { fullName: me.full_name, nationalId: me.national_id ?? "", mobile: me.mobile ?? "" });
  return { level, forOthers: level !== "own", chooseCentre: level !== "scope", counties, occupations, skills, groups, centres, defaults };
}

export type SeekerFormOptions = Awaited<ReturnType<typeof seekerFormOptions>>;

/** The profile as the actor may see it (private fields only for self, counsellors and staff); audited. */
export async function seekerProfile(actor: UserActor, id: number) {
  const db = await getDb();
  const { relation } = await readableSeeker(db, actor, id);
  const s = await db.selectFrom("job_seekers as s").leftJoin("org_units as c", "c.id", "s.centre_id").leftJoin("users as u", "u.id", "s.counsellor_id")
    .select(["s.id", "s.user_id", "s.full_name", "s.national_id", "s.mobile", "s.birth_year", "s.gender", "s.county_code", "s.marginal_area", "s.education_level",
      "s.education_field", "s.occupations", "s.skills", "s.experience_years", "s.desired_work", "s.desired_counties", "s.availability", "s.hidden", "s.cv_file_id",
      "s.centre_id", "s.path", "s.path_href", "s.status", "s.version", "s.is_demo", "c.name_fa as centre_fa", "c.name_en as centre_en", "u.full_name as counsellor_name"])
    .where("s.id", "=", id).executeTakeFirstOrThrow();
  const priv = seesPrivate(relation);
  const groups = priv
    ? await db.selectFrom("job_seeker_groups as g").leftJoin("users as u", "u.id", "g.confirmed_by")
      .select(["g.group_code", "g.claimed", "g.confirmed_at", "g.note", "u.full_name as confirmed_by_name"]).where("g.seeker_id", "=", id).orderBy("g.group_code").execute()
    : [];
  const profile = priv ? s : { ...s, national_id: null, mobile: null, birth_year: null, counsellor_name: null, path: null, path_href: null };
  const can = {
    edit: allows(actor.user, "update:seeker", { own: relation === "self" || relation === "counsellor" }) && relation !== "employer",
    confirm: relation !== "employer" && relation !== "self" && allows(actor.user, "confirm:seeker", { own: relation === "counsellor" }),
    counsel: relation === "counsellor" || (relation === "staff" && hasRole(actor.user, "counsellor")),
    refer: relation !== "employer" && relation !== "self" && allows(actor.user, "refer:seeker", { own: relation === "counsellor" }),
  };
  return { profile, groups, relation, private: priv, can };
}

export interface SeekerFilters { q?: string; county?: string; group?: string; after?: number }
export const SEEKERS_PAGE = 25;

/** Seekers a counsellor follows (their centre's, or assigned to them) or, for staff, all; keyset by id. */
export async function listSeekers(actor: UserActor, f: SeekerFilters) {
  const level = await requireGrant(actor, "read:seeker", { entity: ENTITY });
  if (level === "own") await refuse(actor, "read:seeker", { entity: ENTITY });
  const db = await getDb();
  const centres = unitsOf(actor, "counsellor");
  const rows = await db.selectFrom("job_seekers")
    .select(["id", "full_name", "county_code", "education_level", "status", "confirmed_groups", "hidden", "path", "marginal_area", "gender"])
    .$if(level === "scope", (qb) => qb.where((eb) => eb.or([eb("centre_id", "in", centres.length ? centres : [-1]), eb("counsellor_id", "=", actor.user.id)])))
    .$if(!!f.county, (qb) => qb.where("county_code", "=", f.county!))
    .$if(!!f.group, (qb) => qb.where(sql<boolean>`confirmed_groups @> ARRAY[${f.group}]::text[]`))
    .$if(!!f.q, (qb) => qb.where("search_text", "like", `%${searchForm(f.q)}%`))
    .$if(f.after != null, (qb) => qb.where("id", "<", f.after!))
    .orderBy("id", "desc").limit(SEEKERS_PAGE + 1).execute();
  const more = rows.length > SEEKERS_PAGE;
  const page = more ? rows.slice(0, SEEKERS_PAGE) : rows;
  return { rows: page, next: more ? page[page.length - 1].id : null };
}

/** Records a CV uploaded through the FileStore (the file row is linked to the seeker). */
export async function setCv(actor: UserActor, id: number, fileId: string, trx: Database) {
  await trx.updateTable("job_seekers").set({ cv_file_id: fileId, version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id).execute();
  await writeAudit(trx, auditMeta(actor), { action: "seeker.cv", entity: ENTITY, entityId: id, details: { fileId } });
}

// A CV is read by whoever may read the full profile (the seeker, their counsellors, staff, an employer
// the seeker applied or was referred to); never by a counsellor of another centre through read:file:scope.
registerFileAccess("job_seeker_cv", {
  exclusive: true,
  async canRead(db, actor, file) {
    const s = await db.selectFrom("job_seekers").select(["id", "user_id", "centre_id", "counsellor_id"]).where("id", "=", Number(file.entityId)).executeTakeFirst();
    return !!s && (await relationTo(db, actor, s)) != null;
  },
  async canAttach(db, actor, entityId) {
    const s = await db.selectFrom("job_seekers").select(["id", "user_id", "centre_id", "counsellor_id"]).where("id", "=", Number(entityId)).executeTakeFirst();
    if (!s) return false;
    const rel = await relationTo(db, actor, s);
    return rel === "self" || rel === "counsellor" || rel === "staff";
  },
});

/** A CV (PDF or document) through the FileStore, linked to the seeker; the file rule above checks who may attach. */
export async function uploadCv(actor: UserActor, id: number, file: IncomingFile | null) {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, id, { audit: false });
  await requireCounsellorOf(actor, "update:seeker", keys);
  const saved = await saveUpload(actor, file, { entity: "job_seeker_cv", entityId: id });
  await db.transaction().execute((trx) => setCv(actor, id, saved.id, trx));
  return saved.id;
}

/** The edit form: the profile's values as typed text and the checked lists (only those who may edit). */
export async function seekerForEdit(actor: UserActor, id: number, locale: "fa" | "en") {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, id, { audit: false });
  await requireCounsellorOf(actor, "update:seeker", keys);
  const s = await db.selectFrom("job_seekers").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const groups = await db.selectFrom("job_seeker_groups").select("group_code").where("seeker_id", "=", id).where("claimed", "=", true).execute();
  const [counties, occupations, skills, priority] = await Promise.all([
    referenceOptions("counties", locale), referenceOptions("occupations", locale), referenceOptions("skills", locale), referenceOptions("priority_groups", locale),
  ]);
  const on = (b: boolean) => (b ? "on" : "");
  return {
    name: s.full_name,
    values: {
      fullName: s.full_name, nationalId: s.national_id, mobile: s.mobile, birthYear: String(s.birth_year), gender: s.gender, county: s.county_code,
      marginalArea: on(s.marginal_area), educationLevel: s.education_level, educationField: s.education_field, experienceYears: String(s.experience_years),
      desiredWork: s.desired_work, availability: s.availability, hidden: on(s.hidden), version: String(s.version),
    } as Record<string, string>,
    lists: { occupations: s.occupations, skills: s.skills, desiredCounties: s.desired_counties, groups: groups.map((g) => g.group_code) },
    options: { counties, occupations, skills, groups: priority },
  };
}


/** Route actions call this before reading a form, so a refused user gets 403 (and an audit row), never a field error. */
export async function requireSeekerPermission(actor: UserActor, id: number, permission: "update:seeker" | "confirm:seeker" | "counsel:seeker" | "refer:seeker") {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, id, { audit: false });
  await requireCounsellorOf(actor, permission, keys);
}
