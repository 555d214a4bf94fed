// Centre staff scope (issue 10 item 8): staff held in a centre work only their centre's cases, follow-ups,
// case files and the employment reports they filed; directorate staff keep the province. A case of another
// centre answers 404 as a missing one would (item 6).
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { fileEmergency, getCase, listCases, openCase } from "~/modules/cases/service.server";
import { assignMentors, mentorCapacities, setCapacity } from "~/modules/cases/assignment.server";
import { addNote } from "~/modules/cases/work.server";
import { listFollowUps } from "~/modules/cases/closing.server";
import { staffHome } from "~/modules/cases/homes.server";
import { attachCaseDocuments } from "~/modules/cases/documents.server";
import { fileFromBytes, openDownload, saveUpload } from "~/modules/files/service.server";
import { reportEmployment } from "~/modules/employment/service.server";
import { supersedeReport } from "~/modules/employment/reports.server";
import { reportNumbersSchema } from "~/modules/employment/schema";
import { actorFor, createUser, fails, orgUnitId } from "../factories";
import { samplePdf } from "../factories/files";

const intake = (firmName: string) => ({
  firmName, registrationNo: "55555", county: "tabriz", sector: "C", baselineEmployees: 3,
  problemAreas: ["market" as const], description: "فروش کم", urgency: "normal" as const,
});

