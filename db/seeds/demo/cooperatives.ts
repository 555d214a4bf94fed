import { sql, type Kysely } from "kysely";
import { searchForm } from "../../../app/i18n/normalise";
import { insertDemoUsers } from "./users";
import { addDays, tehranInstant, type DemoContext } from "./kit";

// Demo data of module 3 (issue 12), marked "(نمایشی)": eight member accounts carrying national IDs
// (coop1..coop8@demo.karafarini.ir, for the member-confirmation journey), an active cooperative in
// the public directory linked to its ledger enterprise, an application waiting for staff, and one
// waiting for its members where coop1@demo has an invitation; the active one has a member who joined
// after registration (membership history, decision 0038). The demo entrepreneur also has an idea for
// a shoemakers' cooperative in review with both reviews done, for staff to accept with path
// "cooperative" and the entrepreneur to turn into an application (the hand-over, decision 0019).
// Idempotent: users by email, applications by their first name, enterprises by registration number,
// the idea by its title.

/** A checksum-valid national ID from a number (deterministic). */
export function demoNationalId(n: number): string {
  const body = String(300_000_000 + n).slice(-9);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
  const r = sum % 11;
  return body + String(r < 2 ? r : 11 - r);
}

export const COOP_MEMBERS = Array.from({ length: 8 }, (_, i) => ({
  email: `coop${i + 1}@demo.karafarini.ir`, fullName: `عضو تعاونی ${["یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم"][i]} (نمایشی)`,
  role: "entrepreneur", unit: null, nationalId: demoNationalId(1001 + i),
}));

const ROLES = ["board", "board", "board", "inspector", "founder", "founder", "founder"];
type Db = Kysely<any>;

