import { sql, type Kysely } from "kysely";
import { searchForm } from "../../../app/i18n/normalise";
import { insertDemoUsers } from "./users";
import { addMonths } from "../../../app/i18n/clock";
import { addDays, insertChunksReturningIds, jalaliOf, type DemoContext } from "./kit";

// Demo data of module 7 (issue 15), marked "(نمایشی)": a counsellor at the Tabriz consulting centre
// (counsellor@demo), an employer unit linked to its ledger enterprise (employer@demo), a job seeker
// with an account (seeker@demo), and 40 seekers of the centre with claimed and confirmed priority
// groups and counselling sessions (some next steps overdue). Idempotent: the demo seekers are found by
// their national IDs (a marker: the first one) before anything is made.

export const SEEKERS_DEMO_USERS = [
  { email: "counsellor@demo.karafarini.ir", fullName: "مشاور شغلی مرکز تبریز (نمایشی)", role: "counsellor", unit: "consult-tabriz-1" },
  { email: "employer@demo.karafarini.ir", fullName: "کارفرمای نمونه (نمایشی)", role: "employer", unit: "demo-employer" },
  { email: "seeker@demo.karafarini.ir", fullName: "کارجوی نمونه (نمایشی)", role: "job_seeker", unit: null },
] as const;

/** A checksum-valid national ID from a number (deterministic). */
export function demoNationalId(n: number): string {
  const body = String(300_000_000 + n).padStart(9, "0").slice(-9);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
  const r = sum % 11;
  return body + String(r < 2 ? r : 11 - r);
}

const FIRST = ["زهرا", "فاطمه", "مریم", "سارا", "لیلا", "نرگس", "علی", "حسین", "رضا", "مهدی", "امیر", "سعید"];
const LAST = ["احمدی", "محمدی", "رضایی", "حسینی", "کریمی", "جعفری", "نوروزی", "قاسمی", "صادقی", "عباسی"];
const FIELDS = ["مهندسی کامپیوتر", "حسابداری", "مدیریت بازرگانی", "برق", "مکانیک", "طراحی لباس", "صنایع غذایی", ""];
const OCCUPATIONS = ["2", "3", "4", "5", "7", "8", "25", "33", "41", "52", "72", "75"];
const SKILLS = ["computer-basics", "office-software", "accounting", "sales", "customer-service", "programming", "welding", "sewing", "cooking", "driving", "warehouse", "electrical-installation"];
const COUNTIES = ["tabriz", "tabriz", "tabriz", "osku", "marand", "shabestar", "maragheh"];
const EDUCATION = ["diploma", "associate", "bachelor", "bachelor", "master", "secondary"];

type Db = Kysely<any>;

