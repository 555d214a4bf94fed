import { addDays, DEMO_MARK, insertChunks, insertChunksReturningIds, tehranInstant, type DemoContext } from "./kit";

// The agencies' agenda (issue 14): obstacles on demo cases and ledger enterprises, held by the agencies
// of the reference list: open ones (some overdue, three escalated to the working group), resolved ones
// spread over the last ten months (the trend and the medians) and a few unresolvable. Each has its
// "raise" event (and its closing event). Obstacles never report jobs. Idempotent: nothing is added
// when demo obstacles exist.

const CATEGORY_AGENCY: [string, string][] = [
  ["financing", "banks"], ["permit", "industry-mine-trade"], ["land", "industrial-estates"], ["utilities", "governorate"],
  ["regulation", "cooperatives-labour"], ["tax_insurance", "cooperatives-labour"], ["customs", "industry-mine-trade"], ["other", "agriculture"],
  ["permit", "agriculture"], ["permit", "heritage-tourism"], ["financing", "relief-committee"],
];
const TEXT: Record<string, string> = {
  financing: "تسهیلات سرمایه در گردش در بانک عامل معطل مانده است",
  permit: "صدور پروانه بهره‌برداری بیش از سه ماه طول کشیده است",
  land: "واگذاری زمین در شهرک صنعتی انجام نشده است",
  utilities: "انشعاب برق صنعتی هنوز وصل نشده است",
  regulation: "بخشنامه تازه مانع تمدید قرارداد کارکنان شده است",
  tax_insurance: "بدهی بیمه‌ای مانع دریافت مفاصاحساب شده است",
  customs: "مواد اولیه وارداتی در گمرک مانده است",
  other: "تأمین نهاده‌های کشاورزی با تأخیر انجام می‌شود",
};

export async function agendaDemo(ctx: DemoContext) {
  await obstaclesDemo(ctx);
  await advantagesDemo(ctx);
}

async function obstaclesDemo(ctx: DemoContext) {
  const { db } = ctx;
  if (await db.selectFrom("obstacles").select("id").where("is_demo", "=", true).executeTakeFirst()) return;
  const r = ctx.random("agenda");
  const staff = await ctx.userId("staff@demo.karafarini.ir");
  const bank = await ctx.userId("bank@demo.karafarini.ir");
  const cases = await db.selectFrom("cases").select(["id", "county_code", "entrepreneur_id"]).where("registration_no", "like", "demo-case-%").orderBy("id").limit(40).execute();
  const enterprises = await db.selectFrom("enterprises").select(["id", "county_code"]).where("merged_into", "is", null).orderBy("id").limit(40).execute();
  const subjects = [
    ...cases.map((c: { id: number; county_code: string | null }) => ({ kind: "case", id: c.id, county: c.county_code })),
    ...enterprises.map((e: { id: number; county_code: string | null }) => ({ kind: "enterprise", id: e.id, county: e.county_code })),
  ];
  if (!subjects.length) return;
  const agencies = new Set((await db.selectFrom("agencies").select("code").execute()).map((a: { code: string }) => a.code));
  const rows: Record<string, unknown>[] = [];
  const closing: { status: string; closed_on: string | null; note: string | null }[] = [];
  for (let i = 0; i < 60; i++) {
    const s = subjects[i % subjects.length];
    const [category, agency] = r.pick(CATEGORY_AGENCY);
    if (!agencies.has(agency)) continue;
    const kind = i < 32 ? "open" : i < 54 ? "resolved" : "unresolvable";
    const age = kind === "open" ? r.int(2, 80) : r.int(40, 300);
    const raised = addDays(ctx.today, -age);
    const closed = kind === "open" ? null : addDays(raised, Math.min(age - 1, r.int(5, 60)));
    const status = kind === "open" ? r.pick(["open", "assigned", "in_progress"] as const) : kind;
    const note = kind === "resolved" ? `مکاتبه و پیگیری انجام شد و مانع برطرف شد ${DEMO_MARK}` : kind === "unresolvable" ? `در اختیار استان نیست ${DEMO_MARK}` : null;
    rows.push({
      subject_kind: s.kind, subject_id: s.id, county_code: s.county, category, agency_code: agency, description: `${TEXT[category]} ${DEMO_MARK}`,
      jobs_created: r.int(0, 8), jobs_retained: r.int(1, 20), began_on: addDays(raised, -r.int(0, 20)), raised_on: raised, due_on: addDays(raised, 30),
      status, assignee_id: status === "open" ? null : agency === "banks" ? bank : null, raised_by: staff, closed_on: closed, closing_note: note,
      escalated_on: kind === "open" && age > 40 && i % 4 === 0 ? addDays(raised, 35) : null,
      escalation_note: kind === "open" && age > 40 && i % 4 === 0 ? `بیش از یک ماه بی‌پاسخ ${DEMO_MARK}` : null,
      escalated_by: kind === "open" && age > 40 && i % 4 === 0 ? staff : null, is_demo: true,
    });
    closing.push({ status, closed_on: closed, note });
  }
  const ids = await insertChunksReturningIds(db, "obstacles", rows);
  const events: Record<string, unknown>[] = [];
  ids.forEach((id, i) => {
    const o = rows[i];
    events.push({ obstacle_id: id, action: "raise", from_status: null, to_status: "open", actor_id: staff, note: null, at: tehranInstant(o.raised_on as string, 9) });
    if (closing[i].closed_on) events.push({ obstacle_id: id, action: closing[i].status === "resolved" ? "resolve" : "unresolvable", from_status: "in_progress", to_status: closing[i].status, actor_id: o.assignee_id ?? staff, note: closing[i].note, at: tehranInstant(closing[i].closed_on!, 14) });
  });
  await insertChunks(db, "obstacle_events", events);
}

