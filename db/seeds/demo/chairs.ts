import { addDays, jalaliYearRange, type DemoContext } from "./kit";

// Chairs (module 5): one active chair at the demo chair manager's university, with a plan for the
// current Jalali year and three activities around today (two done, one upcoming for the public
// list). Marked "(نمایشی)" everywhere. Idempotent: the chair is found by university and title,
// the plan by (chair, year), the activities by their external_ref.
export const DEMO_CHAIR_TITLE = "کرسی کارآفرینی و نوآوری (نمایشی)";

export async function chairsDemo({ db, year, today }: DemoContext) {
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
  await db
    .insertInto("chair_plans")
    .values({ chair_id: chairId, jalali_year: year, goal_activities: 12, goal_participants: 300, goal_ideas: 6, goal_startups: 2 })
    .onConflict((oc) => oc.columns(["chair_id", "jalali_year"]).doNothing())
    .execute();
  // Dates around today (Tehran), kept inside the year.
  const { start, end } = jalaliYearRange(year);
  const day = (offset: number) => {
    const iso = addDays(today, offset);
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

// The other nine universities (issue 17): one chair each (one still proposed, one suspended), a plan for
// the current year and for 1401, and activities of every kind over both years. Idempotent by
// (university, title), plans by (chair, year), activities by (chair, external_ref).
const FIELDS: [uni: string, field: string, holder: string][] = [
  ["sahand", "کارآفرینی در صنایع پیشرفته", "دکتر حمید ابراهیمی"],
  ["madani", "کارآفرینی آموزشی و اجتماعی", "دکتر پروین نادری"],
  ["tbzmed", "کارآفرینی در سلامت", "دکتر کامران یوسفی"],
  ["tabriziau", "کارآفرینی در هنر و صنایع دستی", "دکتر مینا شریفی"],
  ["maragheh", "کارآفرینی کشاورزی", "دکتر داوود اکبری"],
  ["bonab", "کارآفرینی در انرژی‌های نو", "دکتر فرهاد مرادی"],
  ["iau-tabriz", "کارآفرینی دیجیتال", "دکتر سمیه حیدری"],
  ["pnu", "کارآفرینی روستایی", "دکتر جواد رستمی"],
  ["tvu", "مهارت و کسب‌وکار", "دکتر الهام کاظمی"],
];
const KINDS = ["course", "workshop", "bootcamp", "competition", "mentoring"] as const;
const ACTIVITY_TITLES: Record<(typeof KINDS)[number], string> = {
  course: "دوره مهارت‌های کسب‌وکار", workshop: "کارگاه بوم مدل کسب‌وکار", bootcamp: "رویداد استارتاپی", competition: "مسابقه ایده‌های دانشجویی", mentoring: "جلسات منتورینگ تیم‌ها",
};

export async function moreChairsDemo(ctx: DemoContext) {
  const { db, year, today } = ctx;
  const staff = await ctx.userId("staff@demo.karafarini.ir");
  const r = ctx.random("chairs");
  for (const [i, [uni, field, holder]] of FIELDS.entries()) {
    const universityId = await ctx.unitId(`uni-${uni}`);
    const title = `کرسی ${field} (نمایشی)`;
    let chair = await db.selectFrom("chairs").select("id").where("university_id", "=", universityId).where("title", "=", title).executeTakeFirst();
    if (!chair) {
      chair = await db.insertInto("chairs").values({
        university_id: universityId, title, field: `${field} (نمایشی)`, holder_name: `${holder} (نمایشی)`, holder_rank: (["assistant_professor", "associate_professor", "professor"] as const)[i % 3],
        holder_email: `chair-${uni}@demo.karafarini.ir`, established_on: addDays(today, -400 - i * 30), status: i === 8 ? "proposed" : i === 5 ? "suspended" : "active", created_by: staff,
      }).returning("id").executeTakeFirstOrThrow();
    }
    const chairId = chair!.id as number;
    if (i === 8) continue; // a proposed chair has no plan or activities yet
    const years = year > 1401 ? [1401, year] : [year];
    await db.insertInto("chair_plans")
      .values(years.map((y) => ({ chair_id: chairId, jalali_year: y, goal_activities: 8 + (i % 4) * 2, goal_participants: 200 + i * 20, goal_ideas: 4 + (i % 3), goal_startups: 1 + (i % 2) })))
      .onConflict((oc) => oc.columns(["chair_id", "jalali_year"]).doNothing())
      .execute();
    const rows: Record<string, unknown>[] = [];
    for (const y of years) {
      const { start, end } = jalaliYearRange(y);
      const last = y === year ? (today < end ? today : end) : end;
      const span = Math.max(1, Math.round((Date.parse(last) - Date.parse(start)) / 86_400_000));
      const count = y === year ? 4 + (i % 4) : 6 + (i % 3);
      for (let k = 0; k < count; k++) {
        const kind = KINDS[(i + k) % KINDS.length];
        const participants = r.int(15, 80);
        const upcoming = y === year && k === count - 1;
        const held = upcoming ? addDays(today, 10 + i) : addDays(start, Math.floor(((k + 0.5) * span) / count));
        if (held > end) continue;
        rows.push({
          chair_id: chairId, kind, title: `${ACTIVITY_TITLES[kind]} (نمایشی)`, held_on: held, jalali_year: y, hours: r.pick([4, 8, 16, 24, 32]), participants,
          women: Math.round(participants * (0.3 + r.next() * 0.3)), partners: k % 2 ? "پارک علم و فناوری (نمایشی)" : "", external_ref: `demo-${y}-${k + 1}`, created_by: staff,
        });
      }
    }
    if (rows.length) await db.insertInto("chair_activities").values(rows).onConflict((oc) => oc.doNothing()).execute();
  }
}
