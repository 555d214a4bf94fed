// Micro and home businesses registry (issue 16): registration files its jobs in the ledger through
// reportEmployment, duplicates and future permits are refused with nothing written, permissions per
// role, yearly updates, and the permit expiry job.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import { isValidNationalId } from "~/i18n/normalise";
import type { UserActor } from "~/modules/accounts/actor.server";
import { registerSchema, workersSchema, type RegisterInput } from "~/modules/microbusiness/schema";
import { businessPage, changePermit, recordYearlyUpdate, registerBusiness, addSupport } from "~/modules/microbusiness/service.server";
import { expirePermits, listRegistry, microHome, permitsDueToExpire, publicSummary, publicSummaryPage, registryCsv } from "~/modules/microbusiness/registry.server";
import { subjectResolver } from "~/modules/subjects/registry.server";
import { actorFor, anonymousActor, createUser, fails, nationalIdFor } from "../factories";

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  return f;
}
let seq = 1;
const input = (over: Record<string, string | string[]> = {}): RegisterInput => {
  const p = parseForm(registerSchema, form({
    name: "خیاطی خانگی مریم", ownerName: "مریم احمدی", ownerNationalId: nationalIdFor(seq++), ownerGender: "female", sector: "C", isicCode: "1410",
    activity: "دوخت لباس زنانه", county: "tabriz", area: "urban", address: "تبریز، کوی ولیعصر", startedOn: "1403/02/01", homeBased: "on",
    salesChannels: ["direct", "online"], permitStatus: "applied", permitAppliedOn: "1403/03/01", ownerMode: "full_time", familyPartTime: "2", women: "2", ...over,
  }));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};
const workers = (over: Record<string, string> = {}) => {
  const p = parseForm(workersSchema, form({ ownerMode: "full_time", version: "1", ...over }));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
};

let owner: UserActor;
let other: UserActor;
let staff: UserActor;

