import { sql } from "kysely";
import { memo } from "~/lib/memo.server";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, requireVisible, type UserActor } from "~/modules/accounts/actor.server";
import { grantLevel } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import {
  discardUpload, openDownload, prepareUploads, recordUpload, registerFileAccess, type IncomingFile,
} from "~/modules/files/service.server";
import { currentJalaliYear } from "~/i18n/format";
import * as q from "./queries.server";
import { parseActivitiesCsv, activityKey, type RowError } from "./import";
import { EMPTY_COUNTS, planVsActual, rank, sumCounts, type ChairCounts, type RankMeasure } from "./measures";
import { type ActivityInput, type ChairInput, type PlanInput } from "./schema";
import { todayTehran } from "~/i18n/clock";

// Use cases of the chairs module (issue 6). A chair belongs to a university org unit; a chair
// manager acts on the chairs of the universities where they hold the role ("scope"), staff
// read and comment on all ("any"). Every check goes through requirePermission (403 + audit row).

type Chair = NonNullable<Awaited<ReturnType<typeof q.findChair>>>;

const subjectOf = (chair: { id: number; university_id: number }) => ({ orgUnitIds: [chair.university_id], entity: "chair", entityId: chair.id });

/** Universities where the actor holds chair_manager. */
export function managedUniversityIds(actor: UserActor): number[] {
  return actor.user.roles.filter((r) => r.role === "chair_manager" && r.orgUnitId != null).map((r) => r.orgUnitId!);
}

async function loadChair(db: Database, actor: UserActor, id: number, permission: "read:chair" | "manage:chair" | "comment:chair"): Promise<Chair> {
  const chair = Number.isSafeInteger(id) && id > 0 ? await q.findChair(db, id) : undefined;
  if (!chair) {
    // Unknown chair: the caller still needs the permission at some level, else 403 (no probing).
    await requireGrant(actor, permission);
    throw notFound();
  }
  // Holding the permission somewhere but not for this chair (another university's): the 404 of a
  // missing chair, so nobody learns it exists (issue 10 item 6); no grant at all: 403 as above.
  if (grantLevel(actor.user.roles, permission) == null) await requirePermission(actor, permission, subjectOf(chair));
  await requireVisible(actor, permission, subjectOf(chair));
  return chair;
}


/** Chairs the actor may see (staff: all; chair manager: their universities'). */
export async function listChairsFor(actor: UserActor) {
  const all = (await requireGrant(actor, "read:chair")) === "any";
  const db = await getDb();
  const unitIds = all ? null : managedUniversityIds(actor);
  const [chairs, unis] = await Promise.all([q.listChairs(db, { universityIds: unitIds }), q.universities(db, unitIds ?? undefined)]);
  return { chairs, universities: unis, canCreate: managedUniversityIds(actor).length > 0 };
}

/**
 * The chair manager's home widget: their universities' chairs with this year's activities and
 * participants against the plan. Null for users who manage no chairs (no permission check, no
 * audit row: the home page is everyone's).
 */
export async function chairsHome(actor: UserActor) {
  const unitIds = managedUniversityIds(actor);
  if (!unitIds.length) return null;
  const year = currentJalaliYear();
  return { year, chairs: await q.homeChairs(await getDb(), unitIds, year) };
}
export type ChairsHomeData = Awaited<ReturnType<typeof chairsHome>>;

/** Universities the actor may create chairs in. */
export async function creatableUniversities(actor: UserActor) {
  await requireGrant(actor, "manage:chair");
  return q.universities(await getDb(), managedUniversityIds(actor));
}

export async function createChair(actor: UserActor, input: ChairInput) {
  const mine = managedUniversityIds(actor);
  const universityId = input.universityId ?? (mine.length === 1 ? mine[0] : undefined);
  if (!universityId) {
    await requireGrant(actor, "manage:chair");
    throw badRequest("error.form", { universityId: "error.required" });
  }
  await requirePermission(actor, "manage:chair", { orgUnitIds: [universityId], entity: "chair" });
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom("org_units").select(["id"]).where("id", "=", universityId).where("kind", "=", "university").executeTakeFirst();
    if (!unit) throw badRequest("error.form", { universityId: "error.invalidChoice" });
    const row = await trx
      .insertInto("chairs")
      .values({
        university_id: universityId, title: input.title, field: input.field, holder_name: input.holderName, holder_rank: input.holderRank,
        holder_email: input.holderEmail ?? null, holder_phone: input.holderPhone ?? null, established_on: input.establishedOn ?? null,
        status: input.status, created_by: actor.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "chair.created", entity: "chair", entityId: row.id, details: { universityId, status: input.status } });
    return row.id;
  });
}

