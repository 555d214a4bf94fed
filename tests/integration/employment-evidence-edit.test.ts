import fs from "node:fs";
import { todayTehran } from "~/i18n/clock";
import { afterAll, describe, expect, it, vi } from "vitest";

// Evidence files of this file go to a throwaway folder (set before anything reads the environment).
const dataDir = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "portal-employment-"));
  process.env.DATA_DIR = dir;
  delete process.env.UPLOADTHING_TOKEN;
  return dir as string;
});

import { getDb } from "~/lib/db.server";
import { isHttpError } from "~/lib/http";
import { currentJalaliYear } from "~/i18n/format";
import type { ReportNumbers } from "~/modules/employment/service.server";
import { createEnterprise, updateEnterprise } from "~/modules/employment/enterprises.server";
import { decideReports, enterReport, getReport, openEvidence } from "~/modules/employment/reports.server";
import { dashboard, employmentHome } from "~/modules/employment/dashboard.server";
import { homeHeadline, plainTotals } from "~/modules/employment/queries.server";
import { enterpriseSchema } from "~/modules/employment/schema";
import { fileFromBytes, openDownload } from "~/modules/files/service.server";
import { actorFor, createUser } from "../factories";
import { sampleExe, samplePdf, readAll, storedFiles } from "../factories/files";

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const uploadsOnDisk = () => storedFiles(dataDir).length;
const status = (n: number) => (e: unknown) => isHttpError(e) && e.init?.status === n;
const fieldErr = (field: string, key?: string) => (e: unknown) => isHttpError(e) && !!e.data.fieldErrors?.[field] && (!key || e.data.fieldErrors[field] === key);
const numbers = (created: number, extra: Partial<ReportNumbers> = {}): ReportNumbers => ({
  asOf: "2022-08-03", programme: "cases", fteBaseline: 0, fteNow: created, createdFullTime: created, createdPartTime: 0, createdTempMonths: 0,
  retainedFullTime: 0, retainedPartTime: 0, retainedTempMonths: 0, volunteers: 0, women: 0, priorityGroups: [], ...extra,
});
const enterprise = (regNo: string, extra: Record<string, unknown> = {}) =>
  enterpriseSchema.parse({ name: `بنگاه ${regNo}`, registrationNo: regNo, kind: "company", county: "tabriz", sector: "A", agency: "welfare", sizeClass: "small", baselineHeadcount: "2", ...extra });
const staffActor = async () => actorFor((await createUser({ role: "staff" })).id);

describe("evidence file on a manual report", () => {
  it("stores the file with the report; ledger readers download it, nobody else (403)", async () => {
    // Centre staff enter reports; a mentor of the same centre must still not open the evidence.
    const staff = await actorFor((await createUser({ role: "staff", unit: "accel-tabriz-1" })).id);
    const e = await createEnterprise(staff, enterprise("700001"));
    const pdf = samplePdf("evidence");
    const { reportId } = await enterReport(staff, e, numbers(2), fileFromBytes("قرارداد.pdf", pdf));
    const r = await getReport(staff, reportId);
    expect(r.evidence_file_id).toBeTruthy();
    expect(r.evidence_name).toBe("قرارداد.pdf");
    const db = await getDb();
    const file = await db.selectFrom("files").selectAll().where("id", "=", r.evidence_file_id!).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ entity: "employment_report", entity_id: String(reportId), mime_type: "application/pdf" });

    const admin = await actorFor((await createUser({ role: "admin" })).id);
    for (const reader of [staff, admin]) {
      const dl = await openEvidence(reader, reportId);
      expect((await readAll(dl.stream)).equals(pdf)).toBe(true);
    }
    for (const role of ["mentor", "entrepreneur", "chair_manager", "company_rep"] as const) {
      const other = await actorFor((await createUser({ role })).id);
      await expect(openEvidence(other, reportId)).rejects.toSatisfy(status(403));
    }
    // The files module's own download refuses them too (its rule for employment_report grants ledger readers only).
    const mentor = await actorFor((await createUser({ role: "mentor", unit: "accel-tabriz-1" })).id);
    await expect(openDownload(mentor, r.evidence_file_id!)).rejects.toSatisfy(status(404));
    const denied = await db.selectFrom("audit_log").select("id").where("action", "=", "authz.denied").where("entity", "=", "employment_report").where("entity_id", "=", String(reportId)).execute();
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });

  it("a file that lies about its type gets a field error and nothing is written: no report, no file row, no bytes", async () => {
    const staff = await staffActor();
    const e = await createEnterprise(staff, enterprise("700002"));
    const db = await getDb();
    const count = async () => ({
      reports: (await db.selectFrom("employment_reports").select("id").where("enterprise_id", "=", e).execute()).length,
      files: (await db.selectFrom("files").select("id").where("entity", "=", "employment_report").execute()).length,
      disk: uploadsOnDisk(),
    });
    const before = await count();
    await expect(enterReport(staff, e, numbers(2), fileFromBytes("evidence.pdf", sampleExe()))).rejects.toSatisfy(fieldErr("file", "error.fileMismatch"));
    await expect(enterReport(staff, e, numbers(2), fileFromBytes("evidence.exe", sampleExe()))).rejects.toSatisfy(fieldErr("file", "error.fileType"));
    // A good file with numbers the ledger refuses: the stored bytes are removed again.
    await expect(enterReport(staff, e, numbers(2, { fteNow: 1 }), fileFromBytes("ok.pdf", samplePdf()))).rejects.toSatisfy(fieldErr("createdFullTime"));
    expect(await count()).toEqual(before);
    // Without a file the report is filed as before.
    const { reportId } = await enterReport(staff, e, numbers(1));
    expect((await getReport(staff, reportId)).evidence_file_id).toBeNull();
    await expect(openEvidence(staff, reportId)).rejects.toSatisfy(status(404));
  });
});

