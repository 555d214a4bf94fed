import { searchForm } from "../../../app/i18n/normalise";
import { refreshOpenDue } from "../../../app/modules/cases/queries.server";
import { ensureDemoPeople } from "./ideas";
import { DEMO_MARK, addDays, insertChunks, insertChunksReturningIds, tehranInstant, type DemoContext } from "./kit";

// Accelerator, consulting and business-emergency cases (module 2): 40 demo cases in every stage at the
// centres, led by the demo reviewers/mentors of the ideas seed (not the README's demo mentors, whose
// capacity the end-to-end tests change), with status history, milestones, sessions and 6/12-month
// follow-ups; emergencies of every urgency, three of them late for triage and two inside the 72 hours.
// Accepted demo ideas on the acceleration and consulting paths have their cases. Idempotent: the first demo firm is the marker.

const FIRMS = [
  "کارگاه مبلمان آذر", "تعاونی لبنیات سراب", "شرکت قطعات خودرو سهند", "نانوایی صنعتی مرند", "کارخانه کفش تبریز", "گلخانه مهر میانه", "رستوران سنتی جلفا",
  "چاپخانه آفتاب", "کارگاه فرش هریس", "شرکت بسته‌بندی ارس", "کارگاه سفال مراغه", "فروشگاه لوازم کشاورزی اهر", "شرکت نرم‌افزاری نوآوران", "کارگاه پوشاک بناب",
];
/** Stages and how many cases sit in each (intake/triage emergencies are listed separately). */
const PLAN: [kind: string, status: string, count: number][] = [
  ["acceleration", "intake", 2], ["acceleration", "diagnosis", 3], ["acceleration", "action_plan", 3], ["acceleration", "in_progress", 5], ["acceleration", "graduated", 5],
  ["acceleration", "withdrawn", 1], ["consulting", "triage", 2], ["consulting", "diagnosis", 2], ["consulting", "in_progress", 3], ["consulting", "graduated", 3],
  ["consulting", "closed_unresolved", 1], ["business_emergency", "diagnosis", 2], ["business_emergency", "in_progress", 2], ["business_emergency", "graduated", 3],
  ["business_emergency", "closed_unresolved", 1],
];
const ORDER = ["intake", "triage", "diagnosis", "action_plan", "in_progress", "graduated"];
const CENTRES = ["accel-tabriz-2", "accel-maragheh", "accel-marand", "consult-tabriz-2", "consult-maragheh", "consult-marand", "consult-mianeh"];

