import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { handover } from "~/modules/subjects/handovers.server";
import { writeAudit } from "~/modules/audit/service.server";
import { reportEmployment } from "~/modules/employment/service.server";
import { countFte, type JobComponents } from "~/modules/employment/rules";
import { notify } from "~/modules/notifications/service.server";
import { addMonths, currentJalaliYear, daysBetween, tehranDate, todayTehran } from "~/i18n/clock";
import { jalaliYearRange } from "~/i18n/format";
import { readableSeeker, requireCounsellorOf } from "./access.server";
import { canMoveReferral, jobsOfContract, RETENTION_MONTHS, type ContractType } from "./rules";
import { readableVacancy } from "./vacancies.server";

// Referrals, applications, hires and placements (issue 15, module 7; decision 0026).
//  - a counsellor of the seeker (refer:seeker) refers them to an open vacancy; the seeker applies (apply:vacancy:own)
//  - the employer (decide:referral scope) answers interview, hired or rejected (with a reason)
//  - hired = a placement: the vacancy row is locked, a hire beyond its posts is refused, the referral
//    is hired once (a double hire gives one placement and one report), the placement is reported to the
//    ledger through reportEmployment (source "placements", programme "placements", the employer's
//    enterprise, the seeker's gender and confirmed priority groups) and retention checks are due at 3 and 6 months.

const isUnique = (e: unknown, name: string) => (e as { code?: string }).code === "23505" && String((e as { constraint?: string }).constraint ?? "").includes(name);

async function openVacancyForUpdate(trx: Database, vacancyId: number) {
  const v = await trx.selectFrom("vacancies").select(["id", "status", "closes_on", "employer_id", "title"]).where("id", "=", vacancyId).forShare().executeTakeFirst();
  if (!v) throw notFound();
  if (v.status !== "open" || String(v.closes_on) < todayTehran()) throw conflict("error.seekers.vacancyNotOpen");
  return v;
}

/** A counsellor refers a seeker to an open vacancy (a second referral of the same pair: 409). */
export async function referSeeker(actor: UserActor, vacancyId: number, seekerId: number): Promise<number> {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, seekerId, { audit: false });
  await requireCounsellorOf(actor, "refer:seeker", keys);
  await readableVacancy(db, actor, vacancyId);
  return addReferral(db, actor, vacancyId, seekerId, "referral");
}

/** The seeker applies to an open vacancy with their own profile. */
export async function applyToVacancy(actor: UserActor, vacancyId: number): Promise<number> {
  const db = await getDb();
  await requirePermission(actor, "apply:vacancy", { ownerId: actor.user.id, entity: "vacancy", entityId: vacancyId });
  const s = await db.selectFrom("job_seekers").select("id").where("user_id", "=", actor.user.id).executeTakeFirst();
  if (!s) throw conflict("error.seekers.noProfile");
  await readableVacancy(db, actor, vacancyId);
  return addReferral(db, actor, vacancyId, s.id, "application");
}