export async function cooperativesDemo(ctx: DemoContext) {
  const db: Db = ctx.db;
  await insertDemoUsers(db, COOP_MEMBERS);
  for (const m of COOP_MEMBERS) await db.updateTable("users").set({ national_id: m.nationalId }).where("email", "=", m.email).where("national_id", "is", null).execute();
  const applicant = await ctx.userId("entrepreneur@demo.karafarini.ir");
  const staff = await ctx.userId("staff@demo.karafarini.ir");
  await ideaForCooperative(ctx, applicant, staff);

  async function coop(c: { name: string; type: string; activity: string; sector: string; county: string; status: string; reg?: string; base: number; jobs: number; invited?: boolean }) {
    const exists = await db.selectFrom("cooperatives").select("id").where("name1", "=", c.name).executeTakeFirst();
    if (exists) return;
    let enterpriseId: number | null = null;
    if (c.reg) {
      const e = await db.selectFrom("enterprises").select("id").where("registration_no", "=", c.reg).executeTakeFirst();
      enterpriseId = e?.id ?? (await db.insertInto("enterprises").values({ name: c.name, registration_no: c.reg, kind: "cooperative", county_code: c.county, sector_code: c.sector, size_class: "micro", created_by: staff }).returning("id").executeTakeFirstOrThrow()).id;
    }
    const since = c.status === "submitted" ? sql`now() - interval '9 days'` : sql`now()`;
    const row = await db.insertInto("cooperatives").values({
      status: c.status, applicant_id: applicant, name1: c.name, type_code: c.type, activity: c.activity, sector_code: c.sector, county_code: c.county,
      address: `${c.county} (نمایشی)`, capital: 140_000_000, jobs_members: c.jobs, jobs_hires: 2, members_count: 7, search_text: c.name.toLowerCase(),
      registration_no: c.reg ?? null, registered_on: c.reg ? addDays(ctx.today, -200) : null, enterprise_id: enterpriseId, is_demo: true,
      rules: JSON.stringify({ minMembers: 7, minCapital: 100_000_000, maxShare: { num: 1, den: 3 }, minBoard: 3, minInspectors: 1 }),
      status_changed_at: since, submitted_at: c.status === "members_confirming" ? null : since,
    }).returning("id").executeTakeFirstOrThrow();
    const people = Array.from({ length: 7 }, (_, i) => (c.invited && i === 0 ? { name: COOP_MEMBERS[0].fullName, nid: COOP_MEMBERS[0].nationalId } : { name: `عضو ${"۰۱۲۳۴۵۶۷۸۹"[i + 1]} ${c.name}`, nid: demoNationalId(c.base + i) }));
    await db.insertInto("cooperative_members").values(people.map((p, i) => ({
      cooperative_id: row.id, position: i, full_name: p.name, national_id: p.nid, share: 20_000_000, role: ROLES[i],
      status: c.invited && i < 3 ? "invited" : "confirmed", token: c.invited && i < 3 ? `demo-coop-${row.id}-${i}-invitation` : null,
      joined_on: c.reg ? addDays(ctx.today, -200) : null,
    }))).execute();
    await db.insertInto("cooperative_events").values([
      { cooperative_id: row.id, actor_id: applicant, action: "created", to_status: "draft" },
      ...(c.status !== "members_confirming" ? [{ cooperative_id: row.id, action: "all_confirmed", from_status: "members_confirming", to_status: "submitted" }] : []),
      ...(c.reg ? [{ cooperative_id: row.id, actor_id: staff, action: "approve", from_status: "under_review", to_status: "approved", note: c.reg }, { cooperative_id: row.id, actor_id: staff, action: "activate", from_status: "approved", to_status: "active" }] : []),
    ]).execute();
    if (c.reg) {
      // After registration (decision 0038): an eighth member joined two months ago, shown in the history.
      const joined = addDays(ctx.today, -60);
      const m = await db.insertInto("cooperative_members").values({
        cooperative_id: row.id, position: 7, full_name: `عضو ۸ ${c.name}`, national_id: demoNationalId(c.base + 7), share: 20_000_000, role: "founder", status: "confirmed", joined_on: joined,
      }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("cooperative_member_changes").values({ cooperative_id: row.id, kind: "join", member_id: m.id, amount: 20_000_000, capital_after: 160_000_000, effective_on: joined, note: "مصوبه مجمع عمومی (نمایشی)", actor_id: staff }).execute();
      await db.insertInto("cooperative_events").values({ cooperative_id: row.id, actor_id: staff, action: "member_join", member_id: m.id, note: "مصوبه مجمع عمومی (نمایشی)" }).execute();
      await db.updateTable("cooperatives").set({ capital: 160_000_000, members_count: 8 }).where("id", "=", row.id).execute();
    }
    if (c.invited) {
      const user = await ctx.userId(COOP_MEMBERS[0].email);
      await db.updateTable("cooperative_members").set({ user_id: user }).where("cooperative_id", "=", row.id).where("national_id", "=", COOP_MEMBERS[0].nationalId).execute();
      await db.insertInto("notifications").values({ user_id: user, message_key: "coop.notify.invited", params: JSON.stringify({ name: c.name }), link: `/cooperatives/join/demo-coop-${row.id}-0-invitation` }).execute();
    }
  }

  await coop({ name: "تعاونی فرش دستباف هریس (نمایشی)", type: "handicrafts", activity: "بافت و فروش فرش دستباف هریس", sector: "C", county: "tabriz", status: "active", reg: "DEMO-COOP-1001", base: 2000, jobs: 7 });
  await coop({ name: "تعاونی لبنیات سنتی سراب (نمایشی)", type: "producer", activity: "تولید پنیر و کره محلی", sector: "C", county: "tabriz", status: "submitted", base: 2100, jobs: 5 });
  await coop({ name: "تعاونی گردشگری روستایی کندوان (نمایشی)", type: "services", activity: "اقامتگاه بوم‌گردی و راهنمای گردشگری", sector: "I", county: "osku", status: "members_confirming", base: 2200, jobs: 4, invited: true });
}

/** The title of the demo entrepreneur's idea waiting for a decision (the cooperative journey starts there). */
export const COOP_IDEA_TITLE = "تعاونی کفاشان دست‌دوز تبریز (نمایشی)";

/** The demo entrepreneur's idea in review, both reviews done: staff may accept it with path cooperative. */
async function ideaForCooperative(ctx: DemoContext, owner: number, staff: number) {
  const db: Db = ctx.db;
  if (await db.selectFrom("ideas").select("id").where("title", "=", COOP_IDEA_TITLE).executeTakeFirst()) return;
  const call = await db.selectFrom("calls").select("id").where("standing", "=", true).orderBy("id").executeTakeFirst();
  const reviewers = await db.selectFrom("users").select("id").where("email", "in", ["reviewer1@demo.karafarini.ir", "reviewer2@demo.karafarini.ir"]).orderBy("email").execute();
  if (!call || reviewers.length < 2) return; // the ideas seed makes both
  const submitted = addDays(ctx.today, -20);
  const summary = "کارگاه مشترک کفاشان دست‌دوز با خرید جمعی چرم و فروش زیر یک نام";
  const problem = "کفاشان کوچک چرم را گران می‌خرند و هر یک جداگانه می‌فروشند";
  const idea = await db.insertInto("ideas").values({
    call_id: call.id, owner_id: owner, title: COOP_IDEA_TITLE, summary, problem, solution: "تعاونی تولیدی هفت‌نفره با کارگاه و ویترین مشترک",
    market: "فروشگاه‌های کفش استان و فروش اینترنتی", sector_code: "C", county_code: "tabriz", stage: "prototype", expected_jobs: 7,
    funding_rials: 1_400_000_000, team: "هفت استادکار کفاش", status: "in_review", submitted_at: tehranInstant(submitted, 10),
    search_text: searchForm([COOP_IDEA_TITLE, summary, problem].join(" ")), created_at: tehranInstant(addDays(submitted, -2), 9), updated_at: tehranInstant(addDays(submitted, 12), 9),
  }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("idea_status_history").values(["submitted", "screening", "in_review"].map((to, step) => ({
    idea_id: idea.id, actor_id: step === 0 ? owner : staff, at: tehranInstant(addDays(submitted, step * 6), 10 + step), from_status: step === 0 ? "draft" : ["submitted", "screening"][step - 1], to_status: to, private: false,
  }))).execute();
  const criteria = await db.selectFrom("call_criteria").select(["id", "weight"]).where("call_id", "=", call.id).orderBy("position").execute();
  for (const [j, reviewer] of reviewers.entries()) {
    const scores = criteria.map((_c: unknown, k: number) => 3 + ((j + k) % 3));
    const total = criteria.reduce((s: number, c: { weight: number }) => s + c.weight, 0);
    const avg = total ? criteria.reduce((s: number, c: { weight: number }, k: number) => s + c.weight * scores[k], 0) / total : null;
    const review = await db.insertInto("idea_reviews").values({
      idea_id: idea.id, reviewer_id: reviewer.id, assigned_by: staff, assigned_at: tehranInstant(addDays(submitted, 12), 9), due_at: tehranInstant(addDays(submitted, 19), 23),
      status: "done", no_conflict_at: tehranInstant(addDays(submitted, 12), 10), comments: "هم‌افزایی اعضا روشن است؛ مسیر تعاونی مناسب است.", recommendation: "accept",
      weighted_score: avg === null ? null : Math.round(avg * 1000) / 1000, submitted_at: tehranInstant(addDays(submitted, 15), 15),
    }).returning("id").executeTakeFirstOrThrow();
    if (criteria.length) await db.insertInto("idea_review_scores").values(criteria.map((c: { id: number }, k: number) => ({ review_id: review.id, criterion_id: c.id, score: scores[k] }))).execute();
  }
}
