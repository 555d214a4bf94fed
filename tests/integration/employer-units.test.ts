import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { registerEmployerUnit, listEmployerUnits, requireEmployerRegistrar } from "~/modules/seekers/employers.server";
import { employerUnitSchema, vacancySchema } from "~/modules/seekers/schema";
import { createVacancy } from "~/modules/seekers/vacancies.server";
import { actorFor, createUser, fails, nationalIdFor } from "../factories";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries({ kind: "company", county: "tabriz", sector: "G", sizeClass: "small", baselineHeadcount: "12", ...fields })) f.set(k, v);
  return f;
};
const parsed = (fields: Record<string, string>) => {
  const p = parseForm(employerUnitSchema, form(fields));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};
const counts = async () => {
  const db = await getDb();
  const e = await db.selectFrom("enterprises").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const u = await db.selectFrom("org_units").select((eb) => eb.fn.countAll<number>().as("n")).where("kind", "=", "employer").executeTakeFirstOrThrow();
  return { enterprises: Number(e.n), units: Number(u.n) };
};

describe("employer units tied to the ledger", () => {
  it("staff register an employer: a new enterprise is created once, a known one is found by registration number or national ID; a vacancy is then posted for it", async () => {
    const staff = await actorFor((await createUser({ role: "staff" })).id);
    const db = await getDb();
    const before = await counts();
    const id = await registerEmployerUnit(staff, parsed({ name: "نانوایی نمونه", nameEn: "Sample Bakery", registrationNo: "۵۵۱۱۲۲" }));
    const unit = await db.selectFrom("org_units").select(["kind", "name_fa", "name_en", "enterprise_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(unit).toMatchObject({ kind: "employer", name_fa: "نانوایی نمونه", name_en: "Sample Bakery" });
    const ent = await db.selectFrom("enterprises").select(["registration_no", "name"]).where("id", "=", unit.enterprise_id!).executeTakeFirstOrThrow();
    expect(ent.registration_no).toBe("551122");
    expect(await counts()).toEqual({ enterprises: before.enterprises + 1, units: before.units + 1 });

    // A firm already in the ledger (by registration number; by national ID) is linked, not copied.
    const known = await db.insertInto("enterprises").values({ name: "کارخانه قدیمی", registration_no: "661100", kind: "company", county_code: "tabriz", sector_code: "C", size_class: "medium", baseline_headcount: 80 }).returning("id").executeTakeFirstOrThrow();
    const nid = nationalIdFor(4242);
    const byNid = await db.insertInto("enterprises").values({ name: "کارگاه خانگی", national_id: nid, kind: "self_employed", county_code: "tabriz", sector_code: "C", size_class: "micro", baseline_headcount: 1 }).returning("id").executeTakeFirstOrThrow();
    const mid = await counts();
    const a = await registerEmployerUnit(staff, parsed({ name: "کارخانه قدیمی", registrationNo: "661100" }));
    const b = await registerEmployerUnit(staff, parsed({ name: "کارگاه خانگی", nationalId: nid }));
    expect((await db.selectFrom("org_units").select("enterprise_id").where("id", "=", a).executeTakeFirstOrThrow()).enterprise_id).toBe(known.id);
    expect((await db.selectFrom("org_units").select("enterprise_id").where("id", "=", b).executeTakeFirstOrThrow()).enterprise_id).toBe(byNid.id);
    expect(await counts()).toEqual({ enterprises: mid.enterprises, units: mid.units + 2 });
    expect((await db.selectFrom("audit_log").select("entity_id").where("action", "=", "employer.registered").execute()).map((r) => r.entity_id)).toEqual(expect.arrayContaining([String(id), String(a), String(b)]));

    const list = await listEmployerUnits(staff, null);
    expect(list.rows.map((r) => r.id)).toEqual(expect.arrayContaining([id, a, b]));

    const vf = new FormData();
    for (const [k, v] of Object.entries({ employerId: String(id), title: "شاطر", occupation: "7", educationLevel: "primary", county: "tabriz", posts: "2", contractType: "full_time", wageMin: "10000", wageMax: "12000", closesOn: "1499/01/01" })) vf.set(k, v);
    const vp = parseForm(vacancySchema, vf);
    if (!vp.ok) throw new Error(JSON.stringify(vp.errors));
    const vacancy = await createVacancy(staff, vp.data);
    expect((await db.selectFrom("vacancies").select("employer_id").where("id", "=", vacancy).executeTakeFirstOrThrow()).employer_id).toBe(id);
  });

  it("bad input: field errors, nothing written; the same enterprise twice is refused on its field", async () => {
    const staff = await actorFor((await createUser({ role: "staff" })).id);
    const none = parseForm(employerUnitSchema, form({ name: "", registrationNo: "", nationalId: "" }));
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.errors).toMatchObject({ name: "error.required", registrationNo: "employment.error.identityRequired" });
    const badNid = parseForm(employerUnitSchema, form({ name: "x", nationalId: "1234567890" }));
    expect(badNid.ok).toBe(false);
    if (!badNid.ok) expect(Object.keys(badNid.errors)).toContain("nationalId");

    const before = await counts();
    const unknownCounty = await fails(registerEmployerUnit(staff, parsed({ name: "جایی دیگر", registrationNo: "771199", county: "atlantis" })));
    expect(unknownCounty.status).toBe(400);
    expect(Object.keys(unknownCounty.fields)).toContain("county");
    expect(await counts()).toEqual(before);

    await registerEmployerUnit(staff, parsed({ name: "یکتا", registrationNo: "881100" }));
    const twice = await fails(registerEmployerUnit(staff, parsed({ name: "یکتا دوباره", registrationNo: "881100" })));
    expect(twice).toMatchObject({ status: 400, fields: { registrationNo: "error.seekers.employerTaken" } });
    expect(await counts()).toEqual({ enterprises: before.enterprises + 1, units: before.units + 1 });
  });

  it("only staff register employers (403 with an audit row for others)", async () => {
    for (const role of ["counsellor", "employer", "entrepreneur", "job_seeker"] as const) {
      const actor = await actorFor((await createUser({ role })).id);
      expect((await fails(requireEmployerRegistrar(actor))).status).toBe(403);
      expect((await fails(registerEmployerUnit(actor, parsed({ name: "نه", registrationNo: "991100" })))).status).toBe(403);
      expect((await fails(listEmployerUnits(actor, null))).status).toBe(403);
    }
    const db = await getDb();
    expect((await db.selectFrom("enterprises").select("id").where("registration_no", "=", "991100").execute())).toHaveLength(0);
  });
});
