// Issue 11 item 10, the ledger and reference screens: a deactivated county is not offered in the
// enterprise form or the dashboard filter (the value already chosen stays); open data names programmes
// and gives each county row its own target (its allocation), not the province's; a re-import whose
// valid rows are all in the ledger already says so in the preview and at the end, not "0 imported".
// Pages are read from the built server (`npx remix build` first), as the clock-displays test does.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { translate } from "~/i18n";
import { createEnterprise } from "~/modules/employment/enterprises.server";
import { reportEmployment } from "~/modules/employment/service.server";
import { decideReports } from "~/modules/employment/reports.server";
import { addTargetRevision, dashboard, setAllocation } from "~/modules/employment/dashboard.server";
import { openDataRows } from "~/modules/employment/http.server";
import { referenceNames } from "~/modules/employment/service.server";
import { confirmImport, getImport, previewImport, runImport } from "~/modules/employment/import.server";
import { filtersFrom } from "~/modules/employment/schema";
import { actorFor, createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "../security/http-helpers";

vi.setConfig({ testTimeout: 180_000 });

const GONE = "kaleybar"; // deactivated before the server reads the counties (its cache starts cold)
let server: TestServer;
let staffId: number;
let enterpriseInGone: number;

beforeAll(async () => {
  const staff = await createUser({ role: "staff" });
  staffId = staff.id;
  const actor = await actorFor(staff.id);
  enterpriseInGone = (await createEnterprise(actor, {
    name: "کارگاه گلیم کلیبر", registrationNo: "66001", kind: "company", county: GONE, sector: "C", sizeClass: "micro", baselineHeadcount: 2,
  })) as unknown as number;
  const db = await getDb();
  await db.updateTable("counties").set({ active: false }).where("code", "=", GONE).execute();
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});

const page = async (path: string) => {
  const r = await send(server, path, { cookie: await sessionCookieFor(staffId), headers: { "Accept-Language": "fa" } });
  expect(r.status).toBe(200);
  return r.body;
};
const offered = (html: string, code: string) => html.includes(`<option value="${code}"`);

describe("a deactivated county", () => {
  it("is not offered in the enterprise form or the dashboard filter, but a value already chosen stays", async () => {
    const form = await page("/employment/enterprises/new");
    expect(offered(form, "tabriz")).toBe(true);
    expect(offered(form, GONE)).toBe(false);
    const board = await page("/employment/dashboard");
    expect(offered(board, "tabriz")).toBe(true);
    expect(offered(board, GONE)).toBe(false);
    expect(offered(await page(`/employment/dashboard?county=${GONE}`), GONE)).toBe(true);
    // The enterprise of that county keeps its county on the edit form (nothing silently changes).
    const id = typeof enterpriseInGone === "object" ? (enterpriseInGone as { id: number }).id : enterpriseInGone;
    expect(offered(await page(`/employment/enterprises/${id}/edit`), GONE)).toBe(true);
  });
});

describe("open data", () => {
  it("names programmes and gives each county row its own allocation as target, not the province's", async () => {
    const staff = await actorFor(staffId);
    await addTargetRevision(staff, 1401, { amount: 45_000, kind: "commitment", revisedOn: "2022-03-21" }, "fa");
    await setAllocation(staff, 1401, { dimension: "county", code: "tabriz", amount: 500 });
    const ids: number[] = [];
    for (const [reg, county] of [["67001", "tabriz"], ["67002", "ahar"]] as const) {
      const { reportId } = await reportEmployment(staff, {
        source: { module: "manual" }, programme: "cases", asOf: "2022-08-03", fteBaseline: 1, fteNow: 4,
        enterprise: { registrationNo: reg, name: `بنگاه ${reg}`, kind: "company", county, sector: "C" },
        created: { fullTime: 3, partTime: 0, tempMonths: 0 },
      });
      ids.push(reportId);
    }
    await decideReports(staff, ids, "verified");
    const d = await dashboard(filtersFrom(new URL("http://x/?year=1401"), 1401));
    const rows = openDataRows(d, await referenceNames());
    const row = (dimension: string, code: string) => rows.find((r) => r.dimension === dimension && r.code === code);
    expect(row("total", "")?.target).toBe(45_000);
    expect(row("county", "tabriz")?.target).toBe(500);
    expect(row("county", "ahar")?.target).toBeNull();
    expect(row("programme", "cases")).toMatchObject({ name_fa: translate("fa", "employment.programme.cases"), name_en: translate("en", "employment.programme.cases") });
    expect(row("programme", "cases")?.name_fa).not.toBe("cases");
  });
});

describe("re-importing a file", () => {
  it("says in the preview and at the end that the valid rows were in the ledger already", async () => {
    const staff = await actorFor(staffId);
    const csv = [
      "external_ref,registration_no,enterprise_name,county,sector,as_of,programme,fte_baseline,fte_now,created_full_time",
      "re-1,680001,کارگاه فرش,tabriz,C,۱۴۰۱/۰۶/۰۱,cooperatives,1,4,3",
      "re-2,680002,کارگاه چرم,tabriz,C,1401/06/01,cooperatives,0,1,9",
    ].join("\n");
    const bytes = new TextEncoder().encode(csv);
    const first = await previewImport(staff, "r.csv", bytes);
    await runImport(first);
    expect((await getImport(staff, first)).alreadyImported).toBe(0);
    await confirmImport(staff, first, "valid");
    await runImport(first);
    const again = await previewImport(staff, "r.csv", bytes);
    await runImport(again);
    expect(await getImport(staff, again)).toMatchObject({ status: "preview", validRows: 1, alreadyImported: 1 });
    expect(await page(`/employment/import/${again}`)).toContain(translate("fa", "employment.import.alreadyImported", { count: "۱", valid: "۱" }));
    await confirmImport(staff, again, "valid");
    await runImport(again);
    const done = await page(`/employment/import/${again}`);
    expect(done).toContain(translate("fa", "employment.import.doneNothingNew", { skipped: "۱" }));
    expect(done).not.toContain(translate("fa", "employment.import.done", { created: "۰", skipped: "۱" }));
  });
});

describe("the allocation form", () => {
  it("picks a share from a list of active counties, agencies and programmes (no typed code)", async () => {
    const staff = await actorFor(staffId);
    await addTargetRevision(staff, 1402, { amount: 50_000, kind: "commitment", revisedOn: "2023-03-21" }, "fa");
    const form = await page("/employment/targets?year=1402");
    expect(form).not.toContain('name="code"');
    expect(form).toContain("<optgroup");
    expect(offered(form, "county:tabriz")).toBe(true);
    expect(offered(form, "agency:welfare")).toBe(true);
    expect(offered(form, "programme:cases")).toBe(true);
    expect(offered(form, `county:${GONE}`)).toBe(false);
    const cookie = await sessionCookieFor(staffId);
    const ok = await send(server, "/employment/targets?year=1402", { cookie, form: { intent: "allocate", share: "county:ahar", amount: "300" } });
    expect(ok.status).toBe(302);
    const db = await getDb();
    expect(await db.selectFrom("job_target_allocations").select(["dimension", "code", "amount"]).where("jalali_year", "=", 1402).execute())
      .toEqual([{ dimension: "county", code: "ahar", amount: 300 }]);
    // A deactivated county posted anyway: the message is on the picker, the amount kept, nothing written.
    const bad = await send(server, "/employment/targets?year=1402", { cookie, form: { intent: "allocate", share: `county:${GONE}`, amount: "۴۰۰" }, headers: { "Accept-Language": "fa" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain(translate("fa", "employment.error.unknownCode"));
    expect(bad.body).toMatch(/name="amount"[^>]*value="۴۰۰"|value="۴۰۰"[^>]*name="amount"/);
    expect(await db.selectFrom("job_target_allocations").select("code").where("jalali_year", "=", 1402).execute()).toHaveLength(1);
  });
});
