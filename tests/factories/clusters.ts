// Business clusters for tests: a cluster of an agent's unit brought to a stage through the services
// (firms, diagnosis study with a document, a joint project), so tests and the route matrix start
// from real records.
import crypto from "node:crypto";
import { todayTehran } from "~/i18n/clock";
import { fileFromBytes } from "~/modules/files/service.server";
import { addFirm, createCluster, createProject, moveStage, saveDiagnosis } from "~/modules/clusters/service.server";
import { getDb } from "~/lib/db.server";
import type { Stage } from "~/modules/clusters/workflow";
import { actorFor } from "./index";
import { samplePdf } from "./files";

const version = async (id: number) => (await (await getDb()).selectFrom("clusters").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

/** A cluster created by `agentId` in their unit; with `stage` past identification it has 2 firms, a study and (from trust building) a project. */
export async function makeCluster(agentId: number, opts: { stage?: Stage; name?: string; firms?: number; project?: boolean } = {}) {
  const actor = await actorFor(agentId);
  const today = todayTehran();
  const id = await createCluster(actor, { name: opts.name ?? `خوشه ${crypto.randomBytes(2).toString("hex")}`, product: "کفش و چرم", sector: "C", counties: ["tabriz"] });
  const firms: number[] = [];
  const stage = opts.stage ?? "identification";
  const n = opts.firms ?? (stage === "identification" ? 0 : 2);
  for (let i = 0; i < n; i++) {
    firms.push(await addFirm(actor, id, { registrationNo: `CL${crypto.randomBytes(4).toString("hex")}`, name: `کارگاه ${i + 1}`, kind: "company", county: "tabriz", sector: "C", joinedOn: today }));
  }
  const order: Stage[] = ["diagnosis", "trust_building", "joint_action"];
  let projectId: number | null = null;
  for (const s of order) {
    if (order.indexOf(s) > order.indexOf(stage as never) || stage === "identification") break;
    if (s === "trust_building") {
      await saveDiagnosis(actor, id, { strengths: "مهارت", weaknesses: "بازار", needs: "آموزش", version: await version(id) }, fileFromBytes("study.pdf", samplePdf("study")));
    }
    if (s === "joint_action") {
      projectId = await createProject(actor, id, { kind: "marketing", title: "نمایشگاه مشترک", budget: 1_000_000, startsOn: today, firms });
    }
    await moveStage(actor, id, { to: s, on: today, note: "پیشرفت", version: await version(id) });
  }
  if (opts.project && !projectId) projectId = await createProject(actor, id, { kind: "marketing", title: "نمایشگاه مشترک", budget: 1_000_000, startsOn: today, firms });
  return { id, firms, projectId };
}