export async function casesDemo(ctx: DemoContext) {
  const { db } = ctx;
  if (await db.selectFrom("cases").select("id").where("idempotency_key", "=", "demo:case:1").executeTakeFirst()) return;
  const { founders, reviewers: mentors } = await ensureDemoPeople(ctx);
  const staff = await ctx.userId("staff@demo.karafarini.ir");
  const r = ctx.random("cases");
  const centres = await Promise.all(CENTRES.map((c) => ctx.unitId(c)));
  const counties = (await db.selectFrom("counties").select("code").orderBy("sort_order").execute()).map((c: { code: string }) => c.code);
  // Accepting an idea on the acceleration or consulting path opens its case (decision 0017): the demo's accepted ideas have theirs.
  const ideas = (await db.selectFrom("ideas").select(["id", "owner_id", "title", "sector_code", "county_code", "accepted_path"])
    .where("status", "=", "accepted").where("accepted_path", "in", ["acceleration", "consulting"]).where("title", "like", `%${DEMO_MARK}`)
    .where("id", "not in", db.selectFrom("cases").select("idea_id").where("idea_id", "is not", null)).orderBy("id").execute()) as { id: number; owner_id: number; title: string; sector_code: string; county_code: string; accepted_path: string }[];

  type Row = { kind: string; status: string; urgency: string; age: number; triaged: boolean };
  const plan: Row[] = [];
  for (const [kind, status, count] of PLAN) for (let k = 0; k < count; k++) plan.push({ kind, status, urgency: "normal", age: status === "graduated" ? r.int(200, 420) : status === "closed_unresolved" || status === "withdrawn" ? r.int(60, 200) : r.int(10, 150), triaged: true });
  for (const e of plan) if (e.kind === "business_emergency") e.urgency = r.pick(["high", "critical"] as const);
  // Emergencies waiting for triage: three late (past the 72 hours), two still inside them.
  for (const [age, urgency] of [[6, "critical"], [5, "high"], [4, "high"], [1, "critical"], [0, "high"]] as const) plan.push({ kind: "business_emergency", status: age > 2 ? "triage" : "intake", urgency, age, triaged: false });

  const rows: Record<string, unknown>[] = [];
  plan.forEach((p, i) => {
    const at = p.kind !== "business_emergency" ? ideas.findIndex((x) => x.accepted_path === p.kind) : -1;
    const idea = at >= 0 ? ideas.splice(at, 1)[0] : undefined;
    const firm = `${idea ? idea.title.replace(` ${DEMO_MARK}`, "") : FIRMS[i % FIRMS.length]} ${DEMO_MARK}`;
    const opened = addDays(ctx.today, -p.age);
    const closed = ["graduated", "closed_unresolved", "withdrawn"].includes(p.status) ? addDays(opened, r.int(90, 180)) : null;
    const employees = r.int(2, 40);
    const created = p.status === "graduated" ? r.int(2, 12) : null;
    const description = p.kind === "business_emergency" ? "قطع مواد اولیه و بدهی معوق؛ خطر تعدیل کارکنان" : "رشد فروش و ورود به بازار تازه";
    const openedAt = tehranInstant(opened, p.age === 0 ? 0 : 9);
    rows.push({
      kind: p.kind, status: p.status, centre_id: centres[i % centres.length], idea_id: idea?.id ?? null, entrepreneur_id: idea?.owner_id ?? founders[i % founders.length],
      lead_mentor_id: p.status === "intake" || p.status === "triage" ? null : mentors[i % mentors.length], firm_name: firm, registration_no: `demo-case-${i + 1}`,
      county_code: idea?.county_code ?? counties[(i * 5) % counties.length], sector_code: idea?.sector_code ?? r.pick(["A", "C", "G", "I", "J"]), baseline_employees: employees,
      problem_areas: [r.pick(["financing", "market", "raw_materials", "permits", "technology", "management", "energy"] as const)], description, urgency: p.urgency,
      triage_due_at: p.kind === "business_emergency" ? new Date(openedAt.getTime() + 72 * 3_600_000) : null,
      triaged_at: p.kind === "business_emergency" && p.triaged ? new Date(openedAt.getTime() + r.int(6, 60) * 3_600_000) : null,
      diagnosis: ORDER.indexOf(p.status) >= 2 || closed ? "نقدینگی کم و بازار محدود؛ نیاز به برنامه فروش و تأمین مالی" : null,
      employees_now: p.status === "graduated" ? employees + (created ?? 0) : null, jobs_created: created, jobs_retained: p.status === "graduated" ? employees : null,
      outcome_note: closed ? (p.status === "graduated" ? "فروش دو برابر شد و کارکنان تازه بیمه شدند." : "متقاضی ادامه همکاری را نخواست.") : null,
      closed_at: closed ? tehranInstant(closed > ctx.today ? ctx.today : closed, 14) : null, idempotency_key: `demo:case:${i + 1}`,
      search_text: searchForm([firm, `demo-case-${i + 1}`, description].join(" ")), created_by: staff, created_at: openedAt, updated_at: openedAt,
    });
  });
  const ids = await insertChunksReturningIds(db, "cases", rows);

  const mentorsRows: Record<string, unknown>[] = [];
  const history: Record<string, unknown>[] = [];
  const milestones: Record<string, unknown>[] = [];
  const sessions: Record<string, unknown>[] = [];
  const followups: Record<string, unknown>[] = [];
  plan.forEach((p, i) => {
    const row = rows[i];
    const opened = addDays(ctx.today, -p.age);
    const ended = ["graduated", "closed_unresolved", "withdrawn"].includes(p.status);
    if (row.lead_mentor_id) mentorsRows.push({ case_id: ids[i], mentor_id: row.lead_mentor_id, role: "lead", active: !ended, assigned_by: staff, assigned_at: tehranInstant(addDays(opened, 3), 10), ended_at: ended ? row.closed_at : null });
    const reached = ended ? [...ORDER.slice(0, p.status === "graduated" ? 6 : 4), ...(p.status === "graduated" ? [] : [p.status])] : ORDER.slice(0, ORDER.indexOf(p.status) + 1);
    let from: string | null = null;
    reached.forEach((to, step) => {
      const on = addDays(opened, step * 12);
      history.push({ case_id: ids[i], from_status: from, to_status: to, actor_id: step === 0 ? row.entrepreneur_id : staff, note: null, at: tehranInstant(on > ctx.today ? ctx.today : on, 9 + step) });
      from = to;
    });
    if (ORDER.indexOf(p.status) >= 3 || p.status === "graduated") {
      const titles = ["برنامه فروش شش‌ماهه", "تأمین سرمایه در گردش", "بیمه کارکنان تازه", "ثبت برند"];
      titles.forEach((title, k) => {
        const due = addDays(opened, 30 + k * 25);
        const done = p.status === "graduated" || due < ctx.today;
        milestones.push({ case_id: ids[i], title: `${title} ${DEMO_MARK}`, due_on: due, owner: (["entrepreneur", "mentor", "centre", "entrepreneur"] as const)[k], status: done ? "done" : "open", done_at: done ? tehranInstant(due < ctx.today ? due : ctx.today, 16) : null, created_by: row.lead_mentor_id ?? staff });
      });
    }
    if (row.lead_mentor_id && ORDER.indexOf(p.status) >= 2) {
      for (let k = 0; k < (p.status === "graduated" ? 6 : 3); k++) {
        const held = addDays(opened, 5 + k * 14);
        if (held > ctx.today) break;
        sessions.push({ case_id: ids[i], mentor_id: row.lead_mentor_id, held_on: held, minutes: r.pick([45, 60, 90, 120]), mode: r.pick(["in_person", "online", "phone", "site_visit"] as const), topics: `مرور بازار و هزینه‌ها ${DEMO_MARK}`, next_steps: "تماس با سه مشتری تازه" });
      }
    }
    if (p.status === "graduated" && row.closed_at) {
      const closed = (row.closed_at as Date).toISOString().slice(0, 10);
      for (const months of [6, 12]) {
        const due = addDays(closed, months * 30);
        const done = due < ctx.today;
        followups.push({ case_id: ids[i], months, due_on: due, done_at: done ? tehranInstant(due, 11) : null, done_by: done ? row.lead_mentor_id : null, employees_now: done ? Number(row.employees_now) + 1 : null, jobs_retained: done ? row.jobs_retained : null, note: done ? "کسب‌وکار پایدار مانده است." : null });
      }
    }
  });
  await insertChunks(db, "case_mentors", mentorsRows);
  await insertChunks(db, "case_status_history", history);
  await insertChunks(db, "case_milestones", milestones);
  await refreshOpenDue(db);
  await insertChunks(db, "case_sessions", sessions);
  await insertChunks(db, "case_followups", followups);
}
