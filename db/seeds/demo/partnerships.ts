import { sql, type Kysely } from "kysely";
import { refreshCompanyRollups } from "../../../app/modules/partnerships/queries.server";
import { addDays, jalaliOf, tehranInstant, type DemoContext } from "./kit";

// Demo data of module 4 (issue 13), marked "(نمایشی)": the demo company (company@demo) and the demo
// industry (industry@demo) with their profiles, linked to ledger enterprises; four more companies
// and one more industry so matches have something to rank; an open quality challenge with two
// proposals, a running partnership with milestones (one to accept, one coming due), a completed
// partnership with measured results and jobs filed to the ledger (shown on the public showcase), a
// second completed one of another industry, and a draft. Idempotent: every record is found by its
// natural key (unit code, registration number, challenge title, proposal per company, partnership
// per challenge, milestone and result titles, report external_ref) before it is made.

interface DemoCompany {
  code: string; reg: string; fa: string; en: string; cert: string; type: string; expiresIn: number; verified: boolean; county: string;
  sector: string; served: string[]; domains: string[]; employees: number; portfolio: string;
}
const COMPANIES: DemoCompany[] = [
  { code: "demo-company", reg: "10320841001", fa: "شرکت دانش‌بنیان نمونه (نمایشی)", en: "Demo knowledge-based company", cert: "DEMO-1402-0451", type: "type1", expiresIn: 300, verified: true, county: "tabriz", sector: "M", served: ["C", "D"], domains: ["automation-robotics", "quality-testing", "ai-software"], employees: 18, portfolio: "سامانه بازرسی تصویری برای یک قطعه‌ساز تبریزی (نمایشی)؛ پایش ارتعاش موتورهای یک کارخانه سیمان (نمایشی)." },
  { code: "demo-company-2", reg: "10320841002", fa: "شرکت انرژی‌پایش آذر (نمایشی)", en: "Azar EnergyWatch (demo)", cert: "DEMO-1401-0917", type: "type2", expiresIn: 420, verified: true, county: "osku", sector: "M", served: ["C", "D"], domains: ["energy-efficiency", "iot-electronics"], employees: 11, portfolio: "ممیزی انرژی و پایش برخط مصرف در سه کارخانه غذایی (نمایشی)." },
  { code: "demo-company-3", reg: "10320841003", fa: "شرکت داده‌کاوان صنعت (نمایشی)", en: "Industry Data Miners (demo)", cert: "DEMO-1403-0112", type: "emerging", expiresIn: 500, verified: false, county: "marand", sector: "J", served: ["C", "G"], domains: ["ai-software", "supply-chain-logistics"], employees: 6, portfolio: "پیش‌بینی تقاضا برای یک پخش‌کننده (نمایشی)." },
  { code: "demo-company-4", reg: "10320841004", fa: "شرکت مواد نوین سهند (نمایشی)", en: "Sahand Advanced Materials (demo)", cert: "DEMO-1399-0333", type: "production", expiresIn: -20, verified: true, county: "maragheh", sector: "C", served: ["C"], domains: ["advanced-materials", "chemicals-polymers", "quality-testing"], employees: 25, portfolio: "پوشش‌های ضدسایش برای قالب‌های ریخته‌گری (نمایشی)." },
  { code: "demo-company-5", reg: "10320841005", fa: "شرکت رباتیک ارس (نمایشی)", en: "Aras Robotics (demo)", cert: "DEMO-1402-0780", type: "type1", expiresIn: 200, verified: true, county: "shabestar", sector: "M", served: ["C"], domains: ["automation-robotics", "machinery-manufacturing"], employees: 14, portfolio: "بازوی رباتیک تغذیه پرس برای یک کارخانه لوازم خانگی (نمایشی)." },
];
const INDUSTRIES = [
  { code: "demo-industry", reg: "10861234001", fa: "واحد صنعتی نمونه (نمایشی)", en: "Demo industrial enterprise", sector: "C", size: "medium", county: "tabriz", employees: 140, products: "قطعات ریخته‌گری و ماشین‌کاری خودرو (نمایشی)" },
  { code: "demo-industry-2", reg: "10861234002", fa: "صنایع غذایی ارس (نمایشی)", en: "Aras Food Industries (demo)", sector: "C", size: "small", county: "jolfa", employees: 45, products: "کنسرو و آب‌میوه (نمایشی)" },
];

