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
