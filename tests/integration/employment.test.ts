import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { isHttpError } from "~/lib/http";
import { reportEmployment } from "~/modules/employment/service.server";
import { createEnterprise, mergeEnterprises } from "~/modules/employment/enterprises.server";
import { decideReports, supersedeReport, verificationQueue, verificationQueuePage } from "~/modules/employment/reports.server";
import { addTargetRevision, dashboard, setAllocation } from "~/modules/employment/dashboard.server";
import { confirmImport, getImport, previewImport, runImport } from "~/modules/employment/import.server";
import { plainTotals } from "~/modules/employment/queries.server";
import { actorFor, createUser } from "../factories";

const SECTOR = "A";
const ent = (regNo: string, extra: Record<string, unknown> = {}) => ({ registrationNo: regNo, name: `بنگاه ${regNo}`, kind: "company" as const, county: "tabriz", sector: SECTOR, agency: "welfare", ...extra });
const numbers = (created: number, extra: Record<string, unknown> = {}) => ({
  asOf: "2022-08-03", programme: "cases" as const, fteBaseline: 10, fteNow: 10 + created, createdFullTime: created, createdPartTime: 0, createdTempMonths: 0,
  retainedFullTime: 0, retainedPartTime: 0, retainedTempMonths: 0, volunteers: 0, women: 0, priorityGroups: [] as string[], ...extra,
});
const fieldErr = (field: string, key?: string) => (e: unknown) => isHttpError(e) && !!e.data.fieldErrors?.[field] && (!key || e.data.fieldErrors[field] === key);

async function staffActor() {
  const u = await createUser({ role: "staff" });
  return actorFor(u.id);
}

describe("reportEmployment (for other modules)", () => {
  it("finds or creates the enterprise, files a reported report with its source, and is idempotent by external ref", async () => {
    const mentor = await actorFor((await createUser({ role: "mentor" })).id);
    const input = {
      source: { module: "cases" as const, id: 42 }, enterprise: ent("100001"), asOf: "2022-08-03", fteBaseline: 3, fteNow: 6,
      created: { fullTime: 1, partTime: 2, tempMonths: 6 }, retained: { fullTime: 3, partTime: 0, tempMonths: 0 }, women: 1, externalRef: "cases:42:close",
    };
    const a = await reportEmployment(mentor, input);
    const b = await reportEmployment(mentor, input);
    expect(b).toEqual({ ...a, duplicate: true });
    const again = await reportEmployment(mentor, { ...input, externalRef: null, enterprise: ent("100001", { name: "نام دیگر" }) });
    expect(again.enterpriseId).toBe(a.enterpriseId);
    const db = await getDb();
    const r = await db.selectFrom("employment_reports").selectAll().where("id", "=", a.reportId).executeTakeFirstOrThrow();
    expect(r).toMatchObject({ status: "reported", source_module: "cases", source_id: "42", programme: "cases", jobs_created: 2.5, jobs_retained: 3, jalali_year: 1401, jalali_month: 5 });
  });

  it("counts a placement as one created job", async () => {
    const actor = await staffActor();
    const { reportId } = await reportEmployment(actor, { source: { module: "placements", id: 7 }, enterprise: ent("100002"), asOf: "2022-09-01", placement: true });
    const db = await getDb();
    const r = await db.selectFrom("employment_reports").select(["jobs_created", "programme"]).where("id", "=", reportId).executeTakeFirstOrThrow();
    expect(r).toEqual({ jobs_created: 1, programme: "placements" });
  });

  it("refuses absurd numbers, unknown codes, future dates and bad national IDs, writing nothing", async () => {
    const actor = await staffActor();
    const base = { source: { module: "cases" as const, id: 1 }, enterprise: ent("100003"), asOf: "2022-08-03", fteNow: 2, created: { fullTime: 5, partTime: 0, tempMonths: 0 } };
    await expect(reportEmployment(actor, base)).rejects.toSatisfy(fieldErr("createdFullTime", "employment.error.jobsOverHeadcount"));
    await expect(reportEmployment(actor, { ...base, fteNow: 9, women: 7 })).rejects.toSatisfy(fieldErr("women", "employment.error.womenOverTotal"));
    await expect(reportEmployment(actor, { ...base, fteNow: 9, asOf: "2099-01-01" })).rejects.toSatisfy(fieldErr("asOf", "employment.error.futureDate"));
    await expect(reportEmployment(actor, { ...base, fteNow: 9, enterprise: ent("100003", { county: "atlantis" }) })).rejects.toSatisfy(fieldErr("county", "employment.error.unknownCounty"));
    await expect(reportEmployment(actor, { ...base, fteNow: 9, enterprise: { ...ent(""), registrationNo: null, nationalId: "1234567890" } })).rejects.toSatisfy(fieldErr("nationalId", "error.invalidNationalId"));
    const db = await getDb();
    expect(await db.selectFrom("enterprises").select("id").where("registration_no", "=", "100003").execute()).toHaveLength(0);
  });

  it("manual and import sources need create:employment_report", async () => {
    const mentor = await actorFor((await createUser({ role: "mentor" })).id);
    await expect(reportEmployment(mentor, { source: { module: "manual" }, enterprise: ent("100004"), asOf: "2022-08-03", placement: true })).rejects.toSatisfy((e: unknown) => isHttpError(e) && e.init?.status === 403);
  });
});

