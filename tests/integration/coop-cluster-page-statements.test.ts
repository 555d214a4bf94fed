// Decision 0014 on the cooperative and cluster pages (issue 12's benchmark): each page's loader runs
// at most three statements (the record with the asker's relation to it, everything else on the page,
// the obstacles panel) whoever asks, and still shows the same things: live and former members with
// IDs masked for everyone but staff and the member themself, the timeline, membership changes and
// yearly updates; the cluster's office, agents, firms, timeline and projects.
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { setClock } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { subjectObstacles } from "~/modules/agenda/service.server";
import { clusterPage } from "~/modules/clusters/page.server";
import { confirmMembership } from "~/modules/cooperatives/confirm.server";
import { changeMembership, fileYearlyUpdate } from "~/modules/cooperatives/membership.server";
import { applicationPage } from "~/modules/cooperatives/page.server";
import { transition } from "~/modules/cooperatives/review.server";
import { applicationSchema } from "~/modules/cooperatives/schema";
import { saveApplication } from "~/modules/cooperatives/service.server";
import { actorFor, createUser, fails, nationalIdFor } from "../factories";
import { makeCluster } from "../factories/clusters";

const ROLES = ["board", "board", "board", "inspector", "founder", "founder", "founder"];
let members: { actor: UserActor; nid: string }[];
let staff: UserActor;
let stranger: UserActor;
let id: number;
const version = async () => (await (await getDb()).selectFrom("cooperatives").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

/** Statements sent to PostgreSQL while `fn` runs (every client of the pool). */
async function statements<T>(fn: () => Promise<T>): Promise<{ n: number; result: T }> {
  const spy = vi.spyOn(pg.Client.prototype, "query");
  try {
    const result = await fn();
    return { n: spy.mock.calls.length, result };
  } finally {
    spy.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

beforeAll(async () => {
  setClock("2024-09-01T08:00:00Z");
  const db = await getDb();
  members = [];
  for (let i = 0; i < 7; i++) {
    const u = await createUser({ role: "entrepreneur", fullName: `عضو ${i}` });
    const nid = nationalIdFor(7400 + i);
    await db.updateTable("users").set({ national_id: nid }).where("id", "=", u.id).execute();
    members.push({ actor: await actorFor(u.id), nid });
  }
  staff = await actorFor((await createUser({ role: "staff" })).id);
  stranger = await actorFor((await createUser({ role: "entrepreneur" })).id);
  const f = new FormData();
  const values: Record<string, string | string[]> = {
    name1: "تعاونی شمارش", typeCode: "producer", activity: "کفش", sector: "C", county: "tabriz", address: "تبریز", capital: "140000000", jobsMembers: "5", jobsHires: "2",
    memberName: members.map((_, i) => `عضو ${i}`), memberNationalId: members.map((m) => m.nid), memberMobile: members.map(() => ""), memberShare: members.map(() => "20000000"), memberRole: ROLES,
  };
  for (const [k, v] of Object.entries(values)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  const p = parseForm(applicationSchema, f);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  id = await saveApplication(members[0].actor, null, p.data, { send: true });
  const tokens = await db.selectFrom("cooperative_members").select(["national_id", "token"]).where("cooperative_id", "=", id).execute();
  for (const m of members) await confirmMembership(m.actor, tokens.find((t) => t.national_id === m.nid)!.token!);
  await transition(staff, id, { action: "start_review", version: await version() });
  await transition(staff, id, { action: "approve", registrationNo: "STMT-1", registeredOn: "2024-08-20", version: await version() });
  const leaving = await db.selectFrom("cooperative_members").select("id").where("cooperative_id", "=", id).where("national_id", "=", members[6].nid).executeTakeFirstOrThrow();
  await changeMembership(staff, id, { kind: "join", fullName: "عضو تازه", nationalId: nationalIdFor(7490), share: 20_000_000, role: "founder", effectiveOn: "2024-08-25", version: await version() });
  await changeMembership(staff, id, { kind: "leave", memberId: leaving.id, effectiveOn: "2024-08-26", version: await version() });
  await fileYearlyUpdate(staff, id, { jobsMembers: 6, jobsHires: 2, version: await version() });
});

describe("the cooperative page", () => {
  it("runs at most three statements for staff, the applicant, a board member and a member, and shows the same things", async () => {
    await applicationPage(staff, id); // reference lists are cached per process (memo)
    for (const [who, actor] of [["staff", staff], ["applicant", members[0].actor], ["board", members[1].actor], ["member", members[5].actor]] as const) {
      const { n, result: page } = await statements(async () => ({ page: await applicationPage(actor, id), obstacles: await subjectObstacles(actor, "cooperative", id) }));
      expect(n, who).toBeLessThanOrEqual(3);
      expect(page.page.members.map((m) => m.full_name), who).toEqual(["عضو 0", "عضو 1", "عضو 2", "عضو 3", "عضو 4", "عضو 5", "عضو تازه"]);
      expect(page.page.former.map((m) => [m.full_name, m.status]), who).toEqual([["عضو 6", "left"]]);
      expect(page.page.after?.changes.map((c) => c.kind), who).toEqual(["leave", "join"]);
      expect(page.page.after?.yearly.map((y) => [y.jobs_members, y.jobs_hires]), who).toEqual([[6, 2]]);
      expect(page.page.events.map((e) => e.action), who).toEqual(expect.arrayContaining(["approve", "member_join", "member_leave"]));
      expect(page.page.events.every((e) => !Number.isNaN(new Date(e.created_at).getTime())), who).toBe(true);
    }
  });

  it("masks national IDs for all but staff and the member themself; forms for staff, the applicant and board members only", async () => {
    const staffPage = await applicationPage(staff, id);
    expect(staffPage.members[2].nationalId).toBe(members[2].nid);
    expect(staffPage.manage).toBe(true);
    const board = await applicationPage(members[1].actor, id);
    expect(board.members[1].nationalId).toBe(members[1].nid);
    expect(board.members[2].nationalId).not.toBe(members[2].nid);
    expect(board.members[2].nationalId.endsWith(members[2].nid.slice(-4))).toBe(true);
    expect(board.manage).toBe(true);
    expect((await applicationPage(members[5].actor, id)).manage).toBe(false);
    expect((await applicationPage(members[0].actor, id)).manage).toBe(true);
    expect((await fails(applicationPage(stranger, id))).status).toBe(403);
  });
});

describe("the cluster page", () => {
  it("runs at most three statements and shows the office, agents, firms, timeline and projects", async () => {
    const agent = await actorFor((await createUser({ role: "cluster_agent" })).id);
    const { id: cid, projectId } = await makeCluster(agent.user.id, { stage: "joint_action", firms: 3 });
    await clusterPage(agent, cid);
    const { n, result: page } = await statements(async () => ({ page: await clusterPage(agent, cid), obstacles: await subjectObstacles(agent, "cluster", cid) }));
    expect(n).toBeLessThanOrEqual(3);
    expect(page.page.agents.map((a) => a.id)).toContain(agent.user.id);
    expect(page.page.unit.name_fa).toBeTruthy();
    expect(page.page.firms.map((f) => f.name)).toEqual(["کارگاه 1", "کارگاه 2", "کارگاه 3"]);
    expect(page.page.projects).toEqual([expect.objectContaining({ id: projectId, firms: 3, jobs: 0, budget: 1_000_000 })]);
    expect(page.page.cluster.study.file?.name).toBe("study.pdf");
    expect(page.page.events.map((e) => e.to_stage)).toEqual(expect.arrayContaining(["diagnosis", "trust_building", "joint_action"]));
  });
});
