// Issue 11 item 7: the overdue and lateness displays, tested by moving the clock. The built server runs in
// this process, so faking `Date` (vi.setSystemTime) moves the app's one clock (app/i18n/clock.ts, which
// reads Date.now()) for the services this test calls and for the pages the server renders alike.
// Sessions are checked against the database's own now(), so they stay valid while the clock moves.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { saveCall, setCallStatus } from "~/modules/ideas/calls.server";
import { transitionIdea } from "~/modules/ideas/decisions.server";
import { assignReviewers } from "~/modules/ideas/review.server";
import { saveIdea } from "~/modules/ideas/service.server";
import { fileEmergency } from "~/modules/cases/service.server";
import { actorFor, createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "../security/http-helpers";

vi.setConfig({ testTimeout: 180_000 });

const DAY = 86_400_000;
const HOUR = 3_600_000;

let server: TestServer;
beforeAll(async () => {
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock (Date only: timers and sockets keep real time). */
function clockAt(ms: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(ms);
}

const page = async (cookie: string, path: string) => {
  const r = await send(server, path, { cookie, headers: { "Accept-Language": "fa" } });
  expect(r.status, path).toBe(200);
  return r.body;
};
// The overdue marker of a review ("دیرکرد" in a <strong>), on the staff idea page and the reviewer's pages.
const OVERDUE = /<strong[^>]*>دیرکرد<\/strong>/;

describe("review overdue, as the clock moves", () => {
  it("a review due in 7 days: nothing overdue on day 6; staff and the reviewer see it overdue on day 8", async () => {
    const [ownerU, staffU, mentorU] = await Promise.all([createUser({ role: "entrepreneur" }), createUser({ role: "staff" }), createUser({ role: "mentor", fullName: "داور ساعت" })]);
    const [owner, staff] = await Promise.all([actorFor(ownerU.id), actorFor(staffU.id)]);
    const [staffCookie, mentorCookie] = await Promise.all([sessionCookieFor(staffU.id), sessionCookieFor(mentorU.id)]);
    const t0 = Date.now();
    clockAt(t0);
    const callId = await saveCall(staff, null, {
      title: "فراخوان ساعت", sectorCodes: [], countyCodes: [], standing: true, blind: false, reviewersPerIdea: 1, reviewDueDays: 7, rubric: "نوآوری | 1",
    });
    const db = await getDb();
    await setCallStatus(staff, callId, (await db.selectFrom("calls").select("version").where("id", "=", callId).executeTakeFirstOrThrow()).version, "open");
    const { id } = await saveIdea(owner, null, {
      callId, title: "ایده ساعت‌دار", summary: "خلاصه", problem: "مسئله", solution: "راه‌حل", market: "بازار", sectorCode: "A", countyCode: "tabriz",
      stage: "idea", knowledgeBased: false, expectedJobs: 3, fundingRials: 1000, team: "تیم", originKind: "own", idempotencyKey: crypto.randomUUID(),
    }, { submit: true });
    const version = async () => (await db.selectFrom("ideas").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    await transitionIdea(staff, id, "screen", { version: await version() });
    const [reviewId] = await assignReviewers(staff, id, [mentorU.id]);

    clockAt(t0 + 6 * DAY);
    expect(await page(staffCookie, `/ideas/${id}`)).not.toMatch(OVERDUE);
    expect(await page(mentorCookie, `/reviews/${reviewId}`)).not.toMatch(OVERDUE);
    expect(await page(mentorCookie, "/reviews")).not.toMatch(OVERDUE);
    expect(await page(staffCookie, `/staff/ideas?overdue=1&call=${callId}`)).not.toContain("ایده ساعت‌دار");

    clockAt(t0 + 8 * DAY);
    expect(await page(staffCookie, `/ideas/${id}`)).toMatch(OVERDUE);
    expect(await page(mentorCookie, `/reviews/${reviewId}`)).toMatch(OVERDUE);
    expect(await page(mentorCookie, "/reviews")).toMatch(OVERDUE);
    const queue = await page(staffCookie, `/staff/ideas?overdue=1&call=${callId}`);
    expect(queue).toContain("ایده ساعت‌دار");
    expect(queue).toContain("۰ انجام، ۱ در انتظار، ۱ دیرکرد");
  });
});

describe("emergency triage lateness, as the clock moves", () => {
  it("72 hours to triage: hours left before the deadline, hours late after it, for staff on the case and in the list", async () => {
    const [ownerU, staffU] = await Promise.all([createUser({ role: "entrepreneur" }), createUser({ role: "staff" })]);
    const owner = await actorFor(ownerU.id);
    const [staffCookie, ownerCookie] = await Promise.all([sessionCookieFor(staffU.id), sessionCookieFor(ownerU.id)]);
    const t0 = Date.now();
    clockAt(t0);
    const { id } = await fileEmergency(owner, {
      firmName: "کارگاه ساعت‌سازی", registrationNo: "44556", county: "tabriz", sector: "C", baselineEmployees: 4,
      problemAreas: ["financing"], description: "نقدینگی", urgency: "high",
    });
    const clock = (html: string) => /data-testid="triage-clock"[^>]*>([^<]*)</.exec(html)?.[1];

    clockAt(t0 + 70 * HOUR + 10 * 60_000);
    expect(clock(await page(staffCookie, `/cases/${id}`))).toBe("۱ ساعت مانده");
    expect(clock(await page(staffCookie, "/cases?q=" + encodeURIComponent("ساعت‌سازی")))).toBe("۱ ساعت مانده");

    clockAt(t0 + 75 * HOUR + 10 * 60_000);
    expect(clock(await page(staffCookie, `/cases/${id}`))).toBe("۳ ساعت گذشته از مهلت");
    expect(clock(await page(staffCookie, "/cases?q=" + encodeURIComponent("ساعت‌سازی")))).toBe("۳ ساعت گذشته از مهلت");
    // The entrepreneur's own case page shows the same clock.
    expect(clock(await page(ownerCookie, `/cases/${id}`))).toBe("۳ ساعت گذشته از مهلت");
  });
});
