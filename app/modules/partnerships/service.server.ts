import type { Database } from "~/lib/db.server";
import { tunableWeights } from "~/lib/tunable-weights.server";
import { conflict, notFound } from "~/lib/http";
import { auditMeta, requireGrant, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { allows, grantLevel, type Permission } from "~/modules/accounts/roles";
import { writeAudit } from "~/modules/audit/service.server";
import { registerFileAccess } from "~/modules/files/service.server";
import { referenceOptions } from "~/modules/reference/service.server";
import { registerProgramme, registerSubject } from "~/modules/subjects/registry.server";
import { todayTehran } from "~/i18n/clock";
import { DEFAULT_WEIGHTS, MATCH_PARTS, type CertificateState, type Weights } from "./match";
import * as q from "./queries.server";
import { CHALLENGE_EDITABLE, PARTNERSHIP_PLANNING, PROPOSAL_LIVE, type Part } from "./workflow";

// Module 4 (issue 13): knowledge-based companies and industries. This file holds what every use case
// shares: whose units the actor represents, the loaders that check permissions on one record, the
// match weights (a settings row staff tune, audited), and the registrations other modules ask through
// (subject "partnership" for obstacles, programme "challenge" for the agencies' agenda, file access).
// Use cases: profiles.server.ts, challenges.server.ts, proposals.server.ts, partnerships.server.ts,
// overview.server.ts (staff overview, CSV, showcase, homes).
//
// Permissions (app/modules/accounts/roles.ts): a representative acts on the records of the unit their
// role is held in ("scope"): the company's profile and proposals, the industry's profile, challenges,
// received proposals and partnerships. A company reads a challenge when it is open to it ("own":
// invited, or open to verified companies and staff verified its certificate, or it has proposed);
// an expired certificate does not hide a challenge, it blocks proposing until renewed.
// Staff read everything, register companies and industries, verify certificates, tune the weights.

/** Company units where the actor holds company_rep. */
export function companyIdsOf(actor: UserActor): number[] {
  return actor.user.roles.filter((r) => r.role === "company_rep" && r.orgUnitId != null).map((r) => r.orgUnitId!);
}
/** Industry units where the actor holds industry_rep. */
export function industryIdsOf(actor: UserActor): number[] {
  return actor.user.roles.filter((r) => r.role === "industry_rep" && r.orgUnitId != null).map((r) => r.orgUnitId!);
}

/** The actor's sides of a record: company rep of its company, industry rep of its industry. */
export function partsOf(actor: UserActor, rec: { company_id?: number | null; industry_id?: number | null }): Part[] {
  const parts: Part[] = [];
  if (rec.company_id != null && companyIdsOf(actor).includes(rec.company_id)) parts.push("company");
  if (rec.industry_id != null && industryIdsOf(actor).includes(rec.industry_id)) parts.push("industry");
  return parts;
}

export function certificateState(c: { certificate_expires_on: string | null; certificate_verified_at: unknown }, today = todayTehran()): CertificateState {
  if (!c.certificate_expires_on || c.certificate_expires_on < today) return "expired";
  return c.certificate_verified_at ? "verified" : "unverified";
}

/** An unknown record answers 404 only to those who hold the permission at some level (else 403, no probing). */
async function missing(actor: UserActor, permission: Permission): Promise<never> {
  await requireGrant(actor, permission);
  throw notFound();
}

// ---------------------------------------------------------------- loaders with their checks

export async function loadChallenge(db: Database, actor: UserActor, id: number, permission: "read:challenge" | "manage:challenge") {
  const ch = await q.findChallenge(db, id);
  if (!ch) return missing(actor, permission);
  let own = false;
  if (permission === "read:challenge") {
    const mine = companyIdsOf(actor);
    if (mine.length) {
      const rel = await q.companyRelation(db, id, mine);
      own = rel.some((r) => r.proposal_id != null || (ch.status !== "draft" && (r.invited || (ch.visibility === "verified" && r.certificate_verified_at != null))));
    }
  }
  await requirePermission(actor, permission, { own, orgUnitIds: [ch.industry_id], entity: "challenge", entityId: id });
  return ch;
}

export async function loadProposal(db: Database, actor: UserActor, id: number, permission: "read:proposal" | "decide:proposal" | "withdraw:proposal" | "message:proposal") {
  const p = await q.findProposal(db, id);
  if (!p) return missing(actor, permission);
  // Deciding is the industry's; withdrawing the company's; reading and messages either side's.
  const units = permission === "decide:proposal" ? [p.industry_id] : permission === "withdraw:proposal" ? [p.company_id] : [p.company_id, p.industry_id];
  await requirePermission(actor, permission, { orgUnitIds: units, entity: "proposal", entityId: id });
  return p;
}

export async function loadPartnership(db: Database, actor: UserActor, id: number, permission: "read:partnership" | "work:partnership") {
  const ps = await q.findPartnership(db, id);
  if (!ps) return missing(actor, permission);
  await requirePermission(actor, permission, { orgUnitIds: [ps.company_id, ps.industry_id], entity: "partnership", entityId: id });
  return ps;
}

/** Stale form: the version the form was read with must still be the record's. */
export function checkVersion(current: number, sent: number | undefined, key: string) {
  if (sent != null && sent !== current) throw conflict(key);
}

// ---------------------------------------------------------------- match weights

export const WEIGHTS_KEY = "partnerships.match_weights";

// The settings row and its edit form are the shared helper's (~/lib/tunable-weights.server, decision 0054).
const matchWeightsRow = tunableWeights({ key: WEIGHTS_KEY, parts: MATCH_PARTS, defaults: DEFAULT_WEIGHTS, staleKey: "partnerships.weights.stale", allZeroKey: "partnerships.weights.error.allZero" });

/** The weights the ranking uses now (cached; a change through saveWeights is seen at once). */
export async function matchWeights(): Promise<Weights> {
  return matchWeightsRow.current();
}

export async function weightsForEdit(actor: UserActor) {
  await requirePermission(actor, "tune:match");
  return matchWeightsRow.forEdit();
}

/** Staff tune the weights (whole numbers 0..100, not all zero); a stale form answers 409. Audited. */
export async function saveWeights(actor: UserActor, input: Weights & { version?: number }) {
  await requirePermission(actor, "tune:match");
  await matchWeightsRow.save(input, (trx, from, to) =>
    writeAudit(trx, auditMeta(actor), { action: "match.weights", entity: "setting", entityId: WEIGHTS_KEY, details: { from, to } }));
}

// ---------------------------------------------------------------- registrations

// Obstacles (engineer "agenda") hold a partnership up: who may see it, its one-line title, who to tell.
registerSubject("partnership", {
  async canSee(db, actor, id) {
    const ps = await db.selectFrom("partnerships").select(["company_id", "industry_id"]).where("id", "=", id).executeTakeFirst();
    return !!ps && allows(actor.user, "read:partnership", { orgUnitIds: [ps.company_id, ps.industry_id] });
  },
  async describe(db, ids) {
    if (!ids.length) return new Map();
    const rows = await db
      .selectFrom("partnerships as ps")
      .innerJoin("partner_challenges as ch", "ch.id", "ps.challenge_id")
      .innerJoin("org_units as cu", "cu.id", "ps.company_id")
      .innerJoin("org_units as iu", "iu.id", "ps.industry_id")
      .select(["ps.id", "ch.title", "ch.county_code", "cu.name_fa as company", "iu.name_fa as industry"])
      .where("ps.id", "in", [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, { title: `${r.title} (${r.industry} – ${r.company})`, link: `/partnerships/${r.id}`, countyCode: r.county_code }]));
  },
  async participants(db, id) {
    const ps = await db.selectFrom("partnerships").select(["company_id", "industry_id"]).where("id", "=", id).executeTakeFirst();
    if (!ps) return [];
    return [...new Set([...(await q.repsOf(db, [ps.company_id], "company_rep")), ...(await q.repsOf(db, [ps.industry_id], "industry_rep"))])];
  },
});

