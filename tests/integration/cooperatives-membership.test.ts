// A registered cooperative's life (issue 12 item 5, decision 0038): membership changes (join, leave,
// share transfer) checked against the rules it was formed under, audited, with history that never
// deletes a member; who may record them; the board's yearly update reported to the employment ledger.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { applicationSchema } from "~/modules/cooperatives/schema";
import { saveApplication } from "~/modules/cooperatives/service.server";
import { confirmMembership } from "~/modules/cooperatives/confirm.server";
import { applicationPage } from "~/modules/cooperatives/page.server";
import { transition } from "~/modules/cooperatives/review.server";
import { changeMembership, fileYearlyUpdate } from "~/modules/cooperatives/membership.server";
import { actorFor, createUser, fails, nationalIdFor } from "../factories";

const ROLES = ["board", "board", "board", "inspector", "founder", "founder", "founder"];
interface Person { actor: UserActor; nid: string; name: string }
let seq = 7000;
async function person(i: number): Promise<Person> {
  const u = await createUser({ role: "entrepreneur", fullName: `عضو ${i}` });
  const nid = nationalIdFor(seq++);
  await (await getDb()).updateTable("users").set({ national_id: nid }).where("id", "=", u.id).execute();
  return { actor: await actorFor(u.id), nid, name: `عضو ${i}` };
}

