import type { Kysely } from "kysely";
import { hashPassword } from "../../app/modules/accounts/password.server";
import { currentJalaliYear, jalaliYearRange } from "../../app/i18n/format";
import { seedMicroDemo } from "./demo-micro";

export const DEMO_PASSWORD = "demo-pass-1401";

// One demo user per role. Emails and the shared password are listed in the README.
export const DEMO_USERS = [
  { email: "admin@demo.karafarini.ir", fullName: "مدیر سامانه (نمایشی)", role: "admin", unit: null },
  { email: "staff@demo.karafarini.ir", fullName: "کارشناس اداره کل (نمایشی)", role: "staff", unit: "directorate" },
  { email: "mentor@demo.karafarini.ir", fullName: "مربی شتاب‌دهنده (نمایشی)", role: "mentor", unit: "accel-tabriz-1" },
  { email: "mentor2@demo.karafarini.ir", fullName: "مربی مرکز مشاوره (نمایشی)", role: "mentor", unit: "consult-tabriz-1" },
  { email: "mentor3@demo.karafarini.ir", fullName: "مربی سوم شتاب‌دهنده (نمایشی)", role: "mentor", unit: "accel-tabriz-1" },
  { email: "entrepreneur@demo.karafarini.ir", fullName: "کارآفرین نمونه (نمایشی)", role: "entrepreneur", unit: null },
  { email: "chair@demo.karafarini.ir", fullName: "مدیر کرسی دانشگاه تبریز (نمایشی)", role: "chair_manager", unit: "uni-tabriz" },
  { email: "company@demo.karafarini.ir", fullName: "نماینده شرکت دانش‌بنیان (نمایشی)", role: "company_rep", unit: "demo-company" },
  { email: "industry@demo.karafarini.ir", fullName: "نماینده واحد صنعتی (نمایشی)", role: "industry_rep", unit: "demo-industry" },
] as const;

export async function seedDemo(db: Kysely<any>) {
  await db
    .insertInto("org_units")
    .values([
      { kind: "company", code: "demo-company", name_fa: "شرکت دانش‌بنیان نمونه (نمایشی)", name_en: "Demo knowledge-based company", county_code: "tabriz" },
      { kind: "industry", code: "demo-industry", name_fa: "واحد صنعتی نمونه (نمایشی)", name_en: "Demo industrial enterprise", county_code: "tabriz" },
    ])
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const user = await db
      .insertInto("users")
      .values({ email: u.email, full_name: u.fullName, password_hash: hash })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!user) continue;
    let orgUnitId: number | null = null;
    if (u.unit) {
      const unit = await db.selectFrom("org_units").select("id").where("code", "=", u.unit).executeTakeFirst();
      if (!unit) throw new Error(`demo seed: org unit ${u.unit} is missing`);
      orgUnitId = unit.id;
    }
    await db.insertInto("role_assignments").values({ user_id: user.id, role: u.role, org_unit_id: orgUnitId }).execute();
  }
  await seedEmploymentDemo(db);
  await seedChairsDemo(db);
  await seedMicroDemo(db);
}

