import { sql } from "kysely";
import { DEMO_MARK, insertChunksReturningIds, isoOfJalali, jalaliOf, tehranInstant, addDays, type DemoContext, type Random } from "./kit";

// Employment (module 6): the living ledger of the demo province (issue 17).
//  - Allocations of the 1401 target (the reference publishes none, so the demo invents one: is_demo).
//  - 480 demo enterprises (registration_no 'demo-ent-NNNN') in all 21 counties, for the 13 agencies,
//    with verified, pending and a few rejected reports in every programme: 1401 adds up near the
//    45,000 commitment (against the raised 52,000 target) and the current year runs a little behind a
//    demo target (its revision says so), so the dashboards, the queue and the run-rate are alive.
// Deterministic (ctx.random, dates from ctx.today), bulk (a few statements), idempotent (the first demo
// enterprise is the marker; the counted rollup is filled only for demo reports and the ledger version bumped).
const DEMO_AGENCY_SHARES: Record<string, number> = {
  "cooperatives-labour": 15000, agriculture: 9000, "industry-mine-trade": 8000, "heritage-tourism": 3000, "relief-committee": 5000,
  welfare: 3000, "technical-vocational": 2000, "industrial-estates": 2000, "science-park": 1000, ict: 1000,
  "housing-foundation": 1000, "sports-youth": 500, governorate: 1500,
};
const PROGRAMME_SHARES: [string, number][] = [
  ["ideas", 5], ["cases", 8], ["cooperatives", 16], ["clusters", 9], ["partnerships", 6], ["chairs", 3], ["placements", 14], ["micro", 20], ["training", 11], ["other", 8],
];
const ENTERPRISES = 480;
/** Jobs reported for 1401: about 92% end up verified, near the 45,000 commitment (under the raised 52,000). */
const REPORTED_1401 = 48_400;
/** The demo target of the current year and the share of it verified by today's run-rate. */
const CURRENT_TARGET = 50_000;
const CURRENT_PACE = 0.93;
/** Of the jobs planned for the current year, the share verified so far (some enterprises have not reported, recent reports wait). */
const CURRENT_VERIFIED_SHARE = 0.74;

const PRODUCTS: Record<string, string[]> = {
  A: ["گلخانه", "دامپروری", "پرورش قارچ", "باغ گردو", "زنبورداری"],
  C: ["فرش دستباف", "قطعات خودرو", "کفش", "مبلمان", "بسته‌بندی خشکبار", "پوشاک", "لبنیات"],
  F: ["مصالح ساختمانی", "پیمانکاری ساختمان"],
  G: ["پخش مواد غذایی", "فروشگاه زنجیره‌ای"],
  H: ["حمل‌ونقل بار", "انبار سرد"],
  I: ["اقامتگاه بوم‌گردی", "رستوران سنتی"],
  J: ["نرم‌افزار", "خدمات فناوری اطلاعات"],
  M: ["مهندسی مشاور", "طراحی صنعتی"],
  Q: ["مرکز مراقبت در منزل", "توان‌بخشی"],
  R: ["صنایع دستی", "آموزشگاه هنر"],
};
const SECTOR_WEIGHTS: [string, number][] = [["A", 20], ["C", 30], ["F", 6], ["G", 10], ["H", 5], ["I", 9], ["J", 7], ["M", 4], ["Q", 4], ["R", 5]];
const KIND_PREFIX: Record<string, string> = { company: "شرکت", cooperative: "تعاونی", self_employed: "کارگاه", home_business: "کسب‌وکار خانگی" };
const GROUPS = ["unemployed-graduates", "marginal-areas", "low-income-deciles", "support-institution-clients", "women-heads-of-household", "persons-with-disabilities", "rural-youth"];

interface Enterprise { id: number; county: string; agency: string; programme: string; jobs1401: number; jobsNow: number; women: number; groups: string[] }

