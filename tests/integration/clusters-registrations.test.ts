// Cooperatives and clusters in the agencies' agenda (issue 12): a cluster is an obstacle subject
// (seen by whoever may read the cluster, its agents told) and, like a registered cooperative, a
// programme a sector advantage is offered through (its jobs: the ledger's reports of its source);
// the cluster's ledger view per firm.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { UserActor } from "~/modules/accounts/actor.server";
import { todayTehran } from "~/i18n/clock";
import { clusterLedger } from "~/modules/clusters/page.server";
import { moveProject, reportJobs } from "~/modules/clusters/service.server";
import { decideReports } from "~/modules/employment/reports.server";
import "~/modules/cooperatives/service.server";
import { programmeResolver, subjectResolver } from "~/modules/subjects/registry.server";
import { actorFor, createUser, fails } from "../factories";
import { makeCluster } from "../factories/clusters";

let agent: UserActor, otherAgent: UserActor, staff: UserActor;
beforeAll(async () => {
  agent = await actorFor((await createUser({ role: "cluster_agent" })).id);
  otherAgent = await actorFor((await createUser({ role: "cluster_agent" })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
});

describe("registrations", () => {
  it("a cluster is an obstacle subject: its unit's agents and staff see it, another unit's agent does not", async () => {
    const db = await getDb();
    const { id } = await makeCluster(agent.user.id, { name: "خوشه مبل ارومیه" });
    const r = subjectResolver("cluster")!;
    expect(r).toBeDefined();
    expect(await r.canSee(db, agent, id)).toBe(true);
    expect(await r.canSee(db, staff, id)).toBe(true);
    expect(await r.canSee(db, otherAgent, id)).toBe(false);
    expect(await r.canSee(db, agent, 987654321)).toBe(false);
    expect((await r.describe(db, [id])).get(id)).toEqual({ title: "خوشه مبل ارومیه", link: `/clusters/${id}`, countyCode: "tabriz" });
    expect(await r.participants!(db, id)).toContain(agent.user.id);
  });

  it("clusters and cooperatives are programmes of the agenda with their ledger sources", async () => {
    const db = await getDb();
    const { id } = await makeCluster(agent.user.id, { name: "خوشه برنامه" });
    const p = programmeResolver("cluster")!;
    expect((await p.options(db, staff, "fa")).map((o) => o.value)).toContain(String(id));
    expect(await p.ledgerSources(db, id)).toEqual([{ module: "clusters", ids: [String(id)] }]);
    expect((await p.describe(db, [id])).get(id)?.link).toBe(`/clusters/${id}`);
    const c = programmeResolver("cooperative")!;
    expect(await c.ledgerSources(db, 5)).toEqual([{ module: "cooperatives", ids: ["5"] }]);
  });
});

describe("the cluster's ledger view", () => {
  it("per firm: jobs its projects reported, then the ledger's counted figures once staff verify", async () => {
    const { id, firms, projectId } = await makeCluster(agent.user.id, { stage: "joint_action" });
    const pid = projectId!;
    const db = await getDb();
    const v = async () => (await db.selectFrom("cluster_projects").select("version").where("id", "=", pid).executeTakeFirstOrThrow()).version;
    await moveProject(agent, id, pid, { to: "running", version: await v() });
    const r1 = await reportJobs(agent, id, pid, { firmId: firms[0], fullTime: 3, partTime: 2, asOf: todayTehran() });
    await reportJobs(agent, id, pid, { firmId: firms[1], fullTime: 1, partTime: 0, asOf: todayTehran() });
    let view = await clusterLedger(agent, id);
    expect(view.rows).toHaveLength(2);
    expect(view.totals).toMatchObject({ entered: 6, waiting: 2, verified: 0, created: 0 });
    await decideReports(staff, [r1], "verified");
    view = await clusterLedger(staff, id);
    const first = view.rows.find((r) => r.projects === 1 && r.entered === 5)!;
    expect(first).toMatchObject({ verified: 1, waiting: 0, created: 4 }); // 3 full-time + 2 part-time = 4 FTE
    expect(view.totals).toMatchObject({ verified: 1, waiting: 1, created: 4 });
    expect((await fails(clusterLedger(otherAgent, id))).status).toBe(404);
  });
});
