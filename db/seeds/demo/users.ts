import { sql, type Kysely } from "kysely";
import { hashPassword } from "../../../app/modules/accounts/password.server";
import type { DemoContext } from "./kit";

// Demo users: one per role (listed in the README's demo table), sharing one password. A module that
// adds a role adds its demo user here (and to the README).

export const DEMO_PASSWORD = "demo-pass-1401";

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
  // agencies' agenda (issue 14): officers of the banks' coordination council and of Agriculture Jihad
  { email: "bank@demo.karafarini.ir", fullName: "کارشناس بانک‌ها (نمایشی)", role: "agency_officer", unit: "agency-banks" },
  { email: "agri@demo.karafarini.ir", fullName: "کارشناس جهاد کشاورزی (نمایشی)", role: "agency_officer", unit: "agency-agriculture" },
  // business clusters (issue 12): the development agent of the Tabriz cluster development office
  { email: "cluster@demo.karafarini.ir", fullName: "عامل توسعه خوشه تبریز (نمایشی)", role: "cluster_agent", unit: "cluster-tabriz" },
] as const;

/** Inserts users (by email, once) with their one role; returns nothing. Other module seeds may use it for their extra demo people. */
export async function insertDemoUsers(db: Kysely<any>, users: readonly { email: string; fullName: string; role: string; unit: string | null }[]) {
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of users) {
    const user = await db
      .insertInto("users")
      .values({ email: u.email, full_name: u.fullName, password_hash: hash, email_verified_at: sql`now()` })
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
}

export async function usersDemo({ db }: DemoContext) {
  await db
    .insertInto("org_units")
    .values([
      { kind: "company", code: "demo-company", name_fa: "شرکت دانش‌بنیان نمونه (نمایشی)", name_en: "Demo knowledge-based company", county_code: "tabriz" },
      { kind: "industry", code: "demo-industry", name_fa: "واحد صنعتی نمونه (نمایشی)", name_en: "Demo industrial enterprise", county_code: "tabriz" },
      { kind: "cluster", code: "cluster-tabriz", name_fa: "دفتر توسعه خوشه‌های تبریز (نمایشی)", name_en: "Tabriz cluster development office (demo)", county_code: "tabriz" },
    ])
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
  await insertDemoUsers(db, DEMO_USERS);
}
