import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, type UserActor } from "~/modules/accounts/actor.server";
import { allows, scopeUnits } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { findOrCreateEnterpriseFor, reportEmployment } from "~/modules/employment/service.server";
import { countFte } from "~/modules/employment/rules";
import { registerFileAccess, saveUpload, type IncomingFile } from "~/modules/files/service.server";
import { notify } from "~/modules/notifications/service.server";
import { activeEntries } from "~/modules/reference/service.server";
import { registerProgramme, registerSubject } from "~/modules/subjects/registry.server";
import { todayTehran } from "~/i18n/clock";
import { searchForm } from "~/i18n/normalise";
import { ENTITY, findCluster, loadCluster, type ClusterRow } from "./access.server";
import type { ClusterInput, DiagnosisInput, FirmInput, JobsInput, MoveInput, ProjectInput, ProjectMoveInput } from "./schema";
import { PROJECT_STAGES, REPORTABLE, checkMove, checkProjectMove, type Part, type Stage } from "./workflow";

// Use cases of business clusters (module 3, issue 12 item 6; decision 0039): create a cluster in a
// cluster unit, add and release member firms (ledger enterprises, found or created by registration
// number or national ID), move it through the stages, record its diagnosis study, run joint projects
// and report each taking-part firm's jobs to the employment ledger (source "clusters"). Every change:
// one transaction with a timeline row, an audit row and, for stage moves, the version check.

export const searchText = (c: { name: string; product: string }) => searchForm(`${c.name} ${c.product}`);

export async function addEvent(trx: Database, e: { clusterId: number; actorId: number; action: string; from?: string | null; to?: string | null; on?: string | null; note?: string | null }) {
  await trx.insertInto("cluster_events").values({ cluster_id: e.clusterId, actor_id: e.actorId, action: e.action, from_stage: e.from ?? null, to_stage: e.to ?? null, happened_on: e.on ?? null, note: e.note ?? null }).execute();
}

