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