export async function updateChair(actor: UserActor, id: number, input: ChairInput & { version?: number }) {
  const db = await getDb();
  const chair = await loadChair(db, actor, id, "manage:chair");
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("chairs")
      .set({
        title: input.title, field: input.field, holder_name: input.holderName, holder_rank: input.holderRank,
        holder_email: input.holderEmail ?? null, holder_phone: input.holderPhone ?? null, established_on: input.establishedOn ?? null,
        status: input.status, version: sql`version + 1`, updated_at: sql`now()`,
      })
      .where("id", "=", id)
      .where("version", "=", input.version ?? chair.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict("error.chairs.stale");
    await writeAudit(trx, auditMeta(actor), { action: "chair.updated", entity: "chair", entityId: id, details: { from: chair.status, to: input.status } });
  });
}

export async function getChairForEdit(actor: UserActor, id: number) {
  return loadChair(await getDb(), actor, id, "manage:chair");
}

export async function savePlan(actor: UserActor, chairId: number, plan: PlanInput) {
  const db = await getDb();
  await loadChair(db, actor, chairId, "manage:chair");
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("chair_plans")
      .values({
        chair_id: chairId, jalali_year: plan.year, goal_activities: plan.goalActivities, goal_participants: plan.goalParticipants,
        goal_ideas: plan.goalIdeas, goal_startups: plan.goalStartups,
      })
      .onConflict((oc) =>
        oc.columns(["chair_id", "jalali_year"]).doUpdateSet({
          goal_activities: plan.goalActivities, goal_participants: plan.goalParticipants, goal_ideas: plan.goalIdeas,
          goal_startups: plan.goalStartups, version: sql`chair_plans.version + 1`, updated_at: sql`now()`,
        }),
      )
      .execute();
    await writeAudit(trx, auditMeta(actor), { action: "chair.plan_saved", entity: "chair", entityId: chairId, details: { ...plan } });
  });
}

export async function getPlan(actor: UserActor, chairId: number, year: number) {
  const db = await getDb();
  const chair = await loadChair(db, actor, chairId, "manage:chair");
  return { chair, plan: (await q.planFor(db, chairId, year)) ?? null };
}

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: string }).code === "23505";

/** At most this many evidence files per activity form. */
export const MAX_EVIDENCE_FILES = 5;

// Evidence files are linked to their activity ("chair_activity", activity id). Besides their
// uploader and staff (read:file:any), the chair managers of the chair's university may read them.
async function readsActivityFiles(db: Database, actor: UserActor, activityId: string) {
  // Staff read every chair (centre staff too: their read:file is only their centre's people's files).
  return grantLevel(actor.user.roles, "read:chair") === "any" || managesActivity(db, actor, activityId);
}
async function managesActivity(db: Database, actor: UserActor, activityId: string) {
  const mine = managedUniversityIds(actor);
  if (!mine.length || !/^\d{1,9}$/.test(activityId)) return false;
  const row = await db
    .selectFrom("chair_activities as a")
    .innerJoin("chairs", "chairs.id", "a.chair_id")
    .select("chairs.university_id")
    .where("a.id", "=", Number(activityId))
    .executeTakeFirst();
  return !!row && mine.includes(row.university_id);
}
registerFileAccess("chair_activity", {
  canRead: (db, actor, file) => readsActivityFiles(db, actor, file.entityId ?? ""),
  canAttach: (db, actor, entityId) => managesActivity(db, actor, entityId),
});

/**
 * Logs an activity with its evidence files. The files are checked (allow-list, size, magic
 * bytes) and stored before the transaction; a refused file is a field error on `evidence` and
 * nothing is written. The activity row, the file rows and the audit rows share one transaction;
 * if it fails the stored bytes are removed.
 */
