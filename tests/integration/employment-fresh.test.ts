// Issue 11 item 9: right after staff verify a report, /employment.json and the public /employment page
// show the new figures — on the very next request to the same server (even a conditional one carrying
// the ETag a reader or a proxy kept, decision 0034), and within seconds when the change was made by
// another instance (here: this test's own copy of the services, which shares only the database).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { todayTehran } from "~/i18n/clock";
import { formatNumber } from "~/i18n/format";
import { decideReports } from "~/modules/employment/reports.server";
import { reportEmployment } from "~/modules/employment/service.server";
import { actorFor, createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "../security/http-helpers";

vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startServer(await loadBuild(), { production: true });
});
afterAll(async () => {
  await server?.close();
});

async function newReport(staff: Awaited<ReturnType<typeof actorFor>>, regNo: string, created: number) {
  const { reportId } = await reportEmployment(staff, {
    source: { module: "manual" }, enterprise: { registrationNo: regNo, name: `کارگاه ${regNo}`, kind: "company", county: "maragheh", sector: "C", agency: "welfare" },
    asOf: todayTehran(), fteBaseline: 2, fteNow: 2 + created, created: { fullTime: created, partTime: 0, tempMonths: 0 },
  });
  return reportId;
}

async function publicFigures(etag?: string) {
  const json = await send(server, "/employment.json", { headers: etag ? { "If-None-Match": etag } : {} });
  const page = await send(server, "/employment", { headers: { "Accept-Language": "fa" } });
  expect(json.status).toBe(200);
  expect(page.status).toBe(200);
  const verified = /data-testid="employment-verified"[^>]*>([^<]*)</.exec(page.body)?.[1];
  return { etag: String(json.headers.etag), created: JSON.parse(json.body).verified.jobs_created as number, pageVerified: verified };
}

/** The figures, or null while a conditional request with `etag` still answers 304 (nothing new yet). */
async function figuresIfChanged(etag: string) {
  const json = await send(server, "/employment.json", { headers: { "If-None-Match": etag } });
  return json.status === 304 ? null : publicFigures(etag);
}

describe("a verified employment change is public on the next request", () => {
  it("same server: the verification POST, then /employment.json (with the old ETag) and /employment show the new figure", async () => {
    const staffUser = await createUser({ role: "staff" });
    const staff = await actorFor(staffUser.id);
    const reportId = await newReport(staff, "770011", 7);
    const before = await publicFigures();
    expect(before.pageVerified).toBe(formatNumber("fa", before.created));
    // Still unverified: a conditional request with the kept tag is answered 304.
    expect((await send(server, "/employment.json", { headers: { "If-None-Match": before.etag } })).status).toBe(304);

    const cookie = await sessionCookieFor(staffUser.id);
    const decided = await send(server, `/employment/reports/${reportId}`, { cookie, form: { intent: "decide", decision: "verified", note: "" } });
    expect(decided.status).toBe(302);

    const after = await publicFigures(before.etag);
    expect(after.etag).not.toBe(before.etag);
    expect(after.created).toBe(before.created + 7);
    expect(after.pageVerified).toBe(formatNumber("fa", before.created + 7));
  });

  it("another instance: a verification made elsewhere shows here within seconds", async () => {
    const staff = await actorFor((await createUser({ role: "staff" })).id);
    const reportId = await newReport(staff, "770012", 5);
    const before = await publicFigures();
    await decideReports(staff, [reportId], "verified");
    // Within seconds: the loop ends as soon as the new figure shows (a 304 or the old figure is "not yet");
    // the deadline is generous for a loaded machine (stop 23's CI saw the first poll answer 304 and fail).
    const deadline = Date.now() + 15_000;
    let after = await figuresIfChanged(before.etag);
    while ((after === null || after.created === before.created) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      after = await figuresIfChanged(before.etag);
    }
    expect(after).not.toBeNull();
    if (!after) return;
    expect(after.created).toBe(before.created + 5);
    expect(after.pageVerified).toBe(formatNumber("fa", before.created + 5));
  });
});
