import crypto from "node:crypto";
import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Evidence files of chair activities (issue 6): uploads go to a throwaway folder.
const dataDir = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "portal-chair-evidence-"));
  process.env.DATA_DIR = dir;
  delete process.env.UPLOADTHING_TOKEN;
  return dir as string;
});

import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { isHttpError, httpErrorStatus } from "~/lib/http";
import type { UserActor } from "~/modules/accounts/actor.server";
import { currentJalaliYear } from "~/i18n/format";
import { activitySchema, chairSchema } from "~/modules/chairs/schema";
import { addActivity, chairPage, chairsHome, createChair, openEvidence, savePlan } from "~/modules/chairs/service.server";
import { fileFromBytes, openDownload, saveUpload } from "~/modules/files/service.server";
import { parseUpload } from "~/modules/files/upload.server";
import { actorFor, createOrgUnit, createUser } from "../factories";
import { samplePdf, samplePng, readAll, storedFiles } from "../factories/files";

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const YEAR = 1403;
const status = (e: unknown) => (isHttpError(e) ? httpErrorStatus(e) : e instanceof Error ? e.message : String(e));
const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
const uploadsOnDisk = () => storedFiles(dataDir).length;
function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}
const parsed = <T>(p: { ok: true; data: T } | { ok: false; errors: unknown }) => {
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};
const chairInput = (title: string) =>
  parsed(parseForm(chairSchema, form({ title, field: "مهندسی", holderName: "دکتر کاظمی", holderRank: "professor", status: "active" })));
const activity = (title: string, over: Record<string, string> = {}) =>
  parsed(parseForm(activitySchema, form({ kind: "workshop", title, heldOn: "1403/08/10", year: String(YEAR), hours: "3", participants: "20", women: "9", ...over })));
