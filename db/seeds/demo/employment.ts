import type { DemoContext } from "./kit";

// Employment (module 6): the reference publishes no allocation of the 1401 target, so the demo
// invents one (is_demo = true, shown as "demo" on the targets page). Idempotent.
const DEMO_AGENCY_SHARES: Record<string, number> = {
  "cooperatives-labour": 15000, agriculture: 9000, "industry-mine-trade": 8000, "heritage-tourism": 3000, "relief-committee": 5000,
  welfare: 3000, "technical-vocational": 2000, "industrial-estates": 2000, "science-park": 1000, ict: 1000,
  "housing-foundation": 1000, "sports-youth": 500, governorate: 1500,
};

export async function employmentDemo({ db }: DemoContext) {
  const target = await db.selectFrom("job_targets").select(["jalali_year", "current_target"]).where("jalali_year", "=", 1401).executeTakeFirst();
  if (!target) return;
  const counties = (await db.selectFrom("counties").select("code").orderBy("sort_order").execute()).map((c: { code: string }) => c.code);
  const rows: { jalali_year: number; dimension: string; code: string; amount: number; is_demo: boolean; note: string }[] = [];
  for (const [code, amount] of Object.entries(DEMO_AGENCY_SHARES)) rows.push({ jalali_year: 1401, dimension: "agency", code, amount, is_demo: true, note: "demo" });
  // Counties: Tabriz 40%, the rest shared equally, the remainder to the last county.
  const total = target.current_target as number;
  const tabriz = Math.round(total * 0.4);
  const others = counties.filter((c: string) => c !== "tabriz");
  const each = Math.floor((total - tabriz) / Math.max(1, others.length));
  others.forEach((code: string, i: number) => {
    rows.push({ jalali_year: 1401, dimension: "county", code, amount: i === others.length - 1 ? total - tabriz - each * (others.length - 1) : each, is_demo: true, note: "demo" });
  });
  if (counties.includes("tabriz")) rows.push({ jalali_year: 1401, dimension: "county", code: "tabriz", amount: tabriz, is_demo: true, note: "demo" });
  await db.insertInto("job_target_allocations").values(rows).onConflict((oc) => oc.columns(["jalali_year", "dimension", "code"]).doNothing()).execute();
}