describe("editing an enterprise", () => {
  it("updates the details with an audit row, keeps identifiers unique, refuses a stale version, and moves the rollup", async () => {
    const staff = await staffActor();
    const a = await createEnterprise(staff, enterprise("710001", { county: "tabriz" }));
    await createEnterprise(staff, enterprise("710002"));
    const { reportId } = await enterReport(staff, a, numbers(3));
    await decideReports(staff, [reportId], "verified");
    const before = { tabriz: await dashboard({ year: 1401, county: "tabriz" }), maragheh: await dashboard({ year: 1401, county: "maragheh" }) };

    await updateEnterprise(staff, a, 1, enterprise("710001", { name: "نام تازه", county: "maragheh", kind: "cooperative", baselineHeadcount: "7" }));
    const db = await getDb();
    const row = await db.selectFrom("enterprises").selectAll().where("id", "=", a).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "نام تازه", county_code: "maragheh", kind: "cooperative", baseline_headcount: 7, version: 2 });
    const audit = await db.selectFrom("audit_log").select(["details"]).where("action", "=", "enterprise.update").where("entity_id", "=", String(a)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).toContain("maragheh");
    // The counted report follows the enterprise to its new county (the dashboard and the plain rule agree).
    const after = { tabriz: await dashboard({ year: 1401, county: "tabriz" }), maragheh: await dashboard({ year: 1401, county: "maragheh" }) };
    expect(after.tabriz.totals.created).toBe(before.tabriz.totals.created - 3);
    expect(after.maragheh.totals.created).toBe(before.maragheh.totals.created + 3);
    expect((await plainTotals(db, { year: 1401, county: "maragheh" })).created).toBe(after.maragheh.totals.created);

    // Stale form (version 1 again): 409, nothing changes.
    await expect(updateEnterprise(staff, a, 1, enterprise("710001", { name: "دیرهنگام" }))).rejects.toSatisfy(status(409));
    // Another enterprise's registration number: a field error.
    await expect(updateEnterprise(staff, a, 2, enterprise("710002"))).rejects.toSatisfy(fieldErr("registrationNo", "employment.error.duplicateEnterprise"));
    await expect(updateEnterprise(staff, a, 2, enterprise("710001", { county: "atlantis" }))).rejects.toSatisfy(fieldErr("county", "employment.error.unknownCounty"));
    expect((await db.selectFrom("enterprises").select(["name", "version"]).where("id", "=", a).executeTakeFirstOrThrow())).toEqual({ name: "نام تازه", version: 2 });

    const mentor = await actorFor((await createUser({ role: "mentor" })).id);
    const admin = await actorFor((await createUser({ role: "admin" })).id);
    await expect(updateEnterprise(mentor, a, 2, enterprise("710001"))).rejects.toSatisfy(status(403));
    await expect(updateEnterprise(admin, a, 2, enterprise("710001"))).rejects.toSatisfy(status(403));
  });
});

describe("staff home widget", () => {
  it("counts reports awaiting verification with the oldest one's age, and the year's progress from the cached dashboard", async () => {
    const staff = await staffActor();
    const e = await createEnterprise(staff, enterprise("720001"));
    const year = currentJalaliYear();
    const db = await getDb();
    const h0 = await employmentHome(staff);
    expect(h0).not.toBeNull();
    await enterReport(staff, e, numbers(1, { asOf: todayTehran() }));
    const later = new Date(Date.now() + 3 * 86_400_000);
    const h1 = (await employmentHome(staff, later))!;
    expect(h1.pending).toBe(Math.min(h0!.pending + 1, 100));
    expect(h1.oldestDays).toBeGreaterThanOrEqual(3);
    // The count is capped (an index range, never a scan of the table).
    expect((await homeHeadline(db, year, 1)).pending).toBe(1);
    // With a target and the dashboard numbers cached at the current ledger version, the percentage shows.
    await db.insertInto("job_targets").values({ jalali_year: year, starts_on: "2026-03-21", ends_on: "2027-03-20", current_target: 200 })
      .onConflict((oc) => oc.column("jalali_year").doUpdateSet({ current_target: 200 })).execute();
    const d = await dashboard({ year });
    const h2 = (await employmentHome(staff))!;
    expect(h2.target).toBe(200);
    expect(h2.verified).toBe(d.totals.created);
    expect(h2.progress).toBeCloseTo(d.totals.created / 200);
    // Other roles get no widget.
    for (const role of ["mentor", "entrepreneur"] as const) expect(await employmentHome(await actorFor((await createUser({ role })).id))).toBeNull();
  });
});
