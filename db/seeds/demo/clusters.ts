import { sql, type Kysely } from "kysely";
import { addDays, type DemoContext } from "./kit";

// Demo data of business clusters (issue 12 item 6, decision 0039), marked "(نمایشی)": the Tabriz
// cluster development office (its agent is cluster@demo.karafarini.ir, see users.ts), a shoe and
// leather cluster in joint action (study, a completed joint purchase, a running trade fair and a
// training course starting in ten days, for the agent's home), a hand-woven carpet cluster in
// diagnosis over two counties, and a rural tourism cluster being identified. Member firms are
// ledger enterprises (by registration number). Idempotent: clusters by name, enterprises by
// registration number.

type Db = Kysely<any>;

export async function clustersDemo(ctx: DemoContext) {
  const db: Db = ctx.db;
  const unit = await ctx.unitId("cluster-tabriz");
  const agent = await ctx.userId("cluster@demo.karafarini.ir");

  async function enterprise(reg: string, name: string, county: string, sector: string) {
    const e = await db.selectFrom("enterprises").select("id").where("registration_no", "=", reg).executeTakeFirst();
    return e?.id ?? (await db.insertInto("enterprises").values({ name, registration_no: reg, kind: "company", county_code: county, sector_code: sector, size_class: "micro", created_by: agent }).returning("id").executeTakeFirstOrThrow()).id;
  }

  async function cluster(c: {
    name: string; product: string; sector: string; counties: string[]; stage: string; firms: [string, string][];
    study?: [string, string, string]; projects?: { kind: string; title: string; status: string; start: number; end?: number; results?: string; budget: number }[];
  }) {
    if (await db.selectFrom("clusters").select("id").where("name", "=", c.name).executeTakeFirst()) return;
    const stages = ["identification", "diagnosis", "trust_building", "joint_action", "self_management"];
    const reached = stages.slice(1, stages.indexOf(c.stage) + 1);
    const since = addDays(ctx.today, -40 * (stages.indexOf(c.stage) + 1));
    const row = await db.insertInto("clusters").values({
      org_unit_id: unit, name: c.name, product: c.product, sector_code: c.sector, county_codes: c.counties, stage: c.stage,
      stage_since: reached.length ? addDays(since, 40 * reached.length) : since,
      diagnosis_strengths: c.study?.[0] ?? null, diagnosis_weaknesses: c.study?.[1] ?? null, diagnosis_needs: c.study?.[2] ?? null, diagnosis_at: c.study ? sql`now()` : null,
      firms_count: c.firms.length, search_text: `${c.name} ${c.product}`.toLowerCase(), created_by: agent, is_demo: true,
    }).returning("id").executeTakeFirstOrThrow();
    const firmIds: number[] = [];
    for (const [reg, name] of c.firms) {
      const e = await enterprise(reg, name, c.counties[0], c.sector);
      firmIds.push((await db.insertInto("cluster_firms").values({ cluster_id: row.id, enterprise_id: e, joined_on: since, created_by: agent }).returning("id").executeTakeFirstOrThrow()).id);
    }
    await db.insertInto("cluster_events").values([
      { cluster_id: row.id, actor_id: agent, action: "created", to_stage: "identification", happened_on: since },
      ...reached.map((s, i) => ({ cluster_id: row.id, actor_id: agent, action: "stage", from_stage: stages[i], to_stage: s, happened_on: addDays(since, 40 * (i + 1)), note: "(نمایشی)" })),
    ]).execute();
    for (const p of c.projects ?? []) {
      const pr = await db.insertInto("cluster_projects").values({
        cluster_id: row.id, kind: p.kind, title: p.title, budget: p.budget, status: p.status, starts_on: addDays(ctx.today, p.start),
        ends_on: p.end != null ? addDays(ctx.today, p.end) : null, results: p.results ?? null, created_by: agent,
      }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("cluster_project_firms").values(firmIds.slice(0, 3).map((f) => ({ project_id: pr.id, firm_id: f }))).execute();
    }
  }

  await cluster({
    name: "خوشه کفش و چرم تبریز (نمایشی)", product: "کفش و چرم", sector: "C", counties: ["tabriz"], stage: "joint_action",
    firms: [["DEMO-CL-1001", "کفش دست‌دوز ارک (نمایشی)"], ["DEMO-CL-1002", "چرم‌سازی سهند (نمایشی)"], ["DEMO-CL-1003", "کارگاه کیف و کفش آذر (نمایشی)"], ["DEMO-CL-1004", "قالب‌سازی کفش ائل‌گلی (نمایشی)"]],
    study: ["مهارت بالای استادکاران و نام شناخته‌شده کفش تبریز", "خرید پراکنده مواد اولیه و بازاریابی ضعیف", "خرید مشترک چرم، نمایشگاه و آموزش طراحی"],
    projects: [
      { kind: "purchasing", title: "خرید مشترک چرم (نمایشی)", status: "completed", start: -60, end: -20, results: "چرم ۱۲٪ ارزان‌تر برای چهار کارگاه", budget: 3_000_000_000 },
      { kind: "marketing", title: "غرفه مشترک در نمایشگاه کفش (نمایشی)", status: "running", start: -5, end: 20, budget: 800_000_000 },
      { kind: "training", title: "دوره طراحی کفش (نمایشی)", status: "planned", start: 10, end: 40, budget: 200_000_000 },
    ],
  });
  await cluster({
    name: "خوشه فرش دستباف مرند و هریس (نمایشی)", product: "فرش دستباف", sector: "C", counties: ["marand", "heris"], stage: "diagnosis",
    firms: [["DEMO-CL-2001", "کارگاه فرش هریس (نمایشی)"], ["DEMO-CL-2002", "رنگرزی سنتی مرند (نمایشی)"], ["DEMO-CL-2003", "بافندگان روستای زنوزق (نمایشی)"]],
  });
  await cluster({
    name: "خوشه گردشگری روستایی اسکو (نمایشی)", product: "اقامتگاه بوم‌گردی", sector: "I", counties: ["osku"], stage: "identification",
    firms: [["DEMO-CL-3001", "اقامتگاه کندوان (نمایشی)"]],
  });
}