export async function bump(trx: Database, id: number, version: number, set: Record<string, unknown>) {
  const r = await trx.updateTable("clusters").set({ ...set, version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id).where("version", "=", version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The agents of a cluster unit (users holding cluster_agent there). */
export async function agentsOf(db: Database, unitId: number) {
  return db.selectFrom("role_assignments as ra").innerJoin("users as u", "u.id", "ra.user_id")
    .select(["u.id", "u.full_name"]).where("ra.role", "=", "cluster_agent").where("ra.org_unit_id", "=", unitId).orderBy("u.id").execute();
}

/** The cluster units the actor may create a cluster in. */
export async function unitChoices(actor: UserActor) {
  await requireGrant(actor, "create:cluster", { entity: ENTITY });
  const db = await getDb();
  const scope = scopeUnits(actor.user.roles, "create:cluster");
  let q = db.selectFrom("org_units").select(["id", "name_fa", "name_en"]).where("kind", "=", "cluster").where("active", "=", true).orderBy("id");
  if (scope !== "all") q = q.where("id", "in", scope.length ? scope : [-1]);
  return q.execute();
}

export async function referenceProblems(input: { sector: string; counties?: string[]; county?: string }) {
  const [sectors, counties] = await Promise.all([activeEntries("sectors"), activeEntries("counties")]);
  const errors: Record<string, string> = {};
  if (!sectors.some((s) => s.code === input.sector)) errors.sector = "error.invalidChoice";
  for (const c of input.counties ?? []) if (!counties.some((x) => x.code === c)) errors.counties = "error.invalidChoice";
  if (input.county && !counties.some((x) => x.code === input.county)) errors.county = "error.invalidChoice";
  return errors;
}

export async function createCluster(actor: UserActor, input: ClusterInput): Promise<number> {
  const units = await unitChoices(actor);
  const unit = input.unit != null ? units.find((u) => u.id === input.unit) : units.length === 1 ? units[0] : undefined;
  const errors = await referenceProblems({ sector: input.sector, counties: input.counties });
  if (!unit) errors.unit = input.unit != null ? "error.invalidChoice" : "error.required";
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  const counties = [...new Set(input.counties)];
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("clusters").values({
      org_unit_id: unit!.id, name: input.name, product: input.product, sector_code: input.sector, county_codes: counties,
      stage_since: todayTehran(), search_text: searchText(input), created_by: actor.user.id,
    }).returning("id").executeTakeFirstOrThrow();
    await addEvent(trx, { clusterId: row.id, actorId: actor.user.id, action: "created", to: "identification", on: todayTehran() });
    await writeAudit(trx, auditMeta(actor), { action: "cluster.create", entity: ENTITY, entityId: row.id, details: { unit: unit!.id, name: input.name } });
    return row.id;
  });
}

/** The facts the stage guards read. */
async function factsOf(db: Database, c: ClusterRow) {
  const p = await db.selectFrom("cluster_projects").select([
    sql<number>`count(*) FILTER (WHERE status <> 'cancelled')::int`.as("projects"),
    sql<number>`count(*) FILTER (WHERE status = 'completed')::int`.as("completed"),
  ]).where("cluster_id", "=", c.id).executeTakeFirstOrThrow();
  return {
    firms: c.firms_count,
    study: !!(c.diagnosis_strengths && c.diagnosis_weaknesses && c.diagnosis_needs && c.diagnosis_file_id),
    projects: p.projects, completedProjects: p.completed,
    stageSince: String(c.stage_since).slice(0, 10),
  };
}

const GUARD_FIELD: Record<string, [string, string]> = {
  note: ["note", "error.required"],
  date: ["on", "cluster.error.moveDate"],
  firms: ["to", "cluster.error.needFirms"],
  study: ["to", "cluster.error.needStudy"],
  project: ["to", "cluster.error.needProject"],
  completed_project: ["to", "cluster.error.needCompleted"],
};

export async function moveStage(actor: UserActor, id: number, input: MoveInput): Promise<Stage> {
  const db = await getDb();
  const { cluster, staff } = await loadCluster(db, actor, id, "manage:cluster");
  const parts: Part[] = [staff ? "staff" : "agent"];
  const f = await factsOf(db, cluster);
  const check = checkMove(cluster.stage, input.to, parts, { ...f, note: input.note, on: input.on, today: todayTehran() });
  if (!check.ok) {
    if (check.reason === "missing") {
      const [field, key] = GUARD_FIELD[check.guard!];
      throw badRequest("error.form", { [field]: key });
    }
    throw conflict("cluster.error.move");
  }
  await db.transaction().execute(async (trx) => {
    if (!(await bump(trx, id, input.version, { stage: input.to, stage_since: input.on }))) throw conflict("cluster.error.stale");
    await addEvent(trx, { clusterId: id, actorId: actor.user.id, action: "stage", from: cluster.stage, to: input.to, on: input.on, note: input.note });
    await writeAudit(trx, auditMeta(actor), { action: "cluster.stage", entity: ENTITY, entityId: id, details: { from: cluster.stage, to: input.to, on: input.on } });
    for (const a of await agentsOf(trx, cluster.org_unit_id)) {
      if (a.id !== actor.user.id) await notify(trx, a.id, "cluster.notify.stage", { name: cluster.name, stage: input.to }, `/clusters/${id}`);
    }
  });
  return input.to;
}

// The diagnosis study's document: readers and runners of the cluster read it; its runners attach it.
registerFileAccess(ENTITY, {
  exclusive: true,
  async canRead(db, actor, file) {
    const c = await findCluster(db, Number(file.entityId) || -1);
    return !!c && allows(actor.user, "read:cluster", { orgUnitIds: [c.org_unit_id] });
  },
  async canAttach(db, actor, entityId) {
    const c = await findCluster(db, Number(entityId) || -1);
    return !!c && allows(actor.user, "manage:cluster", { orgUnitIds: [c.org_unit_id] });
  },
});

/** Records the diagnosis study (summary and, optionally, a new document); from the diagnosis stage on. */
export async function saveDiagnosis(actor: UserActor, id: number, input: DiagnosisInput, file: IncomingFile | null) {
  const db = await getDb();
  const { cluster } = await loadCluster(db, actor, id, "manage:cluster");
  if (cluster.stage === "identification") throw conflict("cluster.error.diagnosisStage");
  if (cluster.version !== input.version) throw conflict("cluster.error.stale");
  const saved = file ? await saveUpload(actor, file, { entity: ENTITY, entityId: id }) : null;
  await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = {
      diagnosis_strengths: input.strengths ?? null, diagnosis_weaknesses: input.weaknesses ?? null, diagnosis_needs: input.needs ?? null, diagnosis_at: sql`now()`,
    };
    if (saved) set.diagnosis_file_id = saved.id;
    if (!(await bump(trx, id, input.version, set))) throw conflict("cluster.error.stale");
    await addEvent(trx, { clusterId: id, actorId: actor.user.id, action: "diagnosis", note: saved?.name ?? null });
    await writeAudit(trx, auditMeta(actor), { action: "cluster.diagnosis", entity: ENTITY, entityId: id, details: { fileId: saved?.id ?? null } });
  });
}

