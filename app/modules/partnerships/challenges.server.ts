import { sql } from "kysely";
import { getDb, type Database } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { listLinkedFiles, saveUpload, type IncomingFile } from "~/modules/files/service.server";
import { notify } from "~/modules/notifications/service.server";
import { activeEntries } from "~/modules/reference/service.server";
import { memo } from "~/lib/memo.server";
import { addDays, todayTehran } from "~/i18n/clock";
import type { CompactMatch, Weights } from "./match";
import { factsOf, rankChallenges, rankCompanies } from "./match.server";
import * as q from "./queries.server";
import { MILLION, type ChallengeInput } from "./schema";
import {
  certificateState, checkVersion, companyIdsOf, industryIdsOf, loadChallenge, matchWeights, partsOf,
} from "./service.server";
import { CHALLENGE_EDITABLE, CHALLENGE_INVITING, challengeFlow, PROPOSAL_LIVE, type ChallengeAction } from "./workflow";

// Challenges: an industry posts one (draft), publishes it (open), reviews the proposals, awards one
// (proposals.server.ts) or closes it; it sees companies ranked with the reasons and invites the best.
// A company sees the challenges that fit it, ranked the same way with the same reasons.

export const PAGE = 25;
/**
 * Ranked lists (companies for a challenge, challenges that fit a company) show 10 a page: each row
 * carries six explained parts (about 2 KB of HTML), and the top matches are what the reader acts on;
 * "more" pages through the rest (issue 13's benchmark: 25 explained rows made the page 97 KB and a
 * fifth of the static page's throughput).
 */
export const RANKED_PAGE = 10;
/** Ranked lists are computed whole for each page (a ranking has no cheaper keyset); pages stop here. */
export const MAX_RANKED = 200;
/** A deadline at most this many days ahead. */
export const MAX_DEADLINE_DAYS = 365;

async function domainProblems(domains: string[]): Promise<Record<string, string>> {
  const known = await activeEntries("technology_domains");
  return domains.some((d) => !known.some((k) => k.code === d)) ? { domains: "error.invalidChoice" } : {};
}

function deadlineProblems(deadline: string): Record<string, string> {
  const today = todayTehran();
  if (deadline < today) return { deadline: "error.partnerships.deadlinePast" };
  if (deadline > addDays(today, MAX_DEADLINE_DAYS)) return { deadline: "error.partnerships.deadlineTooFar" };
  return {};
}

/** The industries the actor may post for, with whether each has a profile (a challenge needs one). */
export async function challengeFormData(actor: UserActor) {
  await requireGrant(actor, "create:challenge");
  return q.unitsByIds(await getDb(), industryIdsOf(actor));
}

function pickIndustry(actor: UserActor, industryId?: number) {
  const mine = industryIdsOf(actor);
  return industryId ?? (mine.length === 1 ? mine[0] : undefined);
}

/** Saves a new challenge as a draft of the actor's industry; returns its id. */
export async function createChallenge(actor: UserActor, input: ChallengeInput): Promise<number> {
  const industryId = pickIndustry(actor, input.industryId);
  if (!industryId) {
    await requireGrant(actor, "create:challenge");
    throw badRequest("error.form", { industryId: "error.required" });
  }
  await requirePermission(actor, "create:challenge", { orgUnitIds: [industryId], entity: "challenge" });
  const problems = { ...(await domainProblems(input.domains)), ...deadlineProblems(input.deadline) };
  if (Object.keys(problems).length) throw badRequest("error.form", problems);
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const industry = await trx.selectFrom("partner_industries").select(["sector_code", "county_code"]).where("org_unit_id", "=", industryId).executeTakeFirst();
    if (!industry) throw badRequest("error.form", { _form: "error.partnerships.industryProfileFirst" });
    const row = await trx
      .insertInto("partner_challenges")
      .values({
        industry_id: industryId, category: input.category, title: input.title, description: input.description, current_figures: input.currentFigures ?? "",
        expected_result: input.expectedResult, budget_min: input.budgetMin * MILLION, budget_max: input.budgetMax * MILLION, deadline: input.deadline,
        visibility: input.visibility, sector_code: industry.sector_code, county_code: industry.county_code, created_by: actor.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await q.replaceChallengeDomains(trx, row.id, input.domains);
    await q.insertEvent(trx, { subject: "challenge", subjectId: row.id, action: "create", from: null, to: "draft", actorId: actor.user.id });
    await writeAudit(trx, auditMeta(actor), { action: "challenge.created", entity: "challenge", entityId: row.id, details: { industryId, category: input.category } });
    return row.id;
  });
}

