import { searchForm } from "../../../app/i18n/normalise";
import { insertDemoUsers } from "./users";
import { DEMO_DOMAIN, DEMO_MARK, addDays, insertChunks, insertChunksReturningIds, tehranInstant, type DemoContext } from "./kit";

// Ideas (module 1): two demo calls beside the standing one and 64 ideas from demo entrepreneurs in
// every status (draft to accepted/rejected, with revisions), reviewed by demo reviewers with scores on
// every criterion, some reviews overdue, and the status history of each. The demo reviewers and
// entrepreneurs are their own people (not the README's demo logins, whose journeys the end-to-end tests
// walk); the cases seed reuses them. Idempotent: the demo calls' seed_keys are the marker.

export const DEMO_ENTREPRENEURS = [
  "سارا محمدی", "علی رضایی", "مریم حسینی", "حسین کریمی", "زهرا احمدی", "رضا نوری", "فاطمه جعفری", "مهدی صادقی", "نرگس قاسمی", "امیر باقری", "لیلا رحیمی", "یوسف عباسی",
].map((name, i) => ({ email: `founder${i + 1}@${DEMO_DOMAIN}`, fullName: `${name} ${DEMO_MARK}`, role: "entrepreneur", unit: null }));

export const DEMO_REVIEWERS = [
  { email: `reviewer1@${DEMO_DOMAIN}`, fullName: `داور ارشد کارآفرینی ${DEMO_MARK}`, role: "mentor", unit: "accel-tabriz-2" },
  { email: `reviewer2@${DEMO_DOMAIN}`, fullName: `داور بازار و مالی ${DEMO_MARK}`, role: "mentor", unit: "consult-tabriz-2" },
  { email: `reviewer3@${DEMO_DOMAIN}`, fullName: `داور فناوری ${DEMO_MARK}`, role: "mentor", unit: "accel-maragheh" },
  { email: `reviewer4@${DEMO_DOMAIN}`, fullName: `مشاور کسب‌وکار مرند ${DEMO_MARK}`, role: "mentor", unit: "accel-marand" },
];

/** The demo people of the ideas and cases seeds (once, by email). */
export async function ensureDemoPeople(ctx: DemoContext) {
  await insertDemoUsers(ctx.db, [...DEMO_ENTREPRENEURS, ...DEMO_REVIEWERS]);
  return {
    founders: await Promise.all(DEMO_ENTREPRENEURS.map((u) => ctx.userId(u.email))),
    reviewers: await Promise.all(DEMO_REVIEWERS.map((u) => ctx.userId(u.email))),
  };
}

const TITLES: [string, string, string][] = [
  ["گلخانه هوشمند با آبیاری قطره‌ای", "A", "کنترل خودکار رطوبت و دما برای گلخانه‌های کوچک روستایی"],
  ["بسته‌بندی صادراتی خشکبار", "C", "بسته‌بندی بهداشتی کشمش و گردو برای بازار همسایه"],
  ["اقامتگاه بوم‌گردی کندوان", "I", "اقامت و تجربه زندگی روستایی در روستای صخره‌ای"],
  ["نرم‌افزار حسابداری اصناف", "J", "حسابداری ساده و برخط برای فروشگاه‌های کوچک"],
  ["کارگاه فرش دستباف زنان", "C", "بافت فرش با طرح‌های اصیل تبریز و فروش مستقیم"],
  ["پرورش قارچ صدفی", "A", "تولید قارچ در سوله‌های کوچک با ضایعات کشاورزی"],
  ["لجستیک سرد میوه", "H", "کامیون یخچال‌دار اشتراکی برای باغداران"],
  ["آموزش برخط مهارت‌های فنی", "P", "دوره‌های کوتاه جوشکاری و برق‌کاری با گواهی"],
  ["کفش چرم دست‌دوز", "C", "تولید کفش چرم با برند محلی و فروش اینترنتی"],
  ["انرژی خورشیدی روستایی", "D", "نصب پنل خورشیدی برای چاه‌های کشاورزی"],
  ["صنایع دستی سفالی", "R", "سفال لعاب‌دار با طرح‌های آذربایجان برای گردشگران"],
  ["مراقبت سالمندان در منزل", "Q", "شبکه مراقبان آموزش‌دیده برای خانواده‌ها"],
  ["بازیافت پلاستیک کشاورزی", "E", "جمع‌آوری و بازیافت نایلون گلخانه‌ها"],
  ["عسل ارگانیک سبلان", "A", "زنبورداری کوچ‌رو و برند عسل با ردیابی"],
  ["طراحی لباس محلی", "C", "پوشاک با نقش‌های سنتی برای بازار جوانان"],
  ["رستوران غذای سنتی", "I", "غذاهای محلی آذربایجان در مسیر گردشگری"],
];
const STATUS_PLAN: [string, number][] = [
  ["draft", 6], ["submitted", 8], ["screening", 6], ["in_review", 14], ["needs_revision", 5], ["resubmitted", 4], ["accepted", 13], ["rejected", 8],
];
/** The statuses an idea went through to reach each one (history rows). */
const PATH: Record<string, string[]> = {
  draft: [], submitted: ["submitted"], screening: ["submitted", "screening"], in_review: ["submitted", "screening", "in_review"],
  needs_revision: ["submitted", "screening", "in_review", "needs_revision"], resubmitted: ["submitted", "screening", "in_review", "needs_revision", "resubmitted"],
  accepted: ["submitted", "screening", "in_review", "accepted"], rejected: ["submitted", "screening", "in_review", "rejected"],
};
const REVIEWED = new Set(["in_review", "needs_revision", "resubmitted", "accepted", "rejected"]);