/** Adds a member firm: the ledger enterprise of its registration number or national ID, created when unknown. */
export async function addFirm(actor: UserActor, id: number, input: FirmInput): Promise<number> {
  const db = await getDb();
  const { cluster } = await loadCluster(db, actor, id, "manage:cluster");
  const errors = await referenceProblems({ sector: input.sector, county: input.county });
  if (input.joinedOn > todayTehran()) errors.joinedOn = "cluster.error.futureDate";
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  try {
    return await db.transaction().execute(async (trx) => {
      const enterpriseId = await findOrCreateEnterpriseFor(actor, {
        registrationNo: input.registrationNo ?? null, nationalId: input.nationalId ?? null, name: input.name, kind: input.kind, county: input.county, sector: input.sector, sizeClass: "micro",
      }, trx);
      const taken = await trx.selectFrom("cluster_firms").select("id").where("cluster_id", "=", id).where("enterprise_id", "=", enterpriseId).where("left_on", "is", null).executeTakeFirst();
      if (taken) throw badRequest("error.form", { [input.registrationNo ? "registrationNo" : "nationalId"]: "cluster.error.firmTaken" });
      const row = await trx.insertInto("cluster_firms").values({ cluster_id: id, enterprise_id: enterpriseId, joined_on: input.joinedOn, created_by: actor.user.id }).returning("id").executeTakeFirstOrThrow();
      await trx.updateTable("clusters").set({ firms_count: sql`firms_count + 1`, updated_at: sql`now()` }).where("id", "=", id).execute();
      const name = (await trx.selectFrom("enterprises").select("name").where("id", "=", enterpriseId).executeTakeFirstOrThrow()).name;
      await addEvent(trx, { clusterId: id, actorId: actor.user.id, action: "firm_joined", on: input.joinedOn, note: name });
      await writeAudit(trx, auditMeta(actor), { action: "cluster.firm_joined", entity: ENTITY, entityId: id, details: { enterpriseId, firmId: row.id, stage: cluster.stage } });
      return row.id;
    });
  } catch (e) {
    if ((e as { code?: string }).code === "23505" && String((e as { constraint?: string }).constraint ?? "").includes("cluster_firms_live")) {
      throw badRequest("error.form", { registrationNo: "cluster.error.firmTaken" });
    }
    throw e;
  }
}

/** A firm leaves the cluster: its row stays with the date (history is never deleted). */
export async function firmLeaves(actor: UserActor, id: number, input: { firmId: number; leftOn: string }) {
  const db = await getDb();
  await loadCluster(db, actor, id, "manage:cluster");
  await db.transaction().execute(async (trx) => {
    const f = await trx.selectFrom("cluster_firms as f").innerJoin("enterprises as e", "e.id", "f.enterprise_id").select(["f.id", "f.joined_on", "f.left_on", "e.name"])
      .where("f.id", "=", input.firmId).where("f.cluster_id", "=", id).forUpdate().executeTakeFirst();
    if (!f) throw notFound();
    if (f.left_on) throw conflict("cluster.error.firmLeft");
    const joined = String(f.joined_on).slice(0, 10);
    if (input.leftOn > todayTehran() || input.leftOn < joined) throw badRequest("error.form", { leftOn: "cluster.error.leaveDate" });
    await trx.updateTable("cluster_firms").set({ left_on: input.leftOn }).where("id", "=", f.id).execute();
    await trx.updateTable("clusters").set({ firms_count: sql`firms_count - 1`, updated_at: sql`now()` }).where("id", "=", id).execute();
    await addEvent(trx, { clusterId: id, actorId: actor.user.id, action: "firm_left", on: input.leftOn, note: f.name });
    await writeAudit(trx, auditMeta(actor), { action: "cluster.firm_left", entity: ENTITY, entityId: id, details: { firmId: f.id } });
  });
}

