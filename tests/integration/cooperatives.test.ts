// Cooperatives (issue 12): the application with its member rows, sending to the members with the
// rules recorded, confirmations (identity by national ID, concurrency, removed members), declines,
// staff steps with history and audit, approval into the employment ledger, masking and permissions.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { applicationSchema, type ApplicationInput } from "~/modules/cooperatives/schema";
import { currentRules, saveApplication, saveRules } from "~/modules/cooperatives/service.server";
import { confirmMembership, declineMembership, invitationPage } from "~/modules/cooperatives/confirm.server";
import { applicationPage } from "~/modules/cooperatives/page.server";
import { transition } from "~/modules/cooperatives/review.server";
import { coopHome, directory, mine, queue } from "~/modules/cooperatives/lists.server";
import { subjectResolver } from "~/modules/subjects/registry.server";
import { handover } from "~/modules/subjects/handovers.server";
import { actorFor, createUser, fails, nationalIdFor } from "../factories";

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  return f;
}
let seq = 5000;
interface Person { actor: UserActor; nid: string; name: string }
async function person(i: number, withId = true): Promise<Person> {
  const u = await createUser({ role: "entrepreneur", fullName: `عضو ${i}` });
  const nid = nationalIdFor(seq++);
  if (withId) await (await getDb()).updateTable("users").set({ national_id: nid }).where("id", "=", u.id).execute();
  return { actor: await actorFor(u.id), nid, name: `عضو ${i}` };
}
const ROLES = ["board", "board", "board", "inspector", "founder", "founder", "founder"];
function input(people: { nid: string; name: string }[], over: Record<string, string | string[]> = {}): ApplicationInput {
  const p = parseForm(applicationSchema, form({
    name1: "تعاونی چرم‌دوزان تبریز", name2: "تعاونی کفش آذر", typeCode: "producer", activity: "تولید کفش چرمی", sector: "C", isicCode: "1520",
    county: "tabriz", address: "تبریز، شهرک صنعتی", capital: "140000000", jobsMembers: "5", jobsHires: "2",
    memberName: people.map((m) => m.name), memberNationalId: people.map((m) => m.nid), memberMobile: people.map(() => ""),
    memberShare: people.map(() => "20000000"), memberRole: people.map((_, i) => ROLES[i] ?? "founder"), ...over,
  }));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.data;
}
const tokens = async (coopId: number) =>
  new Map((await (await getDb()).selectFrom("cooperative_members").select(["national_id", "token", "status"]).where("cooperative_id", "=", coopId).execute()).map((m) => [m.national_id, m]));

let applicant: Person;
let members: Person[];
let staff: UserActor;
let stranger: UserActor;

beforeAll(async () => {
  setClock("2024-09-01T08:00:00Z");
  applicant = await person(0);
  members = [applicant, ...(await Promise.all([1, 2, 3, 4, 5, 6].map((i) => person(i))))];
  staff = await actorFor((await createUser({ role: "staff" })).id);
  stranger = (await person(99)).actor;
});