describe("verification, corrections, merge and the rollup", () => {
  it("verifying moves the dashboard; rejection needs a note; corrections supersede and fall back", async () => {
    const staff = await staffActor();
    const f = { year: 1401, county: "ajabshir" };
    const before = await dashboard(f);
    const e = await createEnterprise(staff, { ...ent("200001", { county: "ajabshir" }), registrationNo: "200001", sizeClass: "small", baselineHeadcount: 3 });
    const r1 = await reportEmployment(staff, { source: { module: "manual" }, enterprise: { id: e }, asOf: "2022-05-01", fteNow: 8, created: { fullTime: 4, partTime: 0, tempMonths: 0 } });
    const r2 = await reportEmployment(staff, { source: { module: "manual" }, enterprise: { id: e }, asOf: "2022-09-01", fteNow: 10, created: { fullTime: 6, partTime: 0, tempMonths: 0 } });
    expect((await dashboard(f)).pending.created - before.pending.created).toBe(10);
    await expect(decideReports(staff, [r1.reportId], "rejected")).rejects.toSatisfy(fieldErr("note"));
    await decideReports(staff, [r1.reportId, r2.reportId], "verified", "ok");
    let d = await dashboard(f);
    expect(d.totals.created - before.totals.created).toBe(6); // latest report, never summed
    await expect(decideReports(staff, [r1.reportId], "verified")).rejects.toSatisfy((x: unknown) => isHttpError(x) && x.init?.status === 409);
    // Correct the latest: until the correction is verified the enterprise falls back to its earlier report.
    const fixId = await supersedeReport(staff, r2.reportId, numbers(5, { asOf: "2022-09-01", fteNow: 9 }), "typo");
    d = await dashboard(f);
    expect(d.totals.created - before.totals.created).toBe(4);
    await decideReports(staff, [fixId], "verified");
    d = await dashboard(f);
    expect(d.totals.created - before.totals.created).toBe(5);
    expect((await plainTotals(await getDb(), f)).created).toBe(d.totals.created);
  });

  it("merging duplicates keeps every report and counts the enterprise once", async () => {
    const staff = await staffActor();
    const f = { year: 1401, county: "bonab" };
    const a = await createEnterprise(staff, { ...ent("300001", { county: "bonab" }), registrationNo: "300001", sizeClass: "micro", baselineHeadcount: 0 });
    const b = await createEnterprise(staff, { ...ent("300002", { county: "bonab" }), registrationNo: "300002", sizeClass: "micro", baselineHeadcount: 0 });
    const ra = await reportEmployment(staff, { source: { module: "manual" }, programme: "cases", enterprise: { id: a }, asOf: "2022-05-01", fteNow: 3, created: { fullTime: 3, partTime: 0, tempMonths: 0 } });
    const rb = await reportEmployment(staff, { source: { module: "manual" }, programme: "cooperatives", enterprise: { id: b }, asOf: "2022-07-01", fteNow: 4, created: { fullTime: 4, partTime: 0, tempMonths: 0 } });
    await decideReports(staff, [ra.reportId, rb.reportId], "verified");
    expect((await dashboard(f)).totals).toMatchObject({ created: 7, enterprises: 2 });
    await mergeEnterprises(staff, a, b);
    const d = await dashboard(f);
    expect(d.totals).toMatchObject({ created: 4, enterprises: 1 });
    const db = await getDb();
    expect(await db.selectFrom("employment_reports").select("id").where("enterprise_id", "=", a).execute()).toHaveLength(2);
    await expect(createEnterprise(staff, { ...ent("300001"), registrationNo: "300001", sizeClass: "micro", baselineHeadcount: 0 })).rejects.toSatisfy(fieldErr("registrationNo", "employment.error.duplicateEnterprise"));
  });
});