// The agencies' agenda offers a sector advantage through a challenge; its jobs are the ledger's
// reports of the challenge's partnership (source_module "partnerships", source_id the partnership id).
registerProgramme("challenge", {
  async options(db, _actor, locale) {
    const rows = await db
      .selectFrom("partner_challenges as ch")
      .innerJoin("org_units as u", "u.id", "ch.industry_id")
      .select(["ch.id", "ch.title", "u.name_fa", "u.name_en"])
      .where("ch.status", "in", ["open", "reviewing_proposals", "awarded"])
      .orderBy("ch.id", "desc")
      .limit(500)
      .execute();
    return rows.map((r) => ({ value: String(r.id), label: `${r.title} — ${locale === "fa" ? r.name_fa : r.name_en}` }));
  },
  async describe(db, ids) {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom("partner_challenges").select(["id", "title", "county_code"]).where("id", "in", [...ids]).execute();
    return new Map(rows.map((r) => [r.id, { title: r.title, link: `/partnerships/challenges/${r.id}`, countyCode: r.county_code }]));
  },
  async ledgerSources(db, id) {
    const rows = await db.selectFrom("partnerships").select("id").where("challenge_id", "=", id).execute();
    return rows.length ? [{ module: "partnerships", ids: rows.map((r) => String(r.id)) }] : [];
  },
});