describe("the application", () => {
  it("refuses a send that breaks the rules, naming rows, and writes nothing", async () => {
    const db = await getDb();
    const before = await db.selectFrom("cooperatives").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const bad = input(members.slice(0, 6), { memberShare: ["20000000", "20000000", "20000000", "20000000", "20000000", "51000000"], capital: "151000000" });
    const f = await fails(saveApplication(applicant.actor, null, bad, { send: true }));
    expect(f.status).toBe(400);
    expect(f.fields).toMatchObject({ members: "coop.error.tooFewMembers", "members.5.share": "coop.error.shareAboveMax" });
    const after = await db.selectFrom("cooperatives").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("a bad national ID and a duplicate are row errors of the form", () => {
    const ids = members.map((m) => m.nid);
    ids[2] = "1234567890";
    ids[4] = ids[1];
    const p = parseForm(applicationSchema, form({ name1: "x", memberName: members.map((m) => m.name), memberNationalId: ids, memberShare: members.map(() => "1"), memberRole: members.map(() => "founder") }));
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors["members.2.nationalId"]).toBe("error.invalidNationalId");
  });

  it("saves a draft with fewer members, then sends it: rules recorded, members invited in-app", async () => {
    const id = await saveApplication(applicant.actor, null, input(members.slice(0, 3)));
    const db = await getDb();
    expect((await db.selectFrom("cooperatives").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("draft");
    const c = await db.selectFrom("cooperatives").select("version").where("id", "=", id).executeTakeFirstOrThrow();
    await saveApplication(applicant.actor, id, { ...input(members), version: c.version }, { send: true });
    const row = await db.selectFrom("cooperatives").select(["status", "rules"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("members_confirming");
    expect((row.rules as { minMembers: number }).minMembers).toBe(7);
    const t = await tokens(id);
    expect([...t.values()].every((m) => m.status === "invited" && m.token)).toBe(true);
    const note = await db.selectFrom("notifications").select("link").where("user_id", "=", members[3].actor.user.id).where("message_key", "=", "coop.notify.invited").executeTakeFirst();
    expect(note?.link).toBe(`/cooperatives/join/${t.get(members[3].nid)!.token}`);
  });
});

describe("confirmations", () => {
  let id: number;
  let newcomer: Person;
  beforeAll(async () => {
    id = await saveApplication(applicant.actor, null, input(members), { send: true });
  });

  it("requires the account to carry the member's national ID", async () => {
    const t = await tokens(id);
    const f = await fails(confirmMembership(stranger, t.get(members[1].nid)!.token!));
    expect(f.fields.nationalId).toBe("coop.error.notYourInvitation");
  });

  it("an account without a national ID takes the member's on confirming", async () => {
    newcomer = await person(50, false);
    const db = await getDb();
    const c = await db.selectFrom("cooperatives").select("version").where("id", "=", id).executeTakeFirstOrThrow();
    await transition(applicant.actor, id, { action: "recall", version: c.version });
    const c2 = await db.selectFrom("cooperatives").select("version").where("id", "=", id).executeTakeFirstOrThrow();
    const list = [...members.slice(0, 6), newcomer];
    await saveApplication(applicant.actor, id, { ...input(list), version: c2.version }, { send: true });
    const t = await tokens(id);
    expect((await fails(confirmMembership(newcomer.actor, t.get(newcomer.nid)!.token!, members[1].nid))).fields.nationalId).toBe("coop.error.notYourInvitation");
    await confirmMembership(newcomer.actor, t.get(newcomer.nid)!.token!, newcomer.nid);
    expect((await db.selectFrom("users").select("national_id").where("id", "=", newcomer.actor.user.id).executeTakeFirstOrThrow()).national_id).toBe(newcomer.nid);
    // The replaced member (members[6]) was removed: their invitation answers 409.
    const removed = await db.selectFrom("cooperative_members").select("token").where("cooperative_id", "=", id).where("national_id", "=", members[6].nid).executeTakeFirstOrThrow();
    expect((await fails(confirmMembership(members[6].actor, removed.token!))).status).toBe(409);
    expect((await fails(invitationPage(members[6].actor, removed.token!))).key).toBe("coop.error.memberRemoved");
  });

  it("a decline sends it back with the reason; confirmations of unchanged members stand", async () => {
    const t = await tokens(id);
    await confirmMembership(members[1].actor, t.get(members[1].nid)!.token!);
    await declineMembership(members[2].actor, t.get(members[2].nid)!.token!, "فرصت ندارم");
    const page = await applicationPage(applicant.actor, id);
    expect(page.coop.status).toBe("draft");
    expect(page.members.find((m) => m.full_name === members[2].name)?.decline_reason).toBe("فرصت ندارم");
    expect(page.members.find((m) => m.full_name === members[1].name)?.status).toBe("confirmed");
    expect(page.events.at(-1)).toMatchObject({ action: "member_declined", note: "فرصت ندارم" });
  });

  it("concurrent last confirmations both count and move the application exactly once", async () => {
    const db = await getDb();
    const c = await db.selectFrom("cooperatives").select("version").where("id", "=", id).executeTakeFirstOrThrow();
    const current = await db.selectFrom("cooperative_members").select(["national_id"]).where("cooperative_id", "=", id).where("status", "not in", ["removed", "left"]).orderBy("position").execute();
    const everyone = [...members, newcomer];
    const people = current.map((m) => everyone.find((p) => p.nid === m.national_id)!);
    await saveApplication(applicant.actor, id, { ...input(people), version: c.version }, { send: true });
    const t = await tokens(id);
    const pending = [...t.entries()].filter(([, m]) => m.status === "invited");
    const actors = pending.map(([nid]) => everyone.find((p) => p.nid === nid)?.actor);
    expect(actors.every(Boolean)).toBe(true);
    // All but two confirm one by one; the last two at the same moment.
    for (let i = 0; i < pending.length - 2; i++) await confirmMembership(actors[i]!, pending[i][1].token!);
    const last = pending.slice(-2);
    const results = await Promise.all(last.map(([, m], i) => confirmMembership(actors[pending.length - 2 + i]!, m.token!)));
    expect(results.filter((r) => r.submitted)).toHaveLength(1);
    const events = await db.selectFrom("cooperative_events").select("action").where("cooperative_id", "=", id).where("action", "=", "all_confirmed").execute();
    expect(events).toHaveLength(1);
    expect((await db.selectFrom("cooperatives").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("submitted");
  });

  it("masks national IDs for members, not for staff or the member themself", async () => {
    const asMember = await applicationPage(members[1].actor, id);
    const other = asMember.members.find((m) => m.full_name === members[3].name)!;
    expect(other.nationalId).toMatch(/^•+\d{4}$/);
    expect(asMember.members.find((m) => m.self)!.nationalId).toBe(members[1].nid);
    const asStaff = await applicationPage(staff, id);
    expect(asStaff.members.find((m) => m.full_name === members[3].name)!.nationalId).toBe(members[3].nid);
    expect((await fails(applicationPage(stranger, id))).status).toBe(403);
  });

  it("staff review: revision, stale form 409, approval into the ledger, unique registration numbers", async () => {
    const db = await getDb();
    const v = async () => (await db.selectFrom("cooperatives").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    expect((await fails(transition(applicant.actor, id, { action: "start_review", version: await v() }))).status).toBe(403);
    await transition(staff, id, { action: "start_review", version: await v() });
    expect((await fails(transition(staff, id, { action: "request_revision", version: await v() }))).fields.note).toBe("coop.error.noteRequired");
    await transition(staff, id, { action: "request_revision", note: "اساسنامه را پیوست کنید", version: await v() });
    // Resending with the same members goes straight to the directorate (every confirmation stands).
    const current = await db.selectFrom("cooperative_members").select(["national_id", "full_name"]).where("cooperative_id", "=", id).where("status", "=", "confirmed").orderBy("position").execute();
    await saveApplication(applicant.actor, id, { ...input(current.map((m) => ({ nid: m.national_id, name: m.full_name }))), version: await v() }, { send: true });
    expect((await db.selectFrom("cooperatives").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("submitted");
    await transition(staff, id, { action: "start_review", version: await v() });
    const stale = (await v()) - 1;
    expect((await fails(transition(staff, id, { action: "approve", registrationNo: "12345", registeredOn: "2024-08-30", version: stale }))).status).toBe(409);
    await transition(staff, id, { action: "approve", registrationNo: "12345", registeredOn: "2024-08-30", version: await v() });
    const c = await db.selectFrom("cooperatives").select(["status", "enterprise_id", "registration_no"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(c.status).toBe("approved");
    const ent = await db.selectFrom("enterprises").select(["registration_no", "kind"]).where("id", "=", c.enterprise_id!).executeTakeFirstOrThrow();
    expect(ent).toMatchObject({ registration_no: "12345", kind: "cooperative" });
    const report = await db.selectFrom("employment_reports").selectAll().where("source_module", "=", "cooperatives").where("source_id", "=", String(id)).executeTakeFirstOrThrow();
    expect(report.enterprise_id).toBe(c.enterprise_id);
    const history = await db.selectFrom("audit_log").select("action").where("entity", "=", "cooperative").where("entity_id", "=", String(id)).execute();
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(["cooperative.start_review", "cooperative.request_revision", "cooperative.approve", "cooperative.member_declined"]));
    // A second application cannot take the same registration number.
    const other = await saveApplication(applicant.actor, null, input(members, { name1: "تعاونی دوم" }), { send: true });
    await db.updateTable("cooperatives").set({ status: "under_review" }).where("id", "=", other).execute();
    const ov = (await db.selectFrom("cooperatives").select("version").where("id", "=", other).executeTakeFirstOrThrow()).version;
    expect((await fails(transition(staff, other, { action: "approve", registrationNo: "12345", registeredOn: "2024-08-30", version: ov }))).fields.registrationNo).toBe("coop.error.registrationTaken");
    await transition(staff, id, { action: "activate", version: await v() });
    const dir = await directory({}, null, "fa");
    const listed = dir.rows.find((r) => r.id === id)!;
    expect(listed).toMatchObject({ members_count: 7, jobs: 7 });
    expect(Object.keys(listed)).not.toContain("national_id");
  });
});

describe("rules, lists and registrations", () => {
  it("a rule change is audited and never touches an application already sent", async () => {
    const id = await saveApplication(applicant.actor, null, input(members, { name1: "تعاونی قواعد" }), { send: true });
    const r = await currentRules(await getDb());
    expect((await fails(saveRules(applicant.actor, { minMembers: 8, minCapital: r.minCapital, maxShareNum: 1, maxShareDen: 3, minBoard: 3, minInspectors: 1, allowedTypes: ["producer"] }))).status).toBe(403);
    await saveRules(staff, { minMembers: 8, minCapital: r.minCapital, maxShareNum: 1, maxShareDen: 3, minBoard: 3, minInspectors: 1, allowedTypes: ["producer", "services"], stamp: r.stamp });
    expect((await fails(saveRules(staff, { minMembers: 8, minCapital: r.minCapital, maxShareNum: 1, maxShareDen: 3, minBoard: 3, minInspectors: 1, allowedTypes: ["producer"], stamp: r.stamp }))).status).toBe(409);
    const t = await tokens(id);
    for (const m of members) await confirmMembership(m.actor, t.get(m.nid)!.token!);
    expect((await applicationPage(staff, id)).coop.status).toBe("submitted");
    const db = await getDb();
    expect(await db.selectFrom("audit_log").select("id").where("action", "=", "cooperative.rules").executeTakeFirst()).toBeTruthy();
    await saveRules(staff, { ...r, maxShareNum: 1, maxShareDen: 3, allowedTypes: r.allowedTypes as never, stamp: (await currentRules(db)).stamp });
  });

  it("queue filters, Persian search, my cooperatives, home widgets", async () => {
    const q = await queue(staff, { q: "چرم" }, null, "fa");
    expect(q.rows.length).toBeGreaterThan(0);
    expect(q.rows.every((r) => r.name1.includes("چرم"))).toBe(true);
    expect((await queue(staff, { status: "submitted" }, null, "fa")).rows.every((r) => r.status === "submitted")).toBe(true);
    expect((await fails(queue(applicant.actor, {}, null, "fa"))).status).toBe(403);
    const m = await mine(members[3].actor);
    expect(m.rows.length).toBeGreaterThan(0);
    expect(m.rows.every((r) => !r.asApplicant)).toBe(true);
    const h = await coopHome(staff);
    expect(h?.staff && h.waiting).toBeGreaterThan(0);
  });

  it("registers the subject and the idea hand-over", async () => {
    const db = await getDb();
    const c = await db.selectFrom("cooperatives").select("id").orderBy("id").executeTakeFirstOrThrow();
    const r = subjectResolver("cooperative")!;
    expect(await r.canSee(db, members[2].actor, c.id)).toBe(true);
    expect(await r.canSee(db, stranger, c.id)).toBe(false);
    const h = handover("cooperative.forIdea")!;
    expect((await h(db, applicant.actor, { ideaId: 999999 })).href).toBe("/cooperatives/new?idea=999999");
  });
});
