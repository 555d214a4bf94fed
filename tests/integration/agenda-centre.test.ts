// The agencies' agenda for staff held in a centre (decisions 0015, 0053): they list and count the
// obstacles on their centre's records only (a case's centre, as the cases module says), read one
// obstacle only when they may see its subject, and neither escalate nor open the meeting list (the
// working group's secretariat is the directorate).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { fileEmergency } from "~/modules/cases/service.server";
import { escalateObstacle, listObstacles, meetingList, obstaclePage, raiseObstacle } from "~/modules/agenda/service.server";
import { agencyBoard, agencyDrill } from "~/modules/agenda/board.server";
import { actorFor, createUser, fails, orgUnitId } from "../factories";

let owner: UserActor, directorate: UserActor, centre: UserActor, otherCentre: UserActor;
let ours: number, theirs: number;
const NONE = { overdue: false, escalated: false, mine: false };

async function caseWithObstacle(firmName: string, centreUnit: string | null, jobs: number) {
  const { id: caseId } = await fileEmergency(owner, {
    firmName, registrationNo: String(Math.floor(Math.random() * 1e8)), county: "tabriz", sector: "C", baselineEmployees: 5,
    problemAreas: ["financing"], description: "کمبود نقدینگی", urgency: "high",
  });
  const db = await getDb();
  await db.updateTable("cases").set({ centre_id: centreUnit ? await orgUnitId(centreUnit) : null }).where("id", "=", caseId).execute();
  const { id } = await raiseObstacle(owner, {
    subjectKind: "case", subjectId: caseId, category: "financing", agency: "banks", description: "وام معطل", jobsCreated: jobs, jobsRetained: 0, beganOn: "2024-08-01",
  });
  return id;
}

beforeAll(async () => {
  setClock("2024-09-01T08:00:00Z");
  owner = await actorFor((await createUser({ role: "entrepreneur" })).id);
  directorate = await actorFor((await createUser({ role: "staff" })).id);
  centre = await actorFor((await createUser({ role: "staff", unit: "consult-tabriz-2" })).id);
  otherCentre = await actorFor((await createUser({ role: "staff", unit: "accel-tabriz-1" })).id);
  ours = await caseWithObstacle("کارگاه مرکز دو", "consult-tabriz-2", 7);
  theirs = await caseWithObstacle("کارگاه بی‌مرکز", null, 11);
});

describe("centre staff and the agenda", () => {
  it("list their centre's obstacles only; directorate staff list every one", async () => {
    const mine = (await listObstacles(centre, NONE, null, "fa")).rows.map((r) => r.id);
    expect(mine).toContain(ours);
    expect(mine).not.toContain(theirs);
    expect((await listObstacles(otherCentre, NONE, null, "fa")).rows.map((r) => r.id)).not.toContain(ours);
    const all = (await listObstacles(directorate, NONE, null, "fa")).rows.map((r) => r.id);
    expect(all).toEqual(expect.arrayContaining([ours, theirs]));
  });

  it("read an obstacle on their centre's case, and get 404 for another's (no hint it exists)", async () => {
    const page = await obstaclePage(centre, ours, "fa");
    expect(page.obstacle.id).toBe(ours);
    expect(page.canEscalate).toBe(false);
    expect((await fails(obstaclePage(centre, theirs, "fa"))).status).toBe(404);
    expect((await fails(obstaclePage(otherCentre, ours, "fa"))).status).toBe(404);
    expect((await obstaclePage(directorate, theirs, "fa")).canEscalate).toBe(true);
  });

  it("count their centre's obstacles on the working group's board and drill-down", async () => {
    const b = await agencyBoard(centre, "jobs", "fa");
    expect(b.centreOnly).toBe(true);
    expect(b.canMeet).toBe(false);
    expect(b.rows.find((r) => r.code === "banks")).toMatchObject({ open: 1, jobs_blocked: 7 });
    expect((await agencyDrill(centre, "banks", "fa"))!.rows.find((r) => r.category === "financing")).toMatchObject({ open: 1, jobs_blocked: 7 });
    const none = await agencyBoard(otherCentre, "jobs", "fa");
    expect(none.totals.open).toBe(0);
    const d = await agencyBoard(directorate, "jobs", "fa");
    expect(d.centreOnly).toBe(false);
    expect(d.rows.find((r) => r.code === "banks")).toMatchObject({ open: 2, jobs_blocked: 18 });
  });

  it("neither escalate nor open the meeting list (403 with an audit row); directorate staff do", async () => {
    expect((await fails(escalateObstacle(centre, ours, { version: 1, note: "به کارگروه" }))).status).toBe(403);
    expect((await fails(meetingList(centre, "fa"))).status).toBe(403);
    const db = await getDb();
    const denied = await db.selectFrom("audit_log").select("action").where("actor_id", "=", centre.user.id).where("action", "=", "authz.denied").execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
    await escalateObstacle(directorate, ours, { version: 1, note: "به کارگروه" });
    expect((await meetingList(directorate, "fa")).rows.map((r) => r.id)).toContain(ours);
  });
});