export async function seekersDemo(ctx: DemoContext) {
  const db: Db = ctx.db;
  // The employer unit and its ledger enterprise (one registration number, never a copy).
  let ent = await db.selectFrom("enterprises").select("id").where("registration_no", "=", "10990077001").where("merged_into", "is", null).executeTakeFirst();
  if (!ent) {
    ent = await db.insertInto("enterprises").values({ name: "فروشگاه‌های زنجیره‌ای آذر (نمایشی)", registration_no: "10990077001", kind: "company", county_code: "tabriz", sector_code: "G", size_class: "medium", baseline_headcount: 60 })
      .returning("id").executeTakeFirstOrThrow();
  }
  await db.insertInto("org_units").values({ kind: "employer", code: "demo-employer", name_fa: "فروشگاه‌های زنجیره‌ای آذر (نمایشی)", name_en: "Azar Retail Chain (demo)", county_code: "tabriz", enterprise_id: ent.id })
    .onConflict((oc) => oc.column("code").doNothing()).execute();
  await insertDemoUsers(db, SEEKERS_DEMO_USERS);

  const marker = await db.selectFrom("job_seekers").select("id").where("national_id", "=", demoNationalId(1)).executeTakeFirst();
  if (marker) return placementsDemo(ctx);
  const rnd = ctx.random("seekers");
  const centre = await ctx.unitId("consult-tabriz-1");
  const counsellor = await ctx.userId("counsellor@demo.karafarini.ir");
  const seekerUser = await ctx.userId("seeker@demo.karafarini.ir");
  const rows: Record<string, unknown>[] = [];
  for (let i = 1; i <= 40; i++) {
    const female = rnd.chance(0.55);
    const name = `${female ? rnd.pick(FIRST.slice(0, 6)) : rnd.pick(FIRST.slice(6))} ${rnd.pick(LAST)} (نمایشی)`;
    const occ = [rnd.pick(OCCUPATIONS)];
    const skills = [...new Set([rnd.pick(SKILLS), rnd.pick(SKILLS), rnd.pick(SKILLS)])];
    const county = rnd.pick(COUNTIES);
    const fullName = i === 1 ? "کارجوی نمونه (نمایشی)" : name;
    const mobile = `0914${String(1_000_000 + i * 7919).slice(-7)}`;
    rows.push({
      user_id: i === 1 ? seekerUser : null, national_id: demoNationalId(i), full_name: fullName, mobile,
      search_text: searchForm(`${fullName} ${demoNationalId(i)} ${mobile}`), birth_year: rnd.int(ctx.year - 45, ctx.year - 19), gender: female ? "female" : "male",
      county_code: county, marginal_area: rnd.chance(0.3), education_level: rnd.pick(EDUCATION), education_field: rnd.pick(FIELDS), occupations: occ, skills,
      experience_years: rnd.int(0, 12), desired_work: "کار تمام‌وقت نزدیک محل سکونت (نمایشی)", desired_counties: [county, "tabriz"].filter((c, k, a) => a.indexOf(c) === k),
      availability: rnd.pick(["immediate", "immediate", "within_month", "later"]), hidden: i % 13 === 0, centre_id: centre, counsellor_id: counsellor,
      status: "active", is_demo: true, created_by: counsellor,
    });
  }
  const ids = await insertChunksReturningIds(db, "job_seekers", rows);
  const groups: Record<string, unknown>[] = [];
  const sessions: Record<string, unknown>[] = [];
  ids.forEach((id, k) => {
    const g = new Set<string>();
    if (rows[k].education_level === "bachelor" || rows[k].education_level === "master") g.add("unemployed-graduates");
    if (rows[k].marginal_area) g.add("marginal-areas");
    if (rnd.chance(0.2)) g.add("low-income-deciles");
    for (const code of g) {
      const confirmed = rnd.chance(0.7);
      groups.push({ seeker_id: id, group_code: code, claimed: true, confirmed_by: confirmed ? counsellor : null, confirmed_at: confirmed ? sql`now()` : null, note: confirmed ? "مدرک دیده شد (نمایشی)" : null });
    }
    const n = rnd.int(0, 3);
    for (let s = 0; s < n; s++) {
      const held = addDays(ctx.today, -rnd.int(5, 120));
      const last = s === n - 1;
      sessions.push({ seeker_id: id, counsellor_id: counsellor, held_on: held, minutes: rnd.pick([30, 45, 60]), mode: rnd.pick(["in_person", "in_person", "phone", "online"]),
        notes: "گفت‌وگو درباره سوابق و علایق شغلی (نمایشی)", next_steps: last ? "تکمیل رزومه و معرفی به فرصت شغلی (نمایشی)" : "", next_step_due: last ? addDays(held, 14) : null, next_step_done: !last });
    }
  });
  if (groups.length) await db.insertInto("job_seeker_groups").values(groups).execute();
  if (sessions.length) await db.insertInto("counselling_sessions").values(sessions).execute();
  await sql`UPDATE job_seekers s SET confirmed_groups = coalesce((SELECT array_agg(group_code ORDER BY group_code) FROM job_seeker_groups g WHERE g.seeker_id = s.id AND g.confirmed_at IS NOT NULL), '{}') WHERE s.is_demo`.execute(db);
  // Two open vacancies of the demo employer (one giving priority to the priority groups) and a draft;
  // two referrals waiting for the employer's answer.
  const employerUnit = await ctx.unitId("demo-employer");
  const employerUser = await ctx.userId("employer@demo.karafarini.ir");
  const vacancies = await insertChunksReturningIds(db, "vacancies", [
    { employer_id: employerUnit, title: "فروشنده فروشگاه (نمایشی)", description: "فروش و پاسخ به مشتریان در شعبه مرکزی (نمایشی)", occupation_code: "52", skills: ["sales", "customer-service", "computer-basics"],
      education_level: "diploma", county_code: "tabriz", posts: 3, contract_type: "full_time", min_experience: 0, wage_min: 120_000_000, wage_max: 150_000_000,
      closes_on: addDays(ctx.today, 30), priority_opt_in: true, status: "open", is_demo: true, created_by: employerUser },
    { employer_id: employerUnit, title: "حسابدار پاره‌وقت (نمایشی)", description: "", occupation_code: "33", skills: ["accounting", "accounting-software", "office-software"],
      education_level: "associate", county_code: "tabriz", posts: 1, contract_type: "part_time", min_experience: 1, wage_min: 60_000_000, wage_max: 80_000_000,
      closes_on: addDays(ctx.today, 20), priority_opt_in: false, status: "open", is_demo: true, created_by: employerUser },
    { employer_id: employerUnit, title: "انباردار فصلی (نمایشی)", description: "", occupation_code: "41", skills: ["warehouse"], education_level: "secondary", county_code: "tabriz",
      posts: 2, contract_type: "temporary", temp_months: 4, min_experience: 0, wage_min: 90_000_000, wage_max: 100_000_000, closes_on: addDays(ctx.today, 40),
      priority_opt_in: false, status: "draft", is_demo: true, created_by: employerUser },
  ]);
  await db.insertInto("referrals").values([
    { vacancy_id: vacancies[0], seeker_id: ids[2], kind: "referral", referred_by: counsellor },
    { vacancy_id: vacancies[1], seeker_id: ids[3], kind: "referral", referred_by: counsellor },
  ]).execute();
  await sql`INSERT INTO role_assignments (user_id, role, org_unit_id) SELECT ${seekerUser}, 'job_seeker', NULL WHERE NOT EXISTS (SELECT 1 FROM role_assignments WHERE user_id = ${seekerUser} AND role = 'job_seeker')`.execute(db);
  await placementsDemo(ctx);
}

