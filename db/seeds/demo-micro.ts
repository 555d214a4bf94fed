import type { Kysely } from "kysely";
import * as jalaali from "jalaali-js";

// Demo micro and home businesses (issue 16), marked is_demo and "(نمایشی)": one belongs to the demo
// entrepreneur (its permit expires within 30 days, so their home shows it), the others have no account
// and show every permit status (applied, issued, expired, none) and a business not updated this year,
// so the staff registry, filters, home widgets and public summary are alive. Each business has its
// first update and its employment report in the ledger (source micro_businesses, as the service files
// them). Idempotent: businesses are keyed by (owner national ID, activity); existing ones are left alone.

/** A checksum-valid national ID from nine digits (demo owners only). */
export function demoNationalId(body9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body9[i]) * (10 - i);
  const r = sum % 11;
  return body9 + String(r < 2 ? r : 11 - r);
}

const isoPlus = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const jalali = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return jalaali.toJalaali(y, m, d);
};

interface DemoBusiness {
  name: string;
  owner: string;
  body9: string;
  gender: "female" | "male";
  ownerEmail?: string;
  sector: string;
  isic: string;
  activity: string;
  county: string;
  area: "urban" | "rural";
  startedDaysAgo: number;
  home: boolean;
  channels: string[];
  permit: "none" | "applied" | "issued" | "expired";
  permitNumber?: string;
  issuedDaysAgo?: number;
  expiresInDays?: number;
  family: [number, number]; // full-time, part-time
  hired: [number, number];
  women: number;
  updatedLastYear?: boolean;
  support?: { kind: string; daysAgo: number; description: string; amount?: number; source?: string };
}

const BUSINESSES: DemoBusiness[] = [
  {
    name: "آشپزخانه خانگی نمونه (نمایشی)", owner: "کارآفرین نمونه (نمایشی)", body9: "136245780", gender: "female", ownerEmail: "entrepreneur@demo.karafarini.ir",
    sector: "I", isic: "5610", activity: "پخت غذای خانگی برای ادارات (نمایشی)", county: "tabriz", area: "urban", startedDaysAgo: 400, home: true,
    channels: ["direct", "online"], permit: "issued", permitNumber: "HB-DEMO-101", issuedDaysAgo: 345, expiresInDays: 20, family: [0, 1], hired: [0, 0], women: 2,
    support: { kind: "loan", daysAgo: 300, description: "تسهیلات مشاغل خانگی (نمایشی)", amount: 300_000_000, source: "home_business_fund" },
  },
  {
    name: "قالی‌بافی روستایی (نمایشی)", owner: "فاطمه رستمی (نمایشی)", body9: "162345781", gender: "female", sector: "C", isic: "1393",
    activity: "بافت فرش دستبافت (نمایشی)", county: "heris", area: "rural", startedDaysAgo: 900, home: true, channels: ["contract", "exhibition"],
    permit: "issued", permitNumber: "HB-DEMO-102", issuedDaysAgo: 200, expiresInDays: 530, family: [0, 3], hired: [0, 0], women: 4,
    support: { kind: "booth", daysAgo: 60, description: "غرفه نمایشگاه صنایع دستی تبریز (نمایشی)" },
  },
  {
    name: "زنبورداری و عسل طبیعی (نمایشی)", owner: "رضا قلی‌زاده (نمایشی)", body9: "151234567", gender: "male", sector: "A", isic: "0149",
    activity: "پرورش زنبور عسل و بسته‌بندی عسل (نمایشی)", county: "kaleybar", area: "rural", startedDaysAgo: 150, home: false, channels: ["direct", "wholesale"],
    permit: "applied", family: [1, 0], hired: [0, 1], women: 1,
  },
  {
    name: "صنایع دستی چوبی (نمایشی)", owner: "حسن مرادی (نمایشی)", body9: "147258369", gender: "male", sector: "C", isic: "1629",
    activity: "منبت و ساخت ظروف چوبی (نمایشی)", county: "maragheh", area: "urban", startedDaysAgo: 1500, home: true, channels: ["shop"],
    permit: "expired", permitNumber: "HB-DEMO-104", issuedDaysAgo: 800, expiresInDays: -70, family: [0, 0], hired: [1, 0], women: 0,
  },
  {
    name: "طراحی وب‌سایت خانگی (نمایشی)", owner: "نرگس کاظمی (نمایشی)", body9: "158369147", gender: "female", sector: "J", isic: "6201",
    activity: "طراحی وب‌سایت برای کسب‌وکارهای کوچک (نمایشی)", county: "tabriz", area: "urban", startedDaysAgo: 700, home: true, channels: ["online"],
    permit: "none", family: [0, 0], hired: [0, 0], women: 1, updatedLastYear: true,
  },
];