beforeAll(async () => {
  setClock("2024-09-01T08:00:00Z"); // 1403/06/11
  owner = await actorFor((await createUser({ role: "entrepreneur" })).id);
  other = await actorFor((await createUser({ role: "entrepreneur" })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
});
afterEach(() => setClock("2024-09-01T08:00:00Z"));

it("makes checksum-valid national IDs for tests", () => {
  for (let i = 0; i < 500; i++) expect(isValidNationalId(nationalIdFor(i * 7919))).toBe(true);
  expect(new Set(Array.from({ length: 500 }, (_, i) => nationalIdFor(i))).size).toBe(500);
});

describe("registration and the ledger", () => {
  it("files the business's jobs through reportEmployment (source micro_businesses) in the same transaction", async () => {
    const v = input();
    const id = await registerBusiness(owner, v);
    const db = await getDb();
    const b = await db.selectFrom("micro_businesses").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(b.owner_user_id).toBe(owner.user.id);
    expect(Number(b.jobs_fte)).toBe(2); // owner full-time + two part-time family members
    expect(b.enterprise_id).not.toBeNull();
    const e = await db.selectFrom("enterprises").selectAll().where("id", "=", b.enterprise_id!).executeTakeFirstOrThrow();
    expect(e).toMatchObject({ national_id: v.ownerNationalId, kind: "home_business", county_code: "tabriz", sector_code: "C", size_class: "micro" });
    const u = await db.selectFrom("micro_business_updates").selectAll().where("business_id", "=", id).executeTakeFirstOrThrow();
    const r = await db.selectFrom("employment_reports").selectAll().where("id", "=", u.report_id!).executeTakeFirstOrThrow();
    expect(r).toMatchObject({ source_module: "micro_businesses", source_id: String(id), programme: "micro", status: "reported", enterprise_id: b.enterprise_id });
    expect(Number(r.jobs_created)).toBe(2); // started this year: all created
    expect(Number(r.women)).toBe(1.33); // 2 of 3 people, 2 FTE
  });

  it("refuses a second registration of the same owner and activity with a link to the first, writing nothing", async () => {
    const v = input();
    const id = await registerBusiness(owner, v);
    const db = await getDb();
    const before = await db.selectFrom("employment_reports").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const f = await fails(registerBusiness(staff, { ...v, name: "نام دیگر" }));
    expect(f.status).toBe(400);
    expect(f.fields).toMatchObject({ _form: "micro.error.duplicate", duplicateOf: String(id) });
    const after = await db.selectFrom("employment_reports").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("keeps one record when the same registration arrives twice at once (double submit)", async () => {
    const v = input();
    const results = await Promise.allSettled([registerBusiness(owner, v), registerBusiness(owner, v)]);
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    const db = await getDb();
    const rows = await db.selectFrom("micro_businesses").select("id").where("owner_national_id", "=", v.ownerNationalId).execute();
    expect(rows).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as { data: { fieldErrors: Record<string, string> } }).data.fieldErrors.duplicateOf).toBe(String(rows[0].id));
  });

  it("refuses a permit issue date in the future on its field, writing nothing", async () => {
    const v = input({ permitStatus: "issued", permitNumber: "HB-9001", permitIssuedOn: "1403/06/12", permitExpiresOn: "1404/06/12" });
    const f = await fails(registerBusiness(owner, v));
    expect(f.status).toBe(400);
    expect(f.fields).toEqual({ permitIssuedOn: "micro.error.issuedInFuture" });
    const db = await getDb();
    expect(await db.selectFrom("micro_businesses").select("id").where("owner_national_id", "=", v.ownerNationalId).executeTakeFirst()).toBeUndefined();
  });

  it("gives an owner's second business its own ledger enterprise", async () => {
    const nid = nationalIdFor(900_001);
    const a = await registerBusiness(owner, input({ ownerNationalId: nid }));
    const b = await registerBusiness(owner, input({ ownerNationalId: nid, sector: "I", isicCode: "5610", activity: "غذای خانگی", permitStatus: "issued", permitAppliedOn: "", permitNumber: "HB-77", permitIssuedOn: "1403/01/10", permitExpiresOn: "1404/01/10" }));
    const db = await getDb();
    const [ea, eb] = await Promise.all([a, b].map((id) => db.selectFrom("micro_businesses").select("enterprise_id").where("id", "=", id).executeTakeFirstOrThrow()));
    expect(ea.enterprise_id).not.toBe(eb.enterprise_id);
    const second = await db.selectFrom("enterprises").selectAll().where("id", "=", eb.enterprise_id!).executeTakeFirstOrThrow();
    expect(second.registration_no).toBe("HB-77");
  });
});

describe("permissions per role", () => {
  let id: number;
  beforeAll(async () => {
    id = await registerBusiness(owner, input({ county: "marand", area: "rural" }));
  });

  it("lets the owner and staff see the business, nobody else", async () => {
    expect((await businessPage(owner, id, "fa")).canEdit).toBe(true);
    expect((await businessPage(staff, id, "fa")).ledgerLink).toMatch(/^\/employment\/enterprises\/\d+$/);
    expect((await businessPage(owner, id, "fa")).ledgerLink).toBeNull(); // the ledger is staff's
    expect((await fails(businessPage(other, id, "fa"))).status).toBe(403);
    expect((await fails(recordYearlyUpdate(other, id, 1, workers()))).status).toBe(403);
    expect((await fails(businessPage(other, 999_999, "fa"))).status).toBe(404);
    const mentor = await actorFor((await createUser({ role: "mentor" })).id);
    expect((await fails(businessPage(mentor, id, "fa"))).status).toBe(403);
    expect((await fails(businessPage(mentor, 999_999, "fa"))).status).toBe(403); // no probing without the grant
  });

  it("narrows the list to the owner's own businesses; staff filter the whole registry", async () => {
    const mine = await listRegistry(owner, {}, null, "fa");
    expect(mine.staffView).toBe(false);
    expect(mine.rows.length).toBeGreaterThan(0);
    const db = await getDb();
    const owners = await db.selectFrom("micro_businesses").select("owner_user_id").where("id", "in", mine.rows.map((r) => r.id)).execute();
    expect(new Set(owners.map((o) => o.owner_user_id))).toEqual(new Set([owner.user.id]));
    expect((await listRegistry(other, {}, null, "fa")).rows).toEqual([]);
    const marand = await listRegistry(staff, { county: "marand", rural: true, women: true }, null, "fa");
    expect(marand.rows.map((r) => r.id)).toContain(id);
    expect(marand.rows.every((r) => r.county_code === "marand" && r.area === "rural")).toBe(true);
    const women = await db.selectFrom("micro_businesses").select("owner_gender").where("id", "in", marand.rows.map((r) => r.id)).execute();
    expect(women.every((w) => w.owner_gender === "female")).toBe(true);
    // The page gets only the columns its table shows.
    expect(Object.keys(marand.rows[0]).sort()).toEqual(["area", "county_code", "id", "jobs_fte", "last_update_year", "name", "owner_name", "permit_status", "sector_code"]);
    expect((await listRegistry(staff, { county: "tabriz" }, null, "fa")).rows.map((r) => r.id)).not.toContain(id);
    expect((await fails(registryCsv(owner, {}))).status).toBe(403); // the CSV carries national IDs
  });

  it("filters by support received and finds by Persian search", async () => {
    await addSupport(staff, id, { kind: "booth", receivedOn: "2024-08-01", description: "غرفه نمایشگاه" });
    expect((await listRegistry(staff, { support: "booth" }, null, "fa")).rows.map((r) => r.id)).toEqual([id]);
    expect((await listRegistry(staff, { q: "مريم" }, null, "fa")).rows.map((r) => r.id)).toContain(id); // Arabic yeh finds Persian yeh
    expect((await fails(addSupport(staff, id, { kind: "loan", receivedOn: "2024-08-01" }))).fields).toEqual({ loanAmount: "error.required", loanSource: "error.required" });
  });

  it("answers canSee through the subject registry", async () => {
    const r = subjectResolver("micro_business")!;
    const db = await getDb();
    expect(await r.canSee(db, owner, id)).toBe(true);
    expect(await r.canSee(db, other, id)).toBe(false);
    expect(await r.canSee(db, staff, 999_999)).toBe(false);
    expect((await r.describe(db, [id])).get(id)?.link).toBe(`/micro-businesses/${id}`);
  });
});

describe("yearly updates", () => {
  it("reports next year's jobs against the last update of the year before, and refuses a stale form", async () => {
    const id = await registerBusiness(owner, input()); // 1403: owner FT + 2 family PT = 2 FTE created
    setClock("2025-05-01T08:00:00Z"); // 1404
    const { reportId } = await recordYearlyUpdate(owner, id, 1, workers({ familyPartTime: "2", hiredFullTime: "1", women: "2" }));
    const db = await getDb();
    const r = await db.selectFrom("employment_reports").selectAll().where("id", "=", reportId).executeTakeFirstOrThrow();
    expect(r.jalali_year).toBe(1404);
    expect(Number(r.jobs_created)).toBe(1); // the hire
    expect(Number(r.jobs_retained)).toBe(2);
    expect(Number(r.fte_baseline)).toBe(2);
    expect(Number(r.fte_now)).toBe(3);
    const f = await fails(recordYearlyUpdate(owner, id, 1, workers())); // the same form again
    expect(f.status).toBe(409);
    const b = await db.selectFrom("micro_businesses").select(["last_update_year", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(b).toEqual({ last_update_year: 1404, version: 2 });
  });
});

describe("permit expiry", () => {
  it("reads an issued permit as expired once its date passed; the job stores it once and tells the owner", async () => {
    const id = await registerBusiness(owner, input({ permitStatus: "issued", permitAppliedOn: "", permitNumber: "HB-5001", permitIssuedOn: "1402/07/01", permitExpiresOn: "1403/07/01" }));
    expect((await businessPage(owner, id, "fa")).permit).toEqual({ status: "issued", daysLeft: 21 });
    const home = await microHome(owner);
    expect(home?.expiring.map((e) => e.id)).toContain(id);
    setClock("2024-09-23T08:00:00Z"); // 1403/07/02
    expect((await businessPage(owner, id, "fa")).permit.status).toBe("expired");
    expect((await listRegistry(staff, { permit: "expired" }, null, "fa")).rows.map((r) => r.id)).toContain(id);
    expect((await listRegistry(staff, { permit: "issued" }, null, "fa")).rows.map((r) => r.id)).not.toContain(id);
    const db = await getDb();
    expect((await permitsDueToExpire(db)).map((r) => r.id)).toContain(id);
    const job = { ...anonymousActor() };
    expect(await expirePermits(job)).toContain(id);
    expect(await expirePermits(job)).not.toContain(id);
    const stored = await db.selectFrom("micro_businesses").select("permit_status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored.permit_status).toBe("expired");
    const n = await db.selectFrom("notifications").select("message_key").where("user_id", "=", owner.user.id).where("message_key", "=", "micro.notify.expired").execute();
    expect(n.length).toBeGreaterThan(0);
    // Renewal: an expired permit may be issued again, never with a future issue date.
    const renew = { permitStatus: "issued" as const, permitNumber: "HB-5001", permitIssuedOn: "2024-09-24", permitExpiresOn: "2025-09-22" };
    expect((await fails(changePermit(owner, id, 2, renew))).fields).toEqual({ permitIssuedOn: "micro.error.issuedInFuture" });
    await changePermit(owner, id, 2, { ...renew, permitIssuedOn: "2024-09-22" });
    expect((await businessPage(owner, id, "fa")).permit.status).toBe("issued");
  });
});

describe("public summary", () => {
  it("counts by county and activity, without names", async () => {
    const s = await publicSummary(1403);
    expect(s.totals.businesses).toBeGreaterThan(0);
    expect(s.by_county.reduce((a, r) => a + r.businesses, 0)).toBe(s.totals.businesses);
    expect(s.by_activity.reduce((a, r) => a + r.businesses, 0)).toBe(s.totals.businesses);
    expect(JSON.stringify(s)).not.toContain("مریم");
  });

  it("sends the page only the figures its tables show, named in the reader's language", async () => {
    const s = await publicSummary(1403);
    const page = await publicSummaryPage(1403, "en");
    const tabriz = s.by_county.find((r) => r.code === "tabriz")!;
    expect(page.by_county.find((r) => r.code === "tabriz")).toEqual({
      code: "tabriz", name: tabriz.name_en, businesses: tabriz.businesses, women_owned: tabriz.women_owned, rural: tabriz.rural,
      permits_in_force: tabriz.permits_in_force, permits_issued_this_year: tabriz.permits_issued_this_year, jobs: tabriz.jobs,
    });
    expect(Object.keys(page.totals)).toEqual(["businesses", "women_owned", "rural", "permits_in_force", "permits_issued_this_year", "jobs"]);
    expect((await publicSummaryPage(1403, "fa")).by_activity.map((r) => r.name)).toEqual(s.by_activity.map((r) => r.name_fa));
  });
});
