// Route x role matrix rows for the employment ledger (issue 3).
// Setup: an enterprise with one reported report filed by the matrix staff user, and an import
// preview (with one bad row) owned by the matrix staff user. POST bodies fail validation (400) or
// a state check (409) for the allowed role, so nothing is written; everyone else gets 403.
import { ROLES } from "~/modules/accounts/roles";
import { reportEmployment } from "~/modules/employment/service.server";
import { enterReport } from "~/modules/employment/reports.server";
import { previewImport, runImport } from "~/modules/employment/import.server";
import { reportNumbersSchema } from "~/modules/employment/schema";
import { fileFromBytes } from "~/modules/files/service.server";
import { actorFor } from "../../factories";
import { samplePdf } from "../../factories/files";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
const signedIn = (n: number): Expect => ({ ...all(n), anonymous: 302 });
/** Only the listed roles get `n`; other signed-in users 403; anonymous 302. */
const only = (n: number, ...roles: Asker[]): Expect => ({ ...signedIn(403), ...Object.fromEntries(roles.map((r) => [r, n])) });
const readers = (n: number) => only(n, "staff", "admin");

export async function setup(users: MatrixUsers) {
  const staff = await actorFor(users.staff.id);
  const { reportId, enterpriseId } = await reportEmployment(staff, {
    source: { module: "manual" }, enterprise: { registrationNo: "matrix-1", name: "بنگاه ماتریس", kind: "company", county: "tabriz", sector: "C" },
    asOf: "2022-08-03", fteNow: 3, created: { fullTime: 2, partTime: 0, tempMonths: 0 },
  });
  const csv = "external_ref,registration_no,enterprise_name,county,sector,as_of,programme,fte_now,created_full_time\nm-1,matrix-2,x,tabriz,C,1401/05/01,cases,1,9\n";
  const importId = await previewImport(staff, "m.csv", new TextEncoder().encode(csv));
  await runImport(importId); // the background job's row checks: a preview with one bad row
  // A second report with an evidence file (downloadable by ledger readers only).
  const numbers = reportNumbersSchema.parse({ asOf: "1401/05/20", programme: "cases", fteNow: "3", createdFullTime: "1" });
  const evidence = await enterReport(staff, enterpriseId, numbers, fileFromBytes("matrix-evidence.pdf", samplePdf("matrix")));
  const centre = await reportEmployment(await actorFor(users.centre_staff.id), {
    source: { module: "manual" }, enterprise: { id: enterpriseId }, asOf: "2022-09-03", fteNow: 4, created: { fullTime: 1, partTime: 0, tempMonths: 0 },
  });
  return { reportId, enterpriseId, importId, evidenceReportId: evidence.reportId, centreReportId: centre.reportId };
}