describe("permissions per role", () => {
  it("only directorate staff verify, merge and manage targets; centre staff enter; others are refused", async () => {
    const directorate = await staffActor();
    const centre = await actorFor((await createUser({ role: "staff", unit: "accel-tabriz-1" })).id);
    const mentor = await actorFor((await createUser({ role: "mentor" })).id);
    const entrepreneur = await actorFor((await createUser({ role: "entrepreneur" })).id);
    const admin = await actorFor((await createUser({ role: "admin" })).id);
    const r = await reportEmployment(centre, { source: { module: "manual" }, enterprise: ent("400001"), asOf: "2022-05-01", placement: true });
    const is403 = (e: unknown) => isHttpError(e) && e.init?.status === 403;
    await expect(decideReports(centre, [r.reportId], "verified")).rejects.toSatisfy(is403);
    await expect(decideReports(mentor, [r.reportId], "verified")).rejects.toSatisfy(is403);
    await expect(decideReports(admin, [r.reportId], "verified")).rejects.toSatisfy(is403);
    await expect(verificationQueue(entrepreneur, {})).rejects.toSatisfy(is403);
    await expect(addTargetRevision(centre, 1401, { amount: 1, kind: "correction", revisedOn: "2022-05-01" }, "fa")).rejects.toSatisfy(is403);
    expect((await verificationQueue(admin, {})).rows.length).toBeGreaterThan(0);
    // The queue page sends each row's shown columns only, the county named in the reader's language.
    await expect(verificationQueuePage(entrepreneur, {}, "fa")).rejects.toSatisfy(is403);
    const page = await verificationQueuePage(directorate, { county: "tabriz" }, "en");
    const row = page.rows.find((x) => x.id === Number(r.reportId))!;
    expect(Object.keys(row).sort()).toEqual(["as_of", "county", "enterprise_id", "enterprise_name", "id", "jobs_created", "jobs_retained", "programme", "source_id", "source_module"]);
    expect(row.county).toBe("Tabriz");
    expect(page.counties.find((c) => c.value === "tabriz")?.label).toBe("Tabriz");
    expect(page.canVerify).toBe(true);
    expect((await verificationQueuePage(admin, {}, "fa")).canVerify).toBe(false);
    expect(await decideReports(directorate, [r.reportId], "verified")).toBe(1);
  });
});

describe("the verification queue", () => {
  it("pages the pending reports in id order under every filter, leaving out decided and superseded ones", async () => {
    const actor = await staffActor();
    const file = async (reg: string, extra: Record<string, unknown>, asOf: string, source: "cases" | "placements" = "cases") =>
      Number((await reportEmployment(actor, { source: { module: source, id: 1 }, enterprise: ent(reg, extra), asOf, ...(source === "placements" ? { placement: true } : { fteNow: 5, created: { fullTime: 1, partTime: 0, tempMonths: 0 } }) })).reportId);
    const ids = {
      tabriz1401: [await file("510001", {}, "2022-05-01"), await file("510002", {}, "2022-06-01"), await file("510003", {}, "2022-07-01")],
      maragheh1401: [await file("510004", { county: "maragheh" }, "2022-05-02")],
      industry1401: [await file("510005", { agency: "agriculture" }, "2022-05-03", "placements")],
      tabriz1402: [await file("510006", {}, "2023-05-01")],
    };
    const decided = await file("510007", {}, "2022-05-04");
    await decideReports(actor, [decided], "verified");
    // A corrected report leaves the queue; its correction (a new pending report) takes its place.
    const corrected = await file("510008", {}, "2022-05-05");
    const correction = Number(await supersedeReport(actor, corrected, numbers(1, { asOf: "2022-05-05", fteNow: 5 })));
    ids.tabriz1401.push(correction);
    const queue = async (f: Parameters<typeof verificationQueue>[1], limit = 25) => (await verificationQueue(actor, f, limit)).rows.map((r) => Number(r.id));
    const mine = new Set(Object.values(ids).flat());
    const only = (xs: number[]) => xs.filter((x) => mine.has(x) || x === decided || x === corrected);
    const all1401 = [...ids.tabriz1401, ...ids.maragheh1401, ...ids.industry1401].sort((a, b) => a - b);
    expect(only(await queue({ year: 1401 }))).toEqual(all1401);
    expect(only(await queue({ year: 1402 }))).toEqual(ids.tabriz1402);
    expect(only(await queue({ year: 1401, county: "maragheh" }))).toEqual(ids.maragheh1401);
    expect(only(await queue({ year: 1401, agency: "agriculture" }))).toEqual(ids.industry1401);
    expect(only(await queue({ year: 1401, programme: "placements" }))).toEqual(ids.industry1401);
    expect(only(await queue({ county: "tabriz" }))).toEqual([...ids.tabriz1401, ...ids.industry1401, ...ids.tabriz1402].sort((a, b) => a - b));
    // Keyset pages: two at a time, no row twice, none lost, `next` null on the last page.
    const seen: number[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await verificationQueue(actor, { year: 1401, county: "tabriz", after }, 2);
      seen.push(...page.rows.map((r) => Number(r.id)));
      expect(page.rows.length).toBeLessThanOrEqual(2);
      if (page.next === null) break;
      after = page.next;
    }
    expect(only(seen)).toEqual([...ids.tabriz1401, ...ids.industry1401].sort((a, b) => a - b));
  });
});