export async function addActivity(actor: UserActor, chairId: number, input: ActivityInput, evidence: IncomingFile[] = []) {
  const db = await getDb();
  const chair = await loadChair(db, actor, chairId, "manage:chair");
  if (chair.status === "closed") throw conflict("error.chairs.closed");
  if (evidence.length > MAX_EVIDENCE_FILES) throw badRequest("error.form", { evidence: "error.tooManyFiles" });
  const prepared = await prepareUploads(actor, evidence, "evidence", (key) => (key === "error.fileMismatch" ? "error.chairs.evidenceMismatch" : key));
  const discardAll = () => Promise.all(prepared.map((p) => discardUpload(p)));
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("chair_activities")
        .values({
          chair_id: chairId, kind: input.kind, title: input.title, held_on: input.heldOn, jalali_year: input.year, hours: input.hours,
          participants: input.participants, women: input.women, partners: input.partners ?? "", evidence_file_ids: prepared.map((p) => p.id),
          external_ref: input.externalRef ?? null, created_by: actor.user.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const p of prepared) await recordUpload(trx, actor, p, { entity: "chair_activity", entityId: row.id });
      await writeAudit(trx, auditMeta(actor), {
        action: "chair.activity_added", entity: "chair", entityId: chairId, details: { activityId: row.id, kind: input.kind, evidence: prepared.map((p) => p.id) },
      });
      return row.id;
    });
  } catch (e) {
    await discardAll();
    if (isUniqueViolation(e)) throw badRequest("error.form", { title: "error.chairs.duplicate" });
    throw e;
  }
}

/**
 * Opens an evidence file of one of the chair's activities. Reading the chair is checked first
 * (another university's chair manager: 403 and an audit row); a file that is not evidence of
 * this chair is 404; the FileStore then checks the file itself (staff, uploader, the chair
 * managers of the university).
 */
export async function openEvidence(actor: UserActor, chairId: number, fileId: string) {
  const db = await getDb();
  await loadChair(db, actor, chairId, "read:chair");
  const id = fileId.toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw notFound();
  if (!(await q.activityWithEvidence(db, chairId, id))) throw notFound();
  return openDownload(actor, id);
}

export interface ImportResult {
  fileError: string | null;
  missingColumns: string[];
  total: number;
  valid: number;
  written: number;
  alreadyImported: number;
  errors: RowError[];
  dryRun: boolean;
}

/**
 * Imports a CSV of activities into a chair for a Jalali year. Nothing is written when any row
 * is bad unless `validOnly`; rows whose external_ref the chair already has are skipped
 * (idempotent re-import); a row matching an existing activity (kind, date, title) under another
 * reference is refused as a duplicate.
 */
export async function importActivities(actor: UserActor, chairId: number, opts: { text: string; year: number; validOnly: boolean; dryRun?: boolean }): Promise<ImportResult> {
  const db = await getDb();
  const chair = await loadChair(db, actor, chairId, "manage:chair");
  if (chair.status === "closed") throw conflict("error.chairs.closed");
  const parsed = parseActivitiesCsv(opts.text, opts.year);
  const result: ImportResult = {
    fileError: parsed.fileError, missingColumns: parsed.missingColumns, total: parsed.total, valid: 0, written: 0, alreadyImported: 0,
    errors: [...parsed.errors], dryRun: !!opts.dryRun,
  };
  if (parsed.fileError) return result;

  return db.transaction().execute(async (trx) => {
    // Lock the chair so two imports of the same file cannot interleave.
    await trx.selectFrom("chairs").select("id").where("id", "=", chairId).forUpdate().execute();
    const refs = parsed.rows.map((r) => r.data.externalRef);
    const existing = refs.length
      ? await trx.selectFrom("chair_activities").select(["external_ref", "kind", "held_on", "title"]).where("chair_id", "=", chairId)
        .where((eb) => eb.or([eb("external_ref", "in", refs), eb("held_on", "in", [...new Set(parsed.rows.map((r) => r.data.heldOn))])]))
        .execute()
      : [];
    const knownRefs = new Set(existing.map((e) => e.external_ref).filter(Boolean));
    const knownKeys = new Map(existing.map((e) => [activityKey({ kind: e.kind, heldOn: String(e.held_on), title: e.title }), e.external_ref]));
    const toWrite = [];
    for (const r of parsed.rows) {
      if (knownRefs.has(r.data.externalRef)) {
        result.alreadyImported++;
        continue;
      }
      const other = knownKeys.get(activityKey(r.data));
      if (other !== undefined) {
        result.errors.push({ row: r.row, field: "_row", key: "chairs.import.error.duplicateExisting" });
        continue;
      }
      toWrite.push(r);
    }
    result.valid = toWrite.length;
    result.errors.sort((a, b) => a.row - b.row);
    if (opts.dryRun || (result.errors.length > 0 && !opts.validOnly) || toWrite.length === 0) return result;
    const inserted = await trx
      .insertInto("chair_activities")
      .values(toWrite.map(({ data: d }) => ({
        chair_id: chairId, kind: d.kind, title: d.title, held_on: d.heldOn, jalali_year: opts.year, hours: d.hours, participants: d.participants,
        women: d.women, partners: d.partners ?? "", external_ref: d.externalRef, created_by: actor.user.id,
      })))
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .execute();
    result.written = inserted.length;
    await writeAudit(trx, auditMeta(actor), {
      action: "chair.activities_imported", entity: "chair", entityId: chairId,
      details: { year: opts.year, total: parsed.total, written: inserted.length, alreadyImported: result.alreadyImported, rejected: result.errors.length },
    });
    return result;
  });
}