// Files: a challenge's attachments (both sides once it is open to the company), a proposal's (its
// company and the challenge's industry), a partnership's signed contract and evidence (both parties).
async function canReadChallengeFile(db: Database, actor: UserActor, challengeId: number) {
  const ch = await db.selectFrom("partner_challenges").select(["industry_id", "status", "visibility"]).where("id", "=", challengeId).executeTakeFirst();
  if (!ch) return false;
  // Staff read every challenge (centre staff too: their read:file is only their centre's people's files).
  if (grantLevel(actor.user.roles, "read:challenge") === "any") return true;
  if (industryIdsOf(actor).includes(ch.industry_id)) return true;
  const mine = companyIdsOf(actor);
  if (!mine.length || ch.status === "draft") return false;
  const rel = await q.companyRelation(db, challengeId, mine);
  return rel.some((r) => r.proposal_id != null || r.invited || (ch.visibility === "verified" && r.certificate_verified_at != null));
}
registerFileAccess("partner_challenge", {
  canRead: (db, actor, file) => canReadChallengeFile(db, actor, Number(file.entityId)),
  async canAttach(db, actor, entityId) {
    const ch = await db.selectFrom("partner_challenges").select(["industry_id", "status"]).where("id", "=", Number(entityId) || -1).executeTakeFirst();
    return !!ch && industryIdsOf(actor).includes(ch.industry_id) && CHALLENGE_EDITABLE.includes(ch.status as never);
  },
});
async function proposalSides(db: Database, id: number) {
  return db
    .selectFrom("partner_proposals as p")
    .innerJoin("partner_challenges as ch", "ch.id", "p.challenge_id")
    .select(["p.company_id", "ch.industry_id", "p.status"])
    .where("p.id", "=", id)
    .executeTakeFirst();
}
registerFileAccess("partner_proposal", {
  exclusive: true,
  async canRead(db, actor, file) {
    const p = await proposalSides(db, Number(file.entityId) || -1);
    return !!p && partsOf(actor, p).length > 0;
  },
  async canAttach(db, actor, entityId) {
    const p = await proposalSides(db, Number(entityId) || -1);
    return !!p && partsOf(actor, p).includes("company") && PROPOSAL_LIVE.includes(p.status as never);
  },
});
registerFileAccess("partnership", {
  exclusive: true,
  async canRead(db, actor, file) {
    const ps = await db.selectFrom("partnerships").select(["company_id", "industry_id"]).where("id", "=", Number(file.entityId) || -1).executeTakeFirst();
    return !!ps && partsOf(actor, ps).length > 0;
  },
  async canAttach(db, actor, entityId) {
    const ps = await db.selectFrom("partnerships").select(["company_id", "industry_id", "status"]).where("id", "=", Number(entityId) || -1).executeTakeFirst();
    return !!ps && partsOf(actor, ps).length > 0 && PARTNERSHIP_PLANNING.includes(ps.status as never);
  },
});


// ---------------------------------------------------------------- labels

/** Counties, ISIC sectors and technology domains as options in the reader's language (cached lists). */
export async function referenceLabels(locale: "fa" | "en") {
  const [counties, sectors, domains] = await Promise.all([
    referenceOptions("counties", locale), referenceOptions("sectors", locale), referenceOptions("technology_domains", locale),
  ]);
  return { counties, sectors, domains };
}
export type Labels = Awaited<ReturnType<typeof referenceLabels>>;