describe("targets", () => {
  it("seeds 1401 with its revisions; a revision changes the percentage; allocations that do not add up are flagged", async () => {
    const staff = await staffActor();
    let d = await dashboard({ year: 1401 });
    expect(d.target).toBe(52000);
    expect(d.revisions.map((r) => r.amount)).toEqual([45000, 52000]);
    await addTargetRevision(staff, 1401, { amount: 45000, kind: "correction", revisedOn: "2022-06-01" }, "fa");
    d = await dashboard({ year: 1401 });
    expect(d.target).toBe(45000);
    await setAllocation(staff, 1401, { dimension: "agency", code: "welfare", amount: 1000 });
    d = await dashboard({ year: 1401 });
    expect(d.warnings.find((w) => w.dimension === "agency")).toMatchObject({ sum: 1000, target: 45000 });
    await expect(setAllocation(staff, 1401, { dimension: "county", code: "nowhere", amount: 1 })).rejects.toSatisfy(fieldErr("code"));
  });
});

describe("CSV import", () => {
  const header = "external_ref,registration_no,national_id,enterprise_name,kind,county,sector,agency,size_class,as_of,programme,fte_baseline,fte_now,created_full_time,created_part_time,created_temp_months,women,priority_groups";
  const good = (ref: string, reg: string) => `${ref},${reg},,شرکت ${reg},company,tabriz,${SECTOR},welfare,small,۱۴۰۱/۰۵/۱۲,cases,۲,۵,۳,0,0,1,`;
  const enc = (s: string) => new TextEncoder().encode(s);

  it("previews per-row errors, writes nothing until confirmed, imports valid rows only, and is idempotent", async () => {
    const staff = await staffActor();
    const csv = [header, good("imp-1", "500001"), "imp-2,500002,,بد,company,tabriz,A,welfare,small,1401/05/12,cases,0,1,9,0,0,0,", good("imp-3", "500003")].join("\n");
    const id = await previewImport(staff, "r.csv", enc("\uFEFF" + csv));
    // The upload only stores the file: the rows are checked by the background job.
    expect(await getImport(staff, id)).toMatchObject({ status: "validating", totalRows: 3, rowsDone: 0 });
    await runImport(id);
    const p = await getImport(staff, id);
    expect(p).toMatchObject({ status: "preview", validRows: 2, totalRows: 3, rowsDone: 3 });
    expect(p.errors).toEqual([{ row: 3, field: "created_full_time", key: "employment.error.jobsOverHeadcount" }]);
    const db = await getDb();
    const count = async () => (await db.selectFrom("employment_reports").select(sql<number>`count(*)::int`.as("n")).where("external_ref", "like", "imp-%").executeTakeFirstOrThrow()).n;
    expect(await count()).toBe(0);
    await expect(confirmImport(staff, id, "all")).rejects.toSatisfy((e: unknown) => isHttpError(e) && e.init?.status === 409);
    await confirmImport(staff, id, "valid");
    expect(await getImport(staff, id)).toMatchObject({ status: "importing", totalRows: 2, rowsDone: 0 });
    expect(await count()).toBe(0);
    await runImport(id);
    expect(await getImport(staff, id)).toMatchObject({ status: "imported", importedCount: 2, skippedCount: 0, rowsDone: 2 });
    await expect(confirmImport(staff, id, "valid")).rejects.toSatisfy((e: unknown) => isHttpError(e) && e.init?.status === 409);
    const again = await previewImport(staff, "r.csv", enc(csv));
    await runImport(again);
    await confirmImport(staff, again, "valid");
    await runImport(again);
    expect(await getImport(staff, again)).toMatchObject({ status: "imported", importedCount: 0, skippedCount: 2 });
    expect(await count()).toBe(2);
  });

  it("refuses other encodings and missing columns clearly", async () => {
    const staff = await staffActor();
    const latin1 = new Uint8Array([...enc("external_ref,enterprise_name\n1,"), 0xe9, 0x0a]);
    await expect(previewImport(staff, "x.csv", latin1)).rejects.toSatisfy((e: unknown) => isHttpError(e) && e.data.messageKey === "employment.import.error.encoding");
    await expect(previewImport(staff, "x.csv", enc("external_ref,enterprise_name\n1,x\n"))).rejects.toSatisfy(
      (e: unknown) => isHttpError(e) && e.data.messageKey === "employment.import.error.missingColumns" && ((e.data as { columns?: string[] }).columns ?? []).includes("county"),
    );
  });
});