/** Splits FTE jobs into full-time, part-time (two make one) and temporary person-months (twelve make one). */
function split(jobs: number, r: Random) {
  const part = jobs >= 4 && r.chance(0.4) ? Math.max(1, Math.floor(jobs * 0.1)) : 0;
  return { full: jobs - part, part: part * 2, temp: 0 };
}

/** A Jalali month in 1..upTo, later months more often (the year gathers pace). */
function month(r: Random, upTo: number) {
  return r.weighted(Array.from({ length: upTo }, (_, i) => [i + 1, 4 + i] as const));
}

export async function employmentDemo(ctx: DemoContext) {
  await allocations(ctx);
  const { db } = ctx;
  if (await db.selectFrom("enterprises").select("id").where("registration_no", "=", "demo-ent-0001").executeTakeFirst()) return;
  const counties = (await db.selectFrom("counties").select(["code", "name_fa"]).orderBy("sort_order").execute()) as { code: string; name_fa: string }[];
  const staff = await ctx.userId("staff@demo.karafarini.ir");
  const r = ctx.random("employment");
  const agencies = await agencyShares(ctx);

  // Enterprises: Tabriz holds about a third, every county at least a dozen.
  const rows: Record<string, unknown>[] = [];
  const plan: Omit<Enterprise, "id">[] = [];
  const weights: number[] = [];
  for (let i = 0; i < ENTERPRISES; i++) {
    const county = i < counties.length * 12 ? counties[i % counties.length] : r.weighted(counties.map((c) => [c, c.code === "tabriz" ? 12 : 1] as const));
    const sector = r.weighted(SECTOR_WEIGHTS);
    const agency = i < agencies.length ? agencies[i][0] : r.weighted(agencies);
    const programme = i < PROGRAMME_SHARES.length ? PROGRAMME_SHARES[i][0] : r.weighted(PROGRAMME_SHARES);
    const kind = r.weighted([["company", 4], ["cooperative", 3], ["self_employed", 2], ["home_business", 1]] as const);
    const w = Math.exp(r.next() * 4.2); // a long tail: many small enterprises, a few large ones
    weights.push(w);
    const n = String(i + 1).padStart(4, "0");
    rows.push({
      registration_no: `demo-ent-${n}`, name: `${KIND_PREFIX[kind]} ${r.pick(PRODUCTS[sector])} ${county.name_fa} ${DEMO_MARK}`, kind,
      county_code: county.code, sector_code: sector, agency_code: agency, size_class: "micro", baseline_headcount: r.int(0, 12), created_by: staff,
    });
    plan.push({ county: county.code, agency, programme, jobs1401: 0, jobsNow: 0, women: 0, groups: r.chance(0.35) ? [r.pick(GROUPS)] : [] });
  }
  const sum = weights.reduce((s, w) => s + w, 0);
  const factor = ctx.year > 1401 ? (CURRENT_TARGET * CURRENT_PACE * elapsedShare(ctx)) / (REPORTED_1401 * CURRENT_VERIFIED_SHARE) : 0;
  plan.forEach((p, i) => {
    p.jobs1401 = Math.max(1, Math.round((weights[i] / sum) * REPORTED_1401));
    p.jobsNow = Math.max(1, Math.round(p.jobs1401 * factor * (0.6 + r.next() * 0.8)));
    p.women = Math.round(p.jobs1401 * (0.2 + r.next() * 0.3));
    const size = p.jobs1401 + Number(rows[i].baseline_headcount);
    rows[i].size_class = size < 10 ? "micro" : size < 50 ? "small" : size < 250 ? "medium" : "large";
  });
  const ids = await insertChunksReturningIds(db, "enterprises", rows);
  const enterprises: Enterprise[] = plan.map((p, i) => ({ ...p, id: ids[i] }));

  // Reports: one a year an enterprise (a few also have a later update waiting for verification).
  const reports: Record<string, unknown>[] = [];
  const today = jalaliOf(ctx.today);
  let ref = 0;
  const report = (e: Enterprise, jy: number, jm: number, jobs: number, status: "verified" | "reported" | "rejected") => {
    const asOf = isoOfJalali(jy, jm, r.int(1, jm <= 6 ? 31 : jm <= 11 ? 30 : 29));
    const asOfCapped = asOf > ctx.today ? ctx.today : asOf;
    const filed = addDays(asOfCapped, r.int(2, 12));
    const filedOn = filed > ctx.today ? ctx.today : filed;
    const decided = addDays(filedOn, r.int(3, 20));
    const decidedOn = decided > ctx.today ? ctx.today : decided;
    const s = split(jobs, r);
    const retained = Math.round(jobs * r.next() * 0.5);
    reports.push({
      enterprise_id: e.id, as_of: asOfCapped, jalali_year: jy, jalali_month: jm, source_module: "import", external_ref: `demo-emp-${++ref}`, programme: e.programme,
      fte_baseline: retained, fte_now: jobs + retained, created_full_time: s.full, created_part_time: s.part, created_temp_months: s.temp, retained_full_time: retained,
      women: Math.min(e.women, jobs), priority_groups: e.groups, status,
      verified_by: status === "reported" ? null : staff, verified_at: status === "reported" ? null : tehranInstant(decidedOn, 11),
      verification_note: status === "rejected" ? `مدارک بیمه با تعداد شاغلان همخوان نیست ${DEMO_MARK}` : null,
      created_by: staff, created_at: tehranInstant(filedOn, 9),
    });
  };
  for (const e of enterprises) {
    const roll = r.next();
    report(e, 1401, month(r, 12), e.jobs1401, roll < 0.93 ? "verified" : roll < 0.97 ? "reported" : "rejected");
    if (ctx.year > 1401 && r.chance(0.9)) {
      const jm = month(r, today.jm);
      const recent = jm >= today.jm - 1;
      report(e, ctx.year, jm, e.jobsNow, recent && r.chance(0.45) ? "reported" : r.chance(0.02) ? "rejected" : "verified");
    }
  }
  await insertChunksReturningIds(db, "employment_reports", reports, 400);

  // History (reported, then the decision) and the counted rollup, set-based over the demo reports only.
  await sql`INSERT INTO employment_report_events (report_id, at, actor_id, from_status, to_status, note)
    SELECT id, created_at, created_by, NULL, 'reported', NULL FROM employment_reports WHERE external_ref LIKE 'demo-emp-%'
    UNION ALL
    SELECT id, verified_at, verified_by, 'reported', status, verification_note FROM employment_reports WHERE external_ref LIKE 'demo-emp-%' AND status <> 'reported'`.execute(db);
  await sql`INSERT INTO employment_counted (enterprise_id, jalali_year, report_id, jalali_month, county_code, agency_code, sector_code,
      programme, jobs_created, jobs_retained, women, priority_groups)
    SELECT DISTINCT ON (r.enterprise_id, r.jalali_year) r.enterprise_id, r.jalali_year, r.id, r.jalali_month, e.county_code,
      e.agency_code, e.sector_code, r.programme, r.jobs_created, r.jobs_retained, r.women, r.priority_groups
    FROM employment_reports r JOIN enterprises e ON e.id = r.enterprise_id
    WHERE r.status = 'verified' AND r.superseded_by IS NULL AND r.external_ref LIKE 'demo-emp-%'
    ORDER BY r.enterprise_id, r.jalali_year, r.as_of DESC, r.id DESC
    ON CONFLICT (jalali_year, enterprise_id) DO NOTHING`.execute(db);
  // Cached dashboard numbers are keyed by the ledger version (employment queries' bumpLedgerVersion).
  await sql`INSERT INTO settings (key, value, updated_at) VALUES ('employment.ledger_version', to_jsonb(1), now())
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb((settings.value #>> '{}')::bigint + 1), updated_at = now()`.execute(db);
}