// Sector advantages: 24 over six agencies in every status; the offered and activated ones point at demo
// programmes (open calls, courses, challenges) when there are some, so their ledger jobs show beside
// them; most are published. No jobs are stored on an advantage. Idempotent: nothing is added when demo
// advantages exist.
const ADVANTAGES: [agency: string, sector: string, isic: string, activity: string, area: string, programme: string][] = [
  ["agriculture", "A", "0113", "کشت گلخانه‌ای سبزی و صیفی به جای کشت باز", "rural", "call"],
  ["agriculture", "A", "0146", "پرورش طیور بومی در روستاهای کم‌آب", "rural", "course"],
  ["agriculture", "A", "0322", "آبزی‌پروری در استخرهای ذخیره آب کشاورزی", "rural", "call"],
  ["agriculture", "C", "1030", "فرآوری و بسته‌بندی خشکبار", "both", "cooperative"],
  ["industry-mine-trade", "B", "0810", "ظرفیت خالی معادن سنگ ساختمانی", "rural", "challenge"],
  ["industry-mine-trade", "C", "2220", "ساخت قطعات پلاستیکی برای صنعت خودرو", "urban", "challenge"],
  ["industry-mine-trade", "C", "1392", "فرش و منسوجات دستباف برای صادرات", "both", "cluster"],
  ["industry-mine-trade", "C", "2511", "سازه‌های فلزی پیش‌ساخته", "urban", "call"],
  ["heritage-tourism", "I", "5510", "اقامتگاه‌های بوم‌گردی در روستاهای هدف گردشگری", "rural", "course"],
  ["heritage-tourism", "C", "3212", "صنایع‌دستی و زیورآلات سنتی", "both", "course"],
  ["cooperatives-labour", "C", "1410", "تعاونی‌های تولید پوشاک زنان سرپرست خانوار", "urban", "cooperative"],
  ["cooperatives-labour", "N", "8121", "خدمات نظافت و نگهداری ساختمان", "urban", "course"],
]
const ADV_STATUSES = ["identified", "studied", "offered", "activated", "dropped", "offered", "activated", "identified"] as const;

