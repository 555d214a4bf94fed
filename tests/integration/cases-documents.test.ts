import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Case documents through the FileStore and the mentor capacity screen (issue 5).
// Uploads go to a throwaway folder.
const dataDir = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "portal-case-docs-"));
  process.env.DATA_DIR = dir;
  delete process.env.UPLOADTHING_TOKEN;
  return dir as string;
});

import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import type { UserActor } from "~/modules/accounts/actor.server";
import { capacitySchema } from "~/modules/cases/schema";
import { fileEmergency } from "~/modules/cases/service.server";
import { assignMentors, mentorCapacities, setCapacity } from "~/modules/cases/assignment.server";
import { attachCaseDocuments, caseDocuments, openCaseDocument } from "~/modules/cases/documents.server";
import { fileFromBytes, openDownload } from "~/modules/files/service.server";
import { parseUpload } from "~/modules/files/upload.server";
import { actorFor, createUser, orgUnitId, fails } from "../factories";
import { makeZip, samplePdf, readAll, storedFiles } from "../factories/files";

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const uploadsOnDisk = () => storedFiles(dataDir).length;
async function count(table: "files" | "cases" | "mentor_capacity") {
  const db = await getDb();
  return (await db.selectFrom(table).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
}
async function deniedRows(actorId: number) {
  const db = await getDb();
  return (await db.selectFrom("audit_log").select(sql<number>`count(*)::int`.as("n")).where("action", "=", "authz.denied").where("actor_id", "=", actorId).executeTakeFirstOrThrow()).n;
}
async function versionOf(id: number) {
  const db = await getDb();
  return (await db.selectFrom("cases").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
}

const emergency = (firmName: string) => ({
  firmName, registrationNo: "70707", county: "tabriz", sector: "C", baselineEmployees: 8,
  problemAreas: ["financing" as const], description: "بدهی معوق و توقف خط تولید", urgency: "high" as const,
});
const pdf = (name: string, text = name) => fileFromBytes(name, samplePdf(text));
const liar = (name = "statement.pdf") => fileFromBytes(name, new TextEncoder().encode("MZ this is not a PDF at all"));

let owner: UserActor; // the case's entrepreneur
let stranger: UserActor; // another entrepreneur
let mentor: UserActor; // assigned to the case (accel-tabriz-1)
let outsider: UserActor; // a mentor of the same centre, not on the case
let staff: UserActor;
let caseId: number;

beforeAll(async () => {
  owner = await actorFor((await createUser({ role: "entrepreneur" })).id);
  stranger = await actorFor((await createUser({ role: "entrepreneur" })).id);
  mentor = await actorFor((await createUser({ role: "mentor", fullName: "مربی پرونده" })).id);
  outsider = await actorFor((await createUser({ role: "mentor", fullName: "مربی دیگر" })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
  caseId = (await fileEmergency(owner, emergency("کارگاه مدارک"))).id;
  await assignMentors(staff, caseId, { version: await versionOf(caseId), centreId: await orgUnitId("accel-tabriz-1"), leadMentorId: mentor.user.id, coMentorIds: [] });
});

describe("case documents", () => {
  it("the entrepreneur, the assigned mentor and staff each upload; everyone on the case lists and downloads every document", async () => {
    const db = await getDb();
    const [a] = await attachCaseDocuments(owner, caseId, [pdf("صورت-مالی.pdf", "owner")]);
    const [b] = await attachCaseDocuments(mentor, caseId, [pdf("mentor-plan.pdf", "mentor")]);
    const [c, c2] = await attachCaseDocuments(staff, caseId, [pdf("staff-1.pdf", "staff one"), pdf("staff-2.pdf", "staff two")]);
    for (const who of [owner, mentor, staff]) {
      const docs = await caseDocuments(who, caseId);
      expect(docs.map((d) => d.id)).toEqual(expect.arrayContaining([a, b, c, c2]));
      for (const id of [a, b, c]) {
        const f = await openCaseDocument(who, caseId, id);
        expect((await readAll(f.stream)).subarray(0, 5).toString()).toBe("%PDF-");
      }
    }
    const docs = await caseDocuments(owner, caseId);
    expect(docs.find((d) => d.id === b)?.uploadedBy).toBe("مربی پرونده");
    const rows = await db.selectFrom("files").select(["id", "owner_id", "entity", "entity_id"]).where("id", "in", [a, b, c, c2]).orderBy("created_at").execute();
    expect(rows.every((r) => r.entity === "case" && r.entity_id === String(caseId))).toBe(true);
    expect(new Set(rows.map((r) => r.owner_id))).toEqual(new Set([owner.user.id, mentor.user.id, staff.user.id]));
    const audits = await db.selectFrom("audit_log").select("actor_id").where("action", "=", "case.document").where("entity_id", "=", String(caseId)).execute();
    expect(audits.map((r) => r.actor_id).sort()).toEqual([owner.user.id, mentor.user.id, staff.user.id].sort());
    // the mentor's upload notified the entrepreneur
    const n = await db.selectFrom("notifications").select("id").where("user_id", "=", owner.user.id).where("message_key", "=", "cases.notify.document").execute();
    expect(n.length).toBeGreaterThan(0);
  });

  it("an unrelated entrepreneur and an unassigned mentor get the 404 of a missing case with an audit row, and cannot upload", async () => {
    const [ownerDoc] = await attachCaseDocuments(owner, caseId, [pdf("owner-only.pdf")]);
    const [mentorDoc] = await attachCaseDocuments(mentor, caseId, [pdf("mentor-only.pdf")]);
    for (const who of [stranger, outsider]) {
      for (const doc of [ownerDoc, mentorDoc]) {
        const before = await deniedRows(who.user.id);
        expect((await fails(openCaseDocument(who, caseId, doc))).status).toBe(404);
        expect(await deniedRows(who.user.id)).toBe(before + 1);
        // the plain /files/:id door stays shut too (the case rule is exclusive: the outsider's
        // read:file:scope over the assigned mentor's centre does not open case documents)
        expect((await fails(openDownload(who, doc))).status).toBe(404);
      }
      expect((await fails(caseDocuments(who, caseId))).status).toBe(404);
      const files = await count("files");
      expect((await fails(attachCaseDocuments(who, caseId, [pdf("intruder.pdf")]))).status).toBe(404);
      expect(await count("files")).toBe(files);
    }
  });

  it("a document of another case answers 404 through this case", async () => {
    const other = (await fileEmergency(owner, emergency("کارگاه دوم"))).id;
    const [doc] = await attachCaseDocuments(owner, other, [pdf("second.pdf")]);
    expect((await fails(openCaseDocument(staff, caseId, doc))).status).toBe(404);
    expect((await fails(openCaseDocument(owner, caseId, "not-a-uuid"))).status).toBe(404);
  });

  it("a lying file gets a field message and nothing is written: no case, no file rows, no stored bytes", async () => {
    const cases = await count("cases");
    const files = await count("files");
    const disk = uploadsOnDisk();
    const f = await fails(fileEmergency(owner, emergency("کارگاه دروغین"), [pdf("good.pdf"), liar()]));
    expect(f.status).toBe(400);
    expect(f.fields).toEqual({ documents: "error.fileMismatch" });
    const g = await fails(fileEmergency(owner, emergency("کارگاه دروغین"), [fileFromBytes("report.docx", makeZip({ "readme.txt": "not word" }))]));
    expect(g.fields).toEqual({ documents: "error.fileMismatch" });
    const h = await fails(fileEmergency(owner, emergency("کارگاه دروغین"), [fileFromBytes("tool.exe", samplePdf())]));
    expect(h.fields).toEqual({ documents: "error.fileType" });
    const k = await fails(attachCaseDocuments(mentor, caseId, [pdf("fine.pdf"), liar("scan.pdf")]));
    expect(k.status).toBe(400);
    expect(k.fields).toEqual({ file: "error.fileMismatch" });
    expect(await count("cases")).toBe(cases);
    expect(await count("files")).toBe(files);
    expect(uploadsOnDisk()).toBe(disk);
  });

  it("the intake form streams its documents and links them to the new case", async () => {
    const body = new FormData();
    body.set("firmName", "کارگاه فرم چندبخشی");
    body.append("documents", new Blob([new Uint8Array(samplePdf("one"))], { type: "application/pdf" }), "مجوز.pdf");
    body.append("documents", new Blob([new Uint8Array(samplePdf("two"))], { type: "application/pdf" }), "ترازنامه.pdf");
    const upload = await parseUpload(new Request("http://localhost/cases/emergency", { method: "POST", body }), { field: "documents", maxFiles: 5 });
    try {
      expect(upload.error).toBeNull();
      const { id } = await fileEmergency(owner, emergency(String(upload.fields.get("firmName"))), upload.files);
      const docs = await caseDocuments(staff, id);
      expect(docs.map((d) => d.name).sort()).toEqual(["ترازنامه.pdf", "مجوز.pdf"].sort());
      expect((await caseDocuments(owner, id)).length).toBe(2);
    } finally {
      await upload.dispose();
    }
  });
});

describe("mentor capacity", () => {
  const form = (values: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(values)) f.set(k, v);
    return f;
  };

  it("only staff see and set limits; others get 403 with an audit row and nothing is written", async () => {
    for (const who of [mentor, owner]) {
      const before = await deniedRows(who.user.id);
      expect((await fails(mentorCapacities(who))).status).toBe(403);
      expect((await fails(setCapacity(who, { mentorId: mentor.user.id, maxActive: 50, version: 0 }))).status).toBe(403);
      expect(await deniedRows(who.user.id)).toBe(before + 2);
    }
    const db = await getDb();
    expect(await db.selectFrom("mentor_capacity").select("mentor_id").where("mentor_id", "=", mentor.user.id).execute()).toEqual([]);
  });

  it("accepts a positive whole number in Persian or Latin digits and refuses anything else with one clear message", () => {
    const ok = (v: string) => parseForm(capacitySchema, form({ mentorId: "7", maxActive: v, version: "0" }));
    const a = ok("۱۲");
    expect(a.ok && a.data.maxActive).toBe(12);
    const b = ok(" 9 ");
    expect(b.ok && b.data.maxActive).toBe(9);
    for (const bad of ["0", "-1", "1.5", "abc", "201", "۱۰۰۰۰"]) {
      const r = ok(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) {
        expect(r.errors.maxActive, bad).toBe("error.cases.capacity");
        expect(r.values.maxActive).toBe(bad); // the typed value comes back
      }
    }
    const empty = ok("");
    expect(!empty.ok && empty.errors.maxActive).toBe("error.required");
  });

  it("lists mentors with centre, load and limit; a stale form gets 409 and leaves the newer limit", async () => {
    const db = await getDb();
    const list = await mentorCapacities(staff);
    const row = list.mentors.find((m) => m.id === mentor.user.id)!;
    expect(row).toMatchObject({ active: 1, max: list.defaultCapacity, version: 0, custom: false });
    expect(row.centres.length).toBeGreaterThan(0);

    await setCapacity(staff, { mentorId: mentor.user.id, maxActive: 12, version: 0 });
    const stale = await fails(setCapacity(staff, { mentorId: mentor.user.id, maxActive: 3, version: 0 }));
    expect(stale).toMatchObject({ status: 409, key: "cases.capacity.stale" });
    const after = (await mentorCapacities(staff)).mentors.find((m) => m.id === mentor.user.id)!;
    expect(after).toMatchObject({ max: 12, version: 1, custom: true });

    await setCapacity(staff, { mentorId: mentor.user.id, maxActive: 4, version: 1 });
    expect((await fails(setCapacity(staff, { mentorId: mentor.user.id, maxActive: 5, version: 1 }))).status).toBe(409);
    const audits = await db.selectFrom("audit_log").select("details").where("action", "=", "case.capacity").where("entity_id", "=", String(mentor.user.id)).orderBy("id").execute();
    expect(audits.map((r) => r.details)).toEqual([{ from: null, to: 12 }, { from: 12, to: 4 }]);
    const stored = await db.selectFrom("mentor_capacity").select(["max_active", "version", "updated_by"]).where("mentor_id", "=", mentor.user.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ max_active: 4, version: 2, updated_by: staff.user.id });
  });

  it("refuses a user who is not a mentor with 404", async () => {
    const rows = await count("mentor_capacity");
    expect((await fails(setCapacity(staff, { mentorId: owner.user.id, maxActive: 5, version: 0 }))).status).toBe(404);
    expect(await count("mentor_capacity")).toBe(rows);
  });
});