export async function challengeForEdit(actor: UserActor, id: number) {
  const db = await getDb();
  const ch = await loadChallenge(db, actor, id, "manage:challenge");
  if (!CHALLENGE_EDITABLE.includes(ch.status as never)) throw conflict("error.partnerships.notEditable");
  return ch;
}

/** Edits a draft or open challenge (a stale form answers 409). */
export async function updateChallenge(actor: UserActor, id: number, input: ChallengeInput) {
  const db = await getDb();
  await loadChallenge(db, actor, id, "manage:challenge");
  const problems = { ...(await domainProblems(input.domains)), ...deadlineProblems(input.deadline) };
  if (Object.keys(problems).length) throw badRequest("error.form", problems);
  await db.transaction().execute(async (trx) => {
    const ch = await trx.selectFrom("partner_challenges").select(["status", "version"]).where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    if (!CHALLENGE_EDITABLE.includes(ch.status as never)) throw conflict("error.partnerships.notEditable");
    checkVersion(ch.version, input.version, "error.partnerships.stale");
    await trx
      .updateTable("partner_challenges")
      .set({
        category: input.category, title: input.title, description: input.description, current_figures: input.currentFigures ?? "",
        expected_result: input.expectedResult, budget_min: input.budgetMin * MILLION, budget_max: input.budgetMax * MILLION, deadline: input.deadline,
        visibility: input.visibility, version: sql`version + 1`, updated_at: sql`now()`,
      })
      .where("id", "=", id)
      .execute();
    await q.replaceChallengeDomains(trx, id, input.domains);
    await writeAudit(trx, auditMeta(actor), { action: "challenge.updated", entity: "challenge", entityId: id });
  });
}

/**
 * Publish, start reviewing, close without award or withdraw (the award goes through a proposal).
 * Closing or withdrawing declines the proposals still in the running and tells their companies.
 */
export async function transitionChallenge(actor: UserActor, id: number, action: ChallengeAction, input: { note?: string; version?: number }) {
  const db = await getDb();
  const loaded = await loadChallenge(db, actor, id, "manage:challenge");
  if (action === "award") throw conflict("error.partnerships.awardThroughProposal");
  await db.transaction().execute(async (trx) => {
    const ch = await trx.selectFrom("partner_challenges").select(["status", "version", "deadline"]).where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    checkVersion(ch.version, input.version, "error.partnerships.stale");
    const live = await q.liveProposalCount(trx, id);
    const check = challengeFlow.check(ch.status, action, partsOf(actor, { industry_id: loaded.industry_id }), {
      deadlineAhead: ch.deadline >= todayTehran(), proposals: live, note: input.note,
    });
    if (!check.ok) {
      if (check.reason === "missing") throw badRequest("error.form", check.guard === "note" ? { note: "error.partnerships.noteRequired" } : { _form: `partnerships.guard.${check.guard}` });
      throw conflict("error.partnerships.transition");
    }
    const to = check.transition.to;
    await trx
      .updateTable("partner_challenges")
      .set({
        status: to, version: sql`version + 1`, updated_at: sql`now()`,
        ...(to === "open" ? { published_at: sql`now()` } : {}),
        ...(to === "closed_without_award" || to === "withdrawn" ? { closed_at: sql`now()` } : {}),
      })
      .where("id", "=", id)
      .execute();
    await q.insertEvent(trx, { subject: "challenge", subjectId: id, action, from: ch.status, to, note: input.note, actorId: actor.user.id });
    if (to === "closed_without_award" || to === "withdrawn") {
      const declined = await trx
        .updateTable("partner_proposals")
        .set({ status: "declined", decision_note: input.note ?? null, version: sql`version + 1`, updated_at: sql`now()` })
        .where("challenge_id", "=", id)
        .where("status", "in", [...PROPOSAL_LIVE])
        .returning(["id", "company_id"])
        .execute();
      for (const p of declined) {
        await q.insertEvent(trx, { subject: "proposal", subjectId: p.id, action: "decline", from: null, to: "declined", note: input.note, actorId: actor.user.id });
        for (const u of await q.repsOf(trx, [p.company_id], "company_rep")) await notify(trx, u, "partnerships.notify.challengeClosed", { title: loaded.title }, `/partnerships/proposals/${p.id}`);
      }
    }
    if (to === "open") {
      const invited = await trx.selectFrom("partner_invitations").select("company_id").where("challenge_id", "=", id).execute();
      for (const u of await q.repsOf(trx, invited.map((i) => i.company_id), "company_rep")) await notify(trx, u, "partnerships.notify.invited", { title: loaded.title }, `/partnerships/challenges/${id}`);
    }
    await writeAudit(trx, auditMeta(actor), { action: `challenge.${action}`, entity: "challenge", entityId: id, details: { from: ch.status, to } });
  });
}