/** Joint projects start from trust building on, with at least two of the cluster's live firms taking part. */
export async function createProject(actor: UserActor, id: number, input: ProjectInput): Promise<number> {
  const db = await getDb();
  const { cluster } = await loadCluster(db, actor, id, "manage:cluster");
  if (!PROJECT_STAGES.includes(cluster.stage as Stage)) throw conflict("cluster.error.projectStage");
  const errors: Record<string, string> = {};
  if (input.endsOn && input.endsOn < input.startsOn) errors.endsOn = "cluster.error.endBeforeStart";
  const firms = [...new Set(input.firms)];
  const live = firms.length ? await db.selectFrom("cluster_firms").select("id").where("cluster_id", "=", id).where("left_on", "is", null).where("id", "in", firms).execute() : [];
  if (live.length !== firms.length) errors.firms = "error.invalidChoice";
  else if (firms.length < 2) errors.firms = "cluster.error.twoFirms";
  if (Object.keys(errors).length) throw badRequest("error.form", errors);
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("cluster_projects").values({
      cluster_id: id, kind: input.kind, title: input.title, budget: input.budget, starts_on: input.startsOn, ends_on: input.endsOn ?? null, created_by: actor.user.id,
    }).returning("id").executeTakeFirstOrThrow();
    await trx.insertInto("cluster_project_firms").values(firms.map((f) => ({ project_id: row.id, firm_id: f }))).execute();
    await addEvent(trx, { clusterId: id, actorId: actor.user.id, action: "project", on: input.startsOn, note: input.title });
    await writeAudit(trx, auditMeta(actor), { action: "cluster.project", entity: ENTITY, entityId: id, details: { projectId: row.id, firms } });
    return row.id;
  });
}

export async function findProject(db: Database, clusterId: number, projectId: number) {
  return db.selectFrom("cluster_projects").selectAll().where("id", "=", projectId).where("cluster_id", "=", clusterId).executeTakeFirst();
}

async function loadProject(db: Database, actor: UserActor, clusterId: number, projectId: number, permission: "read:cluster" | "manage:cluster") {
  const access = await loadCluster(db, actor, clusterId, permission);
  const project = await findProject(db, clusterId, projectId);
  if (!project) throw notFound();
  return { ...access, project };
}

/** Runs, completes (with results) or cancels (with a note) a joint project. */
export async function moveProject(actor: UserActor, clusterId: number, projectId: number, input: ProjectMoveInput) {
  const db = await getDb();
  const { project } = await loadProject(db, actor, clusterId, projectId, "manage:cluster");
  const check = checkProjectMove(project.status, input.to, { results: input.results, note: input.note });
  if (!check.ok) {
    if (check.reason === "missing") throw badRequest("error.form", { [check.guard!]: "error.required" });
    throw conflict("cluster.error.projectMove");
  }
  await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { status: input.to, version: sql`version + 1` };
    if (input.to === "completed") set.results = input.results;
    if (input.to === "completed" && !project.ends_on) set.ends_on = sql`GREATEST(starts_on, ${todayTehran()}::date)`;
    const r = await trx.updateTable("cluster_projects").set(set).where("id", "=", projectId).where("version", "=", input.version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict("cluster.error.stale");
    await addEvent(trx, { clusterId, actorId: actor.user.id, action: `project_${input.to}`, note: `${project.title}${input.note ? `: ${input.note}` : ""}` });
    await writeAudit(trx, auditMeta(actor), { action: "cluster.project_status", entity: ENTITY, entityId: clusterId, details: { projectId, from: project.status, to: input.to } });
  });
}

/**
 * Reports one taking-part firm's jobs from a joint project to the employment ledger (source
 * "clusters", never one lump on the cluster): once per firm and project (a second report is 409;
 * corrections go through the ledger). Staff verify it there.
 */