// Chairs (module 5): one active chair at the demo chair manager's university, with a plan for the
// current Jalali year and three activities around today (two done, one upcoming for the public
// list). Marked "(نمایشی)" everywhere. Idempotent: the chair is found by university and title,
// the plan by (chair, year), the activities by their external_ref.
export const DEMO_CHAIR_TITLE = "کرسی کارآفرینی و نوآوری (نمایشی)";
export async function seedChairsDemo(db: Kysely<any>, now = new Date()) {
  const manager = await db
    .selectFrom("users")
    .innerJoin("role_assignments as r", "r.user_id", "users.id")
    .select(["users.id", "r.org_unit_id"])
    .where("users.email", "=", "chair@demo.karafarini.ir")
    .where("r.role", "=", "chair_manager")
    .where("r.org_unit_id", "is not", null)
    .orderBy("r.org_unit_id")
    .executeTakeFirst();
  if (!manager) return;
  const universityId = manager.org_unit_id as number;
  let chair = await db.selectFrom("chairs").select("id").where("university_id", "=", universityId).where("title", "=", DEMO_CHAIR_TITLE).executeTakeFirst();
  if (!chair) {
    chair = await db
      .insertInto("chairs")
      .values({
        university_id: universityId, title: DEMO_CHAIR_TITLE, field: "کارآفرینی فناورانه (نمایشی)", holder_name: "دکتر نمونه نمایشی",
        holder_rank: "associate_professor", holder_email: "chair-holder@demo.karafarini.ir", status: "active", created_by: manager.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  }
  const chairId = chair!.id as number;
  const year = currentJalaliYear(now);
  await db
    .insertInto("chair_plans")
    .values({ chair_id: chairId, jalali_year: year, goal_activities: 12, goal_participants: 300, goal_ideas: 6, goal_startups: 2 })
    .onConflict((oc) => oc.columns(["chair_id", "jalali_year"]).doNothing())
    .execute();
  // Dates around today (Tehran), kept inside the year.
  const { start, end } = jalaliYearRange(year);
  const today = now.toLocaleDateString("en-CA", { timeZone: "Asia/Tehran" });
  const day = (offset: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    const iso = d.toISOString().slice(0, 10);
    return iso < start ? start : iso > end ? end : iso;
  };
  const activities = [
    { ref: "demo-1", kind: "workshop", title: "کارگاه بوم مدل کسب‌وکار (نمایشی)", held_on: day(-45), hours: 4, participants: 35, women: 16, partners: "پارک علم و فناوری (نمایشی)" },
    { ref: "demo-2", kind: "course", title: "دوره مقدماتی کارآفرینی (نمایشی)", held_on: day(-10), hours: 16, participants: 28, women: 13, partners: "" },
    { ref: "demo-3", kind: "bootcamp", title: "بوت‌کمپ ایده تا محصول (نمایشی)", held_on: day(14), hours: 24, participants: 40, women: 18, partners: "شتاب‌دهنده نمونه (نمایشی)" },
  ];
  await db
    .insertInto("chair_activities")
    .values(activities.map((a) => ({
      chair_id: chairId, kind: a.kind, title: a.title, held_on: a.held_on, jalali_year: year, hours: a.hours, participants: a.participants,
      women: a.women, partners: a.partners, external_ref: a.ref, created_by: manager.id,
    })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// Employment (module 6): the reference publishes no allocation of the 1401 target, so the demo
// invents one (is_demo = true, shown as "demo" on the targets page). Idempotent.
const DEMO_AGENCY_SHARES: Record<string, number> = {
  "cooperatives-labour": 15000, agriculture: 9000, "industry-mine-trade": 8000, "heritage-tourism": 3000, "relief-committee": 5000,
  welfare: 3000, "technical-vocational": 2000, "industrial-estates": 2000, "science-park": 1000, ict: 1000,
  "housing-foundation": 1000, "sports-youth": 500, governorate: 1500,
};
export async function seedEmploymentDemo(db: Kysely<any>) {
  const target = await db.selectFrom("job_targets").select(["jalali_year", "current_target"]).where("jalali_year", "=", 1401).executeTakeFirst();
  if (!target) return;
  const counties = (await db.selectFrom("counties").select("code").orderBy("sort_order").execute()).map((c: { code: string }) => c.code);
  const rows: { jalali_year: number; dimension: string; code: string; amount: number; is_demo: boolean; note: string }[] = [];
  for (const [code, amount] of Object.entries(DEMO_AGENCY_SHARES)) rows.push({ jalali_year: 1401, dimension: "agency", code, amount, is_demo: true, note: "demo" });
  // Counties: Tabriz 40%, the rest shared equally, the remainder to the last county.
  const total = target.current_target as number;
  const tabriz = Math.round(total * 0.4);
  const others = counties.filter((c: string) => c !== "tabriz");
  const each = Math.floor((total - tabriz) / Math.max(1, others.length));
  others.forEach((code: string, i: number) => {
    rows.push({ jalali_year: 1401, dimension: "county", code, amount: i === others.length - 1 ? total - tabriz - each * (others.length - 1) : each, is_demo: true, note: "demo" });
  });
  if (counties.includes("tabriz")) rows.push({ jalali_year: 1401, dimension: "county", code: "tabriz", amount: tabriz, is_demo: true, note: "demo" });
  await db.insertInto("job_target_allocations").values(rows).onConflict((oc) => oc.columns(["jalali_year", "dimension", "code"]).doNothing()).execute();
}

