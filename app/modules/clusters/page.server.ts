import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { notFound } from "~/lib/http";
import type { UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { ledgerOfSource } from "~/modules/employment/service.server";
import { activeEntries, referenceOptions } from "~/modules/reference/service.server";
import { maskNationalId } from "~/modules/cooperatives/rules";
import { loadCluster } from "./access.server";
import { PARTICIPANTS_OPEN } from "./edit.server";
import { findProject } from "./service.server";
import { PROJECT_STAGES, movesFrom, projectMovesFrom, REPORTABLE, type Stage } from "./workflow";

// The cluster page (details, agents, member firms, stage and its history, the diagnosis study, joint
// projects) and the joint project page (taking-part firms and their reported jobs). A firm's national
// ID (a self-employed person's) is shown masked to everyone but staff.

export async function clusterPage(actor: UserActor, id: number) {
  const db = await getDb();
  const { cluster: c, canManage, staff } = await loadCluster(db, actor, id);
  const [{ unit, agents, firms, events, projects, file }, counties, sectors] = await Promise.all([pageDataOf(db, c), activeEntries("counties"), activeEntries("sectors")]);
  return {
    cluster: {
      id: c.id, name: c.name, product: c.product, stage: c.stage as Stage, stage_since: String(c.stage_since), version: c.version,
      counties: c.county_codes.map((code) => counties.find((x) => x.code === code) ?? { code, name_fa: code, name_en: code }),
      sector: sectors.find((s) => s.code === c.sector_code) ?? { code: c.sector_code, name_fa: c.sector_code, name_en: c.sector_code },
      firms_count: c.firms_count, jobs: c.jobs,
      study: { strengths: c.diagnosis_strengths, weaknesses: c.diagnosis_weaknesses, needs: c.diagnosis_needs, file: file ? { id: file.id, name: file.original_name } : null, at: c.diagnosis_at ? String(c.diagnosis_at) : null },
    },
    unit, agents,
    // Only what the firms table shows (the forms that choose a firm have their own pages, decision 0051).
    firms: firms.map((f) => ({
      id: f.id, name: f.name,
      identity: f.registration_no ?? (f.national_id ? (staff ? f.national_id : maskNationalId(f.national_id)) : ""),
      joined_on: String(f.joined_on), left_on: f.left_on ? String(f.left_on) : null,
    })),
    events: events.map((e) => ({ ...e, happened_on: e.happened_on ? String(e.happened_on) : null, created_at: String(e.created_at) })),
    projects: projects.map((p) => ({ ...p, budget: Number(p.budget), firms: Number(p.firms), jobs: Number(p.jobs), starts_on: String(p.starts_on), ends_on: p.ends_on ? String(p.ends_on) : null })),
    canManage,
    moves: canManage ? movesFrom(c.stage) : [],
    canStudy: canManage && c.stage !== "identification",
    canProject: canManage && PROJECT_STAGES.includes(c.stage as Stage),
    // The edit form's county choices, for those who may edit.
    counties: canManage ? counties.map((x) => ({ code: x.code, name_fa: x.name_fa, name_en: x.name_en })) : [],
  };
}

/** The cluster's member firms that have not left (id and name): what the leave and joint-project forms choose from. */
function liveFirms(db: Database, clusterId: number) {
  return db.selectFrom("cluster_firms as f").innerJoin("enterprises as e", "e.id", "f.enterprise_id").select(["f.id", "e.name"])
    .where("f.cluster_id", "=", clusterId).where("f.left_on", "is", null).orderBy("f.id").execute();
}

// The cluster page's forms that list the cluster's firms or every county and sector have their own pages
// (decision 0051), so the cluster page carries its firms once. Each is for those who run the cluster
// (404/403 and an audit row for others, as the form's action).

/** Adding a member firm: the county and sector choices, the cluster's own first county and sector preselected. */
export async function firmFormPage(actor: UserActor, id: number, locale: "fa" | "en") {
  const { cluster: c } = await loadCluster(await getDb(), actor, id, "manage:cluster");
  const [counties, sectors] = await Promise.all([referenceOptions("counties", locale), referenceOptions("sectors", locale)]);
  return { cluster: { id: c.id, name: c.name, county: c.county_codes[0] ?? null, sector: c.sector_code }, counties, sectors };
}

/** A firm leaving, and a new joint project: the cluster's live firms to choose from. */
export async function firmsFormPage(actor: UserActor, id: number) {
  const db = await getDb();
  const { cluster: c } = await loadCluster(db, actor, id, "manage:cluster");
  return { cluster: { id: c.id, name: c.name }, firms: await liveFirms(db, id), canProject: PROJECT_STAGES.includes(c.stage as Stage) };
}

interface PageData {
  unit: { name_fa: string; name_en: string };
  agents: { id: number; full_name: string }[];
  firms: { id: number; enterprise_id: number; joined_on: string; left_on: string | null; name: string; registration_no: string | null; national_id: string | null; county_code: string }[];
  events: { id: number; action: string; from_stage: string | null; to_stage: string | null; happened_on: string | null; note: string | null; created_at: string; actor: string | null }[];
  projects: { id: number; kind: string; title: string; status: string; budget: number; starts_on: string; ends_on: string | null; firms: number; jobs: number }[];
  file: { id: string; original_name: string } | null;
}

/**
 * Everything the cluster page shows besides the cluster row, in one statement (decision 0014): its
 * office, the office's agents, member firms (live and former), the timeline, joint projects with
 * their firms and reported jobs, and the study's document.
 */
async function pageDataOf(db: Database, c: { id: number; org_unit_id: number; diagnosis_file_id: string | null }): Promise<PageData> {
  const r = await sql<PageData>`
    SELECT
      (SELECT json_build_object('name_fa', o.name_fa, 'name_en', o.name_en) FROM org_units o WHERE o.id = ${c.org_unit_id}) AS unit,
      (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (
        SELECT u.id, u.full_name FROM role_assignments ra JOIN users u ON u.id = ra.user_id
        WHERE ra.role = 'cluster_agent' AND ra.org_unit_id = ${c.org_unit_id}) x) AS agents,
      (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (
        SELECT f.id, f.enterprise_id, f.joined_on, f.left_on, e.name, e.registration_no, e.national_id, e.county_code
        FROM cluster_firms f JOIN enterprises e ON e.id = f.enterprise_id WHERE f.cluster_id = ${c.id}) x) AS firms,
      (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (
        SELECT ev.id, ev.action, ev.from_stage, ev.to_stage, ev.happened_on, ev.note, ev.created_at, u.full_name AS actor
        FROM cluster_events ev LEFT JOIN users u ON u.id = ev.actor_id WHERE ev.cluster_id = ${c.id}) x) AS events,
      (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (
        SELECT p.id, p.kind, p.title, p.status, p.budget, p.starts_on, p.ends_on,
               (SELECT count(*) FROM cluster_project_firms pf WHERE pf.project_id = p.id) AS firms,
               (SELECT coalesce(sum(pf.jobs_full_time + pf.jobs_part_time), 0) FROM cluster_project_firms pf WHERE pf.project_id = p.id) AS jobs
        FROM cluster_projects p WHERE p.cluster_id = ${c.id}) x) AS projects,
      (SELECT json_build_object('id', f.id, 'original_name', f.original_name) FROM files f WHERE f.id = ${c.diagnosis_file_id}) AS file`.execute(db);
  return r.rows[0];
}

export async function projectPage(actor: UserActor, clusterId: number, projectId: number) {
  const db = await getDb();
  const { cluster: c, canManage } = await loadCluster(db, actor, clusterId);
  const p = await findProject(db, clusterId, projectId);
  if (!p) throw notFound();
  const firms = await db.selectFrom("cluster_project_firms as pf").innerJoin("cluster_firms as f", "f.id", "pf.firm_id").innerJoin("enterprises as e", "e.id", "f.enterprise_id")
    .select(["pf.firm_id", "pf.jobs_full_time", "pf.jobs_part_time", "pf.report_id", "pf.reported_on", "e.name", "e.id as enterprise_id"])
    .where("pf.project_id", "=", projectId).orderBy("pf.firm_id").execute();
  const canEditFirms = canManage && (PARTICIPANTS_OPEN as readonly string[]).includes(p.status);
  // The firms a project may have: the cluster's live firms, plus any taking part that left since.
  const live = canEditFirms ? await liveFirms(db, clusterId) : [];
  const firmChoices = [...live, ...firms.filter((f) => !live.some((l) => l.id === f.firm_id)).map((f) => ({ id: f.firm_id, name: f.name }))];
  return {
    canEditFirms, firmChoices,
    cluster: { id: c.id, name: c.name },
    project: { id: p.id, kind: p.kind, title: p.title, status: p.status, budget: Number(p.budget), starts_on: String(p.starts_on), ends_on: p.ends_on ? String(p.ends_on) : null, results: p.results, version: p.version },
    firms: firms.map((f) => ({ ...f, report_id: f.report_id != null ? Number(f.report_id) : null, reported_on: f.reported_on ? String(f.reported_on) : null })),
    canManage,
    moves: canManage ? projectMovesFrom(p.status) : [],
    canReport: canManage && (REPORTABLE as readonly string[]).includes(p.status),
    ledger: allows(actor.user, "read:employment"),
  };
}

/**
 * The cluster's ledger view: per member firm, the jobs its joint projects reported (as entered here)
 * next to the ledger's figures for those reports — how many staff verified and the counted jobs
 * (created, retained) under the ledger's counting rule, never re-summed here.
 */
export async function clusterLedger(actor: UserActor, id: number) {
  const db = await getDb();
  const { cluster: c } = await loadCluster(db, actor, id);
  const [firms, ledger] = await Promise.all([
    db.selectFrom("cluster_firms as f").innerJoin("enterprises as e", "e.id", "f.enterprise_id")
      .leftJoin("cluster_project_firms as pf", (j) => j.onRef("pf.firm_id", "=", "f.id").on("pf.report_id", "is not", null))
      .select((eb) => ["f.enterprise_id", "e.name", sql<boolean>`bool_and(f.left_on IS NOT NULL)`.as("left_on"), eb.fn.count<string>("pf.report_id").as("projects"),
        eb.fn.coalesce(eb.fn.sum<string>(eb("pf.jobs_full_time", "+", eb.ref("pf.jobs_part_time"))), eb.lit(0)).as("entered")])
      .where("f.cluster_id", "=", id).groupBy(["f.enterprise_id", "e.name"]).orderBy("e.name").execute(),
    ledgerOfSource(db, "clusters", String(id)),
  ]);
  const by = new Map(ledger.map((l) => [l.enterpriseId, l]));
  const rows = firms.map((f) => {
    const l = by.get(f.enterprise_id);
    return { enterpriseId: f.enterprise_id, name: f.name, left: !!f.left_on, projects: Number(f.projects), entered: Number(f.entered),
      verified: l?.verified ?? 0, waiting: l?.waiting ?? 0, created: l?.created ?? 0, retained: l?.retained ?? 0 };
  });
  const sum = (k: "entered" | "verified" | "waiting" | "created" | "retained") => rows.reduce((s, r) => s + r[k], 0);
  return {
    cluster: { id: c.id, name: c.name },
    rows,
    totals: { entered: sum("entered"), verified: sum("verified"), waiting: sum("waiting"), created: Math.round(sum("created") * 100) / 100, retained: Math.round(sum("retained") * 100) / 100 },
    ledger: allows(actor.user, "read:employment"),
  };
}