export async function ideasDemo(ctx: DemoContext) {
  const { db } = ctx;
  if (await db.selectFrom("calls").select("id").where("seed_key", "=", "demo:tourism").executeTakeFirst()) return;
  const { founders, reviewers } = await ensureDemoPeople(ctx);
  const staff = await ctx.userId("staff@demo.karafarini.ir");
  const r = ctx.random("ideas");
  const counties = (await db.selectFrom("counties").select("code").orderBy("sort_order").execute()).map((c: { code: string }) => c.code);

  // Calls: the standing call (reference seed), an open themed call and one closed earlier this year.
  const standing = await db.selectFrom("calls").select("id").where("standing", "=", true).orderBy("id").executeTakeFirst();
  const rubric = [["نوآوری", 3], ["بازار و مشتری", 3], ["توان تیم", 2], ["اشتغال‌زایی", 2]] as const;
  const callIds = await insertChunksReturningIds(db, "calls", [
    {
      seed_key: "demo:tourism", title: `فراخوان ایده‌های گردشگری روستایی ${DEMO_MARK}`, theme: "گردشگری و صنایع دستی", status: "open",
      description: "ایده‌هایی که گردشگر را به روستاهای استان می‌برد و برای جوانان روستا کار می‌سازد.", sector_codes: ["I", "R"], county_codes: [],
      opens_on: addDays(ctx.today, -40), closes_on: addDays(ctx.today, 35), reviewers_per_idea: 2, created_by: staff,
    },
    {
      seed_key: "demo:agritech", title: `فراخوان فناوری‌های کشاورزی ${DEMO_MARK}`, theme: "کشاورزی هوشمند", status: "closed",
      description: "راه‌حل‌های کم‌آب و هوشمند برای کشاورزان استان.", sector_codes: ["A"], county_codes: [],
      opens_on: addDays(ctx.today, -200), closes_on: addDays(ctx.today, -120), reviewers_per_idea: 2, created_by: staff,
    },
  ]);
  await insertChunks(db, "call_criteria", callIds.flatMap((callId) => rubric.map(([label, weight], i) => ({ call_id: callId, label, weight, position: i }))));
  const allCalls = standing ? [standing.id as number, ...callIds] : callIds;
  const criteria = await db.selectFrom("call_criteria").select(["id", "call_id", "weight"]).where("call_id", "in", allCalls).execute();

  // Ideas: submitted over the last 300 days (most in the current year).
  const ideas: Record<string, unknown>[] = [];
  const meta: { status: string; submitted: string; callId: number }[] = [];
  let n = 0;
  for (const [status, count] of STATUS_PLAN) {
    for (let k = 0; k < count; k++, n++) {
      const [title, sector, summary] = TITLES[n % TITLES.length];
      const callId = sector === "A" && r.chance(0.5) ? callIds[1] : (sector === "I" || sector === "R") && r.chance(0.6) ? callIds[0] : allCalls[0];
      const age = status === "draft" ? r.int(1, 20) : status === "submitted" ? r.int(1, 12) : status === "screening" ? r.int(8, 25) : r.int(20, 300);
      const submitted = addDays(ctx.today, -age);
      const decided = status === "accepted" || status === "rejected" ? addDays(submitted, r.int(14, 40)) : null;
      const fullTitle = `${title} ${DEMO_MARK}`;
      const problem = "نبود این خدمت در شهرستان و مهاجرت جوانان";
      ideas.push({
        call_id: callId, owner_id: founders[n % founders.length], title: fullTitle, summary, problem, solution: "راه‌اندازی با تیم کوچک و فروش مستقیم", market: "خانوارها و کسب‌وکارهای استان",
        sector_code: sector, county_code: counties[(n * 7) % counties.length], stage: r.pick(["idea", "prototype", "mvp", "revenue"] as const),
        knowledge_based: sector === "J" || r.chance(0.15), expected_jobs: r.int(2, 25), funding_rials: r.int(2, 60) * 100_000_000, team: "دو بنیان‌گذار و یک مشاور",
        status, accepted_path: status === "accepted" ? r.weighted([["acceleration", 5], ["consulting", 3], ["cooperative", 2]] as const) : null,
        decision_reason: status === "rejected" ? "بازار هدف روشن نیست و برآورد هزینه‌ها کامل نیست." : status === "accepted" ? "ایده روشن، تیم توانا و اشتغال‌زایی مناسب." : null,
        decided_by: decided ? staff : null, decided_at: decided ? tehranInstant(decided > ctx.today ? ctx.today : decided, 12) : null,
        submitted_at: status === "draft" ? null : tehranInstant(submitted, 10), search_text: searchForm([fullTitle, summary, problem].join(" ")),
        created_at: tehranInstant(addDays(submitted, -2), 9), updated_at: tehranInstant(decided && decided <= ctx.today ? decided : submitted, 12),
      });
      meta.push({ status, submitted, callId });
    }
  }
  const ideaIds = await insertChunksReturningIds(db, "ideas", ideas);

  // History and reviews.
  const history: Record<string, unknown>[] = [];
  const reviews: Record<string, unknown>[] = [];
  const scoresOf: { idx: number; scores: number[] }[] = [];
  meta.forEach((m, i) => {
    let from: string | null = "draft";
    PATH[m.status].forEach((to, step) => {
      const on = addDays(m.submitted, step * 6);
      history.push({ idea_id: ideaIds[i], actor_id: to === "submitted" || to === "resubmitted" ? ideas[i].owner_id : staff, at: tehranInstant(on > ctx.today ? ctx.today : on, 10 + step), from_status: from, to_status: to, note: null, private: false });
      from = to;
    });
    if (!REVIEWED.has(m.status)) return;
    const pair = [reviewers[i % reviewers.length], reviewers[(i + 1) % reviewers.length]];
    pair.forEach((reviewer, j) => {
      const assigned = addDays(m.submitted, 12);
      const done = m.status !== "in_review" || (i + j) % 3 === 0;
      const recused = m.status === "in_review" && j === 1 && i % 7 === 0;
      const due = addDays(assigned, 7 + (i % 5) * 3);
      const criteriaHere = criteria.filter((c: { call_id: number }) => c.call_id === m.callId);
      const scores = criteriaHere.map(() => (m.status === "rejected" ? r.int(1, 3) : r.int(3, 5)));
      const avg = criteriaHere.length ? criteriaHere.reduce((s: number, c: { weight: number }, k: number) => s + c.weight * scores[k], 0) / criteriaHere.reduce((s: number, c: { weight: number }) => s + c.weight, 0) : null;
      reviews.push({
        idea_id: ideaIds[i], reviewer_id: reviewer, assigned_by: staff, assigned_at: tehranInstant(assigned > ctx.today ? ctx.today : assigned, 9), due_at: tehranInstant(due, 23),
        status: recused ? "recused" : done ? "done" : "pending", no_conflict_at: recused ? null : tehranInstant(assigned > ctx.today ? ctx.today : assigned, 10),
        recusal_reason: recused ? "با متقاضی همکاری قبلی داشته‌ام." : null,
        comments: done && !recused ? (m.status === "rejected" ? "برآورد بازار کلی است؛ با مشتریان واقعی گفت‌وگو کنید." : "مسئله روشن است و تیم توان اجرا دارد.") : null,
        recommendation: done && !recused ? (m.status === "rejected" ? "reject" : m.status === "needs_revision" || m.status === "resubmitted" ? "revise" : "accept") : null,
        weighted_score: done && !recused && avg !== null ? Math.round(avg * 1000) / 1000 : null,
        submitted_at: done && !recused ? tehranInstant(addDays(assigned, 5) > ctx.today ? ctx.today : addDays(assigned, 5), 15) : null,
      });
      if (done && !recused) scoresOf.push({ idx: reviews.length - 1, scores });
    });
  });
  await insertChunks(db, "idea_status_history", history);
  const reviewIds = await insertChunksReturningIds(db, "idea_reviews", reviews);
  const scoreRows: Record<string, unknown>[] = [];
  for (const s of scoresOf) {
    const idea = reviews[s.idx].idea_id;
    const callId = meta[ideaIds.indexOf(idea as number)].callId;
    criteria.filter((c: { call_id: number }) => c.call_id === callId).forEach((c: { id: number }, k: number) => scoreRows.push({ review_id: reviewIds[s.idx], criterion_id: c.id, score: s.scores[k] }));
  }
  await insertChunks(db, "idea_review_scores", scoreRows);
}
