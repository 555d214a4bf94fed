// Business clusters (issue 12 item 6, decision 0039): agents run their unit's clusters (others get
// 404, people without a cluster role 403), member firms are ledger enterprises found or created by
// registration number or national ID, stage moves are guarded and dated, the diagnosis study, joint
// projects, jobs reported per firm (source "clusters") once, lists, directory, home and masking.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { todayTehran, addDays } from "~/i18n/clock";
import type { UserActor } from "~/modules/accounts/actor.server";
import { addFirm, createCluster, createProject, firmLeaves, moveProject, moveStage, reportJobs, saveDiagnosis } from "~/modules/clusters/service.server";
import { clusterPage, projectPage } from "~/modules/clusters/page.server";
import { clusterDirectory, clusterHome, clusterList } from "~/modules/clusters/lists.server";
import { fileFromBytes } from "~/modules/files/service.server";
import { actorFor, createUser, fails, nationalIdFor } from "../factories";
import { samplePdf } from "../factories/files";
import { makeCluster } from "../factories/clusters";

let agent: UserActor, otherAgent: UserActor, staff: UserActor, entrepreneur: UserActor;
const today = () => todayTehran();
const version = async (id: number) => (await (await getDb()).selectFrom("clusters").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
const reg = () => `T${Math.floor(Math.random() * 1e9)}`;

beforeAll(async () => {
  agent = await actorFor((await createUser({ role: "cluster_agent", fullName: "عامل خوشه" })).id);
  otherAgent = await actorFor((await createUser({ role: "cluster_agent" })).id);
  staff = await actorFor((await createUser({ role: "staff" })).id);
  entrepreneur = await actorFor((await createUser({ role: "entrepreneur" })).id);
});

describe("clusters: who sees and runs what", () => {
  it("an agent creates in their unit; staff see it; another unit's agent gets 404, an entrepreneur 403", async () => {
    const id = await createCluster(agent, { name: "خوشه کفش تبریز", product: "کفش و چرم", sector: "C", counties: ["tabriz", "tabriz"] });
    const page = await clusterPage(agent, id);
    expect(page.cluster.counties.map((c) => c.code)).toEqual(["tabriz"]);
    expect(page.agents.map((a) => a.full_name)).toContain("عامل خوشه");
    expect(page.canManage).toBe(true);
    expect((await clusterPage(staff, id)).canManage).toBe(true);
    expect((await fails(clusterPage(otherAgent, id))).status).toBe(404);
    expect((await fails(clusterPage(entrepreneur, id))).status).toBe(403);
    expect((await fails(addFirm(otherAgent, id, { registrationNo: reg(), name: "x", kind: "company", county: "tabriz", sector: "C", joinedOn: today() }))).status).toBe(404);
    const audit = await (await getDb()).selectFrom("audit_log").select("action").where("entity", "=", "cluster").where("entity_id", "=", String(id)).where("action", "=", "authz.denied").execute();
    expect(audit.length).toBeGreaterThan(0);
    // lists: the agent sees their unit's clusters only, staff all
    const mine = await clusterList(agent, {}, null, "fa");
    expect(mine.rows.map((r) => r.id)).toContain(id);
    expect((await clusterList(otherAgent, {}, null, "fa")).rows.map((r) => r.id)).not.toContain(id);
    expect((await clusterList(staff, { q: "كفش" }, null, "fa")).rows.map((r) => r.id)).toContain(id); // Arabic kaf finds Persian
    expect((await clusterList(staff, { county: "tabriz", stage: "identification" }, null, "fa")).rows.map((r) => r.id)).toContain(id);
    expect((await clusterList(staff, { stage: "diagnosis" }, null, "fa")).rows.map((r) => r.id)).not.toContain(id);
    expect((await fails(clusterList(entrepreneur, {}, null, "fa"))).status).toBe(403);
  });

  it("refuses bad input with field messages and writes nothing", async () => {
    expect((await fails(createCluster(agent, { name: "x", product: "y", sector: "ZZ", counties: ["nowhere"] }))).fields).toMatchObject({ sector: "error.invalidChoice", counties: "error.invalidChoice" });
    // staff hold no cluster unit of their own: they must choose one
    expect((await fails(createCluster(staff, { name: "x", product: "y", sector: "C", counties: ["tabriz"] }))).fields).toMatchObject({ unit: "error.required" });
    expect((await fails(createCluster(agent, { name: "x", product: "y", sector: "C", counties: ["tabriz"], unit: 999999 }))).fields).toMatchObject({ unit: "error.invalidChoice" });
  });
});

describe("clusters: firms and stages", () => {
  it("finds a firm in the ledger by registration number, never twice live, and keeps those who left", async () => {
    const db = await getDb();
    const { id } = await makeCluster(agent.user.id);
    const r = reg();
    await addFirm(agent, id, { registrationNo: r, name: "کفش آذر", kind: "company", county: "tabriz", sector: "C", joinedOn: today() });
    const f2 = await fails(addFirm(agent, id, { registrationNo: r, name: "نام دیگر", kind: "company", county: "tabriz", sector: "C", joinedOn: today() }));
    expect(f2).toMatchObject({ status: 400, fields: { registrationNo: "cluster.error.firmTaken" } });
    const other = await makeCluster(otherAgent.user.id);
    await addFirm(otherAgent, other.id, { registrationNo: r, name: "کفش آذر", kind: "company", county: "tabriz", sector: "C", joinedOn: today() });
    expect((await db.selectFrom("enterprises").select("id").where("registration_no", "=", r).execute()).length).toBe(1);
    // a self-employed firm by national ID; a bad future date is a field error
    expect((await fails(addFirm(agent, id, { nationalId: nationalIdFor(77001), name: "خانم الف", kind: "self_employed", county: "tabriz", sector: "C", joinedOn: addDays(today(), 2) }))).fields).toMatchObject({ joinedOn: "cluster.error.futureDate" });
    const self = await addFirm(agent, id, { nationalId: nationalIdFor(77001), name: "خانم الف", kind: "self_employed", county: "tabriz", sector: "C", joinedOn: today() });
    // masking: the agent sees the last 4 digits, staff the whole ID
    const seen = (await clusterPage(agent, id)).firms.find((f) => f.id === self)!;
    expect(seen.identity).not.toBe(nationalIdFor(77001));
    expect(seen.identity.endsWith(nationalIdFor(77001).slice(-4))).toBe(true);
    expect((await clusterPage(staff, id)).firms.find((f) => f.id === self)!.identity).toBe(nationalIdFor(77001));
    // leaving keeps the row
    expect((await fails(firmLeaves(agent, id, { firmId: self, leftOn: addDays(today(), -400) }))).fields).toMatchObject({ leftOn: "cluster.error.leaveDate" });
    await firmLeaves(agent, id, { firmId: self, leftOn: today() });
    expect((await fails(firmLeaves(agent, id, { firmId: self, leftOn: today() }))).status).toBe(409);
    const page = await clusterPage(agent, id);
    expect(page.cluster.firms_count).toBe(1);
    expect(page.firms.find((f) => f.id === self)!.left_on).toBe(today());
    // joins again as a new row
    await addFirm(agent, id, { nationalId: nationalIdFor(77001), name: "خانم الف", kind: "self_employed", county: "tabriz", sector: "C", joinedOn: today() });
    expect((await clusterPage(agent, id)).firms.length).toBe(3);
  });

  it("guards every move and records who, when, from, to and the note", async () => {
    const { id } = await makeCluster(agent.user.id, { firms: 1 });
    const v = await version(id);
    expect((await fails(moveStage(agent, id, { to: "diagnosis", on: today(), note: "x", version: v }))).fields).toMatchObject({ to: "cluster.error.needFirms" });
    await addFirm(agent, id, { registrationNo: reg(), name: "دوم", kind: "company", county: "tabriz", sector: "C", joinedOn: today() });
    expect((await fails(moveStage(agent, id, { to: "trust_building", on: today(), note: "x", version: v }))).status).toBe(409);
    expect((await fails(moveStage(agent, id, { to: "diagnosis", on: addDays(today(), 1), note: "x", version: v }))).fields).toMatchObject({ on: "cluster.error.moveDate" });
    // the study cannot be recorded before the diagnosis stage
    expect((await fails(saveDiagnosis(agent, id, { strengths: "a", version: v }, null))).status).toBe(409);
    await moveStage(agent, id, { to: "diagnosis", on: today(), note: "شروع مطالعه", version: v });
    expect((await fails(moveStage(agent, id, { to: "identification", on: today(), note: "x", version: v }))).status).toBe(409); // stale form
    const v2 = await version(id);
    expect((await fails(moveStage(agent, id, { to: "trust_building", on: today(), note: "x", version: v2 }))).fields).toMatchObject({ to: "cluster.error.needStudy" });
    await saveDiagnosis(agent, id, { strengths: "مهارت بالا", weaknesses: "بازار محدود", needs: "بازاریابی", version: v2 }, null);
    // still no document
    expect((await fails(moveStage(agent, id, { to: "trust_building", on: today(), note: "x", version: await version(id) }))).fields).toMatchObject({ to: "cluster.error.needStudy" });
    await saveDiagnosis(agent, id, { strengths: "مهارت بالا", weaknesses: "بازار محدود", needs: "بازاریابی", version: await version(id) }, fileFromBytes("study.pdf", samplePdf("s")));
    await moveStage(staff, id, { to: "trust_building", on: today(), note: "اعتماد", version: await version(id) });
    expect((await fails(moveStage(agent, id, { to: "joint_action", on: today(), note: "x", version: await version(id) }))).fields).toMatchObject({ to: "cluster.error.needProject" });
    const page = await clusterPage(agent, id);
    expect(page.cluster.stage).toBe("trust_building");
    expect(page.cluster.study.file?.name).toBe("study.pdf");
    const moves = page.events.filter((e) => e.action === "stage");
    expect(moves.map((e) => [e.from_stage, e.to_stage, e.note])).toEqual([["identification", "diagnosis", "شروع مطالعه"], ["diagnosis", "trust_building", "اعتماد"]]);
    expect(moves.every((e) => e.happened_on === today() && e.actor)).toBe(true);
    // the agent was told of the staff member's move
    const n = await (await getDb()).selectFrom("notifications").select("message_key").where("user_id", "=", agent.user.id).where("message_key", "=", "cluster.notify.stage").execute();
    expect(n.length).toBeGreaterThan(0);
  });
});

describe("clusters: joint projects and jobs per firm", () => {
  it("reports each taking-part firm's jobs to the ledger once, with source clusters", async () => {
    const db = await getDb();
    const early = await makeCluster(agent.user.id, { stage: "diagnosis" });
    expect((await fails(createProject(agent, early.id, { kind: "marketing", title: "x", budget: 0, startsOn: today(), firms: early.firms }))).status).toBe(409);

    const { id, firms } = await makeCluster(agent.user.id, { stage: "trust_building", firms: 3 });
    expect((await fails(createProject(agent, id, { kind: "export", title: "صادرات", budget: 5, startsOn: today(), firms: [firms[0]] }))).fields).toMatchObject({ firms: "cluster.error.twoFirms" });
    expect((await fails(createProject(agent, id, { kind: "export", title: "صادرات", budget: 5, startsOn: today(), firms: [firms[0], early.firms[0]] }))).fields).toMatchObject({ firms: "error.invalidChoice" });
    expect((await fails(createProject(agent, id, { kind: "export", title: "صادرات", budget: 5, startsOn: today(), endsOn: addDays(today(), -1), firms: firms.slice(0, 2) }))).fields).toMatchObject({ endsOn: "cluster.error.endBeforeStart" });
    const pid = await createProject(agent, id, { kind: "purchasing", title: "خرید مشترک چرم", budget: 2_000_000_000, startsOn: today(), endsOn: addDays(today(), 30), firms: firms.slice(0, 2) });
    expect((await fails(reportJobs(agent, id, pid, { firmId: firms[0], fullTime: 2, partTime: 0, asOf: today() }))).status).toBe(409); // planned
    const p0 = await projectPage(agent, id, pid);
    await moveProject(agent, id, pid, { to: "running", version: p0.project.version });
    expect((await fails(reportJobs(agent, id, pid, { firmId: firms[2], fullTime: 2, partTime: 0, asOf: today() }))).fields).toMatchObject({ firmId: "cluster.error.notTakingPart" });
    expect((await fails(reportJobs(agent, id, pid, { firmId: firms[0], fullTime: 0, partTime: 0, asOf: today() }))).fields).toMatchObject({ fullTime: "cluster.error.noJobs" });
    expect((await fails(reportJobs(otherAgent, id, pid, { firmId: firms[0], fullTime: 1, partTime: 0, asOf: today() }))).status).toBe(404);
    const r1 = await reportJobs(agent, id, pid, { firmId: firms[0], fullTime: 3, partTime: 2, asOf: today() });
    const r2 = await reportJobs(agent, id, pid, { firmId: firms[1], fullTime: 1, partTime: 0, asOf: today() });
    expect((await fails(reportJobs(agent, id, pid, { firmId: firms[0], fullTime: 1, partTime: 0, asOf: today() }))).status).toBe(409);
    const reports = await db.selectFrom("employment_reports").select(["id", "enterprise_id", "source_module", "source_id", "programme", "status"]).where("id", "in", [r1, r2]).orderBy("id").execute();
    expect(reports.map((r) => [r.source_module, r.source_id, r.programme, r.status])).toEqual([["clusters", String(id), "clusters", "reported"], ["clusters", String(id), "clusters", "reported"]]);
    const enterprises = await db.selectFrom("cluster_firms").select(["id", "enterprise_id"]).where("id", "in", firms.slice(0, 2)).orderBy("id").execute();
    expect(reports.map((r) => r.enterprise_id)).toEqual(enterprises.map((e) => e.enterprise_id)); // one report per firm, never a lump on the cluster
    expect((await clusterPage(agent, id)).cluster.jobs).toBe(6);
    // completing needs results; then joint action and self-management open up
    const p1 = await projectPage(agent, id, pid);
    expect((await fails(moveProject(agent, id, pid, { to: "completed", version: p1.project.version }))).fields).toMatchObject({ results: "error.required" });
    await moveProject(agent, id, pid, { to: "completed", results: "۱۵٪ ارزان‌تر", version: p1.project.version });
    await moveStage(agent, id, { to: "joint_action", on: today(), note: "اقدام", version: await version(id) });
    await moveStage(agent, id, { to: "self_management", on: today(), note: "خودگردان", version: await version(id) });
    const p2 = await projectPage(staff, id, pid);
    expect(p2.firms.filter((f) => f.report_id).length).toBe(2);
    expect(p2.ledger).toBe(true);
    expect((await projectPage(agent, id, pid)).ledger).toBe(false);
  });
});

describe("clusters: directory and home", () => {
  it("lists clusters publicly without people's data, and shows the agent their clusters and next dates", async () => {
    const { id } = await makeCluster(agent.user.id, { stage: "trust_building", name: "خوشه فرش دستباف مرند" });
    await createProject(agent, id, { kind: "training", title: "دوره رنگرزی", budget: 0, startsOn: addDays(today(), 10), firms: (await clusterPage(agent, id)).firms.map((f) => f.id) });
    const dir = await clusterDirectory({ q: "فرش" }, null, "fa");
    const row = dir.rows.find((r) => r.id === id)!;
    expect(row).toBeTruthy();
    expect(Object.keys(row).sort()).toEqual(["county_codes", "firms_count", "id", "jobs", "name", "product", "sector_code", "stage"]);
    const home = await clusterHome(agent);
    expect(home!.clusters.find((c) => c.id === id)?.next_date).toBe(addDays(today(), 10));
    expect(home!.next.some((p) => p.title === "دوره رنگرزی")).toBe(true);
    expect(await clusterHome(staff)).toBeNull();
    expect(await clusterHome(entrepreneur)).toBeNull();
  });
});