export async function reportJobs(actor: UserActor, clusterId: number, projectId: number, input: JobsInput): Promise<number> {
  const db = await getDb();
  const { project } = await loadProject(db, actor, clusterId, projectId, "manage:cluster");
  if (!REPORTABLE.includes(project.status as (typeof REPORTABLE)[number])) throw conflict("cluster.error.notReportable");
  if (input.fullTime + input.partTime === 0) throw badRequest("error.form", { fullTime: "cluster.error.noJobs" });
  if (input.asOf > todayTehran()) throw badRequest("error.form", { asOf: "cluster.error.futureDate" });
  return db.transaction().execute(async (trx) => {
    const pf = await trx.selectFrom("cluster_project_firms as pf").innerJoin("cluster_firms as f", "f.id", "pf.firm_id").innerJoin("enterprises as e", "e.id", "f.enterprise_id")
      .select(["pf.firm_id", "pf.report_id", "f.enterprise_id", "e.name"]).where("pf.project_id", "=", projectId).where("pf.firm_id", "=", input.firmId).forUpdate("pf").executeTakeFirst();
    if (!pf) throw badRequest("error.form", { firmId: "cluster.error.notTakingPart" });
    if (pf.report_id) throw conflict("cluster.error.alreadyReported");
    const created = { fullTime: input.fullTime, partTime: input.partTime, tempMonths: 0 };
    let r;
    try {
      r = await reportEmployment(actor, {
        source: { module: "clusters", id: clusterId }, programme: "clusters", enterprise: { id: pf.enterprise_id }, asOf: input.asOf,
        fteBaseline: 0, fteNow: countFte(created), created, externalRef: `clusters:${projectId}:${input.firmId}`,
      }, trx);
    } catch (e) {
      const fe = (e as { data?: { fieldErrors?: Record<string, string> } }).data?.fieldErrors;
      if (fe) throw badRequest("error.form", { ...(fe.asOf ? { asOf: fe.asOf } : {}), ...(fe.createdFullTime ? { fullTime: fe.createdFullTime } : {}) });
      throw e;
    }
    await trx.updateTable("cluster_project_firms").set({ jobs_full_time: input.fullTime, jobs_part_time: input.partTime, report_id: r.reportId, reported_on: input.asOf })
      .where("project_id", "=", projectId).where("firm_id", "=", input.firmId).execute();
    await trx.updateTable("clusters").set({ jobs: sql`jobs + ${input.fullTime + input.partTime}`, updated_at: sql`now()` }).where("id", "=", clusterId).execute();
    await addEvent(trx, { clusterId, actorId: actor.user.id, action: "jobs", on: input.asOf, note: `${project.title}: ${pf.name}` });
    await writeAudit(trx, auditMeta(actor), { action: "cluster.jobs", entity: ENTITY, entityId: clusterId, details: { projectId, firmId: input.firmId, reportId: r.reportId, enterpriseId: r.enterpriseId } });
    return r.reportId;
  });
}


/** Route actions check this before reading a form: 404/403 (and an audit row) before any field error. */
export async function requireManager(actor: UserActor, id: number) {
  await loadCluster(await getDb(), actor, id, "manage:cluster");
}

// ---------------------------------------------------------------- registrations

// Obstacles of the agencies' agenda hold a cluster up: whoever may read the cluster sees it; its
// unit's agents are told.
registerSubject("cluster", {
  async canSee(db, actor, id) {
    const c = await findCluster(db, id);
    return !!c && allows(actor.user, "read:cluster", { orgUnitIds: [c.org_unit_id] });
  },
  async describe(db, ids) {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom("clusters").select(["id", "name", "county_codes"]).where("id", "in", [...ids]).execute();
    return new Map(rows.map((r) => [r.id, { title: r.name, link: `/clusters/${r.id}`, countyCode: r.county_codes[0] ?? null }]));
  },
  async participants(db, id) {
    const c = await findCluster(db, id);
    return c ? (await agentsOf(db, c.org_unit_id)).map((a) => a.id) : [];
  },
});

// A sector advantage of the agenda can be offered through a cluster; its jobs are the ledger's reports
// of the cluster's joint projects (source_module "clusters", source_id the cluster id).
registerProgramme("cluster", {
  async options(db, _actor, _locale) {
    const rows = await db.selectFrom("clusters").select(["id", "name", "product"]).orderBy("id", "desc").limit(500).execute();
    return rows.map((r) => ({ value: String(r.id), label: `${r.name} — ${r.product}` }));
  },
  async describe(db, ids) {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom("clusters").select(["id", "name", "county_codes"]).where("id", "in", [...ids]).execute();
    return new Map(rows.map((r) => [r.id, { title: r.name, link: `/clusters/${r.id}`, countyCode: r.county_codes[0] ?? null }]));
  },
  async ledgerSources(_db, id) {
    return [{ module: "clusters", ids: [String(id)] }];
  },
});