let members: Person[];
let staff: UserActor;
let id: number;
const version = async () => (await (await getDb()).selectFrom("cooperatives").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
const memberId = async (nid: string) => (await (await getDb()).selectFrom("cooperative_members").select("id").where("cooperative_id", "=", id).where("national_id", "=", nid).orderBy("id", "desc").executeTakeFirstOrThrow()).id;
const day = "2024-09-01";

beforeAll(async () => {
  setClock("2024-09-01T08:00:00Z");
  members = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((i) => person(i)));
  staff = await actorFor((await createUser({ role: "staff" })).id);
  const f = new FormData();
  const values: Record<string, string | string[]> = {
    name1: "تعاونی قالی‌بافان", typeCode: "handicrafts", activity: "قالی", sector: "C", county: "tabriz", address: "تبریز", capital: "140000000", jobsMembers: "5", jobsHires: "2",
    memberName: members.map((m) => m.name), memberNationalId: members.map((m) => m.nid), memberMobile: members.map(() => ""), memberShare: members.map(() => "20000000"), memberRole: ROLES,
  };
  for (const [k, v] of Object.entries(values)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  const p = parseForm(applicationSchema, f);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  id = await saveApplication(members[0].actor, null, p.data, { send: true });
  const tokens = await (await getDb()).selectFrom("cooperative_members").select(["national_id", "token"]).where("cooperative_id", "=", id).execute();
  for (const m of members) await confirmMembership(m.actor, tokens.find((t) => t.national_id === m.nid)!.token!);
});

describe("membership changes", () => {
  it("are refused before the cooperative is registered", async () => {
    const f = await fails(changeMembership(staff, id, { kind: "leave", memberId: await memberId(members[6].nid), effectiveOn: day, version: await version() }));
    expect(f).toMatchObject({ status: 409, key: "coop.change.error.notRegistered" });
    await transition(staff, id, { action: "start_review", version: await version() });
    await transition(staff, id, { action: "approve", registrationNo: "T-2020", registeredOn: "2024-08-20", version: await version() });
  });

  it("a member joins: capital, history, timeline, audit; an account with the national ID is linked", async () => {
    const newcomer = await person(7);
    await changeMembership(members[0].actor, id, { kind: "join", fullName: newcomer.name, nationalId: newcomer.nid, share: 20_000_000, role: "founder", effectiveOn: day, note: "مجمع ۱۴۰۳", version: await version() });
    const db = await getDb();
    const c = await db.selectFrom("cooperatives").select(["capital", "members_count"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect({ capital: Number(c.capital), members: c.members_count }).toEqual({ capital: 160_000_000, members: 8 });
    const row = await db.selectFrom("cooperative_members").select(["status", "user_id", "joined_on"]).where("id", "=", await memberId(newcomer.nid)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "confirmed", user_id: newcomer.actor.user.id });
    const page = await applicationPage(newcomer.actor, id);
    expect(page.after?.changes[0]).toMatchObject({ kind: "join", amount: 20_000_000, capital_after: 160_000_000, member: newcomer.name });
    expect(page.events.at(-1)).toMatchObject({ action: "member_join" });
    expect(await db.selectFrom("audit_log").select("id").where("action", "=", "cooperative.member_join").where("entity_id", "=", String(id)).executeTakeFirst()).toBeTruthy();
    expect(page.manage).toBe(false); // a founder, not on the board
    expect((await applicationPage(members[1].actor, id)).manage).toBe(true); // a board member
  });

  it("refuses what breaks the formation rules, a stale page, a future date, writing nothing", async () => {
    const db = await getDb();
    const before = await db.selectFrom("cooperative_member_changes").select(db.fn.countAll().as("n")).where("cooperative_id", "=", id).executeTakeFirstOrThrow();
    const v = await version();
    expect((await fails(changeMembership(staff, id, { kind: "leave", memberId: await memberId(members[1].nid), effectiveOn: day, version: v }))).fields).toEqual({ memberId: "coop.change.error.tooFewBoard" });
    expect((await fails(changeMembership(staff, id, { kind: "transfer", fromMemberId: await memberId(members[5].nid), toMemberId: await memberId(members[6].nid), amount: 40_000_000, effectiveOn: day, version: v }))).fields).toEqual({ amount: "coop.change.error.aboveShare" });
    expect((await fails(changeMembership(staff, id, { kind: "join", fullName: "x", nationalId: members[2].nid, share: 1_000_000, role: "founder", effectiveOn: day, version: v }))).fields.nationalId).toBe("coop.change.error.alreadyMember");
    expect((await fails(changeMembership(staff, id, { kind: "leave", memberId: await memberId(members[6].nid), effectiveOn: "2024-09-02", version: v }))).fields).toEqual({ effectiveOn: "coop.error.futureDate" });
    expect((await fails(changeMembership(staff, id, { kind: "leave", memberId: await memberId(members[6].nid), effectiveOn: "2024-08-01", version: v }))).fields).toEqual({ effectiveOn: "coop.change.error.beforeRegistration" });
    expect((await fails(changeMembership(staff, id, { kind: "leave", memberId: await memberId(members[6].nid), effectiveOn: day, version: v - 1 }))).status).toBe(409);
    const after = await db.selectFrom("cooperative_member_changes").select(db.fn.countAll().as("n")).where("cooperative_id", "=", id).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await version()).toBe(v);
  });

  it("only staff, the applicant and board members record changes", async () => {
    const leave = async (who: UserActor) => fails(changeMembership(who, id, { kind: "leave", memberId: await memberId(members[6].nid), effectiveOn: day, version: await version() }));
    expect((await leave(members[5].actor)).status).toBe(403);
    const stranger = await person(99);
    expect((await leave(stranger.actor)).status).toBe(403);
  });

  it("a share transfer keeps the capital; a whole share transferred means the giver leaves, kept as history", async () => {
    const db = await getDb();
    await changeMembership(members[1].actor, id, { kind: "transfer", fromMemberId: await memberId(members[5].nid), toMemberId: await memberId(members[4].nid), amount: 5_000_000, effectiveOn: day, version: await version() });
    await changeMembership(staff, id, { kind: "transfer", fromMemberId: await memberId(members[6].nid), toMemberId: await memberId(members[5].nid), amount: 20_000_000, effectiveOn: day, version: await version() });
    const rows = await db.selectFrom("cooperative_members").select(["national_id", "share", "status", "left_on"]).where("cooperative_id", "=", id).execute();
    const by = (nid: string) => rows.find((r) => r.national_id === nid)!;
    expect(Number(by(members[4].nid).share)).toBe(25_000_000);
    expect(Number(by(members[5].nid).share)).toBe(35_000_000);
    expect(by(members[6].nid)).toMatchObject({ status: "left" });
    expect(String(by(members[6].nid).left_on)).toContain("2024");
    const c = await db.selectFrom("cooperatives").select(["capital", "members_count"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect({ capital: Number(c.capital), members: c.members_count }).toEqual({ capital: 160_000_000, members: 7 });
    const page = await applicationPage(staff, id);
    expect(page.former.map((m) => m.full_name)).toContain(members[6].name);
    expect(page.after?.changes.map((x) => x.kind)).toEqual(["transfer", "transfer", "join"]);
  });

  it("tells only those a change concerns: the member(s) changed, the board and the applicant, not every member (decision 0051)", async () => {
    const db = await getDb();
    const last = await db.selectFrom("notifications").select(db.fn.max("id").as("id")).executeTakeFirstOrThrow();
    await changeMembership(staff, id, { kind: "transfer", fromMemberId: await memberId(members[4].nid), toMemberId: await memberId(members[3].nid), amount: 1_000_000, effectiveOn: day, version: await version() });
    const told = await db.selectFrom("notifications").select("user_id").where("id", ">", Number(last.id ?? 0)).where("message_key", "=", "coop.notify.membership").execute();
    const who = (ps: Person[]) => ps.map((p) => p.actor.user.id).sort((a, b) => a - b);
    // members[4] gives, members[3] (the inspector) receives; members[0..2] are the board (members[0] also the applicant).
    // Founders 5 and the newcomer, whom the change does not touch, are not told.
    expect(told.map((n) => n.user_id).sort((a, b) => a - b)).toEqual(who([members[0], members[1], members[2], members[3], members[4]]));
  });
});

describe("the board's yearly update", () => {
  it("files this year's jobs to the ledger once, for staff to verify", async () => {
    const db = await getDb();
    expect((await fails(fileYearlyUpdate(members[5].actor, id, { jobsMembers: 6, jobsHires: 4, version: await version() }))).status).toBe(403);
    const r = await fileYearlyUpdate(members[1].actor, id, { jobsMembers: 6, jobsHires: 4, note: "دو نفر استخدام شدند", version: await version() });
    expect(r.year).toBe(1403);
    const report = await db.selectFrom("employment_reports").selectAll().where("id", "=", r.reportId!).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ source_module: "cooperatives", source_id: String(id), status: "reported", external_ref: `cooperatives:${id}:year:1403` });
    expect(Number(report.jobs_created)).toBe(3);
    expect(Number(report.jobs_retained)).toBe(7);
    const c = await db.selectFrom("cooperatives").select(["jobs_members", "jobs_hires", "enterprise_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ jobs_members: 6, jobs_hires: 4 });
    expect(report.enterprise_id).toBe(c.enterprise_id);
    expect((await fails(fileYearlyUpdate(staff, id, { jobsMembers: 7, jobsHires: 4, version: await version() }))).key).toBe("error.form");
    const page = await applicationPage(members[3].actor, id);
    expect(page.after?.yearly).toEqual([expect.objectContaining({ jalali_year: 1403, jobs_members: 6, jobs_hires: 4 })]);
    expect(await db.selectFrom("audit_log").select("id").where("action", "=", "cooperative.yearly_update").where("entity_id", "=", String(id)).executeTakeFirst()).toBeTruthy();
  });
});
