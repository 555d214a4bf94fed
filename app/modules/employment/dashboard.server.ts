import { getDb } from "~/lib/db.server";
import { memo } from "~/lib/memo.server";
import { badRequest } from "~/lib/http";
import { auditMeta, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { currentJalaliYear, jalaliYearRange } from "~/i18n/format";
import { progress, runRate } from "./rules";
import { dashboardNumbersCached, homeDashboardHit, homeHeadline, targetOf } from "./queries.server";
import { PROGRAMMES, type DashboardFilters, type Programme } from "./schema";
import { directorateId, referenceSets } from "./internal.server";
import { requireDashboardReader } from "./service.server";
import { now as clockNow } from "~/i18n/clock";

// ---------- targets ----------

export async function addTargetRevision(actor: UserActor, year: number, input: { amount: number; kind: string; revisedOn: string; note?: string | null }, locale: "fa" | "en") {
  const db = await getDb();
  await requirePermission(actor, "manage:job_target", { orgUnitIds: [await directorateId(db)], entity: "job_target", entityId: year });
  await db.transaction().execute(async (trx) => {
    const { start, end } = jalaliYearRange(year);
    await trx.insertInto("job_targets").values({ jalali_year: year, starts_on: start, ends_on: end, current_target: input.amount }).onConflict((oc) => oc.column("jalali_year").doNothing()).execute();
    await trx.insertInto("job_target_revisions").values({
      jalali_year: year, revised_on: input.revisedOn, amount: input.amount, kind: input.kind,
      note_fa: locale === "fa" ? input.note ?? null : null, note_en: locale === "en" ? input.note ?? null : null, created_by: actor.user.id,
    }).execute();
    await trx.updateTable("job_targets").set((eb) => ({ current_target: input.amount, version: eb("version", "+", 1) })).where("jalali_year", "=", year).execute();
    await writeAudit(trx, auditMeta(actor), { action: "job_target.revise", entity: "job_target", entityId: year, details: { amount: input.amount, kind: input.kind } });
  });
}

export async function setAllocation(actor: UserActor, year: number, input: { dimension: string; code: string; amount: number }) {
  const db = await getDb();
  await requirePermission(actor, "manage:job_target", { orgUnitIds: [await directorateId(db)], entity: "job_target", entityId: year });
  await db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom("job_targets").select("jalali_year").where("jalali_year", "=", year).executeTakeFirst();
    if (!target) throw badRequest("error.form", { amount: "employment.error.noTarget" });
    const refs = await referenceSets(trx);
    const known = input.dimension === "county" ? refs.counties.has(input.code) : input.dimension === "agency" ? refs.agencies.has(input.code) : PROGRAMMES.includes(input.code as Programme);
    if (!known) throw badRequest("error.form", { code: "employment.error.unknownCode" });
    await trx.insertInto("job_target_allocations").values({ jalali_year: year, dimension: input.dimension, code: input.code, amount: input.amount, is_demo: false })
      .onConflict((oc) => oc.columns(["jalali_year", "dimension", "code"]).doUpdateSet({ amount: input.amount, is_demo: false, updated_at: clockNow() }))
      .execute();
    await writeAudit(trx, auditMeta(actor), { action: "job_target.allocate", entity: "job_target", entityId: year, details: input });
  });
}

/** The targets page: a year's target, revisions, allocations and the allocation warnings (dashboard readers). */
export async function targetsPage(actor: UserActor, year: number) {
  await requireDashboardReader(actor);
  const t = await targetOf(await getDb(), year);
  return { ...t, warnings: allocationWarnings(t.target?.current_target ?? null, t.allocations) };
}

/** Dimensions whose allocations do not add up to the target (sum vs target). */
export function allocationWarnings(target: number | null, allocations: { dimension: string; amount: number }[]) {
  const sums = new Map<string, number>();
  for (const a of allocations) sums.set(a.dimension, (sums.get(a.dimension) ?? 0) + a.amount);
  return [...sums].filter(([, s]) => target != null && s !== target).map(([dimension, sum]) => ({ dimension, sum, target: target ?? 0 }));
}

// ---------- dashboard ----------

// The target, its revisions and allocations of a year, for the dashboards (three statements): cached,
// dropped by every audited target change (app/lib/memo.server.ts). The targets page reads them afresh.
const dashboardTarget = memo("job_target", 60_000, async (year: number) => targetOf(await getDb(), year));

/** Dashboard numbers (staff and public share them; the public page shows aggregates only). */
export async function dashboard(filters: DashboardFilters, now: Date = clockNow()) {
  const db = await getDb();
  const [numbers, t] = await Promise.all([dashboardNumbersCached(db, filters), dashboardTarget.get(filters.year)]);
  const provinceTarget = t.target?.current_target ?? null;
  // With one dimension filtered, the target is that dimension's allocation when there is one.
  const single = [filters.county && ["county", filters.county], filters.agency && ["agency", filters.agency], filters.programme && ["programme", filters.programme]].filter(Boolean) as [string, string][];
  const alloc = single.length === 1 ? t.allocations.find((a) => a.dimension === single[0][0] && a.code === single[0][1]) : undefined;
  const target = single.length === 0 ? provinceTarget : alloc?.amount ?? null;
  const { start, end } = jalaliYearRange(filters.year);
  const day = 86_400_000;
  const daysInYear = Math.round((Date.parse(end) - Date.parse(start)) / day) + 1;
  const elapsed = Math.floor((now.getTime() - Date.parse(start)) / day) + 1;
  const verified = numbers.totals.created;
  return {
    filters,
    target,
    provinceTarget,
    targetIsAllocation: !!alloc,
    revisions: t.revisions,
    allocations: t.allocations,
    warnings: allocationWarnings(provinceTarget, t.allocations),
    progress: progress(verified, target),
    projection: elapsed >= daysInYear ? verified : runRate(verified, elapsed, daysInYear),
    isCurrentYear: filters.year === currentJalaliYear(now),
    ...numbers,
  };
}
export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

export const HOME_PENDING_CAP = 100;

/**
 * The staff home widget (ledger readers only; null for everyone else, without an audit row): reports
 * awaiting verification (counted up to HOME_PENDING_CAP; `pendingMore` when there are more) with the
 * oldest one's age in days, and this Jalali year's verified jobs against the target. One indexed
 * query; the verified total is the dashboard's own number when the dashboard has it cached at the
 * current ledger version, else null (the widget then links to the dashboard instead of scanning).
 */
export async function employmentHome(actor: UserActor, now: Date = clockNow()) {
  if (!allows(actor.user, "read:employment")) return null;
  const year = currentJalaliYear(now);
  const h = await homeHeadline(await getDb(), year, HOME_PENDING_CAP + 1);
  const cached = homeDashboardHit({ year }, h.version);
  const verified = cached ? cached.totals.created : null;
  return {
    pending: Math.min(h.pending, HOME_PENDING_CAP),
    pendingMore: h.pending > HOME_PENDING_CAP,
    oldestDays: h.oldest == null ? null : Math.max(0, Math.floor((now.getTime() - new Date(h.oldest).getTime()) / 86_400_000)),
    year,
    target: h.target,
    verified,
    progress: verified != null && h.target ? progress(verified, h.target) : null,
  };
}
export type EmploymentHome = NonNullable<Awaited<ReturnType<typeof employmentHome>>>;
