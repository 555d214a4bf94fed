// The service-level days of the obstacle categories as data (issue 14 item 2, decision 0045): directorate
// staff change them on one form (audited, stale forms 409, bad numbers field errors); an obstacle raised
// afterwards is due by the new days and shows overdue once they pass; obstacles already raised keep their
// due dates; centre staff, agency officers and others get 403.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { fileEmergency } from "~/modules/cases/service.server";
import { obstaclePage, raiseObstacle } from "~/modules/agenda/service.server";
import { slaSchema, type SlaInput } from "~/modules/agenda/schema";
import { saveSla, slaPage } from "~/modules/agenda/sla.server";
import { OBSTACLE_CATEGORIES } from "~/modules/agenda/workflow";
import { actorFor, createUser, fails } from "../factories";

let owner: UserActor, staff: UserActor, centre: UserActor, officer: UserActor, caseId: number;

const raise = async () => (await raiseObstacle(owner, {
  subjectKind: "case", subjectId: caseId, category: "financing", agency: "banks", description: "وام معطل", jobsCreated: 3, jobsRetained: 0, beganOn: "2024-08-01",
})).id;

/** The form as the page fills it, with some days changed. */
async function formWith(changes: Partial<Record<string, number>>): Promise<SlaInput> {
  const page = await slaPage(staff);
  return { stamp: page.stamp, ...Object.fromEntries(page.categories.map((c) => [`sla_${c.code}`, changes[c.code] ?? c.days])) } as SlaInput;
}

beforeAll(async () => {
  setClock("2024-09-01T08:00:00Z");
  owner = await actorFor((await createUser({ role: "entrepreneur" })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
  centre = await actorFor((await createUser({ role: "staff", unit: "consult-tabriz-2" })).id);
  officer = await actorFor((await createUser({ role: "agency_officer", unit: "agency-banks" })).id);
  ({ id: caseId } = await fileEmergency(owner, {
    firmName: "کارگاه مهلت", registrationNo: "880011", county: "tabriz", sector: "C", baselineEmployees: 5, problemAreas: ["financing"], description: "کمبود نقدینگی", urgency: "high",
  }));
});

describe("obstacle service levels", () => {
  it("a change gives new obstacles their due dates and overdue; earlier obstacles keep theirs; one audit row with before and after", async () => {
    const page = await slaPage(staff);
    expect(page.categories.map((c) => c.code)).toEqual([...OBSTACLE_CATEGORIES]);
    expect(page.categories.every((c) => c.days === 30)).toBe(true);
    const earlier = await raise();
    expect((await obstaclePage(owner, earlier, "fa")).obstacle.due_on).toBe("2024-10-01");

    expect(await saveSla(staff, await formWith({ financing: 10 }))).toEqual(["financing"]);
    expect((await slaPage(staff)).categories.find((c) => c.code === "financing")!.days).toBe(10);
    const later = await raise();
    expect((await obstaclePage(owner, later, "fa")).obstacle.due_on).toBe("2024-09-11");
    expect((await obstaclePage(owner, earlier, "fa")).obstacle.due_on).toBe("2024-10-01");

    setClock("2024-09-15T08:00:00Z");
    expect((await obstaclePage(owner, later, "fa")).obstacle.overdue).toBe(true);
    expect((await obstaclePage(owner, earlier, "fa")).obstacle.overdue).toBe(false);
    setClock("2024-09-01T08:00:00Z");

    const db = await getDb();
    const audit = await db.selectFrom("audit_log").select(["actor_id", "entity", "entity_id", "details"]).where("action", "=", "obstacle.sla").execute();
    expect(audit).toEqual([{ actor_id: staff.user.id, entity: "obstacle_category", entity_id: "financing", details: { from: { financing: 30 }, to: { financing: 10 } } }]);

    // Saving the form unchanged writes nothing and no audit row.
    expect(await saveSla(staff, await formWith({}))).toEqual([]);
    expect(await db.selectFrom("audit_log").select("id").where("action", "=", "obstacle.sla").execute()).toHaveLength(1);
  });

  it("a form opened before another change is stale (409) and changes nothing", async () => {
    const stale = await formWith({ customs: 45 });
    await saveSla(staff, await formWith({ permit: 20 }));
    expect(await fails(saveSla(staff, stale))).toMatchObject({ status: 409, key: "agenda.sla.stale" });
    const days = Object.fromEntries((await slaPage(staff)).categories.map((c) => [c.code, c.days]));
    expect(days).toMatchObject({ customs: 30, permit: 20, financing: 10 });
  });

  it("days outside 1..365, fractions and words are field errors; Persian digits are read", () => {
    const fields = Object.fromEntries(OBSTACLE_CATEGORIES.map((c) => [`sla_${c}`, "30"]));
    const bad = slaSchema.safeParse({ ...fields, stamp: "x", sla_permit: "0", sla_financing: "366", sla_land: "2.5", sla_customs: "سی", sla_other: "" });
    expect(bad.success).toBe(false);
    expect(bad.error!.flatten().fieldErrors).toEqual({
      sla_permit: ["error.numberTooSmall"], sla_financing: ["error.numberTooLarge"], sla_land: ["error.invalidNumber"],
      sla_customs: ["error.invalidNumber"], sla_other: ["error.required"],
    });
    const ok = slaSchema.parse({ ...fields, stamp: "x", sla_permit: "۱۵" });
    expect(ok.sla_permit).toBe(15);
  });

  it("centre staff, agency officers and other roles get 403 with an audit row", async () => {
    for (const who of [centre, officer, owner]) {
      expect((await fails(slaPage(who))).status).toBe(403);
      expect((await fails(saveSla(who, await formWith({ other: 5 })))).status).toBe(403);
    }
    const db = await getDb();
    const denied = await db.selectFrom("audit_log").select("actor_id").where("action", "=", "authz.denied").where("entity", "=", "obstacle_category").execute();
    expect(new Set(denied.map((d) => d.actor_id))).toEqual(new Set([centre.user.id, officer.user.id, owner.user.id]));
    expect((await slaPage(staff)).categories.find((c) => c.code === "other")!.days).toBe(30);
  });
});