async function addReferral(db: Database, actor: UserActor, vacancyId: number, seekerId: number, kind: "referral" | "application") {
  try {
    return await db.transaction().execute(async (trx) => {
      const v = await openVacancyForUpdate(trx, vacancyId);
      const r = await trx.insertInto("referrals").values({ vacancy_id: vacancyId, seeker_id: seekerId, kind, referred_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
      await writeAudit(trx, auditMeta(actor), { action: `referral.${kind}`, entity: "referral", entityId: r.id, details: { vacancyId, seekerId } });
      const reps = await trx.selectFrom("role_assignments").select("user_id").where("role", "=", "employer").where("org_unit_id", "=", v.employer_id).execute();
      for (const u of reps) await notify(trx, u.user_id, "seekers.notify.referral", { title: v.title }, `/vacancies/${vacancyId}`);
      return r.id;
    });
  } catch (e) {
    if (isUnique(e, "referrals_vacancy_seeker")) throw conflict("error.seekers.alreadyReferred");
    throw e;
  }
}

/** The jobs of the employer's placements this Jalali year (a ledger report is a cumulative snapshot, decision 0010). */
async function yearJobs(trx: Database, employerId: number, asOf: string) {
  const { start: from, end: to } = jalaliYearRange(currentJalaliYear());
  const rows = await trx.selectFrom("placements as p").innerJoin("job_seekers as s", "s.id", "p.seeker_id").innerJoin("vacancies as v", "v.id", "p.vacancy_id")
    .select(["p.contract_type", "v.temp_months", "s.gender", "p.priority_groups"])
    .where("p.employer_id", "=", employerId).where("p.started_on", ">=", from).where("p.started_on", "<=", to < asOf ? to : asOf).execute();
  const created: JobComponents = { fullTime: 0, partTime: 0, tempMonths: 0 };
  let women = 0;
  const groups = new Set<string>();
  for (const r of rows) {
    const j = jobsOfContract(r.contract_type as ContractType, r.temp_months);
    created.fullTime += j.fullTime;
    created.partTime += j.partTime;
    created.tempMonths += j.tempMonths;
    if (r.gender === "female") women += countFte(j);
    for (const g of r.priority_groups) groups.add(g);
  }
  return { created, women: Math.round(women * 100) / 100, groups: [...groups].sort() };
}

/** The employer answers a referral: interview, hired (a placement) or rejected with a reason. */
export async function decideReferral(actor: UserActor, input: { referralId: number; decision: "interview" | "hired" | "rejected"; reason?: string; version: number }) {
  const db = await getDb();
  const ref = await db.selectFrom("referrals as r").innerJoin("vacancies as v", "v.id", "r.vacancy_id")
    .select(["r.id", "r.vacancy_id", "r.seeker_id", "r.status", "v.employer_id"]).where("r.id", "=", input.referralId).executeTakeFirst();
  if (!ref) {
    await requireGrant(actor, "decide:referral", { entity: "referral" });
    throw notFound();
  }
  await requirePermission(actor, "decide:referral", { orgUnitIds: [ref.employer_id], entity: "referral", entityId: ref.id });
  if (input.decision === "rejected" && !input.reason) throw badRequest("error.form", { reason: "error.seekers.reasonRequired" });
  const today = todayTehran();
  return db.transaction().execute(async (trx) => {
    // The vacancy first (one hire at a time per vacancy), then the referral.
    const v = await trx.selectFrom("vacancies").select(["id", "status", "posts", "hired_count", "employer_id", "contract_type", "temp_months", "title"])
      .where("id", "=", ref.vacancy_id).forUpdate().executeTakeFirstOrThrow();
    const r = await trx.selectFrom("referrals").select(["id", "status", "version", "seeker_id", "created_at"]).where("id", "=", ref.id).forUpdate().executeTakeFirstOrThrow();
    if (r.status === "hired" && input.decision === "hired") throw conflict("error.seekers.alreadyHired");
    if (r.version !== input.version) throw conflict("error.seekers.stale");
    if (!canMoveReferral(r.status, input.decision)) throw conflict("error.seekers.illegalMove");
    let placementId: number | null = null;
    if (input.decision === "hired") {
      if (v.status !== "open") throw conflict("error.seekers.vacancyNotOpen");
      if (v.hired_count >= v.posts) throw conflict("error.seekers.postsFilled");
      placementId = await place(trx, actor, v, r, today);
    }
    await trx.updateTable("referrals").set({ status: input.decision, reason: input.reason ?? null, decided_by: actor.user.id, decided_at: sql`now()`, version: sql`version + 1` })
      .where("id", "=", r.id).execute();
    await writeAudit(trx, auditMeta(actor), { action: `referral.${input.decision}`, entity: "referral", entityId: r.id, details: { placementId, reason: input.reason ?? null } });
    return { placementId };
  });
}

async function place(trx: Database, actor: UserActor, v: { id: number; posts: number; hired_count: number; employer_id: number; contract_type: string; temp_months: number | null; title: string },
  r: { id: number; seeker_id: number; created_at: Date }, today: string): Promise<number> {
  const s = await trx.selectFrom("job_seekers").select(["id", "gender", "county_code", "centre_id", "confirmed_groups", "created_at", "counsellor_id", "user_id", "national_id"])
    .where("id", "=", r.seeker_id).forUpdate().executeTakeFirstOrThrow();
  const unit = await trx.selectFrom("org_units").select(["enterprise_id"]).where("id", "=", v.employer_id).executeTakeFirstOrThrow();
  if (!unit.enterprise_id) throw conflict("error.seekers.noEnterprise");
  const type = v.contract_type as ContractType;
  const fte = countFte(jobsOfContract(type, v.temp_months));
  const p = await trx.insertInto("placements").values({
    referral_id: r.id, vacancy_id: v.id, seeker_id: s.id, employer_id: v.employer_id, started_on: today, contract_type: type, fte,
    gender: s.gender, county_code: s.county_code, centre_id: s.centre_id, priority_groups: s.confirmed_groups,
    days_to_placement: Math.max(0, daysBetween(tehranDate(s.created_at), today)),
  }).returning("id").executeTakeFirstOrThrow();
  const hired = v.hired_count + 1;
  await trx.updateTable("vacancies").set({ hired_count: hired, status: hired >= v.posts ? "filled" : "open", version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", v.id).execute();
  await trx.updateTable("job_seekers").set({ status: "placed", version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", s.id).execute();
  await trx.insertInto("retention_checks").values(RETENTION_MONTHS.map((m) => ({ placement_id: p.id, months: m, due_on: addMonths(today, m) }))).execute();
  const year = await yearJobs(trx, v.employer_id, today);
  const { reportId } = await reportEmployment(actor, {
    source: { module: "placements", id: p.id },
    programme: "placements",
    enterprise: { id: unit.enterprise_id },
    asOf: today,
    fteBaseline: 0,
    fteNow: countFte(year.created),
    created: year.created,
    women: year.women,
    priorityGroups: year.groups,
    externalRef: `placements:${p.id}`,
  }, trx);
  await trx.updateTable("placements").set({ report_id: reportId }).where("id", "=", p.id).execute();
  // A course completer placed through the portal: training links the placement to their pass (issue 16).
  await handover("training.placed")?.(trx, actor, { placementId: p.id, nationalId: s.national_id, startedOn: today });
  if (s.counsellor_id) await notify(trx, s.counsellor_id, "seekers.notify.hired", { title: v.title }, `/seekers/${s.id}`);
  if (s.user_id) await notify(trx, s.user_id, "seekers.notify.hiredSelf", { title: v.title }, `/seekers/${s.id}`);
  return p.id;
}

/** Referrals of a vacancy: the employer and staff see who (the work profile only), counsellors see theirs. */
export async function referralsOf(actor: UserActor, vacancyId: number) {
  const db = await getDb();
  const v = await readableVacancy(db, actor, vacancyId);
  const employerSide = allows(actor.user, "read:referral", { orgUnitIds: [v.employer_id] });
  if (!employerSide) return { rows: [], employerSide, canDecide: false };
  const rows = await db.selectFrom("referrals as r").innerJoin("job_seekers as s", "s.id", "r.seeker_id").leftJoin("placements as p", "p.referral_id", "r.id")
    .select(["r.id", "r.kind", "r.status", "r.reason", "r.version", "s.id as seeker_id", "s.full_name", "s.education_level", "s.experience_years", "p.id as placement_id", "p.report_id"])
    .where("r.vacancy_id", "=", vacancyId).orderBy("r.id").limit(200).execute();
  return { rows, employerSide, canDecide: allows(actor.user, "decide:referral", { orgUnitIds: [v.employer_id] }) };
}

/**
 * The seeker (their own referral or application), a counsellor of the seeker, or staff withdraws a
 * referral the employer has not decided yet (pending or interview). A stale form or a decided
 * referral: 409. The employer is told.
 */
export async function withdrawReferral(actor: UserActor, seekerId: number, input: { referralId: number; version: number }) {
  await requireWithdrawer(actor, seekerId);
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom("referrals as r").innerJoin("vacancies as v", "v.id", "r.vacancy_id")
      .select(["r.id", "r.status", "r.version", "r.vacancy_id", "v.employer_id", "v.title"]).where("r.id", "=", input.referralId).where("r.seeker_id", "=", seekerId)
      .forUpdate("r").executeTakeFirst();
    if (!r) throw notFound();
    if (r.version !== input.version) throw conflict("error.seekers.stale");
    if (!canMoveReferral(r.status, "withdrawn")) throw conflict("error.seekers.illegalMove");
    await trx.updateTable("referrals").set({ status: "withdrawn", decided_by: actor.user.id, decided_at: sql`now()`, version: sql`version + 1` }).where("id", "=", r.id).execute();
    await writeAudit(trx, auditMeta(actor), { action: "referral.withdrawn", entity: "referral", entityId: r.id, details: { vacancyId: r.vacancy_id, seekerId } });
    const reps = await trx.selectFrom("role_assignments").select("user_id").where("role", "=", "employer").where("org_unit_id", "=", r.employer_id).execute();
    for (const u of reps) await notify(trx, u.user_id, "seekers.notify.withdrawn", { title: r.title }, `/vacancies/${r.vacancy_id}`);
  });
}

/** Who may withdraw a seeker's referrals: the seeker, their counsellors, staff (403 + audit for anyone else). */
export async function requireWithdrawer(actor: UserActor, seekerId: number) {
  const db = await getDb();
  const { keys } = await readableSeeker(db, actor, seekerId, { audit: false });
  if (keys.user_id == null || keys.user_id !== actor.user.id) await requireCounsellorOf(actor, "refer:seeker", keys);
}

/** Referrals of a seeker (their page, their home). */
export async function referralsOfSeeker(db: Database, seekerId: number) {
  return db.selectFrom("referrals as r").innerJoin("vacancies as v", "v.id", "r.vacancy_id").innerJoin("org_units as u", "u.id", "v.employer_id")
    .select(["r.id", "r.kind", "r.status", "r.reason", "r.version", "v.id as vacancy_id", "v.title", "u.name_fa as employer_fa", "u.name_en as employer_en"])
    .where("r.seeker_id", "=", seekerId).orderBy("r.id", "desc").limit(50).execute();
}

/** Route actions ask this before reading a decision form (403 + audit for anyone but the vacancy's employer and staff). */
export async function requireDecider(actor: UserActor, vacancyId: number) {
  const db = await getDb();
  const v = await readableVacancy(db, actor, vacancyId);
  await requirePermission(actor, "decide:referral", { orgUnitIds: [v.employer_id], entity: "vacancy", entityId: vacancyId });
}

/** The seeker page's referral part: their referrals, and the open vacancies a counsellor may refer them to. */
export async function seekerReferrals(actor: UserActor, seekerId: number, canRefer: boolean) {
  const db = await getDb();
  const [rows, open] = await Promise.all([
    referralsOfSeeker(db, seekerId),
    canRefer
      ? db.selectFrom("vacancies").select(["id", "title"]).where("status", "=", "open").where("closes_on", ">=", todayTehran()).orderBy("id", "desc").limit(200).execute()
      : Promise.resolve([]),
  ]);
  return { rows, open: open.map((v) => ({ value: String(v.id), label: v.title })) };
}