/** Checks that the actor may comment on the chair (403 with an audit row otherwise). */
export async function chairForComment(actor: UserActor, chairId: number) {
  return loadChair(await getDb(), actor, chairId, "comment:chair");
}

export async function addComment(actor: UserActor, chairId: number, body: string) {
  const db = await getDb();
  await loadChair(db, actor, chairId, "comment:chair");
  await db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("chair_comments").values({ chair_id: chairId, author_id: actor.user.id, body }).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, auditMeta(actor), { action: "chair.commented", entity: "chair", entityId: chairId, details: { commentId: row.id } });
  });
}

function plainCounts(c: ChairCounts | undefined): ChairCounts {
  return c ?? { ...EMPTY_COUNTS };
}

/** The chair page shows the latest activities of the year; the yearly report lists them all. */
// The chair page shows the latest activities and a page of students' ideas; the yearly report sums them
// and its CSV lists every activity.
export const CHAIR_PAGE_ACTIVITIES = 20;
export const CHAIR_PAGE_IDEAS = 20;

/** The chair page: details, the year's plan and measures, activities, ideas naming the chair, comments. */
export async function chairPage(actor: UserActor, id: number, year = currentJalaliYear(), ideasAfter?: number | null) {
  const db = await getDb();
  const chair = await loadChair(db, actor, id, "read:chair");
  const [plan, counts, activities, ideas, comments] = await Promise.all([
    q.planFor(db, id, year),
    chairCounts(id, year),
    q.activitiesOf(db, id, year, CHAIR_PAGE_ACTIVITIES),
    q.ideasOfChair(db, id, { after: ideasAfter, limit: CHAIR_PAGE_IDEAS }),
    q.commentsOf(db, id),
  ]);
  const c = plainCounts(counts.get(id));
  const files = await q.evidenceFiles(db, activities.flatMap((a) => a.evidence_file_ids));
  const fileById = new Map(files.map((f) => [f.id, { id: f.id, name: f.original_name }]));
  const withEvidence = activities.map((a) => ({ ...a, evidence: a.evidence_file_ids.flatMap((f) => fileById.get(f) ?? []) }));
  return {
    chair, year, plan: plan ?? null, counts: c, planVsActual: planVsActual(plan ? goalsOf(plan) : null, c),
    activities: withEvidence, activitiesShown: CHAIR_PAGE_ACTIVITIES, ideas, ideasShown: CHAIR_PAGE_IDEAS, comments,
    canManage: managedUniversityIds(actor).includes(chair.university_id),
    canComment: grantLevel(actor.user.roles, "comment:chair") != null,
  };
}

function goalsOf(p: { goal_activities: number; goal_participants: number; goal_ideas: number; goal_startups: number }) {
  return { activities: p.goal_activities, participants: p.goal_participants, ideas: p.goal_ideas, startups: p.goal_startups };
}

/**
 * The yearly chair report: measures, plan against actual and the activities summed per kind (the
 * printable page); the CSV adds every activity of the year (`withActivities`).
 */
export async function chairReport(actor: UserActor, id: number, year: number, opts: { withActivities?: boolean } = {}) {
  const db = await getDb();
  const chair = await loadChair(db, actor, id, "read:chair");
  const [plan, counts, byKind, activities] = await Promise.all([
    q.planFor(db, id, year), chairCounts(id, year), q.activitiesByKind(db, id, year),
    opts.withActivities ? q.activitiesOf(db, id, year, 5000) : Promise.resolve([]),
  ]);
  const c = plainCounts(counts.get(id));
  return { chair, year, plan: plan ?? null, counts: c, planVsActual: planVsActual(plan ? goalsOf(plan) : null, c), byKind, activities };
}

// One chair's measures for a year (three aggregate statements over activities, ideas and the
// ledger), cached like the ranking below and dropped by the same audited changes.
const chairCountsMemo = memo(["chair", "idea", "employment_report", "enterprise"], 60_000,
  async ({ id, year }: { id: number; year: number }) => q.countsFor(await getDb(), year, [id]), ({ id, year }) => `${id}:${year}`);
const chairCounts = (id: number, year: number) => chairCountsMemo.get({ id, year });

