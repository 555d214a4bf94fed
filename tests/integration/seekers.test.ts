import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import { addSession } from "~/modules/seekers/counselling.server";
import { seekerSchema, sessionSchema } from "~/modules/seekers/schema";
import { claimSeeker, confirmGroup, listSeekers, registerSeeker, seekerProfile } from "~/modules/seekers/seekers.server";
import { actorFor, createUser, fails } from "../factories";
import { makeSeeker } from "../factories/seekers";

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  return f;
};

describe("job seekers", () => {
  it("a counsellor registers a seeker at their centre; a second registration of the national ID links to the first", async () => {
    const c1 = await createUser({ role: "counsellor" });
    const c2 = await createUser({ role: "counsellor" }); // same centre
    const other = await createUser({ role: "counsellor", unit: "consult-tabriz-2" });
    const s = await makeSeeker(c1.id, { groups: ["unemployed-graduates", "marginal-areas"], marginalArea: "on" });
    const db = await getDb();
    const row = await db.selectFrom("job_seekers").select(["centre_id", "counsellor_id", "confirmed_groups"]).where("id", "=", s.id).executeTakeFirstOrThrow();
    expect(row.counsellor_id).toBe(c1.id);
    expect(row.confirmed_groups).toEqual([]); // claimed, not confirmed
    const again = await fails(makeSeeker(c2.id, { nationalId: s.nationalId }));
    expect(again.status).toBe(400);
    expect(again.fields).toMatchObject({ nationalId: "error.seekers.duplicate", duplicateOf: String(s.id) });
    const stranger = await fails(makeSeeker(other.id, { nationalId: s.nationalId }));
    expect(stranger.fields.nationalId).toBe("error.seekers.duplicate");
    expect(stranger.fields.duplicateOf).toBeUndefined(); // may not see it: no link
    expect(Number((await db.selectFrom("job_seekers").select((eb) => eb.fn.countAll<number>().as("n")).where("national_id", "=", s.nationalId).executeTakeFirstOrThrow()).n)).toBe(1);
  });

  it("refuses a person under 15 and a broken national ID with field errors", async () => {
    const c = await createUser({ role: "counsellor" });
    setClock("2026-12-02T08:00:00Z"); // Jalali 1405
    try {
      const young = await fails(makeSeeker(c.id, { birthYear: "1395" }));
      expect(young.fields.birthYear).toBe("error.seekers.underAge");
    } finally {
      setClock(null);
    }
    const p = parseForm(seekerSchema, form({ nationalId: "1234567890", mobile: "0912", fullName: "x" }));
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.errors.nationalId).toBe("error.invalidNationalId");
      expect(p.errors.mobile).toBe("error.invalidMobile");
    }
  });

  it("a counsellor confirms a group with a note; the confirmed list follows", async () => {
    const c = await createUser({ role: "counsellor" });
    const s = await makeSeeker(c.id, { groups: ["unemployed-graduates"] });
    await confirmGroup(await actorFor(c.id), s.id, { group: "unemployed-graduates", note: "مدرک دانشگاه دیده شد", confirm: true });
    const page = await seekerProfile(await actorFor(c.id), s.id);
    expect(page.groups[0]).toMatchObject({ group_code: "unemployed-graduates", note: "مدرک دانشگاه دیده شد" });
    expect(page.groups[0].confirmed_at).not.toBeNull();
    const db = await getDb();
    expect((await db.selectFrom("job_seekers").select("confirmed_groups").where("id", "=", s.id).executeTakeFirstOrThrow()).confirmed_groups).toEqual(["unemployed-graduates"]);
    const seeker = await createUser({ role: "job_seeker" });
    expect((await fails(confirmGroup(await actorFor(seeker.id), s.id, { group: "unemployed-graduates", note: "x", confirm: true }))).status).toBe(403);
  });

  it("privacy: an employer cannot read an unreferred seeker; reads by others than the seeker are audited", async () => {
    const c = await createUser({ role: "counsellor" });
    const employer = await createUser({ role: "employer" });
    const s = await makeSeeker(c.id);
    expect((await fails(seekerProfile(await actorFor(employer.id), s.id))).status).toBe(403);
    const db = await getDb();
    const denied = await db.selectFrom("audit_log").select("action").where("actor_id", "=", employer.id).where("action", "=", "authz.denied").execute();
    expect(denied.length).toBeGreaterThan(0);
    await seekerProfile(await actorFor(c.id), s.id);
    const reads = await db.selectFrom("audit_log").select(["action", "entity_id"]).where("actor_id", "=", c.id).where("action", "=", "seeker.read").execute();
    expect(reads.map((r) => r.entity_id)).toContain(String(s.id));
    // The person claims the profile; their own reads are not audited and they see their national ID.
    const person = await createUser({ role: "entrepreneur" });
    await claimSeeker(await actorFor(person.id), { nationalId: s.nationalId, mobile: s.mobile });
    const mine = await seekerProfile(await actorFor(person.id), s.id);
    expect(mine.relation).toBe("self");
    expect(mine.profile.national_id).toBe(s.nationalId);
    expect((await db.selectFrom("audit_log").select("id").where("actor_id", "=", person.id).where("action", "=", "seeker.read").execute()).length).toBe(0);
    // A second claim of the same profile is refused.
    const other = await createUser({ role: "entrepreneur" });
    expect((await fails(claimSeeker(await actorFor(other.id), { nationalId: s.nationalId, mobile: s.mobile }))).status).toBe(400);
  });

  it("counsellors list only their centre; a session ending in wage employment sets the path", async () => {
    const c = await createUser({ role: "counsellor" });
    const other = await createUser({ role: "counsellor", unit: "consult-tabriz-2" });
    const s = await makeSeeker(c.id);
    expect((await listSeekers(await actorFor(c.id), {})).rows.map((r) => r.id)).toContain(s.id);
    expect((await listSeekers(await actorFor(other.id), {})).rows.map((r) => r.id)).not.toContain(s.id);
    const p = parseForm(sessionSchema, form({ heldOn: "1405/09/01", minutes: "45", mode: "in_person", notes: "یادداشت محرمانه", outcome: "wage_employment" }));
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    setClock("2026-12-02T08:00:00Z");
    try {
      await addSession(await actorFor(c.id), s.id, p.data);
    } finally {
      setClock(null);
    }
    const db = await getDb();
    expect((await db.selectFrom("job_seekers").select("path").where("id", "=", s.id).executeTakeFirstOrThrow()).path).toBe("wage_employment");
    expect((await fails(addSession(await actorFor(other.id), s.id, p.data))).status).toBe(403);
  });

  it("a person registers themselves and receives the job_seeker role", async () => {
    const person = await createUser({ role: "entrepreneur" });
    const p = parseForm(seekerSchema, form({ fullName: "خودم", nationalId: "0499370899", mobile: "09121112233", birthYear: "1370", gender: "male", county: "tabriz", educationLevel: "diploma", experienceYears: "0", availability: "immediate" }));
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const id = await registerSeeker(await actorFor(person.id), p.data);
    const db = await getDb();
    expect((await db.selectFrom("job_seekers").select("user_id").where("id", "=", id).executeTakeFirstOrThrow()).user_id).toBe(person.id);
    expect((await db.selectFrom("role_assignments").select("role").where("user_id", "=", person.id).execute()).map((r) => r.role)).toContain("job_seeker");
    expect((await fails(registerSeeker(await actorFor(person.id), { ...p.data, nationalId: "0013542419" }))).status).toBe(409);
  });
});