/** Every agency of the reference data with its demo share (agencies added later get a small one). */
async function agencyShares({ db }: DemoContext): Promise<[string, number][]> {
  const codes = (await db.selectFrom("agencies").select("code").orderBy("code").execute()).map((a: { code: string }) => a.code);
  return codes.map((code) => [code, DEMO_AGENCY_SHARES[code] ?? 500]);
}

/** The share of the current Jalali year gone by today (0..1). */
function elapsedShare(ctx: DemoContext) {
  const start = isoOfJalali(ctx.year, 1, 1);
  const end = isoOfJalali(ctx.year + 1, 1, 1);
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  return Math.min(1, Math.max(0.05, (day(ctx.today) - day(start)) / (day(end) - day(start))));
}

/** Demo allocations of 1401 (agencies, counties, programmes) and a demo target of the current year with its allocations. */
async function allocations(ctx: DemoContext) {
  const { db, year, today } = ctx;
  const agencies = await agencyShares(ctx);
  const target = await db.selectFrom("job_targets").select(["jalali_year", "current_target"]).where("jalali_year", "=", 1401).executeTakeFirst();
  if (!target) return;
  const counties = (await db.selectFrom("counties").select("code").orderBy("sort_order").execute()).map((c: { code: string }) => c.code);
  const rows: { jalali_year: number; dimension: string; code: string; amount: number; is_demo: boolean; note: string }[] = [];
  const share = (y: number, total: number) => {
    const scale = total / agencies.reduce((sum, [, a]) => sum + a, 0); // shares of the whole target
    for (const [code, amount] of agencies) rows.push({ jalali_year: y, dimension: "agency", code, amount: Math.floor(amount * scale), is_demo: true, note: "demo" });
    // Counties: Tabriz 40%, the rest shared equally, the remainder to the last county.
    const tabriz = Math.round(total * 0.4);
    const others = counties.filter((c: string) => c !== "tabriz");
    const each = Math.floor((total - tabriz) / Math.max(1, others.length));
    others.forEach((code: string, i: number) => {
      rows.push({ jalali_year: y, dimension: "county", code, amount: i === others.length - 1 ? total - tabriz - each * (others.length - 1) : each, is_demo: true, note: "demo" });
    });
    if (counties.includes("tabriz")) rows.push({ jalali_year: y, dimension: "county", code: "tabriz", amount: tabriz, is_demo: true, note: "demo" });
    const weight = PROGRAMME_SHARES.reduce((s, [, w]) => s + w, 0);
    for (const [code, w] of PROGRAMME_SHARES) rows.push({ jalali_year: y, dimension: "programme", code, amount: Math.round((total * w) / weight), is_demo: true, note: "demo" });
  };
  share(1401, target.current_target as number);
  if (year > 1401) {
    const made = await db.insertInto("job_targets")
      .values({ jalali_year: year, starts_on: isoOfJalali(year, 1, 1), ends_on: addDays(isoOfJalali(year + 1, 1, 1), -1), current_target: CURRENT_TARGET })
      .onConflict((oc) => oc.column("jalali_year").doNothing())
      .returning("jalali_year")
      .executeTakeFirst();
    // Only a target the demo made gets the demo revision (a year staff opened keeps its own history).
    if (made) await db.insertInto("job_target_revisions")
      .values({
        jalali_year: year, revised_on: isoOfJalali(year, 1, 1) > today ? today : isoOfJalali(year, 1, 1), amount: CURRENT_TARGET, kind: "commitment",
        note_fa: `هدف نمایشی سال جاری ${DEMO_MARK}`, note_en: "Demo target of the current year (demo data)", seed_key: `demo:${year}`,
      })
      .onConflict((oc) => oc.column("seed_key").doNothing())
      .execute();
    share(year, CURRENT_TARGET);
  }
  await db.insertInto("job_target_allocations").values(rows).onConflict((oc) => oc.columns(["jalali_year", "dimension", "code"]).doNothing()).execute();
}