export async function seedMicroDemo(db: Kysely<any>, now = new Date()) {
  const today = now.toLocaleDateString("en-CA", { timeZone: "Asia/Tehran" });
  const staff = await db.selectFrom("users").select("id").where("email", "=", "staff@demo.karafarini.ir").executeTakeFirst();
  for (const b of BUSINESSES) {
    const nid = demoNationalId(b.body9);
    const exists = await db.selectFrom("micro_businesses").select("id").where("owner_national_id", "=", nid).where("sector_code", "=", b.sector).where("isic_code", "=", b.isic).executeTakeFirst();
    if (exists) continue;
    const owner = b.ownerEmail ? await db.selectFrom("users").select("id").where("email", "=", b.ownerEmail).executeTakeFirst() : undefined;
    const startedOn = isoPlus(today, -b.startedDaysAgo);
    const asOf = b.updatedLastYear ? isoPlus(today, -370) : isoPlus(today, -Math.min(b.startedDaysAgo, 30));
    const { jy, jm } = jalali(asOf);
    const ft = 1 + b.family[0] + b.hired[0];
    const pt = b.family[1] + b.hired[1];
    const fte = ft + pt / 2;
    const people = 1 + b.family[0] + b.family[1] + b.hired[0] + b.hired[1];
    const issued = b.permit === "issued" || b.permit === "expired";
    const row = await db
      .insertInto("micro_businesses")
      .values({
        name: b.name, owner_user_id: owner?.id ?? null, owner_national_id: nid, owner_name: b.owner, owner_gender: b.gender, sector_code: b.sector,
        isic_code: b.isic, activity: b.activity, county_code: b.county, area: b.area, address: `${b.county} (نمایشی)`, started_on: startedOn,
        home_based: b.home, sales_channels: b.channels, permit_status: b.permit, permit_number: issued ? b.permitNumber : null,
        permit_applied_on: b.permit === "none" ? null : isoPlus(today, -(b.issuedDaysAgo ?? 20) - 30),
        permit_issued_on: issued ? isoPlus(today, -b.issuedDaysAgo!) : null, permit_expires_on: issued ? isoPlus(today, b.expiresInDays!) : null,
        jobs_fte: fte, workers: people, last_update_year: jy, last_update_on: asOf, is_demo: true, created_by: staff?.id ?? null,
        search_text: `${b.name} ${b.owner} ${b.activity} ${nid} ${b.permitNumber ?? ""}`.replace(/\u200C/g, " ").toLowerCase(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) continue;
    let enterprise = await db.selectFrom("enterprises").select("id").where("national_id", "=", nid).where("merged_into", "is", null).executeTakeFirst();
    enterprise ??= await db
      .insertInto("enterprises")
      .values({ name: b.name, national_id: nid, registration_no: issued ? b.permitNumber : null, kind: b.home ? "home_business" : "self_employed", county_code: b.county, sector_code: b.sector, size_class: "micro", created_by: staff?.id ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const update = await db
      .insertInto("micro_business_updates")
      .values({
        business_id: row.id, jalali_year: jy, as_of: asOf, owner_mode: "full_time", family_full_time: b.family[0], family_part_time: b.family[1],
        hired_full_time: b.hired[0], hired_part_time: b.hired[1], women: b.women, jobs_fte: fte, created_by: staff?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const startedThisYear = jalali(startedOn).jy === jy;
    const report = await db
      .insertInto("employment_reports")
      .values({
        enterprise_id: enterprise.id, as_of: asOf, jalali_year: jy, jalali_month: jm, source_module: "micro_businesses", source_id: String(row.id),
        external_ref: `micro_businesses:${row.id}:update:${update.id}`, programme: "micro", fte_baseline: startedThisYear ? 0 : fte, fte_now: fte,
        created_full_time: startedThisYear ? ft : 0, created_part_time: startedThisYear ? pt : 0,
        retained_full_time: startedThisYear ? 0 : ft, retained_part_time: startedThisYear ? 0 : pt,
        women: Math.round((fte * Math.min(b.women, people) * 100) / people) / 100, created_by: staff?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("employment_report_events").values({ report_id: report.id, actor_id: staff?.id ?? null, from_status: null, to_status: "reported", note: "demo" }).execute();
    await db.updateTable("micro_business_updates").set({ report_id: report.id }).where("id", "=", update.id).execute();
    await db.updateTable("micro_businesses").set({ enterprise_id: enterprise.id }).where("id", "=", row.id).execute();
    if (b.support) {
      await db.insertInto("micro_business_supports").values({
        business_id: row.id, kind: b.support.kind, received_on: isoPlus(today, -b.support.daysAgo), description: b.support.description,
        loan_amount: b.support.amount ?? null, loan_source: b.support.source ?? null, created_by: staff?.id ?? null,
      }).execute();
    }
  }
}