/**
 * Placements of the demo employer's filled vacancy, at four ages, so the demo has retention work: one
 * placed 8 months ago (3 and 6 months answered yes: retained), one 7 months ago (3 months yes, the
 * 6-month check due), one 100 days ago (the 3-month check due on the counsellor's home) and one 3 weeks
 * ago (nothing due). Each Jalali year's placements are one cumulative ledger report of the employer's
 * enterprise, as the module files them (decision 0026), waiting in the verification queue.
 * Idempotent: nothing happens when the demo employer already has a placement.
 */
export async function placementsDemo(ctx: DemoContext) {
  const db: Db = ctx.db;
  const employerUnit = await ctx.unitId("demo-employer");
  if (await db.selectFrom("placements").select("id").where("employer_id", "=", employerUnit).where("is_demo", "=", true).limit(1).executeTakeFirst()) return;
  const unit = await db.selectFrom("org_units").select("enterprise_id").where("id", "=", employerUnit).executeTakeFirstOrThrow();
  const employerUser = await ctx.userId("employer@demo.karafarini.ir");
  const counsellor = await ctx.userId("counsellor@demo.karafarini.ir");
  // Four demo seekers of the centre who are visible, not yet referred, and not the demo seeker's own profile.
  const people = await db.selectFrom("job_seekers as s").select(["s.id", "s.gender", "s.county_code", "s.centre_id", "s.confirmed_groups"])
    .where("s.is_demo", "=", true).where("s.user_id", "is", null).where("s.hidden", "=", false).where("s.status", "=", "active")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("referrals as r").select("r.id").whereRef("r.seeker_id", "=", "s.id"))))
    .orderBy("s.id").limit(4).execute();
  if (people.length < 4) return;
  const ages = [-245, -215, -100, -21];
  const vacancyId = (await db.insertInto("vacancies").values({
    employer_id: employerUnit, title: "صندوقدار فروشگاه (نمایشی)", description: "صندوق و پاسخ به مشتریان شعبه‌های تبریز (نمایشی)", occupation_code: "52",
    skills: ["sales", "customer-service"], education_level: "diploma", county_code: "tabriz", posts: 4, contract_type: "full_time", min_experience: 0,
    wage_min: 110_000_000, wage_max: 130_000_000, closes_on: addDays(ctx.today, ages[0] + 20), priority_opt_in: true, status: "filled", hired_count: 4,
    is_demo: true, created_by: employerUser, created_at: sql`${addDays(ctx.today, ages[0] - 30)}::date + time '09:00'`,
  }).returning("id").executeTakeFirstOrThrow()).id;
  const placed: { id: number; started: string; groups: string[]; female: boolean }[] = [];
  for (let k = 0; k < 4; k++) {
    const s = people[k];
    const started = addDays(ctx.today, ages[k]);
    const ref = await db.insertInto("referrals").values({ vacancy_id: vacancyId, seeker_id: s.id, kind: "referral", referred_by: counsellor, status: "hired",
      decided_by: employerUser, decided_at: sql`${started}::date + time '10:00'`, version: 2, created_at: sql`${addDays(started, -12)}::date + time '10:00'` }).returning("id").executeTakeFirstOrThrow();
    const p = await db.insertInto("placements").values({ referral_id: ref.id, vacancy_id: vacancyId, seeker_id: s.id, employer_id: employerUnit, started_on: started,
      contract_type: "full_time", fte: 1, gender: s.gender, county_code: s.county_code, centre_id: s.centre_id, priority_groups: s.confirmed_groups,
      days_to_placement: 30 + 11 * k, retained: k === 0 ? true : null, is_demo: true }).returning("id").executeTakeFirstOrThrow();
    const answered = (months: 3 | 6) => (k === 0 || (k === 1 && months === 3));
    await db.insertInto("retention_checks").values(([3, 6] as const).map((m) => ({
      placement_id: p.id, months: m, due_on: addMonths(started, m),
      ...(answered(m) ? { result: "yes", method: m === 3 ? "phone" : "employer", note: "همچنان در همان شعبه کار می‌کند (نمایشی)", checked_by: counsellor, checked_at: sql`${addMonths(started, m)}::date + time '11:00'` } : {}),
    }))).execute();
    await db.updateTable("job_seekers").set({ status: "placed", path: "wage_employment", path_href: sql`'/seekers/' || id || '/matches'` }).where("id", "=", s.id).execute();
    placed.push({ id: p.id, started, groups: s.confirmed_groups, female: s.gender === "female" });
  }
  if (!unit.enterprise_id) return;
  // One cumulative report per Jalali year, as of its latest start (decision 0026).
  const years = new Map<number, typeof placed>();
  for (const p of placed) {
    const { jy } = jalaliOf(p.started);
    years.set(jy, [...(years.get(jy) ?? []), p]);
  }
  for (const [jy, list] of years) {
    const last = list[list.length - 1];
    const { jm } = jalaliOf(last.started);
    const report = await db.insertInto("employment_reports").values({
      enterprise_id: unit.enterprise_id, as_of: last.started, jalali_year: jy, jalali_month: jm, source_module: "placements", source_id: String(last.id),
      external_ref: `placements:${last.id}`, programme: "placements", fte_baseline: 0, fte_now: list.length, created_full_time: list.length,
      women: list.filter((p) => p.female).length, priority_groups: [...new Set(list.flatMap((p) => p.groups))].sort(), created_by: employerUser,
    }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("employment_report_events").values({ report_id: report.id, actor_id: employerUser, from_status: null, to_status: "reported", note: null }).execute();
    await db.updateTable("placements").set({ report_id: report.id }).where("id", "in", list.map((p) => p.id)).execute();
  }
  await sql`INSERT INTO settings (key, value, updated_at) VALUES ('employment.ledger_version', to_jsonb(1), now())
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb((settings.value #>> '{}')::bigint + 1), updated_at = now()`.execute(db);
}