/**
 * The challenge page: details, domains, attachments, timeline; the industry's actions and proposal
 * count; a company's own relation (invited, its proposal, whether and why it may propose).
 */
export async function challengePage(actor: UserActor, id: number) {
  const db = await getDb();
  const ch = await loadChallenge(db, actor, id, "read:challenge");
  const parts = partsOf(actor, { industry_id: ch.industry_id });
  const isIndustry = parts.includes("industry");
  const mine = companyIdsOf(actor);
  const [events, files, relation, live, invitations] = await Promise.all([
    isIndustry || allows(actor.user, "read:challenge") ? q.eventsOf(db, "challenge", id) : Promise.resolve([]),
    listLinkedFiles(actor, "partner_challenge", id),
    mine.length ? q.companyRelation(db, id, mine) : Promise.resolve([]),
    isIndustry || allows(actor.user, "read:proposal") ? q.liveProposalCount(db, id) : Promise.resolve(null),
    isIndustry || allows(actor.user, "read:proposal") ? q.invitationsOf(db, id) : Promise.resolve([]),
  ]);
  const today = todayTehran();
  const companies = relation.map((r) => ({
    companyId: r.company_id, invited: r.invited, proposalId: r.proposal_id, proposalStatus: r.proposal_status,
    blocked: proposalBlock(ch, r, today),
  }));
  return {
    challenge: ch,
    actions: challengeFlow.actionsFrom(ch.status, parts).filter((a) => a !== "award"),
    isIndustry,
    canEdit: isIndustry && CHALLENGE_EDITABLE.includes(ch.status as never),
    canSeeProposals: isIndustry || allows(actor.user, "read:proposal"),
    liveProposals: live,
    invitations,
    companies,
    events,
    files: files.map((f) => ({ id: f.id, name: f.original_name })),
  };
}

/** Why a company may not propose now (null: it may), in the order a company would fix them. */
export function proposalBlock(
  ch: { status: string; deadline: string },
  rel: { proposal_id: number | null; certificate_expires_on: string; certificate_verified_at: unknown },
  today: string,
): string | null {
  if (rel.proposal_id != null) return "partnerships.block.alreadyProposed";
  if (ch.status !== "open") return "partnerships.block.notOpen";
  if (ch.deadline < today) return "partnerships.block.deadlinePassed";
  if (certificateState(rel, today) === "expired") return "partnerships.block.certificateExpired";
  return null;
}

/** Route actions check this before reading a form: the challenge's industry only (403 and an audit row otherwise). */
export async function requireChallengeManager(actor: UserActor, id: number) {
  await loadChallenge(await getDb(), actor, id, "manage:challenge");
}

/** Attaches a file (drawings, current figures) to a draft or open challenge of the actor's industry. */
export async function attachToChallenge(actor: UserActor, id: number, file: IncomingFile | null) {
  const db = await getDb();
  await loadChallenge(db, actor, id, "manage:challenge");
  const saved = await saveUpload(actor, file, { entity: "partner_challenge", entityId: id }); // the rule checks status
  await writeAudit(db, auditMeta(actor), { action: "challenge.attached", entity: "challenge", entityId: id, details: { fileId: saved.id } });
}

// ---------------------------------------------------------------- matching

/**
 * Companies ranked for a challenge with each part of the score and its reason (the industry, and
 * staff who read every challenge). `page` from 0; at most MAX_RANKED companies in all.
 */
/**
 * The ranked pages are a ranking read model (decision 0014): PostgreSQL ranks every company (or open
 * challenge) in one statement; the page of rows is kept a minute per subject, page and weights, and
 * dropped at once by any audited change to what the score reads (challenges and invitations,
 * companies, industries, partnerships, proposals, the weights, org units), in every instance through
 * the cache bus. Nothing a rule depends on is read from it: inviting, proposing and opening a challenge
 * check the database.
 */