describe("dashboard numbers equal a plain query and the pure rules", () => {
  it("over a few thousand random reports with supersessions and rejections", async () => {
    const db = await getDb();
    const staff = await staffActor();
    const counties = ["tabriz", "ahar", "marand", "maragheh"];
    await sql`
      INSERT INTO enterprises (registration_no, name, kind, county_code, sector_code, agency_code, size_class)
      SELECT 'rnd-' || g, 'rnd ' || g, 'company', (ARRAY['tabriz','ahar','marand','maragheh'])[1 + g % 4], 'A',
             (ARRAY['welfare','agriculture',NULL])[1 + g % 3], 'small'
      FROM generate_series(1, 400) g`.execute(db);
    const ents = await db.selectFrom("enterprises").select("id").where("registration_no", "like", "rnd-%").execute();
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const ids: number[] = [];
    for (let i = 0; i < 2500; i++) {
      const e = ents[rnd(ents.length)].id;
      const r = await reportEmployment(staff, {
        source: { module: "manual" }, programme: (["cases", "cooperatives", "ideas"] as const)[rnd(3)], enterprise: { id: e }, fteBaseline: 10,
        asOf: `2022-${String(4 + rnd(8)).padStart(2, "0")}-${String(1 + rnd(28)).padStart(2, "0")}`, fteNow: 100,
        created: { fullTime: 1 + rnd(5), partTime: rnd(4), tempMonths: rnd(13) }, retained: { fullTime: rnd(3), partTime: 0, tempMonths: 0 }, women: rnd(2),
      });
      ids.push(r.reportId);
    }
    // verify most, reject some, leave some pending
    const verify = ids.filter(() => rnd(10) < 7);
    const reject = ids.filter((x) => !verify.includes(x) && rnd(2) === 0);
    for (let i = 0; i < verify.length; i += 200) await decideReports(staff, verify.slice(i, i + 200), "verified");
    await decideReports(staff, reject, "rejected", "no evidence");
    for (const id of verify.slice(0, 40)) await supersedeReport(staff, id, numbers(1, { asOf: "2022-05-22", fteNow: 50 }));

    for (const f of [{ year: 1401 }, { year: 1401, county: "ahar" }, { year: 1401, agency: "welfare" }, { year: 1401, programme: "cases" }]) {
      const d = await dashboard(f);
      const plain = await plainTotals(db, f);
      expect({ created: d.totals.created, retained: d.totals.retained, women: d.totals.women, enterprises: d.totals.enterprises }).toEqual(plain);
    }
    // Pure rule over all the reports of the year, against the rollup.
    const { countYear } = await import("~/modules/employment/rules");
    const all = await db.selectFrom("employment_reports").select(["id", "enterprise_id", "jalali_year", "as_of", "status", "superseded_by", "jobs_created", "jobs_retained", "women", "programme"]).execute();
    const pure = countYear(all.map((r) => ({ id: Number(r.id), enterpriseId: r.enterprise_id, jalaliYear: r.jalali_year, asOf: r.as_of, status: r.status as "verified", supersededBy: r.superseded_by, jobsCreated: r.jobs_created, jobsRetained: r.jobs_retained, women: r.women, programme: r.programme })), 1401);
    const d = await dashboard({ year: 1401 });
    expect(pure).toEqual(d.totals);
    // breakdowns sum to the total
    const byCounty = d.breakdown.filter((b) => b.dimension === "county").reduce((s, b) => s + Math.round(b.created * 100), 0) / 100;
    expect(byCounty).toBe(d.totals.created);
    void counties;
  }, 600_000); // minutes on a busy shared machine; seconds on a quiet one
});
