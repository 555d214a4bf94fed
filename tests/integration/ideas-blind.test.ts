// Issue 11 item 5 (decision 0037): blind review is decided per idea when its reviewers are assigned
// (defaulting from the call) and never changes for reviews already assigned; with blind review, an
// attachment reaches the reviewers only when the applicant ticked "contains no names" on upload, and
// staff see a note that the others were withheld.
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const dataDir = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "portal-blind-"));
  process.env.DATA_DIR = dir;
  delete process.env.UPLOADTHING_TOKEN;
  return dir as string;
});

import { getDb } from "~/lib/db.server";
import { fileFromBytes, openDownload } from "~/modules/files/service.server";
import { attachToIdea, ideaAttachments } from "~/modules/ideas/attachments.server";
import { saveCall, setCallStatus } from "~/modules/ideas/calls.server";
import { transitionIdea } from "~/modules/ideas/decisions.server";
import { assignReviewers, getReview } from "~/modules/ideas/review.server";
import { getIdea, saveIdea } from "~/modules/ideas/service.server";
import { actorFor, createUser, fails } from "../factories";
import { samplePdf } from "../factories/files";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "../security/http-helpers";

vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Actor = Awaited<ReturnType<typeof actorFor>>;
const callVersion = async (id: number) => (await (await getDb()).selectFrom("calls").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
const ideaVersion = async (id: number) => (await (await getDb()).selectFrom("ideas").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
const callInput = (blind: boolean) => ({
  title: "فراخوان نابینا", sectorCodes: [], countyCodes: [], standing: true, blind, reviewersPerIdea: 1, reviewDueDays: 7, rubric: "نوآوری | 1",
});

async function people() {
  const [owner, staff, m1, m2, m3] = await Promise.all([
    createUser({ role: "entrepreneur", fullName: "زهرا متقاضی" }), createUser({ role: "staff" }),
    createUser({ role: "mentor" }), createUser({ role: "mentor" }), createUser({ role: "mentor" }),
  ]);
  return {
    owner: await actorFor(owner.id), staff: await actorFor(staff.id), staffId: staff.id,
    m1: await actorFor(m1.id), m2: await actorFor(m2.id), m3: await actorFor(m3.id),
  };
}

async function callWith(staff: Actor, blind: boolean) {
  const id = await saveCall(staff, null, callInput(blind));
  await setCallStatus(staff, id, await callVersion(id), "open");
  return id;
}

/** An idea in screening on the call, with two attachments: one marked "no names", one not. */
async function screenedIdea(p: Awaited<ReturnType<typeof people>>, callId: number, files = false) {
  const { id } = await saveIdea(p.owner, null, {
    callId, title: "گلخانه هوشمند", summary: "خلاصه", problem: "مسئله", solution: "راه‌حل", market: "بازار", sectorCode: "A", countyCode: "tabriz",
    stage: "idea", knowledgeBased: false, expectedJobs: 4, fundingRials: 1000, team: "زهرا و برادرش", originKind: "own", idempotencyKey: crypto.randomUUID(),
  });
  let named = "";
  let clean = "";
  if (files) {
    clean = (await attachToIdea(p.owner, id, fileFromBytes("plan-no-names.pdf", samplePdf("plan")), { noNames: true })).id;
    named = (await attachToIdea(p.owner, id, fileFromBytes("cv-zahra.pdf", samplePdf("cv")))).id;
  }
  const db = await getDb();
  await db.updateTable("ideas").set({ status: "submitted", submitted_at: new Date() }).where("id", "=", id).execute();
  await transitionIdea(p.staff, id, "screen", { version: await ideaVersion(id) });
  return { id, named, clean };
}

describe("blind review per idea", () => {
  it("is kept on each review: switching the call's setting later changes nothing for reviews already assigned", async () => {
    const p = await people();
    const callId = await callWith(p.staff, true);
    const { id } = await screenedIdea(p, callId);
    const [r1] = await assignReviewers(p.staff, id, [p.m1.user.id]); // default: the call's setting (blind)
    let seen = await getReview(p.m1, r1);
    expect(seen.idea.blind).toBe(true);
    expect(seen.idea.ownerName).toBeNull();
    expect(seen.idea.team).toBeNull();

    await saveCall(p.staff, callId, { ...callInput(false), version: await callVersion(callId) });
    seen = await getReview(p.m1, r1);
    expect(seen.idea.blind).toBe(true);
    expect(seen.idea.ownerName).toBeNull();
    // A later reviewer of the same idea follows the idea's choice, not the call's new setting.
    const [r2] = await assignReviewers(p.staff, id, [p.m2.user.id]);
    expect((await getReview(p.m2, r2)).idea.ownerName).toBeNull();
    expect((await getIdea(p.staff, id)).blindReview).toEqual({ blind: true, decided: true });

    // An idea of the call assigned after the switch is not blind.
    const other = await screenedIdea(p, callId);
    const [r3] = await assignReviewers(p.staff, other.id, [p.m3.user.id]);
    expect((await getReview(p.m3, r3)).idea.ownerName).toBe("زهرا متقاضی");
  });

  it("is chosen by staff when the first reviewers are assigned (the call's setting is only the default)", async () => {
    const p = await people();
    const callId = await callWith(p.staff, false);
    const { id } = await screenedIdea(p, callId);
    expect((await getIdea(p.staff, id)).blindReview).toEqual({ blind: false, decided: false });
    const [r1] = await assignReviewers(p.staff, id, [p.m1.user.id], { blind: true });
    expect((await getReview(p.m1, r1)).idea.ownerName).toBeNull();
    // Decided: a later assignment cannot switch it.
    const [r2] = await assignReviewers(p.staff, id, [p.m2.user.id], { blind: false });
    expect((await getReview(p.m2, r2)).idea.ownerName).toBeNull();
  });

  it("shows blind reviewers only the attachments marked 'contains no names'; staff see all and a note", async () => {
    const p = await people();
    const callId = await callWith(p.staff, true);
    const { id, named, clean } = await screenedIdea(p, callId, true);
    const [r1] = await assignReviewers(p.staff, id, [p.m1.user.id]);
    expect((await ideaAttachments(p.m1, id)).map((f) => f.name)).toEqual(["plan-no-names.pdf"]);
    const ok = await openDownload(p.m1, clean);
    ok.stream.destroy();
    expect((await fails(openDownload(p.m1, named))).status).toBe(404); // as for any file one may not see
    const staffSees = await ideaAttachments(p.staff, id);
    expect(staffSees.map((f) => [f.name, f.noNames]).sort()).toEqual([["cv-zahra.pdf", false], ["plan-no-names.pdf", true]]);

    // The pages: the reviewer's lists one file; staff's idea page says one was withheld.
    const reviewer = await send(server, `/reviews/${r1}`, { cookie: await sessionCookieFor(p.m1.user.id), headers: { "Accept-Language": "fa" } });
    expect(reviewer.body).toContain("plan-no-names.pdf");
    expect(reviewer.body).not.toContain("cv-zahra.pdf");
    const staffPage = await send(server, `/ideas/${id}`, { cookie: await sessionCookieFor(p.staffId), headers: { "Accept-Language": "fa" } });
    expect(staffPage.body).toContain("cv-zahra.pdf");
    expect(staffPage.body).toMatch(/data-testid="attachments-withheld"[^>]*>۱ پیوست به داوران نشان داده نمی‌شود/);
  });

  it("shows a non-blind idea's reviewers every attachment, and staff no note", async () => {
    const p = await people();
    const callId = await callWith(p.staff, false);
    const { id, named } = await screenedIdea(p, callId, true);
    await assignReviewers(p.staff, id, [p.m1.user.id]);
    expect((await ideaAttachments(p.m1, id)).map((f) => f.name).sort()).toEqual(["cv-zahra.pdf", "plan-no-names.pdf"]);
    (await openDownload(p.m1, named)).stream.destroy();
    const staffPage = await send(server, `/ideas/${id}`, { cookie: await sessionCookieFor(p.staffId), headers: { "Accept-Language": "fa" } });
    expect(staffPage.body).not.toContain("attachments-withheld");
  });
});
