import { sql } from "kysely";
import { getDb } from "~/lib/db.server";
import { badRequest, conflict, notFound } from "~/lib/http";
import { auditMeta, refuse, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { listLinkedFiles, saveUpload, type IncomingFile } from "~/modules/files/service.server";
import { notify } from "~/modules/notifications/service.server";
import { todayTehran } from "~/i18n/clock";
import { explain, type Explained } from "./match";
import { factsOf, rankCompanies } from "./match.server";
import * as q from "./queries.server";
import { MILLION, type ProposalInput } from "./schema";
import { proposalBlock } from "./challenges.server";
import { companyIdsOf, loadChallenge, loadProposal, matchWeights, partsOf } from "./service.server";
import { challengeFlow, PROPOSAL_LIVE, proposalFlow, type ProposalAction } from "./workflow";

// Proposals: a company answers a challenge (approach, work plan with milestones, price, duration,
// team, attachments); the industry compares them side by side with the match reasons, asks
// questions in threads, shortlists, and awards one, which opens the partnership. A company never
// sees another company's proposal: every read checks the proposal's own company or industry.

function pickCompany(actor: UserActor, companyId?: number) {
  const mine = companyIdsOf(actor);
  return companyId ?? (mine.length >= 1 ? mine[0] : undefined);
}

/** The proposal form: the challenge, the company answering, and why it may not (null: it may). */
export async function proposalFormData(actor: UserActor, challengeId: number, companyId?: number) {
  const id = pickCompany(actor, companyId);
  if (id == null) {
    await requireGrant(actor, "create:proposal");
    throw notFound();
  }
  await requirePermission(actor, "create:proposal", { orgUnitIds: [id], entity: "challenge", entityId: challengeId });
  const db = await getDb();
  const ch = await loadChallenge(db, actor, challengeId, "read:challenge");
  const [rel] = await q.companyRelation(db, challengeId, [id]);
  const block = rel ? proposalBlock(ch, rel, todayTehran()) : "partnerships.block.noProfile";
  const companies = companyIdsOf(actor).length > 1 ? await q.unitsByIds(db, companyIdsOf(actor)) : [];
  return { challenge: ch, companyId: id, companies, block, existing: rel?.proposal_id ?? null };
}

/** Sends a proposal; refused with the reason when the challenge is closed, the deadline passed or the certificate expired. */
export async function submitProposal(actor: UserActor, challengeId: number, input: ProposalInput): Promise<number> {
  const companyId = pickCompany(actor, input.companyId);
  if (companyId == null) {
    await requireGrant(actor, "create:proposal");
    throw notFound();
  }
  await requirePermission(actor, "create:proposal", { orgUnitIds: [companyId], entity: "challenge", entityId: challengeId });
  const db = await getDb();
  const loaded = await loadChallenge(db, actor, challengeId, "read:challenge");
  try {
    return await db.transaction().execute(async (trx) => {
      // Awarding and closing lock the challenge for update: a proposal waits for them and sees the result.
      const ch = await trx.selectFrom("partner_challenges").select(["status", "deadline", "industry_id"]).where("id", "=", challengeId).forShare().executeTakeFirstOrThrow();
      const [rel] = await q.companyRelation(trx, challengeId, [companyId]);
      if (!rel) throw badRequest("error.form", { _form: "error.partnerships.companyProfileFirst" });
      const block = proposalBlock(ch, rel, todayTehran());
      if (block) throw conflict(block); // the reason is the form's message (and nothing is written)
      const row = await trx
        .insertInto("partner_proposals")
        .values({
          challenge_id: challengeId, company_id: companyId, approach: input.approach, work_plan: input.workPlan, milestones: JSON.stringify(input.milestones),
          price: input.price * MILLION, duration_weeks: input.durationWeeks, team: input.team, submitted_by: actor.user.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await q.insertEvent(trx, { subject: "proposal", subjectId: row.id, action: "submit", from: null, to: "submitted", actorId: actor.user.id });
      for (const u of await q.repsOf(trx, [ch.industry_id], "industry_rep")) await notify(trx, u, "partnerships.notify.proposal", { title: loaded.title }, `/partnerships/proposals/${row.id}`);
      await writeAudit(trx, auditMeta(actor), { action: "proposal.submitted", entity: "proposal", entityId: row.id, details: { challengeId, companyId } });
      return row.id;
    });
  } catch (e) {
    if ((e as { code?: string })?.code === "23505") throw conflict("partnerships.block.alreadyProposed"); // a double submit
    throw e;
  }
}

/** Match explanations of some companies for a challenge (one ranking statement, only those companies). */
async function explanations(challenge: { id: number; domains: string[]; sector_code: string; county_code: string }, companyIds: number[]) {
  if (!companyIds.length) return new Map<number, { explained: Explained }>();
  const weights = await matchWeights();
  const rows = await rankCompanies(await getDb(), { id: challenge.id, domains: challenge.domains, sector: challenge.sector_code, county: challenge.county_code }, weights, todayTehran(), { only: companyIds, limit: companyIds.length });
  return new Map(rows.map((r) => [r.id, { explained: explain(factsOf(r, challenge.domains.length), weights, { sharedDomains: r.shared ?? [], certificateUntil: r.certificate_expires_on }) }]));
}

/** One proposal: its company and the challenge's industry (and staff) only. */
export async function proposalPage(actor: UserActor, id: number) {
  const db = await getDb();
  const p = await loadProposal(db, actor, id, "read:proposal");
  const parts = partsOf(actor, p);
  const seesMatch = parts.includes("industry") || allows(actor.user, "read:proposal");
  const [messages, files, events, ch] = await Promise.all([
    q.messagesOf(db, id), listLinkedFiles(actor, "partner_proposal", id), q.eventsOf(db, "proposal", id),
    seesMatch ? q.findChallenge(db, p.challenge_id) : Promise.resolve(undefined),
  ]);
  const match = ch && parts.includes("industry") ? (await explanations(ch, [p.company_id])).get(p.company_id) ?? null : null;
  const live = p.challenge_status === "open" || p.challenge_status === "reviewing_proposals";
  return {
    proposal: { ...p, milestones: p.milestones as { title: string; week: number }[] },
    parts,
    actions: proposalFlow.actionsFrom(p.status, parts).filter((a) => live && (a !== "award" || p.challenge_status === "reviewing_proposals")),
    canMessage: parts.length > 0 && p.status !== "withdrawn",
    canAttach: parts.includes("company") && PROPOSAL_LIVE.includes(p.status as never),
    messages,
    files: files.map((f) => ({ id: f.id, name: f.original_name })),
    events,
    match,
  };
}

/** The challenge's proposals side by side, each with its company's match parts (industry and staff). */
export async function compareProposals(actor: UserActor, challengeId: number) {
  const db = await getDb();
  const ch = await loadChallenge(db, actor, challengeId, "read:challenge");
  const parts = partsOf(actor, { industry_id: ch.industry_id });
  await requirePermission(actor, "read:proposal", { orgUnitIds: [ch.industry_id], entity: "challenge", entityId: challengeId });
  const proposals = await q.proposalsOfChallenge(db, challengeId);
  const byCompany = await explanations(ch, proposals.map((p) => p.company_id));
  const live = ch.status === "open" || ch.status === "reviewing_proposals";
  const rows = proposals
    .map((p) => ({
      ...p, milestones: p.milestones as { title: string; week: number }[], match: byCompany.get(p.company_id) ?? null,
      actions: live ? proposalFlow.actionsFrom(p.status, parts).filter((a) => a !== "award" || ch.status === "reviewing_proposals") : [],
    }))
    .sort((a, b) => (b.match?.explained.score ?? 0) - (a.match?.explained.score ?? 0) || a.id - b.id);
  return { challenge: ch, proposals: rows, isIndustry: parts.includes("industry") };
}

/**
 * The industry shortlists, declines or awards a proposal. Awarding needs the challenge in review;
 * the challenge row is locked, so of two awards at once one wins and the other gets 409. The award
 * declines the other live proposals (with the note, if given) and opens the partnership.
 * Returns the partnership id for an award.
 */
export async function decideProposal(actor: UserActor, id: number, action: Exclude<ProposalAction, "withdraw">, input: { note?: string }): Promise<number | null> {
  const db = await getDb();
  const loaded = await loadProposal(db, actor, id, "decide:proposal");
  const parts = partsOf(actor, loaded);
  return db.transaction().execute(async (trx) => {
    const ch = await trx.selectFrom("partner_challenges").select(["id", "status", "title", "industry_id"]).where("id", "=", loaded.challenge_id).forUpdate().executeTakeFirstOrThrow();
    const p = await trx.selectFrom("partner_proposals").select(["status", "company_id", "approach"]).where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    const check = proposalFlow.check(p.status, action, parts, {
      challengeLive: ch.status === "open" || ch.status === "reviewing_proposals", challengeReviewing: ch.status === "reviewing_proposals",
    });
    if (!check.ok) {
      if (ch.status === "awarded") throw conflict("error.partnerships.alreadyAwarded");
      if (check.reason === "missing") throw conflict(`partnerships.guard.${check.guard}`);
      throw conflict("error.partnerships.transition");
    }
    const to = check.transition.to;
    await trx.updateTable("partner_proposals")
      .set({ status: to, decision_note: action === "decline" ? input.note ?? null : null, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", id)
      .execute();
    await q.insertEvent(trx, { subject: "proposal", subjectId: id, action, from: p.status, to, note: input.note, actorId: actor.user.id });
    const link = `/partnerships/proposals/${id}`;
    let partnershipId: number | null = null;
    if (action === "award") {
      const chCheck = challengeFlow.check(ch.status, "award", parts, { proposals: 1 });
      if (!chCheck.ok) throw conflict("error.partnerships.alreadyAwarded");
      await trx.updateTable("partner_challenges")
        .set({ status: "awarded", awarded_proposal_id: id, awarded_at: sql`now()`, version: sql`version + 1`, updated_at: sql`now()` })
        .where("id", "=", ch.id)
        .execute();
      await q.insertEvent(trx, { subject: "challenge", subjectId: ch.id, action: "award", from: ch.status, to: "awarded", note: null, actorId: actor.user.id });
      const others = await trx.updateTable("partner_proposals")
        .set({ status: "declined", decision_note: input.note ?? null, version: sql`version + 1`, updated_at: sql`now()` })
        .where("challenge_id", "=", ch.id)
        .where("id", "<>", id)
        .where("status", "in", [...PROPOSAL_LIVE])
        .returning(["id", "company_id"])
        .execute();
      for (const o of others) {
        await q.insertEvent(trx, { subject: "proposal", subjectId: o.id, action: "decline", from: null, to: "declined", note: input.note, actorId: actor.user.id });
        for (const u of await q.repsOf(trx, [o.company_id], "company_rep")) await notify(trx, u, "partnerships.notify.declined", { title: ch.title }, `/partnerships/proposals/${o.id}`);
      }
      const ps = await trx.insertInto("partnerships")
        .values({ challenge_id: ch.id, proposal_id: id, company_id: p.company_id, industry_id: ch.industry_id, scope: p.approach })
        .returning("id")
        .executeTakeFirstOrThrow();
      partnershipId = ps.id;
      await q.insertEvent(trx, { subject: "partnership", subjectId: ps.id, action: "open", from: null, to: "proposed", note: null, actorId: actor.user.id });
      for (const u of await q.repsOf(trx, [p.company_id], "company_rep")) await notify(trx, u, "partnerships.notify.awarded", { title: ch.title }, `/partnerships/${ps.id}`);
      await writeAudit(trx, auditMeta(actor), { action: "partnership.opened", entity: "partnership", entityId: ps.id, details: { challengeId: ch.id, proposalId: id } });
    } else {
      const key = action === "shortlist" ? "partnerships.notify.shortlisted" : "partnerships.notify.declined";
      for (const u of await q.repsOf(trx, [p.company_id], "company_rep")) await notify(trx, u, key, { title: ch.title }, link);
    }
    await writeAudit(trx, auditMeta(actor), { action: `proposal.${action}`, entity: "proposal", entityId: id, details: { from: p.status, to, challengeId: ch.id } });
    return partnershipId;
  });
}

/** The company withdraws its proposal while the challenge is live. */
export async function withdrawProposal(actor: UserActor, id: number, input: { note?: string }) {
  const db = await getDb();
  const loaded = await loadProposal(db, actor, id, "withdraw:proposal");
  await db.transaction().execute(async (trx) => {
    const ch = await trx.selectFrom("partner_challenges").select(["status", "industry_id", "title"]).where("id", "=", loaded.challenge_id).forShare().executeTakeFirstOrThrow();
    const p = await trx.selectFrom("partner_proposals").select("status").where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    const check = proposalFlow.check(p.status, "withdraw", partsOf(actor, loaded), { challengeLive: ch.status === "open" || ch.status === "reviewing_proposals" });
    if (!check.ok) throw conflict("error.partnerships.transition");
    await trx.updateTable("partner_proposals").set({ status: "withdrawn", version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", id).execute();
    await q.insertEvent(trx, { subject: "proposal", subjectId: id, action: "withdraw", from: p.status, to: "withdrawn", note: input.note, actorId: actor.user.id });
    for (const u of await q.repsOf(trx, [ch.industry_id], "industry_rep")) await notify(trx, u, "partnerships.notify.withdrawn", { title: ch.title }, `/partnerships/proposals/${id}`);
    await writeAudit(trx, auditMeta(actor), { action: "proposal.withdraw", entity: "proposal", entityId: id });
  });
}

/** A question or an answer in the proposal's threads (either side); the other side is told. */
export async function postMessage(actor: UserActor, id: number, input: { body: string; parentId?: number }) {
  const db = await getDb();
  const p = await loadProposal(db, actor, id, "message:proposal");
  const parts = partsOf(actor, p);
  if (!parts.length) await refuse(actor, "message:proposal", { entity: "proposal", entityId: id }); // staff read, never write, the threads
  if (p.status === "withdrawn") throw conflict("error.partnerships.transition");
  await db.transaction().execute(async (trx) => {
    if (input.parentId) {
      const parent = await trx.selectFrom("partner_messages").select(["proposal_id", "parent_id"]).where("id", "=", input.parentId).executeTakeFirst();
      if (!parent || parent.proposal_id !== id) throw badRequest("error.form", { _form: "error.partnerships.noSuchThread" });
      input = { ...input, parentId: parent.parent_id ?? input.parentId }; // replies hang off the thread's first message
    }
    const side = parts.includes("industry") ? "industry" : "company";
    const m = await trx.insertInto("partner_messages")
      .values({ proposal_id: id, parent_id: input.parentId ?? null, author_id: actor.user.id, side, body: input.body })
      .returning("id")
      .executeTakeFirstOrThrow();
    const others = side === "industry" ? await q.repsOf(trx, [p.company_id], "company_rep") : await q.repsOf(trx, [p.industry_id], "industry_rep");
    for (const u of others) await notify(trx, u, "partnerships.notify.message", { title: p.challenge_title }, `/partnerships/proposals/${id}#m${m.id}`);
    await writeAudit(trx, auditMeta(actor), { action: "proposal.message", entity: "proposal", entityId: id, details: { messageId: m.id, side } });
  });
}

/** Route actions check this before reading a form: the proposal's company or the challenge's industry (staff read only). */
export async function requireProposalParty(actor: UserActor, id: number) {
  const p = await loadProposal(await getDb(), actor, id, "read:proposal");
  if (!partsOf(actor, p).length) await refuse(actor, "message:proposal", { entity: "proposal", entityId: id });
}

/** The company attaches a file (a detailed plan, references) to its live proposal. */
export async function attachToProposal(actor: UserActor, id: number, file: IncomingFile | null) {
  const db = await getDb();
  await loadProposal(db, actor, id, "withdraw:proposal"); // its company's representatives
  const saved = await saveUpload(actor, file, { entity: "partner_proposal", entityId: id }); // the rule checks it is live
  await writeAudit(db, auditMeta(actor), { action: "proposal.attached", entity: "proposal", entityId: id, details: { fileId: saved.id } });
}