async function count(table: "files" | "chair_activities") {
  const db = await getDb();
  return (await db.selectFrom(table).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
}
async function deniedRows(actorId: number) {
  const db = await getDb();
  return (await db.selectFrom("audit_log").select(sql<number>`count(*)::int`.as("n")).where("action", "=", "authz.denied").where("actor_id", "=", actorId).executeTakeFirstOrThrow()).n;
}

let manager: UserActor; // chair manager of uni-tabriz (factory default)
let colleague: UserActor; // another chair manager of the same university
let otherManager: UserActor; // chair manager of another university
let staff: UserActor;
let entrepreneur: UserActor;
let chairId: number;
let otherChairId: number;

beforeAll(async () => {
  const otherUni = await createOrgUnit("university", "uni-evidence-other");
  manager = await actorFor((await createUser({ role: "chair_manager" })).id);
  colleague = await actorFor((await createUser({ role: "chair_manager" })).id);
  otherManager = await actorFor((await createUser({ role: "chair_manager", unit: otherUni })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
  entrepreneur = await actorFor((await createUser({ role: "entrepreneur" })).id);
  chairId = await createChair(manager, chairInput("کرسی مستندات"));
  otherChairId = await createChair(otherManager, chairInput("کرسی دانشگاه دیگر"));
});

describe("evidence files on activities", () => {
  let activityId: number;
  let pdfId: string;
  const pdf = samplePdf("attendance");

  it("stores the files through the FileStore, linked to the activity, and lists them on the chair page", async () => {
    const before = { files: await count("files"), disk: uploadsOnDisk() };
    activityId = await addActivity(manager, chairId, activity("کارگاه با مستندات"), [fileFromBytes("فهرست حاضران.pdf", pdf), fileFromBytes("عکس.png", samplePng())]);
    const db = await getDb();
    const act = await db.selectFrom("chair_activities").select("evidence_file_ids").where("id", "=", activityId).executeTakeFirstOrThrow();
    expect(act.evidence_file_ids).toHaveLength(2);
    const files = await db.selectFrom("files").select(["id", "original_name", "entity", "entity_id", "owner_id", "mime_type"]).where("id", "in", act.evidence_file_ids).orderBy("original_name").execute();
    expect(files.map((f) => [f.entity, f.entity_id, f.owner_id])).toEqual([
      ["chair_activity", String(activityId), manager.user.id],
      ["chair_activity", String(activityId), manager.user.id],
    ]);
    pdfId = files.find((f) => f.mime_type === "application/pdf")!.id;
    expect(await count("files")).toBe(before.files + 2);
    expect(uploadsOnDisk()).toBe(before.disk + 2);

    const page = await chairPage(staff, chairId, YEAR);
    const shown = page.activities.find((a) => a.id === activityId)!;
    expect(shown.evidence.map((f) => f.name).sort()).toEqual(["عکس.png", "فهرست حاضران.pdf"]);
  });

  it("lets staff, the uploader and the university's chair managers download; another university's manager gets the 404 of a missing chair and an audit row", async () => {
    for (const who of [manager, colleague, staff]) {
      const got = await openEvidence(who, chairId, pdfId);
      expect(got.name).toBe("فهرست حاضران.pdf");
      expect(sha(await readAll(got.stream))).toBe(sha(pdf));
    }
    for (const who of [otherManager, entrepreneur]) {
      const before = await deniedRows(who.user.id);
      expect(status(await openEvidence(who, chairId, pdfId).catch((e) => e))).toBe(who === entrepreneur ? 403 : 404); // entrepreneurs hold no chair grant at all: 403 whatever the id
      expect(await deniedRows(who.user.id)).toBe(before + 1);
    }
    // Through the generic /files/:id download the other university's manager sees nothing either
    // (404 like a missing file, with its audit row).
    const before = await deniedRows(otherManager.user.id);
    expect(status(await openDownload(otherManager, pdfId).catch((e) => e))).toBe(404);
    expect(await deniedRows(otherManager.user.id)).toBe(before + 1);
    // Asked through their own chair, the file is not that chair's evidence: 404.
    expect(status(await openEvidence(otherManager, otherChairId, pdfId).catch((e) => e))).toBe(404);
    // A file that is not evidence of this chair (a "My files" upload) and garbage ids: 404.
    const mine = await saveUpload(manager, fileFromBytes("خصوصی.pdf", samplePdf("private")));
    expect(status(await openEvidence(staff, chairId, mine.id).catch((e) => e))).toBe(404);
    expect(status(await openEvidence(manager, chairId, "../../etc/passwd").catch((e) => e))).toBe(404);
    expect(status(await openEvidence(manager, chairId, crypto.randomUUID()).catch((e) => e))).toBe(404);
  });

  it("refuses a file lying about its type with a clear field message and writes nothing (no activity, no file, no bytes)", async () => {
    const before = { acts: await count("chair_activities"), files: await count("files"), disk: uploadsOnDisk() };
    const cases: [string, Uint8Array, string][] = [
      ["گزارش.pdf", samplePng(), "error.chairs.evidenceMismatch"],
      ["setup.exe", samplePdf(), "error.fileType"],
      ["empty.png", new Uint8Array(), "error.fileEmpty"],
    ];
    for (const [name, bytes, key] of cases) {
      // A good file first: it must not be left behind when the second is refused.
      const e = await addActivity(manager, chairId, activity(`دروغ ${name}`), [fileFromBytes("ok.pdf", samplePdf()), fileFromBytes(name, bytes)]).catch((x) => x);
      expect([name, status(e), isHttpError(e) ? e.data.fieldErrors : null]).toEqual([name, 400, { evidence: key }]);
    }
    expect(await count("chair_activities")).toBe(before.acts);
    expect(await count("files")).toBe(before.files);
    expect(uploadsOnDisk()).toBe(before.disk);
  });

  it("leaves no file behind when the activity itself is refused (duplicate), and refuses too many files", async () => {
    const before = { acts: await count("chair_activities"), files: await count("files"), disk: uploadsOnDisk() };
    const dup = await addActivity(manager, chairId, activity("کارگاه با مستندات"), [fileFromBytes("again.pdf", samplePdf())]).catch((x) => x);
    expect(status(dup)).toBe(400);
    expect(dup.data.fieldErrors).toEqual({ title: "error.chairs.duplicate" });
    const many = Array.from({ length: 6 }, (_, i) => fileFromBytes(`${i}.pdf`, samplePdf()));
    const tooMany = await addActivity(manager, chairId, activity("کارگاه پرپرونده"), many).catch((x) => x);
    expect(tooMany.data.fieldErrors).toEqual({ evidence: "error.tooManyFiles" });
    // Another university's manager: the 404 of a missing chair before any file is looked at (issue 10 item 6).
    const denied = await addActivity(otherManager, chairId, activity("نفوذی"), [fileFromBytes("x.pdf", samplePdf())]).catch((x) => x);
    expect(status(denied)).toBe(404);
    expect(await count("chair_activities")).toBe(before.acts);
    expect(await count("files")).toBe(before.files);
    expect(uploadsOnDisk()).toBe(before.disk);
  });

  it("reads several files from one multipart field, up to the limit", async () => {
    const body = new FormData();
    body.set("title", "کارگاه");
    body.append("evidence", new Blob([new Uint8Array(samplePdf())]), "a.pdf");
    body.append("evidence", new Blob([new Uint8Array(samplePng())]), "b.png");
    const req = () => new Request("http://x/chairs/1/activities/new", { method: "POST", body });
    const two = await parseUpload(req(), { field: "evidence", maxFiles: 5 });
    try {
      expect(two.error).toBeNull();
      expect(two.files.map((f) => [f.name, f.size])).toEqual([["a.pdf", samplePdf().length], ["b.png", samplePng().length]]);
      expect(two.fields.get("title")).toBe("کارگاه");
    } finally {
      await two.dispose();
    }
    const one = await parseUpload(req(), { field: "evidence", maxFiles: 1 });
    expect(one.error).toBe("error.badRequest");
    expect(one.files).toEqual([]);
  });
});

describe("chair manager home", () => {
  it("shows the university's chairs with this year's activities and participants against the plan, and nothing for others", async () => {
    const year = currentJalaliYear();
    const homeChair = await createChair(manager, chairInput("کرسی خانه"));
    await savePlan(manager, homeChair, { year, goalActivities: 4, goalParticipants: 100, goalIdeas: 1, goalStartups: 0 });
    const first = `${year}/01/01`; // a date inside this Jalali year
    await addActivity(manager, homeChair, activity("کارگاه یک", { year: String(year), heldOn: first, participants: "30", women: "10" }));
    await addActivity(manager, homeChair, activity("کارگاه دو", { year: String(year), heldOn: first, kind: "course", participants: "12", women: "0" }));

    const home = await chairsHome(manager);
    expect(home?.year).toBe(year);
    const row = home!.chairs.find((c) => c.id === homeChair)!;
    expect(row).toMatchObject({ title: "کرسی خانه", activities: 2, participants: 42, goal_activities: 4, goal_participants: 100 });
    const noPlan = home!.chairs.find((c) => c.id === chairId)!;
    expect(noPlan).toMatchObject({ goal_activities: null, activities: 0 }); // its activities are of 1403
    expect(home!.chairs.some((c) => c.id === otherChairId)).toBe(false);
    expect((await chairsHome(otherManager))!.chairs.map((c) => c.id)).toEqual([otherChairId]);
    expect(await chairsHome(staff)).toBeNull();
    expect(await chairsHome(entrepreneur)).toBeNull();
  });
});
