// Evidence added to an obstacle after it was raised (issue 14 item 2): whoever may read the obstacle
// adds files through the FileStore (audited, a timeline row, shown on its page); whoever may not gets
// 404; no more than five files in all; nothing is written on a refusal.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { fileEmergency } from "~/modules/cases/service.server";
import { addEvidence, obstaclePage, raiseObstacle } from "~/modules/agenda/service.server";
import { fileFromBytes } from "~/modules/files/source.server";
import { actorFor, createUser, fails } from "../factories";

let owner: UserActor, stranger: UserActor, bank: UserActor, agri: UserActor;
let id: number;
const pdf = (name: string) => fileFromBytes(name, new TextEncoder().encode("%PDF-1.4\n%demo\n"));

beforeAll(async () => {
  setClock("2024-09-01T08:00:00Z");
  owner = await actorFor((await createUser({ role: "entrepreneur" })).id);
  stranger = await actorFor((await createUser({ role: "entrepreneur" })).id);
  bank = await actorFor((await createUser({ role: "agency_officer", unit: "agency-banks" })).id);
  agri = await actorFor((await createUser({ role: "agency_officer", unit: "agency-agriculture" })).id);
  const { id: caseId } = await fileEmergency(owner, {
    firmName: "کارگاه مستند", registrationNo: "66601", county: "tabriz", sector: "C", baselineEmployees: 5, problemAreas: ["financing"], description: "کمبود نقدینگی", urgency: "high",
  });
  ({ id } = await raiseObstacle(owner, {
    subjectKind: "case", subjectId: caseId, category: "financing", agency: "banks", description: "وام معطل", jobsCreated: 3, jobsRetained: 0, beganOn: "2024-08-01",
  }));
});

describe("evidence added after raising", () => {
  it("the subject's owner and the agency's officer add files: audited, on the timeline and the page, the others told", async () => {
    await addEvidence(owner, id, [pdf("نامه بانک.pdf")]);
    await addEvidence(bank, id, [pdf("answer.pdf")]);
    const page = await obstaclePage(owner, id, "fa");
    expect(page.files.map((f) => f.name).sort()).toEqual(["answer.pdf", "نامه بانک.pdf"].sort());
    expect(page.history.filter((h) => h.action === "evidence")).toHaveLength(2);
    const db = await getDb();
    const audit = await db.selectFrom("audit_log").select("action").where("entity", "=", "obstacle").where("entity_id", "=", String(id)).where("action", "=", "obstacle.evidence").execute();
    expect(audit).toHaveLength(2);
    const told = await db.selectFrom("notifications").select("user_id").where("message_key", "=", "agenda.notify.evidence").execute();
    expect(told.map((n) => n.user_id)).toContain(bank.user.id);
  });

  it("answers 404 to whoever may not read the obstacle, and refuses none or too many files on the field", async () => {
    expect((await fails(addEvidence(stranger, id, [pdf("x.pdf")]))).status).toBe(404);
    expect((await fails(addEvidence(agri, id, [pdf("x.pdf")]))).status).toBe(404);
    expect((await fails(addEvidence(owner, id, []))).fields).toEqual({ evidence: "error.required" });
    expect((await fails(addEvidence(owner, id, [pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf"), pdf("4.pdf")]))).fields).toEqual({ evidence: "agenda.error.tooManyFiles" });
    expect((await obstaclePage(owner, id, "fa")).files).toHaveLength(2);
  });
});