export const rows: MatrixRow[] = [
  // Public page and open data: everyone.
  { route: "routes/employment._index", path: "/employment", expect: all(200) },
  { route: "routes/employment._index", path: "/employment?year=1401&county=tabriz&programme=cases", expect: all(200) },
  { route: "routes/employment._index", path: "/employment?year=abc&county=%27%3B--", expect: all(200), note: "bad filters fall back to defaults" },
  { route: "routes/employment[.]csv", path: "/employment.csv?year=1401", expect: all(200) },
  { route: "routes/employment[.]json", path: "/employment.json?year=1401", expect: all(200) },
  // Staff dashboard, exports, lists (read:employment: staff and admin).
  { route: "routes/employment.dashboard", path: "/employment/dashboard?year=1401", expect: readers(200) },
  { route: "routes/employment.export", path: "/employment/export?year=1401&table=county", expect: readers(200) },
  { route: "routes/employment.queue", path: "/employment/queue", expect: readers(200) },
  { route: "routes/employment.queue[.]csv", path: "/employment/queue.csv?county=tabriz", expect: readers(200) },
  { route: "routes/employment.queue", method: "POST", path: "/employment/queue", body: (fx) => ({ ids: String(fx.reportId), decision: "rejected" }), expect: { ...only(400, "staff"), centre_staff: 403 }, note: "rejection without a note; verification is the directorate's" },
  { route: "routes/employment.enterprises._index", path: "/employment/enterprises?q=matrix", expect: readers(200) },
  { route: "routes/employment.enterprises[.]csv", path: "/employment/enterprises.csv?q=matrix", expect: readers(200) },
  // Forms only directorate/centre staff may submit answer 403 on GET as on POST (issue 10 item 6).
  { route: "routes/employment.enterprises.new", path: "/employment/enterprises/new", expect: only(200, "staff") },
  { route: "routes/employment.enterprises.new", method: "POST", path: "/employment/enterprises/new", body: { name: "" }, expect: only(400, "staff") },
  { route: "routes/employment.enterprises.$id", path: (fx) => `/employment/enterprises/${fx.enterpriseId}`, expect: readers(200) },
  { route: "routes/employment.enterprises.$id", path: "/employment/enterprises/999999999", expect: readers(404) },
  { route: "routes/employment.enterprises.$id", path: "/employment/enterprises/abc", expect: signedIn(404) },
  { route: "routes/employment.enterprises.$id", method: "POST", path: (fx) => `/employment/enterprises/${fx.enterpriseId}`, body: (fx) => ({ duplicateId: String(fx.enterpriseId) }), expect: { ...only(400, "staff"), centre_staff: 403 }, note: "merge into itself; merging is the directorate's" },
  { route: "routes/employment.enterprises.$id_.report", path: (fx) => `/employment/enterprises/${fx.enterpriseId}/report`, expect: only(200, "staff") },
  { route: "routes/employment.enterprises.$id_.report", method: "POST", path: (fx) => `/employment/enterprises/${fx.enterpriseId}/report`, body: { asOf: "not a date" }, expect: only(400, "staff") },
  { route: "routes/employment.reports.$id", path: (fx) => `/employment/reports/${fx.reportId}`, expect: readers(200) },
  { route: "routes/employment.reports.$id", path: "/employment/reports/999999999", expect: readers(404) },
  { route: "routes/employment.reports.$id", method: "POST", path: (fx) => `/employment/reports/${fx.reportId}`, body: { intent: "decide", decision: "rejected" }, expect: { ...only(400, "staff"), centre_staff: 403 } },
  { route: "routes/employment.reports.$id", method: "POST", path: (fx) => `/employment/reports/${fx.reportId}`, body: { intent: "correct", asOf: "x" }, expect: { ...only(400, "staff"), centre_staff: 403 },
    note: "centre staff correct only the reports they filed (this one the directorate's staff filed)" },
  { route: "routes/employment.reports.$id", method: "POST", path: (fx) => `/employment/reports/${fx.centreReportId}`, body: { intent: "correct", asOf: "x" }, expect: { ...only(400, "staff"), centre_staff: 400 },
    note: "a report the centre staff filed: they may correct it (the form's errors, nothing written)" },
  { route: "routes/employment.reports.$id_.evidence", path: (fx) => `/employment/reports/${fx.evidenceReportId}/evidence`, expect: readers(200), note: "the evidence file: ledger readers only" },
  { route: "routes/employment.reports.$id_.evidence", path: (fx) => `/employment/reports/${fx.reportId}/evidence`, expect: readers(404), note: "a report without evidence" },
  { route: "routes/employment.reports.$id_.evidence", path: "/employment/reports/abc/evidence", expect: signedIn(404) },
  { route: "routes/employment.enterprises.$id_.edit", path: (fx) => `/employment/enterprises/${fx.enterpriseId}/edit`, expect: only(200, "staff") },
  { route: "routes/employment.enterprises.$id_.edit", path: "/employment/enterprises/999999999/edit", expect: only(404, "staff") },
  { route: "routes/employment.enterprises.$id_.edit", method: "POST", path: (fx) => `/employment/enterprises/${fx.enterpriseId}/edit`, body: { name: "", version: "1" }, expect: only(400, "staff") },
  { route: "routes/employment.enterprises.$id_.edit", method: "POST", path: (fx) => `/employment/enterprises/${fx.enterpriseId}/edit`,
    body: { name: "بنگاه ماتریس", registrationNo: "matrix-1", kind: "company", county: "tabriz", sector: "C", sizeClass: "micro", version: "0" }, expect: only(409, "staff"), note: "stale version: nothing written" },
  { route: "routes/employment.targets", path: "/employment/targets?year=1401", expect: { ...only(200, "staff"), centre_staff: 403 }, note: "targets are the directorate's" },
  { route: "routes/employment.targets", method: "POST", path: "/employment/targets?year=1401", body: { intent: "revise", amount: "abc" }, expect: { ...only(400, "staff"), centre_staff: 403 }, note: "targets are the directorate's" },
  { route: "routes/employment.import._index", path: "/employment/import", expect: only(200, "staff") },
  { route: "routes/employment.import._index", method: "POST", path: "/employment/import", body: { nothing: "" }, expect: only(400, "staff") },
  { route: "routes/employment.import.$id", path: (fx) => `/employment/import/${fx.importId}`, expect: { ...only(200, "staff"), centre_staff: 404 }, note: "a preview is its uploader's" },
  { route: "routes/employment.import.$id", path: "/employment/import/00000000-0000-0000-0000-000000000000", expect: only(404, "staff") },
  { route: "routes/employment.import.$id_.errors[.]csv", path: (fx) => `/employment/import/${fx.importId}/errors.csv`, expect: { ...only(200, "staff"), centre_staff: 404 }, note: "an import's errors are its uploader's" },
  { route: "routes/employment.import.$id", method: "POST", path: (fx) => `/employment/import/${fx.importId}`, body: { mode: "all" }, expect: { ...only(409, "staff"), centre_staff: 404 }, note: "the preview has a bad row" },
];