async function setup() {
  const db = await getDb();
  const [centreA, centreB] = [await orgUnitId("consult-tabriz-1"), await orgUnitId("consult-tabriz-2")];
  const directorate = await actorFor((await createUser({ role: "staff" })).id);
  const staffA = await actorFor((await createUser({ role: "staff", unit: "consult-tabriz-1" })).id);
  const staffB = await actorFor((await createUser({ role: "staff", unit: "consult-tabriz-2" })).id);
  const mentorA = await createUser({ role: "mentor", unit: "consult-tabriz-1" });
  const mentorB = await createUser({ role: "mentor", unit: "consult-tabriz-2" });
  const owner = await actorFor((await createUser({ role: "entrepreneur" })).id);
  const version = async (id: number) => (await db.selectFrom("cases").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
  const inA = (await fileEmergency(owner, intake("کارگاه مرکز الف"))).id;
  const inB = (await fileEmergency(owner, intake("کارگاه مرکز ب"))).id;
  const unassigned = (await fileEmergency(owner, intake("کارگاه بی مرکز"))).id;
  await assignMentors(directorate, inA, { version: await version(inA), centreId: centreA, leadMentorId: mentorA.id, coMentorIds: [] });
  await assignMentors(directorate, inB, { version: await version(inB), centreId: centreB, leadMentorId: mentorB.id, coMentorIds: [] });
  return { db, centreA, centreB, directorate, staffA, staffB, mentorA, mentorB, owner, inA, inB, unassigned, version };
}

describe("centre staff scope", () => {
  it("lists, opens and notes only their centre's cases; another centre's case is a 404", async () => {
    const s = await setup();
    const listed = async (actor: typeof s.staffA) => (await listCases(actor, { q: "کارگاه" })).items.map((c) => c.id);
    expect(await listed(s.staffA)).toContain(s.inA);
    expect(await listed(s.staffA)).not.toContain(s.inB);
    expect(await listed(s.staffA)).not.toContain(s.unassigned);
    expect(await listed(s.directorate)).toEqual(expect.arrayContaining([s.inA, s.inB, s.unassigned]));
    expect((await getCase(s.staffA, s.inA)).case.id).toBe(s.inA);
    expect((await fails(getCase(s.staffA, s.inB))).status).toBe(404);
    expect((await fails(getCase(s.staffA, s.unassigned))).status).toBe(404);
    expect((await fails(addNote(s.staffA, s.inB, "یادداشت خصوصی"))).status).toBe(404);
    await addNote(s.staffA, s.inA, "یادداشت مرکز");
    const denied = await s.db.selectFrom("audit_log").select("id").where("action", "=", "authz.denied").where("actor_id", "=", s.staffA.user.id).execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it("assigns within their centre only and opens cases in it; the directorate moves cases between centres", async () => {
    const s = await setup();
    const moved = await fails(assignMentors(s.staffA, s.inA, { version: await s.version(s.inA), centreId: s.centreB, leadMentorId: s.mentorB.id, coMentorIds: [] }));
    expect(moved.status).toBe(400);
    expect(moved.fields.centreId).toBe("error.invalidChoice");
    expect((await fails(assignMentors(s.staffA, s.inB, { version: await s.version(s.inB), centreId: s.centreA, leadMentorId: s.mentorA.id, coMentorIds: [] }))).status).toBe(404);
    await assignMentors(s.directorate, s.inA, { version: await s.version(s.inA), centreId: s.centreB, leadMentorId: s.mentorB.id, coMentorIds: [] });
    const other = await fails(openCase(s.staffA, { kind: "consulting", entrepreneurEmail: "nobody@test.local", centreId: s.centreB, baselineEmployees: 0, description: "" }));
    expect(other.fields.centreId).toBe("error.invalidChoice");
  });

  it("sees and sets only their centre's mentors' limits", async () => {
    const s = await setup();
    const ids = (await mentorCapacities(s.staffA)).mentors.map((m) => m.id);
    expect(ids).toContain(s.mentorA.id);
    expect(ids).not.toContain(s.mentorB.id);
    expect((await fails(setCapacity(s.staffA, { mentorId: s.mentorB.id, maxActive: 3, version: 0 }))).status).toBe(404);
    await setCapacity(s.staffA, { mentorId: s.mentorA.id, maxActive: 3, version: 0 });
  });

  it("keeps their home and follow-ups to their centre", async () => {
    const s = await setup();
    // The home lists only the most overdue emergencies (HOME_EMERGENCIES) and the demo data has more:
    // the unassigned one is made the most overdue before any home is read.
    await s.db.updateTable("cases").set({ triage_due_at: new Date("2000-01-01T00:00:00Z") }).where("id", "=", s.unassigned).execute();
    const home = await staffHome(s.staffA);
    expect(home.emergencies.map((c) => c.id)).not.toContain(s.inB);
    expect(home.emergencies.map((c) => c.id)).not.toContain(s.unassigned);
    expect(home.perCentre.every((c) => c.id === s.centreA)).toBe(true);
    expect(home.loads.map((l) => l.id)).not.toContain(s.mentorB.id);
    const all = await staffHome(s.directorate);
    expect(all.emergencies.map((c) => c.id)).toEqual(expect.arrayContaining([s.unassigned]));
    await s.db.insertInto("case_followups").values([{ case_id: s.inA, months: 6, due_on: "2000-01-01" }, { case_id: s.inB, months: 6, due_on: "2000-01-01" }]).execute();
    const mine = (await listFollowUps(s.staffA)).map((f) => f.case_id);
    expect(mine).toContain(s.inA);
    expect(mine).not.toContain(s.inB);
    expect((await listFollowUps(s.directorate)).map((f) => f.case_id)).toEqual(expect.arrayContaining([s.inA, s.inB]));
  });

  it("downloads their centre's case files and their centre's people's files, not other users' private files", async () => {
    const s = await setup();
    const [docA] = await attachCaseDocuments(s.owner, s.inA, [fileFromBytes("a.pdf", samplePdf("a"))]);
    const [docB] = await attachCaseDocuments(s.owner, s.inB, [fileFromBytes("b.pdf", samplePdf("b"))]);
    const privateFile = await saveUpload(s.owner, fileFromBytes("mine.pdf", samplePdf("mine")));
    const ofMentorA = await saveUpload(await actorFor(s.mentorA.id), fileFromBytes("m.pdf", samplePdf("m")));
    const opens = async (actor: typeof s.staffA, id: string) => {
      try {
        (await openDownload(actor, id)).stream.destroy();
        return 200;
      } catch (e) {
        return (await fails(Promise.reject(e))).status;
      }
    };
    expect(await opens(s.staffA, docA)).toBe(200);
    expect(await opens(s.staffA, docB)).toBe(404);
    expect(await opens(s.staffA, privateFile.id)).toBe(404);
    expect(await opens(s.staffA, ofMentorA.id)).toBe(200);
    expect(await opens(s.directorate, docB)).toBe(200);
    expect(await opens(s.directorate, privateFile.id)).toBe(200);
  });

  it("corrects only the employment reports they filed; directorate staff correct any", async () => {
    const s = await setup();
    const base = { source: { module: "manual" as const }, enterprise: { registrationNo: `cs-${s.inA}`, name: "بنگاه مرکز", kind: "company" as const, county: "tabriz", sector: "C" }, asOf: "2022-08-03", fteNow: 3, created: { fullTime: 1, partTime: 0, tempMonths: 0 } };
    const byA = await reportEmployment(s.staffA, base);
    const byB = await reportEmployment(s.staffB, { ...base, enterprise: { id: byA.enterpriseId }, asOf: "2022-09-03" });
    const numbers = reportNumbersSchema.parse({ asOf: "1401/05/20", programme: "cases", fteNow: "3", createdFullTime: "2" });
    expect((await fails(supersedeReport(s.staffA, byB.reportId, numbers))).status).toBe(403);
    expect(await supersedeReport(s.staffA, byA.reportId, numbers)).toBeGreaterThan(0);
    expect(await supersedeReport(s.directorate, byB.reportId, numbers)).toBeGreaterThan(0);
  });
});