const RANK_TAGS = ["challenge", "company", "industry", "partnership", "proposal", "setting", "org_unit"];
type CompaniesKey = { challenge: Parameters<typeof rankCompanies>[1]; weights: Weights; today: string; limit: number; offset: number };
const rankedCompanies = memo<CompaniesKey, Awaited<ReturnType<typeof rankCompanies>>>(
  RANK_TAGS, 60_000, async (k) => rankCompanies(await getDb(), k.challenge, k.weights, k.today, { limit: k.limit, offset: k.offset }), (k) => JSON.stringify(k),
);
type ChallengesKey = { company: Parameters<typeof rankChallenges>[1]; weights: Weights; today: string; limit: number; offset: number };
const rankedChallenges = memo<ChallengesKey, Awaited<ReturnType<typeof rankChallenges>>>(
  RANK_TAGS, 60_000, async (k) => rankChallenges(await getDb(), k.company, k.weights, k.today, { limit: k.limit, offset: k.offset }), (k) => JSON.stringify(k),
);

export async function challengeMatches(actor: UserActor, id: number, page = 0) {
  const db = await getDb();
  const ch = await loadChallenge(db, actor, id, "read:challenge");
  const isIndustry = partsOf(actor, { industry_id: ch.industry_id }).includes("industry");
  if (!isIndustry) await requirePermission(actor, "read:proposal", { orgUnitIds: [ch.industry_id], entity: "challenge", entityId: id });
  const weights = await matchWeights();
  const offset = Math.max(0, Math.min(page, MAX_RANKED / RANKED_PAGE - 1)) * RANKED_PAGE;
  const rows = await rankedCompanies.get({ challenge: { id, domains: ch.domains, sector: ch.sector_code, county: ch.county_code }, weights, today: todayTehran(), limit: RANKED_PAGE + 1, offset });
  return {
    challenge: { id: ch.id, title: ch.title, status: ch.status },
    weights,
    canInvite: isIndustry && CHALLENGE_INVITING.includes(ch.status as never),
    page: offset / RANKED_PAGE,
    more: rows.length > RANKED_PAGE && offset + RANKED_PAGE < MAX_RANKED,
    rows: rows.slice(0, RANKED_PAGE).map((r, i) => ({
      rank: offset + i + 1, id: r.id, name_fa: r.name_fa, name_en: r.name_en, county: r.county_code, invited: r.invited, proposalId: r.proposal_id,
      ...compactMatch(r, ch.domains.length, r.certificate_expires_on),
    })),
  };
}

/**
 * What a ranked row sends to the page: the facts the score is computed from (eight integers), the
 * shared domains' codes and the certificate date. The page explains them with explainCompact() of
 * match.ts (pure), so the parts and reasons are not sent twice (once as HTML, once as loader data: issue
 * 13's benchmark found them to be half of the fit page's 47 KB).
 */
function compactMatch(r: Parameters<typeof factsOf>[0], domainCount: number, certificateUntil: string | null | undefined): CompactMatch {
  return { facts: factsOf(r, domainCount), shared: r.shared ?? [], certificateUntil: certificateUntil ? String(certificateUntil) : "" };
}

/** The industry invites a company (drafts and open challenges); it is told when the challenge is open. */
export async function inviteCompany(actor: UserActor, id: number, companyId: number) {
  const db = await getDb();
  const ch = await loadChallenge(db, actor, id, "manage:challenge");
  if (!CHALLENGE_INVITING.includes(ch.status as never)) throw conflict("error.partnerships.notInviting");
  await db.transaction().execute(async (trx) => {
    const company = await trx.selectFrom("partner_companies").select("org_unit_id").where("org_unit_id", "=", companyId).executeTakeFirst();
    if (!company) throw badRequest("error.form", { companyId: "error.partnerships.noSuchCompany" });
    const added = await trx
      .insertInto("partner_invitations")
      .values({ challenge_id: id, company_id: companyId, invited_by: actor.user.id })
      .onConflict((oc) => oc.doNothing())
      .returning("company_id")
      .executeTakeFirst();
    if (!added) return; // invited already: nothing changes
    await q.insertEvent(trx, { subject: "challenge", subjectId: id, action: "invite", from: null, to: null, note: String(companyId), actorId: actor.user.id });
    if (ch.status === "open") {
      for (const u of await q.repsOf(trx, [companyId], "company_rep")) await notify(trx, u, "partnerships.notify.invited", { title: ch.title }, `/partnerships/challenges/${id}`);
    }
    await writeAudit(trx, auditMeta(actor), { action: "challenge.invited", entity: "challenge", entityId: id, details: { companyId } });
  });
}