async function advantagesDemo(ctx: DemoContext) {
  const { db } = ctx;
  if (await db.selectFrom("advantages").select("id").where("is_demo", "=", true).executeTakeFirst()) return;
  const r = ctx.random("agenda-advantages");
  const agencies = new Set((await db.selectFrom("agencies").select("code").execute()).map((a: { code: string }) => a.code));
  const counties = (await db.selectFrom("counties").select("code").orderBy("code").execute()).map((c: { code: string }) => c.code);
  const sectors = new Set((await db.selectFrom("sectors").select("code").execute()).map((s: { code: string }) => s.code));
  const officer = (await ctx.userId("agri@demo.karafarini.ir")) ?? (await ctx.userId("staff@demo.karafarini.ir"));
  if (!counties.length || !officer) return;
  const programmes: Record<string, number[]> = {
    call: (await db.selectFrom("calls").select("id").where("status", "=", "open").orderBy("id").limit(5).execute()).map((x: { id: number }) => x.id),
    course: (await db.selectFrom("training_courses").select("id").where("status", "in", ["open", "running"]).orderBy("id").limit(5).execute()).map((x: { id: number }) => x.id),
    challenge: (await db.selectFrom("partner_challenges").select("id").where("status", "in", ["open", "reviewing_proposals", "awarded"]).orderBy("id").limit(5).execute()).map((x: { id: number }) => x.id),
  };
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 24; i++) {
    const [agency, sector, isic, activity, area, programme] = ADVANTAGES[i % ADVANTAGES.length];
    if (!agencies.has(agency) || !sectors.has(sector)) continue;
    let status: string = ADV_STATUSES[i % ADV_STATUSES.length];
    const linked = programmes[programme]?.length ? r.pick(programmes[programme]) : null;
    // Offered and activated ones need a programme of their kind; without one (no demo cluster yet) they stay studied.
    if ((status === "offered" || status === "activated") && !linked) status = "studied";
    const start = r.int(0, counties.length - 1);
    rows.push({
      agency_code: agency, sector_code: sector, isic_code: isic, activity: i < ADVANTAGES.length ? activity : `${activity} (مرحله دوم)`,
      county_codes: [counties[start], counties[(start + 3) % counties.length]].filter((c, k, all) => all.indexOf(c) === k), area,
      description: `${activity} با استفاده از ظرفیت‌های شناسایی‌شده دستگاه ${DEMO_MARK}`, potential_jobs: r.int(10, 250), investment_rials: r.int(5, 400) * 1_000_000_000,
      programme_kind: programme, programme_id: status === "offered" || status === "activated" ? linked : null, status,
      drop_reason: status === "dropped" ? `بازار فروش پایدار پیدا نشد ${DEMO_MARK}` : null,
      how_to_join: `از راه ${programme === "call" ? "فراخوان ایده" : programme === "course" ? "دوره آموزشی" : "دستگاه مسئول"} ثبت‌نام کنید ${DEMO_MARK}`,
      published: status !== "identified" && status !== "dropped", created_by: officer, is_demo: true,
    });
  }
  const ids = await insertChunksReturningIds(db, "advantages", rows);
  const steps: Record<string, string[]> = { identified: [], studied: ["study"], offered: ["study", "offer"], activated: ["study", "offer", "activate"], dropped: ["drop"] };
  const to: Record<string, string> = { study: "studied", offer: "offered", activate: "activated", drop: "dropped" };
  const events: Record<string, unknown>[] = [];
  ids.forEach((id, i) => {
    const day = addDays(ctx.today, -r.int(60, 200));
    events.push({ advantage_id: id, action: "record", from_status: null, to_status: "identified", actor_id: officer, note: null, at: tehranInstant(day, 10) });
    let from = "identified";
    steps[rows[i].status as string].forEach((a, k) => {
      events.push({ advantage_id: id, action: a, from_status: from, to_status: to[a], actor_id: officer, note: a === "drop" ? rows[i].drop_reason : null, at: tehranInstant(addDays(day, 10 * (k + 1)), 11) });
      from = to[a];
    });
  });
  await insertChunks(db, "advantage_events", events);
}
