// Issue 11 item 6: the ideas CSV gives counties and sectors by name in the reader's language (it gave the
// codes "maragheh", "E") and dates as Jalali days in Tehran time (it gave Gregorian UTC timestamps), and
// `?table=reviews` gives one row per review: reviewer, each criterion's score, recommendation, comment to
// the applicant.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tehranDate } from "~/i18n/clock";
import { toJalaliInput } from "~/i18n/format";
import { getDb } from "~/lib/db.server";
import { saveCall, setCallStatus } from "~/modules/ideas/calls.server";
import { transitionIdea } from "~/modules/ideas/decisions.server";
import { assignReviewers, declareNoConflict, getReview, submitReview } from "~/modules/ideas/review.server";
import { saveIdea } from "~/modules/ideas/service.server";
import { actorFor, createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "../security/http-helpers";

vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});

/** RFC 4180 rows of a CSV body (BOM dropped). */
function parseCsv(body: string): string[][] {
  const text = body.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const version = async (table: "ideas" | "calls", id: number) =>
  (await (await getDb()).selectFrom(table).select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

async function reviewedIdea(blind: boolean) {
  const [ownerU, staffU, m1U, m2U] = await Promise.all([
    createUser({ role: "entrepreneur" }), createUser({ role: "staff" }), createUser({ role: "mentor", fullName: "داور اول" }), createUser({ role: "mentor", fullName: "داور دوم" }),
  ]);
  const [owner, staff, m1, m2] = await Promise.all([actorFor(ownerU.id), actorFor(staffU.id), actorFor(m1U.id), actorFor(m2U.id)]);
  const callId = await saveCall(staff, null, {
    title: "فراخوان آب", sectorCodes: [], countyCodes: [], standing: true, blind, reviewersPerIdea: 2, reviewDueDays: 7, rubric: "نوآوری | 2\nبازار | 1",
  });
  await setCallStatus(staff, callId, await version("calls", callId), "open");
  const { id } = await saveIdea(owner, null, {
    callId, title: "تصفیه پساب کارگاه", summary: "خلاصه", problem: "مسئله", solution: "راه‌حل", market: "بازار", sectorCode: "E", countyCode: "maragheh",
    stage: "prototype", knowledgeBased: false, expectedJobs: 6, fundingRials: 2000, team: "تیم", originKind: "own", idempotencyKey: crypto.randomUUID(),
  }, { submit: true });
  await transitionIdea(staff, id, "screen", { version: await version("ideas", id) });
  const [r1, r2] = await assignReviewers(staff, id, [m1U.id, m2U.id]);
  const { criteria } = await getReview(m1, r1);
  const [innovation, market] = criteria;
  await declareNoConflict(m1, r1);
  await submitReview(m1, r1, { version: 2, scores: { [innovation.id]: 4, [market.id]: null }, comments: "بازار را روشن کنید", recommendation: "revise" });
  await declareNoConflict(m2, r2);
  await submitReview(m2, r2, { version: 2, scores: { [innovation.id]: 5, [market.id]: 3 }, comments: "خوب", recommendation: "accept" });
  return { id, callId, staffId: staffU.id };
}

describe("ideas CSV", () => {
  it("names counties and sectors in the reader's language and dates ideas by Tehran's Jalali day", async () => {
    const { id, callId, staffId } = await reviewedIdea(false);
    const cookie = await sessionCookieFor(staffId);
    const db = await getDb();
    const submittedAt = (await db.selectFrom("ideas").select("submitted_at").where("id", "=", id).executeTakeFirstOrThrow()).submitted_at!;

    const fa = parseCsv((await send(server, `/staff/ideas/export?call=${callId}`, { cookie, headers: { "Accept-Language": "fa" } })).body);
    const row = fa.find((r) => r[0] === String(id))!;
    const col = (name: string) => row[fa[0].indexOf(name)];
    expect(col("شهرستان")).toBe("مراغه");
    expect(col("بخش اقتصادی")).toBe("آبرسانی، مدیریت پسماند و فاضلاب");
    expect(col("تاریخ ارسال")).toBe(toJalaliInput(tehranDate(submittedAt)));
    expect(col("تاریخ ارسال")).toMatch(/^14\d\d\/\d\d\/\d\d$/);

    const en = parseCsv((await send(server, `/staff/ideas/export?call=${callId}`, { cookie: `${cookie}; lang=en`, headers: { "Accept-Language": "en" } })).body);
    const enRow = en.find((r) => r[0] === String(id))!;
    expect(enRow).toContain("Maragheh");
    expect(enRow).toContain("Water supply; sewerage, waste management and remediation");
  });

  it("?table=reviews: one row per review with each criterion's score, recommendation and comment", async () => {
    const { id, callId, staffId } = await reviewedIdea(true);
    const cookie = await sessionCookieFor(staffId);
    const r = await send(server, `/staff/ideas/export?call=${callId}&table=reviews`, { cookie, headers: { "Accept-Language": "fa" } });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toContain("text/csv");
    const rows = parseCsv(r.body);
    const [header, ...body] = rows;
    expect(header).toEqual(["id", "عنوان ایده", "فراخوان", "داور", "وضعیت", "تاریخ واگذاری", "تاریخ داوری", "نوآوری", "بازار", "میانگین وزنی", "توصیه", "نظر برای متقاضی"]);
    expect(body).toHaveLength(2);
    const byReviewer = Object.fromEntries(body.map((b) => [b[3], b]));
    // Staff export: names are shown even on a blind review.
    expect(byReviewer["داور اول"].slice(7)).toEqual(["4", "قابل اعمال نیست", "4", "اصلاح", "بازار را روشن کنید"]);
    expect(byReviewer["داور دوم"].slice(7)).toEqual(["5", "3", "4.333", "پذیرش", "خوب"]);
    for (const b of body) {
      expect(b[0]).toBe(String(id));
      expect(b[4]).toBe("انجام‌شده");
      expect(b[6]).toMatch(/^14\d\d\/\d\d\/\d\d$/);
    }
  });
});