type Db = Kysely<any>;

export async function partnershipsDemo(ctx: DemoContext) {
  const db: Db = ctx.db;
  const staff = await db.selectFrom("users").select("id").where("email", "=", "staff@demo.karafarini.ir").executeTakeFirst();
  const industryRep = await db.selectFrom("users").select("id").where("email", "=", "industry@demo.karafarini.ir").executeTakeFirst();
  const companyRep = await db.selectFrom("users").select("id").where("email", "=", "company@demo.karafarini.ir").executeTakeFirst();
  const day = (offset: number) => addDays(ctx.today, offset);
  const at = (offset: number) => tehranInstant(day(offset), 10);

  async function enterprise(reg: string, name: string, county: string, sector: string, size: string, employees: number) {
    const found = await db.selectFrom("enterprises").select("id").where("registration_no", "=", reg).where("merged_into", "is", null).executeTakeFirst();
    if (found) return found.id as number;
    const row = await db.insertInto("enterprises").values({ name, registration_no: reg, kind: "company", county_code: county, sector_code: sector, size_class: size, baseline_headcount: employees })
      .returning("id").executeTakeFirstOrThrow();
    return row.id as number;
  }
  async function unit(kind: "company" | "industry", code: string, fa: string, en: string, county: string, enterpriseId: number) {
    await db.insertInto("org_units").values({ kind, code, name_fa: fa, name_en: en, county_code: county }).onConflict((oc) => oc.column("code").doNothing()).execute();
    const u = await db.selectFrom("org_units").select(["id", "enterprise_id"]).where("code", "=", code).executeTakeFirstOrThrow();
    if (u.enterprise_id == null) await db.updateTable("org_units").set({ enterprise_id: enterpriseId }).where("id", "=", u.id).execute();
    return u.id as number;
  }

  const companyIds: Record<string, number> = {};
  for (const c of COMPANIES) {
    const size = c.employees < 10 ? "micro" : c.employees < 50 ? "small" : "medium";
    const id = await unit("company", c.code, c.fa, c.en, c.county, await enterprise(c.reg, c.fa, c.county, c.sector, size, c.employees));
    companyIds[c.code] = id;
    const inserted = await db.insertInto("partner_companies").values({
      org_unit_id: id, certificate_no: c.cert, certificate_type: c.type, certificate_expires_on: day(c.expiresIn), certificate_verified_at: c.verified ? at(-90) : null,
      certificate_verified_by: c.verified ? staff?.id ?? null : null, county_code: c.county, sector_code: c.sector, employees: c.employees, portfolio: c.portfolio,
      sectors_served: c.served, is_demo: true,
    }).onConflict((oc) => oc.column("org_unit_id").doNothing()).returning("org_unit_id").executeTakeFirst();
    if (inserted) await db.insertInto("partner_company_domains").values(c.domains.map((d) => ({ company_id: id, domain_code: d }))).onConflict((oc) => oc.doNothing()).execute();
  }
  const industryIds: Record<string, number> = {};
  for (const i of INDUSTRIES) {
    const id = await unit("industry", i.code, i.fa, i.en, i.county, await enterprise(i.reg, i.fa, i.county, i.sector, i.size, i.employees));
    industryIds[i.code] = id;
    await db.insertInto("partner_industries").values({ org_unit_id: id, sector_code: i.sector, size_class: i.size, county_code: i.county, employees: i.employees, main_products: i.products, is_demo: true })
      .onConflict((oc) => oc.column("org_unit_id").doNothing()).execute();
  }

  const event = (subject: string, subjectId: number, action: string, from: string | null, to: string | null, when: Date, actor: number | null | undefined, note: string | null = null) =>
    db.insertInto("partner_events").values({ subject, subject_id: subjectId, action, from_status: from, to_status: to, note, actor_id: actor ?? null, at: when }).execute();

  async function challenge(c: {
    industry: string; title: string; category: string; description: string; figures: string; expected: string; min: number; max: number; deadline: number;
    status: string; domains: string[]; published: number | null; awarded?: number;
  }) {
    const industryId = industryIds[c.industry];
    const found = await db.selectFrom("partner_challenges").select("id").where("industry_id", "=", industryId).where("title", "=", c.title).executeTakeFirst();
    if (found) return { id: found.id as number, created: false };
    const ind = INDUSTRIES.find((i) => i.code === c.industry)!;
    const row = await db.insertInto("partner_challenges").values({
      industry_id: industryId, category: c.category, title: c.title, description: c.description, current_figures: c.figures, expected_result: c.expected,
      budget_min: c.min * 1_000_000, budget_max: c.max * 1_000_000, deadline: day(c.deadline), visibility: "verified", status: c.status, sector_code: ind.sector,
      county_code: ind.county, domain_count: c.domains.length, published_at: c.published == null ? null : at(c.published), awarded_at: c.awarded == null ? null : at(c.awarded),
      is_demo: true, created_by: industryRep?.id ?? null, created_at: at(c.published == null ? -1 : c.published - 2),
    }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("partner_challenge_domains").values(c.domains.map((d) => ({ challenge_id: row.id, domain_code: d }))).execute();
    await event("challenge", row.id, "create", null, "draft", at(c.published == null ? -1 : c.published - 2), industryRep?.id);
    if (c.published != null) await event("challenge", row.id, "publish", "draft", "open", at(c.published), industryRep?.id);
    return { id: row.id as number, created: true };
  }

  async function proposal(challengeId: number, company: string, p: { approach: string; plan: string; price: number; weeks: number; team: string; status: string; milestones: [string, number][]; when: number; note?: string }) {
    const companyId = companyIds[company];
    const found = await db.selectFrom("partner_proposals").select("id").where("challenge_id", "=", challengeId).where("company_id", "=", companyId).executeTakeFirst();
    if (found) return found.id as number;
    const row = await db.insertInto("partner_proposals").values({
      challenge_id: challengeId, company_id: companyId, approach: p.approach, work_plan: p.plan, milestones: JSON.stringify(p.milestones.map(([title, week]) => ({ title, week }))),
      price: p.price * 1_000_000, duration_weeks: p.weeks, team: p.team, status: p.status, decision_note: p.note ?? null, is_demo: true,
      submitted_by: company === "demo-company" ? companyRep?.id ?? null : null, created_at: at(p.when),
    }).returning("id").executeTakeFirstOrThrow();
    await event("proposal", row.id, "submit", null, "submitted", at(p.when), company === "demo-company" ? companyRep?.id : null);
    return row.id as number;
  }

  async function partnership(challengeId: number, proposalId: number, company: string, industry: string, p: {
    status: string; value: number; starts: number; ends: number; completed?: number; consent: boolean; scope: string;
    milestones: { title: string; due: number; status: string }[];
    results: { metric: string; label: string; unit: string; baseline: number; target: number; measured: number | null }[];
    jobs?: { company: number; industry: number; women: number };
  }) {
    const found = await db.selectFrom("partnerships").select("id").where("challenge_id", "=", challengeId).executeTakeFirst();
    if (found) return found.id as number;
    await db.updateTable("partner_challenges").set({ awarded_proposal_id: proposalId }).where("id", "=", challengeId).execute();
    const row = await db.insertInto("partnerships").values({
      challenge_id: challengeId, proposal_id: proposalId, company_id: companyIds[company], industry_id: industryIds[industry], status: p.status, scope: p.scope,
      contract_value: p.value * 1_000_000, starts_on: day(p.starts), ends_on: day(p.ends), signed_at: at(p.starts - 3), publish_consent: p.consent,
      completed_at: p.completed == null ? null : at(p.completed), is_demo: true, created_at: at(p.starts - 10),
    }).returning("id").executeTakeFirstOrThrow();
    const id = row.id as number;
    await event("partnership", id, "open", null, "proposed", at(p.starts - 10), industryRep?.id);
    await event("partnership", id, "negotiate", "proposed", "negotiating", at(p.starts - 8), industryRep?.id);
    await event("partnership", id, "sign", "negotiating", "signed", at(p.starts - 3), industryRep?.id);
    await event("partnership", id, "start", "signed", "in_progress", at(p.starts), industryRep?.id);
    for (const m of p.milestones) {
      await db.insertInto("partnership_milestones").values({
        partnership_id: id, title: m.title, due_on: day(m.due), status: m.status,
        delivered_at: m.status === "open" ? null : at(Math.min(m.due, 0) - 1), accepted_at: m.status === "accepted" ? at(Math.min(m.due, 0)) : null,
        accepted_by: m.status === "accepted" ? industryRep?.id ?? null : null,
      }).execute();
    }
    for (const r of p.results) {
      await db.insertInto("partnership_results").values({ partnership_id: id, metric: r.metric, label: r.label, unit: r.unit, baseline: r.baseline, target: r.target, measured: r.measured, measured_at: r.measured == null ? null : at((p.completed ?? 0) - 2) }).execute();
    }
    if (p.completed != null) await event("partnership", id, "complete", "in_progress", "completed", at(p.completed), industryRep?.id);
    if (p.jobs) {
      let filed = false;
      // Jobs filed to the ledger as the completing service files them: one report per enterprise,
      // source "partnerships", status reported (staff verify them in the ledger's queue).
      for (const side of ["company", "industry"] as const) {
        const n = side === "company" ? p.jobs.company : p.jobs.industry;
        if (!n) continue;
        const unitId = side === "company" ? companyIds[company] : industryIds[industry];
        const u = await db.selectFrom("org_units").select("enterprise_id").where("id", "=", unitId).executeTakeFirstOrThrow();
        const employees = side === "company" ? COMPANIES.find((c) => c.code === company)!.employees : INDUSTRIES.find((i) => i.code === industry)!.employees;
        const asOf = day(p.completed ?? 0);
        const { jy, jm } = jalaliOf(asOf);
        const ref = `partnerships:${id}:${side}`;
        const existing = await db.selectFrom("employment_reports").select("id").where("external_ref", "=", ref).executeTakeFirst();
        const report = existing ?? await db.insertInto("employment_reports").values({
          enterprise_id: u.enterprise_id, as_of: asOf, jalali_year: jy, jalali_month: jm, source_module: "partnerships", source_id: String(id), external_ref: ref,
          programme: "partnerships", fte_baseline: employees, fte_now: employees + n, created_full_time: n, women: side === "company" ? p.jobs.women : 0,
          created_by: industryRep?.id ?? null,
        }).returning("id").executeTakeFirstOrThrow();
        if (!existing) {
          filed = true;
          await db.insertInto("employment_report_events").values({ report_id: report.id, actor_id: industryRep?.id ?? null, from_status: null, to_status: "reported", note: null }).execute();
          await db.updateTable("partnerships").set(side === "company" ? { company_report_id: report.id } : { industry_report_id: report.id }).where("id", "=", id).execute();
        }
      }
      // The ledger's cached read models follow its version (as bumpLedgerVersion does).
      if (filed) await sql`INSERT INTO settings (key, value, updated_at) VALUES ('employment.ledger_version', to_jsonb(1), now())
        ON CONFLICT (key) DO UPDATE SET value = to_jsonb((settings.value #>> '{}')::bigint + 1), updated_at = now()`.execute(db);
    }
    return id;
  }

  // An open quality challenge of the demo industry, with two proposals waiting.
  const open = await challenge({
    industry: "demo-industry", title: "کاهش ضایعات خط ریخته‌گری (نمایشی)", category: "quality",
    description: "در خط ریخته‌گری آلومینیوم، ترک و تخلخل قطعات دیر تشخیص داده می‌شود و بازرسی چشمی کند است (نمایشی).",
    figures: "نرخ ضایعات ۶٪ و بازرسی دستی ۴۰ ثانیه برای هر قطعه", expected: "کاهش نرخ ضایعات از ۶٪ به ۲٪ در شش ماه", min: 800, max: 2500, deadline: 25,
    status: "open", domains: ["automation-robotics", "quality-testing"], published: -5,
  });
  if (open.created) await db.insertInto("partner_invitations").values({ challenge_id: open.id, company_id: companyIds["demo-company-5"], invited_by: industryRep?.id ?? null, invited_at: at(-5) }).execute();
  await proposal(open.id, "demo-company-5", {
    approach: "ربات برداشت و بازرسی با حسگر لیزری روی خط (نمایشی)", plan: "طراحی سلول رباتیک، ساخت، نصب و آموزش اپراتورها", price: 2200, weeks: 24,
    team: "دو مهندس رباتیک و یک برنامه‌نویس PLC", status: "submitted", milestones: [["طراحی سلول", 6], ["نصب و راه‌اندازی", 20], ["آموزش و تحویل", 24]], when: -3,
  });
  await proposal(open.id, "demo-company-2", {
    approach: "پایش دمای قالب با حسگرهای بی‌سیم برای پیشگیری از تخلخل (نمایشی)", plan: "نصب حسگرها، داشبورد هشدار، تنظیم فرایند", price: 900, weeks: 12,
    team: "یک مهندس ابزار دقیق و یک تحلیلگر داده", status: "submitted", milestones: [["نصب حسگرها", 4], ["داشبورد و هشدار", 12]], when: -2,
  });

  // A running partnership of the demo company and industry: one milestone accepted, one delivered
  // (waiting for the industry), one due in ten days.
  const running = await challenge({
    industry: "demo-industry", title: "پایش هوشمند توقفات خط ماشین‌کاری (نمایشی)", category: "productivity",
    description: "توقف‌های کوتاه دستگاه‌های CNC ثبت نمی‌شود و علت آن‌ها معلوم نیست (نمایشی).", figures: "بهره‌وری کلی تجهیزات (OEE) ۶۲٪",
    expected: "افزایش OEE از ۶۲٪ به ۷۵٪", min: 600, max: 1500, deadline: -40, status: "awarded", domains: ["iot-electronics", "ai-software", "automation-robotics"], published: -70, awarded: -38,
  });
  const runningProposal = await proposal(running.id, "demo-company", {
    approach: "ثبت خودکار توقف‌ها با حسگر جریان و طبقه‌بندی علت با یادگیری ماشین (نمایشی)", plan: "نصب حسگر روی ۱۲ دستگاه، داشبورد OEE، مدل علت‌یابی", price: 1200, weeks: 20,
    team: "یک مهندس برق، یک مهندس داده و یک کارشناس بهره‌وری", status: "awarded", milestones: [["نصب حسگرها", 5], ["داشبورد OEE", 10], ["مدل علت‌یابی", 20]], when: -50,
  });
  await proposal(running.id, "demo-company-3", {
    approach: "تحلیل داده‌های تعمیرات و برنامه تولید (نمایشی)", plan: "گردآوری داده، تحلیل، گزارش", price: 700, weeks: 10, team: "دو تحلیلگر داده",
    status: "declined", milestones: [["گزارش تحلیل", 10]], when: -48, note: "راهکار بدون حسگر پاسخ‌گوی ثبت خودکار نبود (نمایشی).",
  });
  await partnership(running.id, runningProposal, "demo-company", "demo-industry", {
    status: "in_progress", value: 1150, starts: -30, ends: 110, consent: false, scope: "ثبت خودکار توقفات ۱۲ دستگاه CNC و داشبورد OEE (نمایشی)",
    milestones: [
      { title: "نصب حسگرها روی ۱۲ دستگاه (نمایشی)", due: -5, status: "accepted" },
      { title: "داشبورد OEE (نمایشی)", due: 3, status: "delivered" },
      { title: "مدل علت‌یابی توقفات (نمایشی)", due: 10, status: "open" },
    ],
    results: [{ metric: "productivity", label: "OEE خط ماشین‌کاری", unit: "٪", baseline: 62, target: 75, measured: null }],
  });

  // A completed partnership with measured results, jobs in the ledger and the industry's consent.
  const done = await challenge({
    industry: "demo-industry", title: "کاهش ضایعات رنگ‌کاری قطعات (نمایشی)", category: "quality",
    description: "لایه رنگ بخشی از قطعات ناهمگن است و دوباره‌کاری زیاد است (نمایشی).", figures: "نرخ ضایعات رنگ ۵٪", expected: "کاهش نرخ ضایعات رنگ از ۵٪ به ۲٪",
    min: 500, max: 1200, deadline: -200, status: "awarded", domains: ["quality-testing", "ai-software"], published: -230, awarded: -195,
  });
  const doneProposal = await proposal(done.id, "demo-company", {
    approach: "بازرسی تصویری ضخامت و یکنواختی رنگ با دوربین صنعتی (نمایشی)", plan: "نصب دوربین، آموزش مدل، اتصال به خط", price: 950, weeks: 16,
    team: "دو مهندس بینایی ماشین", status: "awarded", milestones: [["نصب دوربین", 5], ["مدل بازرسی", 12], ["تحویل", 16]], when: -215,
  });
  await partnership(done.id, doneProposal, "demo-company", "demo-industry", {
    status: "completed", value: 900, starts: -180, ends: -60, completed: -50, consent: true, scope: "بازرسی تصویری رنگ در خط رنگ‌کاری (نمایشی)",
    milestones: [
      { title: "نصب دوربین‌ها (نمایشی)", due: -150, status: "accepted" },
      { title: "مدل بازرسی رنگ (نمایشی)", due: -100, status: "accepted" },
    ],
    results: [
      { metric: "defect_rate", label: "نرخ ضایعات رنگ", unit: "٪", baseline: 5, target: 2, measured: 1.8 },
      { metric: "productivity", label: "قطعه در ساعت خط رنگ", unit: "قطعه", baseline: 110, target: 125, measured: 121 },
    ],
    jobs: { company: 2, industry: 3, women: 1 },
  });

  // Another industry's completed energy partnership (another category on the showcase).
  const energy = await challenge({
    industry: "demo-industry-2", title: "کاهش مصرف انرژی خط تولید کنسرو (نمایشی)", category: "energy",
    description: "مصرف گاز دیگ‌های بخار و برق کمپرسورها بالاست (نمایشی).", figures: "۱۲۰۰ کیلووات‌ساعت برای هر تن محصول", expected: "کاهش به ۱۰۰۰ کیلووات‌ساعت برای هر تن",
    min: 300, max: 900, deadline: -160, status: "awarded", domains: ["energy-efficiency", "iot-electronics"], published: -190, awarded: -150,
  });
  const energyProposal = await proposal(energy.id, "demo-company-2", {
    approach: "ممیزی انرژی و کنترل هوشمند کمپرسورها (نمایشی)", plan: "ممیزی، نصب کنترل‌گر، پایش", price: 600, weeks: 14, team: "یک مهندس انرژی و یک تکنسین",
    status: "awarded", milestones: [["ممیزی", 4], ["نصب کنترل‌گر", 10], ["پایش", 14]], when: -170,
  });
  await partnership(energy.id, energyProposal, "demo-company-2", "demo-industry-2", {
    status: "completed", value: 580, starts: -140, ends: -40, completed: -30, consent: true, scope: "کنترل هوشمند کمپرسورها و دیگ بخار (نمایشی)",
    milestones: [{ title: "نصب کنترل‌گر کمپرسورها (نمایشی)", due: -90, status: "accepted" }],
    results: [{ metric: "energy_use", label: "انرژی برای هر تن محصول", unit: "kWh", baseline: 1200, target: 1000, measured: 950 }],
  });

  // A draft, to show the first step.
  await challenge({
    industry: "demo-industry", title: "بازاریابی صادراتی قطعات به کشورهای همسایه (نمایشی)", category: "marketing",
    description: "برای صادرات قطعات به بازارهای همسایه شناختی از خریداران نداریم (نمایشی).", figures: "صادرات: صفر", expected: "دست‌کم دو قرارداد صادراتی در یک سال",
    min: 200, max: 700, deadline: 40, status: "draft", domains: ["digital-marketing"], published: null,
  });

  for (const id of Object.values(companyIds)) await db.transaction().execute((trx) => refreshCompanyRollups(trx as never, id));
}
