import type { Kysely } from "kysely";
import { addMonths } from "../../../app/i18n/clock";
import { insertDemoUsers } from "./users";
import { addDays, insertChunks, type DemoContext } from "./kit";

// Demo data of skills training (issue 16), marked "(نمایشی)": a public technical and vocational
// centre and a private institute (provider units), the demo training manager (training@demo, of the
// public centre), a finished course with results and employment checks at 3 and 6 months (so the
// outcome pages and the ranking have figures), a running course and an open one taking enrolments.
// Idempotent: providers by unit code, courses by title, enrolments only when the course has none.

export const DEMO_TRAINING_MANAGER = "training@demo.karafarini.ir";
const PROVIDERS = [
  { code: "demo-provider", fa: "مرکز آموزش فنی و حرفه‌ای تبریز (نمایشی)", en: "Tabriz technical and vocational centre (demo)", type: "public_tvto", county: "tabriz" },
  { code: "demo-provider-2", fa: "آموزشگاه آزاد هنر و دوخت مراغه (نمایشی)", en: "Maragheh sewing institute (demo)", type: "private_institute", county: "maragheh" },
];
const FIRST = ["مریم", "زهرا", "فاطمه", "سمیه", "لیلا", "نرگس", "رقیه", "معصومه", "علی", "حسین", "رضا", "مهدی"];
const LAST = ["احمدی", "رضایی", "محمدی", "حسینی", "کریمی", "نوری", "قاسمی", "جعفری"];

function nationalId(n: number) {
  const body = String(200_000_001 + n).slice(-9);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
  const r = sum % 11;
  return body + String(r < 2 ? r : 11 - r);
}

export async function trainingDemo(ctx: DemoContext) {
  const db: Kysely<any> = ctx.db;
  const rnd = ctx.random("training");
  const providers: Record<string, number> = {};
  for (const p of PROVIDERS) {
    await db.insertInto("org_units").values({ kind: "provider", code: p.code, name_fa: p.fa, name_en: p.en, county_code: p.county }).onConflict((oc) => oc.column("code").doNothing()).execute();
    const id = await ctx.unitId(p.code);
    await db.insertInto("training_providers").values({ org_unit_id: id, provider_type: p.type, is_demo: true }).onConflict((oc) => oc.column("org_unit_id").doNothing()).execute();
    providers[p.code] = id;
  }
  await insertDemoUsers(db, [{ email: DEMO_TRAINING_MANAGER, fullName: "مدیر آموزشگاه فنی و حرفه‌ای (نمایشی)", role: "training_manager", unit: "demo-provider" }]);

  const day = (n: number) => addDays(ctx.today, n);
  const courses = [
    { key: "finished", provider: "demo-provider", title: "خیاطی و دوخت لباس (نمایشی)", occupation: "75", hours: 240, county: "tabriz", starts: day(-330), ends: day(-200), capacity: 20, status: "finished", people: 20, groups: ["low-income-deciles", "women-heads-of-household"] },
    { key: "finished2", provider: "demo-provider-2", title: "قالی‌بافی و گلیم‌بافی (نمایشی)", occupation: "73", hours: 180, county: "maragheh", starts: day(-300), ends: day(-190), capacity: 15, status: "finished", people: 15, groups: ["rural-youth"] },
    { key: "running", provider: "demo-provider", title: "تعمیر تلفن همراه (نمایشی)", occupation: "74", hours: 160, county: "tabriz", starts: day(-20), ends: day(60), capacity: 12, status: "running", people: 12, groups: [] },
    { key: "open", provider: "demo-provider", title: "شیرینی‌پزی خانگی (نمایشی)", occupation: "75", hours: 90, county: "tabriz", starts: day(30), ends: day(90), capacity: 16, status: "open", people: 6, groups: ["women-heads-of-household"] },
  ];
  let n = 0;
  for (const c of courses) {
    let row = await db.selectFrom("training_courses").select("id").where("title", "=", c.title).executeTakeFirst();
    if (!row) {
      row = await db.insertInto("training_courses").values({
        provider_id: providers[c.provider], title: c.title, occupation_code: c.occupation, hours: c.hours, mode: "in_person", county_code: c.county,
        starts_on: c.starts, ends_on: c.ends, capacity: c.capacity, priority_groups: c.groups, status: c.status, is_demo: true, search_text: c.title,
      }).returning("id").executeTakeFirstOrThrow();
    }
    const courseId = row!.id as number;
    const has = await db.selectFrom("training_enrolments").select("id").where("course_id", "=", courseId).executeTakeFirst();
    if (has) continue;
    const finished = c.status === "finished";
    const enrolments = Array.from({ length: c.people }, (_, i) => {
      n++;
      const female = c.key.startsWith("finished") ? rnd.chance(0.85) : rnd.chance(0.5);
      const first = female ? FIRST[rnd.int(0, 7)] : FIRST[rnd.int(8, 11)];
      const result = finished ? rnd.weighted([["passed", 8], ["failed", 1], ["dropped", 1]] as const) : null;
      return {
        course_id: courseId, provider_id: providers[c.provider], national_id: nationalId(n + (c.key.length * 1000)), full_name: `${first} ${rnd.pick(LAST)} (نمایشی)`,
        gender: female ? "female" : "male", priority_group: c.groups.length && rnd.chance(0.6) ? rnd.pick(c.groups) : null,
        status: "accepted", was_accepted: true, attendance_pct: finished ? rnd.int(result === "dropped" ? 20 : 75, result === "dropped" ? 50 : 100) : null,
        result, certificate_no: result === "passed" ? `DEMO-${courseId}-${i + 1}` : null, completed_on: finished ? c.ends : null, is_demo: true,
      };
    });
    await insertChunks(db, "training_enrolments", enrolments);
    await db.updateTable("training_courses").set({ accepted_count: c.people }).where("id", "=", courseId).execute();
    if (!finished) continue;
    const passed = await db.selectFrom("training_enrolments").select("id").where("course_id", "=", courseId).where("result", "=", "passed").orderBy("id").execute();
    const checks = passed.flatMap((e) => [3, 6].map((months) => {
      const outcome = rnd.weighted([["employed", 3], ["self_employed", 3], ["not_employed", 3], ["unknown", 1]] as const);
      const checked = months === 3 || rnd.chance(0.7);
      return {
        enrolment_id: e.id, course_id: courseId, provider_id: providers[c.provider], months, due_on: addMonths(c.ends, months),
        outcome: checked ? outcome : null, wage: checked && outcome === "employed" ? rnd.int(80, 150) * 1_000_000 : null,
        method: checked ? rnd.pick(["phone", "visit", "self_report"]) : null, checked_on: checked ? addMonths(c.ends, months) : null,
      };
    }));
    await insertChunks(db, "training_checks", checks);
  }
}