/** The company's profile facts the "fit" ranking needs, or null without a profile. */
async function companyFacts(db: Database, companyId: number) {
  const c = await q.findCompany(db, companyId);
  if (!c || !c.profile_id) return null;
  return c;
}

/**
 * "Challenges that fit you": open challenges the company may answer, ranked by the same score and
 * reasons the industry sees. `companyId` picks one of the actor's companies (default the first).
 */
export async function fittingChallenges(actor: UserActor, companyId?: number, page = 0) {
  const mine = companyIdsOf(actor);
  const id = companyId ?? mine[0];
  if (id == null) {
    await requireGrant(actor, "create:proposal");
    throw notFound();
  }
  await requirePermission(actor, "create:proposal", { orgUnitIds: [id], entity: "company", entityId: id });
  const db = await getDb();
  const c = await companyFacts(db, id);
  const companies = mine.length > 1 ? await q.unitsByIds(db, mine) : [];
  if (!c) return { company: null, companyId: id, companies, rows: [], page: 0, more: false, weights: await matchWeights() };
  const weights = await matchWeights();
  const today = todayTehran();
  const cert = certificateState(c, today);
  const offset = Math.max(0, Math.min(page, MAX_RANKED / RANKED_PAGE - 1)) * RANKED_PAGE;
  const rows = await rankedChallenges.get({
    company: { id, domains: c.domains, county: c.county_code!, loadCount: c.load_count ?? 0, resultsCount: c.results_count ?? 0, resultsPm: c.results_pm ?? 0, cert, verified: c.certificate_verified_at != null },
    weights, today, limit: RANKED_PAGE + 1, offset,
  });
  return {
    company: { id, name_fa: c.name_fa, name_en: c.name_en, certificate: cert, certificateUntil: c.certificate_expires_on },
    companyId: id,
    companies,
    weights,
    page: offset / RANKED_PAGE,
    more: rows.length > RANKED_PAGE && offset + RANKED_PAGE < MAX_RANKED,
    rows: rows.slice(0, RANKED_PAGE).map((r, i) => ({
      rank: offset + i + 1, id: r.id, title: r.title, category: r.category, deadline: r.deadline, industry_fa: r.industry_fa, industry_en: r.industry_en,
      budgetMin: Number(r.budget_min), budgetMax: Number(r.budget_max), invited: r.invited,
      ...compactMatch(r, r.domain_count, c.certificate_expires_on),
    })),
  };
}

// ---------------------------------------------------------------- lists

/**
 * Challenges: an industry's own, staff all (filters status and category); a company gets the
 * challenges it was invited to or proposed to, with its proposal.
 */
export async function challengeList(actor: UserActor, f: q.ChallengeListFilters) {
  const level = await requireGrant(actor, "read:challenge");
  const db = await getDb();
  if (level === "own") {
    const rows = await q.companyChallenges(db, companyIdsOf(actor), f.after, PAGE);
    return { view: "company" as const, companyRows: rows.slice(0, PAGE), rows: [], next: rows.length > PAGE ? rows[PAGE - 1].id : null, canCreate: false };
  }
  const rows = await q.listChallenges(db, f, level === "any" ? null : industryIdsOf(actor), PAGE);
  return {
    view: level === "any" ? ("staff" as const) : ("industry" as const),
    companyRows: [],
    rows: rows.slice(0, PAGE).map((r) => ({ ...r, daysToAward: r.published_at && r.awarded_at ? daysApart(r.published_at, r.awarded_at) : null })),
    next: rows.length > PAGE ? rows[PAGE - 1].id : null,
    canCreate: allows(actor.user, "create:challenge", { orgUnitIds: industryIdsOf(actor) }),
  };
}

export const daysApart = (from: Date | string, to: Date | string) => Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 86_400_000));

/** Every challenge page by page for the staff CSV (same filters as the list). */
export async function challengePageForCsv(actor: UserActor, f: q.ChallengeListFilters) {
  await requirePermission(actor, "read:challenge", { entity: "challenge" }); // staff: read:challenge:any
  const rows = await q.listChallenges(await getDb(), f, null, 500);
  return { rows: rows.slice(0, 500), next: rows.length > 500 ? rows[499].id : null };
}
