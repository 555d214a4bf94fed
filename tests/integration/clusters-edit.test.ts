// Editing after creation (issue 12): a cluster's name, product and counties, and the firms taking part
// in a joint project — with the version check (stale → 409, nothing written), the rules (counties from
// the reference list, two firms, live firms only, reported firms stay), timeline and audit.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { todayTehran } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { editCluster, setProjectFirms } from "~/modules/clusters/edit.server";
import { clusterPage, projectPage } from "~/modules/clusters/page.server";
import { clusterList } from "~/modules/clusters/lists.server";
import { addFirm, firmLeaves, moveProject, reportJobs } from "~/modules/clusters/service.server";
import { actorFor, createUser, fails } from "../factories";
import { makeCluster } from "../factories/clusters";

let agent: UserActor, otherAgent: UserActor;
const db = () => getDb();
const clusterVersion = async (id: number) => (await (await db()).selectFrom("clusters").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
const projectVersion = async (id: number) => (await (await db()).selectFrom("cluster_projects").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
const participants = async (pid: number) => (await (await db()).selectFrom("cluster_project_firms").select("firm_id").where("project_id", "=", pid).orderBy("firm_id").execute()).map((r) => r.firm_id);

beforeAll(async () => {
  agent = await actorFor((await createUser({ role: "cluster_agent" })).id);
  otherAgent = await actorFor((await createUser({ role: "cluster_agent" })).id);
});

describe("editing a cluster", () => {
  it("renames it and changes its counties; the search and the page follow; audited with before and after", async () => {
    const { id } = await makeCluster(agent.user.id, { name: "خوشه قدیم" });
    await editCluster(agent, id, { name: "خوشه سفال مرند", product: "سفال", counties: ["tabriz", "marand", "tabriz"], version: await clusterVersion(id) });
    const page = await clusterPage(agent, id);
    expect(page.cluster).toMatchObject({ name: "خوشه سفال مرند", product: "سفال" });
    expect(page.cluster.counties.map((c) => c.code)).toEqual(["tabriz", "marand"]);
    expect(page.events.at(-1)).toMatchObject({ action: "edited" });
    expect((await clusterList(agent, { q: "سفال" }, null, "fa")).rows.map((r) => r.id)).toContain(id);
    const audit = await (await db()).selectFrom("audit_log").select("details").where("action", "=", "cluster.edit").where("entity_id", "=", String(id)).executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ from: { name: "خوشه قدیم" }, to: { name: "خوشه سفال مرند" } });
  });

  it("a stale form is 409 and changes nothing; an unknown county is a field error; another unit's agent 404", async () => {
    const { id } = await makeCluster(agent.user.id, { name: "خوشه ثابت" });
    const v = await clusterVersion(id);
    await editCluster(agent, id, { name: "خوشه ثابت ۲", product: "کفش", counties: ["tabriz"], version: v });
    expect((await fails(editCluster(agent, id, { name: "دیرآمده", product: "کفش", counties: ["tabriz"], version: v }))).status).toBe(409);
    expect((await fails(editCluster(agent, id, { name: "x", product: "y", counties: ["nowhere"], version: await clusterVersion(id) }))).fields).toEqual({ counties: "error.invalidChoice" });
    expect((await fails(editCluster(otherAgent, id, { name: "x", product: "y", counties: ["tabriz"], version: await clusterVersion(id) }))).status).toBe(404);
    expect((await clusterPage(agent, id)).cluster.name).toBe("خوشه ثابت ۲");
  });
});

describe("editing a joint project's firms", () => {
  it("adds and removes taking-part firms; refuses fewer than two, a firm of another cluster, a stale form", async () => {
    const { id, firms, projectId } = await makeCluster(agent.user.id, { stage: "joint_action" });
    const pid = projectId!;
    const third = await addFirm(agent, id, { registrationNo: `CE${crypto.randomBytes(4).toString("hex")}`, name: "کارگاه سوم", kind: "company", county: "tabriz", sector: "C", joinedOn: todayTehran() });
    const v = await projectVersion(pid);
    await setProjectFirms(agent, id, pid, { firms: [firms[1], third], version: v });
    expect(await participants(pid)).toEqual([firms[1], third].sort((a, b) => a - b));
    expect((await fails(setProjectFirms(agent, id, pid, { firms: [firms[0], firms[1], third], version: v }))).status).toBe(409);
    expect(await participants(pid)).toEqual([firms[1], third].sort((a, b) => a - b));
    expect((await fails(setProjectFirms(agent, id, pid, { firms: [third], version: await projectVersion(pid) }))).fields).toEqual({ firms: "cluster.error.twoFirms" });
    const other = await makeCluster(agent.user.id, { stage: "diagnosis" });
    expect((await fails(setProjectFirms(agent, id, pid, { firms: [third, other.firms[0]], version: await projectVersion(pid) }))).fields).toEqual({ firms: "error.invalidChoice" });
    expect((await projectPage(agent, id, pid)).canEditFirms).toBe(true);
    const events = (await clusterPage(agent, id)).events.map((e) => e.action);
    expect(events).toContain("project_firms");
  });

  it("a firm whose jobs were reported stays; a firm that left cannot be added; closed projects are 409", async () => {
    const { id, firms, projectId } = await makeCluster(agent.user.id, { stage: "joint_action" });
    const pid = projectId!;
    const third = await addFirm(agent, id, { registrationNo: `CF${crypto.randomBytes(4).toString("hex")}`, name: "کارگاه سوم", kind: "company", county: "tabriz", sector: "C", joinedOn: todayTehran() });
    await moveProject(agent, id, pid, { to: "running", version: await projectVersion(pid) });
    await reportJobs(agent, id, pid, { firmId: firms[0], fullTime: 2, partTime: 0, asOf: todayTehran() });
    expect((await fails(setProjectFirms(agent, id, pid, { firms: [firms[1], third], version: await projectVersion(pid) }))).fields).toEqual({ firms: "cluster.error.reportedFirm" });
    await firmLeaves(agent, id, { firmId: third, leftOn: todayTehran() });
    expect((await fails(setProjectFirms(agent, id, pid, { firms: [firms[0], firms[1], third], version: await projectVersion(pid) }))).fields).toEqual({ firms: "error.invalidChoice" });
    await moveProject(agent, id, pid, { to: "completed", results: "فروش مشترک", version: await projectVersion(pid) });
    expect((await fails(setProjectFirms(agent, id, pid, { firms: [firms[0], firms[1]], version: await projectVersion(pid) }))).status).toBe(409);
    expect((await projectPage(agent, id, pid)).canEditFirms).toBe(false);
  });
});