// The ranking aggregates every chair's year (all activities, ideas and linked employment reports):
// it is cached per year and process for a minute and dropped by any audited change of a chair, an
// idea or an employment report (app/lib/memo.server.ts; decisions 0013 and 0014).
const rankingMemo = memo(["chair", "idea", "employment_report", "enterprise"], 60_000, async (year: number) => {
  const db = await getDb();
  return Promise.all([q.listChairs(db, {}), q.countsFor(db, year, null)]);
});
const rankingData = (year: number) => rankingMemo.get(year);

/** Staff ranking of chairs and of universities by a measure for a Jalali year. */
export async function ranking(actor: UserActor, year: number, measure: RankMeasure) {
  await requirePermission(actor, "rank:chair");
  const [chairs, counts] = await rankingData(year);
  const chairRows = chairs.map((ch) => ({
    id: ch.id, name: ch.title, universityId: ch.university_id, university_fa: ch.university_fa, university_en: ch.university_en,
    status: ch.status, counts: plainCounts(counts.get(ch.id)),
  }));
  const byUni = new Map<number, { id: number; name: string; name_en: string; chairs: number; list: ChairCounts[] }>();
  for (const r of chairRows) {
    let u = byUni.get(r.universityId);
    if (!u) byUni.set(r.universityId, (u = { id: r.universityId, name: r.university_fa, name_en: r.university_en, chairs: 0, list: [] }));
    u.chairs++;
    u.list.push(r.counts);
  }
  const uniRows = [...byUni.values()].map((u) => ({ id: u.id, name: u.name, name_en: u.name_en, chairs: u.chairs, counts: sumCounts(u.list) }));
  return { year, measure, chairs: rank(chairRows, measure), universities: rank(uniRows, measure) };
}

/** Public list: active chairs by university with holders (no contact data) and upcoming activities. */
export function publicChairs() {
  return publicDirectory.get(todayTehran());
}
// The public directory is the same for every visitor: cached, dropped by any audited chair change.
const publicDirectory = memo("chair", 60_000, (today: string) => loadPublicChairs(today));

async function loadPublicChairs(today: string) {
  const db = await getDb();
  const [chairs, upcoming] = await Promise.all([q.listChairs(db, { status: "active" }), q.upcomingActivities(db, today)]);
  const groups = new Map<number, { id: number; name_fa: string; name_en: string; chairs: { id: number; title: string; field: string; holder_name: string; holder_rank: string; upcoming: typeof upcoming }[] }>();
  const byChair = new Map<number, typeof upcoming>();
  for (const a of upcoming) {
    const list = byChair.get(a.chair_id) ?? [];
    if (list.length < 5) list.push(a);
    byChair.set(a.chair_id, list);
  }
  for (const ch of chairs) {
    let g = groups.get(ch.university_id);
    if (!g) groups.set(ch.university_id, (g = { id: ch.university_id, name_fa: ch.university_fa, name_en: ch.university_en, chairs: [] }));
    g.chairs.push({ id: ch.id, title: ch.title, field: ch.field, holder_name: ch.holder_name, holder_rank: ch.holder_rank, upcoming: byChair.get(ch.id) ?? [] });
  }
  return [...groups.values()];
}

/**
 * Active chairs for the idea form's origin select ("a university chair"): the value is the chair
 * id the ideas module stores in ideas.origin_ref (origin_kind 'chair'). Anyone may list them.
 */
export async function chairOptions(locale: "fa" | "en" = "fa"): Promise<{ value: string; label: string }[]> {
  const rows = await q.activeChairs(await getDb());
  return rows.map((r) => ({ value: String(r.id), label: `${r.title} — ${locale === "fa" ? r.university_fa : r.university_en}` }));
}

/** The same active chairs shaped like reference entries ({ id, code, name_fa, name_en }) for selects built on those. */
export async function chairOriginEntries(): Promise<{ id: number; code: string; name_fa: string; name_en: string }[]> {
  const rows = await q.activeChairs(await getDb());
  return rows.map((r) => ({ id: r.id, code: String(r.id), name_fa: `${r.title} — ${r.university_fa}`, name_en: `${r.title} — ${r.university_en}` }));
}

/**
 * Is this the id of an active chair? For the ideas module's validation of origin_ref; pass its
 * transaction when called inside one (PGlite has a single connection).
 */
export async function isActiveChair(ref: string | null | undefined, db?: Database): Promise<boolean> {
  if (!ref || !/^\d{1,9}$/.test(ref)) return false;
  const row = await (db ?? (await getDb())).selectFrom("chairs").select("id").where("id", "=", Number(ref)).where("status", "=", "active").executeTakeFirst();
  return !!row;
}
