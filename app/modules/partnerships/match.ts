// The explained match score between a knowledge-based company and an industry challenge (pure;
// safe in the browser; decision 0021). The score is built from named parts, each worth 0..1000 per
// mille and each shown with its reason; staff tune the weights (a settings row, audited). The SQL
// in queries.server.ts (matchScoreSql) computes exactly the same integers to rank in the database;
// tests/integration/partnerships-match.test.ts checks the two agree.
//
//   part         per mille                                                 reason shown
//   domains      shared / challenge's domains (rounded half up)           "2 of 3 domains: ..."
//   sector       completed partnerships in the challenge's ISIC sector:     "1 completed partnership in this sector"
//                0, 1, 2, 3+ → 0, 333, 667, 1000
//   county       same county 1000, neighbouring 500, else 0                 "same county" / "neighbouring county"
//   results      mean achievement of its measured results (0 without any)  "82% of targets reached over 3 results"
//   load         partnerships signed or in progress: 0, 1, 2, 3+ →          "1 partnership in progress"
//                1000, 667, 333, 0
//   certificate  verified and valid 1000, valid not yet verified 500,       "verified, valid until ..."
//                expired 0
//
// score (tenths of a point out of 100) = round_half_up( Σ weight × per mille / Σ weight ), an
// integer 0..1000, so JavaScript and PostgreSQL agree to the last digit. Ties: more shared domains
// first, then the lighter load, then the older profile (lower id).
import { MAX_WEIGHT, weightsProblems as sharedWeightsProblems } from "~/lib/weights";

export const MATCH_PARTS = ["domains", "sector", "county", "results", "load", "certificate"] as const;
export type MatchPart = (typeof MATCH_PARTS)[number];
export type Weights = Record<MatchPart, number>;

export const DEFAULT_WEIGHTS: Weights = { domains: 35, sector: 20, county: 10, results: 15, load: 10, certificate: 10 };
export { MAX_WEIGHT };

/** Per mille of the sector part by completed partnerships in the sector (3 or more: full). */
export const SECTOR_PM = [0, 333, 667, 1000] as const;
/** Per mille of the load part by partnerships signed or in progress (3 or more: none). */
export const LOAD_PM = [1000, 667, 333, 0] as const;

export type CertificateState = "verified" | "unverified" | "expired";
export const CERTIFICATE_PM: Record<CertificateState, number> = { verified: 1000, unverified: 500, expired: 0 };
/** proximity: 2 same county, 1 neighbouring county, 0 elsewhere. */
export const PROXIMITY_PM = [0, 500, 1000] as const;

/** What the score is computed from (read by one SQL statement per page). */
export interface MatchFacts {
  /** Technology domains the company and the challenge share, and how many the challenge names. */
  overlap: number;
  domainCount: number;
  /** The company's completed partnerships with industries of the challenge's ISIC sector. */
  sectorDone: number;
  proximity: 0 | 1 | 2;
  /** Measured results of the company's completed partnerships, and their mean achievement (per mille). */
  resultsCount: number;
  resultsPm: number;
  /** The company's partnerships signed or in progress. */
  load: number;
  certificate: CertificateState;
}

const cap = (n: number, max: number) => Math.max(0, Math.min(max, Math.floor(n)));

/** The per-mille value (0..1000) of one part. */
export function partValue(part: MatchPart, f: MatchFacts): number {
  switch (part) {
    case "domains":
      return f.domainCount > 0 ? Math.floor((2000 * cap(f.overlap, f.domainCount) + f.domainCount) / (2 * f.domainCount)) : 0;
    case "sector":
      return SECTOR_PM[cap(f.sectorDone, 3)];
    case "county":
      return PROXIMITY_PM[f.proximity];
    case "results":
      return f.resultsCount > 0 ? cap(f.resultsPm, 1000) : 0;
    case "load":
      return LOAD_PM[cap(f.load, 3)];
    case "certificate":
      return CERTIFICATE_PM[f.certificate];
  }
}

export const weightTotal = (w: Weights) => MATCH_PARTS.reduce((s, p) => s + w[p], 0);

/** The score in tenths of a point (0..1000; shown as 0.0..100.0). */
export function scoreTenths(f: MatchFacts, w: Weights): number {
  const total = weightTotal(w);
  if (total <= 0) return 0;
  const sum = MATCH_PARTS.reduce((s, p) => s + w[p] * partValue(p, f), 0);
  return Math.floor((2 * sum + total) / (2 * total));
}

export interface ExplainedPart {
  part: MatchPart;
  weight: number;
  /** 0..1000 */
  perMille: number;
  /** What this part adds to the score, in points out of 100 (one decimal). */
  points: number;
  /** Most the part could add, in points out of 100. */
  maxPoints: number;
  /** i18n key and parameters of the reason shown beside the part. */
  reason: string;
  params: Record<string, string | number>;
}

export interface Explained {
  score: number; // points out of 100, one decimal
  parts: ExplainedPart[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Each part with its points and the reason shown to the user; `names` are the shared domains' names. */
export function explain(f: MatchFacts, w: Weights, extra: { sharedDomains?: string[]; certificateUntil?: string } = {}): Explained {
  const total = weightTotal(w);
  const parts = MATCH_PARTS.map((part): ExplainedPart => {
    const perMille = partValue(part, f);
    const points = total > 0 ? round1((w[part] * perMille) / total / 10) : 0;
    const maxPoints = total > 0 ? round1((w[part] * 100) / total) : 0;
    return { part, weight: w[part], perMille, points, maxPoints, ...reasonOf(part, f, extra) };
  });
  return { score: scoreTenths(f, w) / 10, parts };
}

function reasonOf(part: MatchPart, f: MatchFacts, extra: { sharedDomains?: string[]; certificateUntil?: string }): { reason: string; params: Record<string, string | number> } {
  switch (part) {
    case "domains":
      return f.overlap > 0
        ? { reason: "partnerships.match.reason.domains", params: { n: f.overlap, d: f.domainCount, names: (extra.sharedDomains ?? []).join("، ") } }
        : { reason: "partnerships.match.reason.noDomains", params: { d: f.domainCount } };
    case "sector":
      return f.sectorDone > 0 ? { reason: "partnerships.match.reason.sector", params: { n: f.sectorDone } } : { reason: "partnerships.match.reason.noSector", params: {} };
    case "county":
      return { reason: ["partnerships.match.reason.farCounty", "partnerships.match.reason.neighbourCounty", "partnerships.match.reason.sameCounty"][f.proximity], params: {} };
    case "results":
      return f.resultsCount > 0
        ? { reason: "partnerships.match.reason.results", params: { pct: Math.round(cap(f.resultsPm, 1000) / 10), n: f.resultsCount } }
        : { reason: "partnerships.match.reason.noResults", params: {} };
    case "load":
      return f.load > 0 ? { reason: "partnerships.match.reason.load", params: { n: f.load } } : { reason: "partnerships.match.reason.noLoad", params: {} };
    case "certificate":
      return { reason: `partnerships.match.reason.certificate.${f.certificate}`, params: { date: extra.certificateUntil ?? "" } };
  }
}

/** A ranked row as the pages receive it: the facts, the shared domains' codes, the certificate's end date. */
export interface CompactMatch {
  facts: MatchFacts;
  shared: string[];
  certificateUntil: string;
}

/** The explanation of a compact row (computed where it is shown, so loader data carries only the facts). */
export function explainCompact(m: CompactMatch, w: Weights): Explained {
  return explain(m.facts, w, { sharedDomains: m.shared, certificateUntil: m.certificateUntil });
}

/** The ranking order: score, then more shared domains, then the lighter load, then the lower id. */
export function compareMatches(a: { id: number; score: number; facts: MatchFacts }, b: { id: number; score: number; facts: MatchFacts }): number {
  return b.score - a.score || b.facts.overlap - a.facts.overlap || a.facts.load - b.facts.load || a.id - b.id;
}

/** Ranks candidates by the score (in tenths) computed from their facts. */
export function rank<T extends { id: number; facts: MatchFacts }>(candidates: readonly T[], w: Weights): (T & { score: number })[] {
  return candidates.map((c) => ({ ...c, score: scoreTenths(c.facts, w) })).sort(compareMatches);
}

/** Weights are whole numbers 0..100 with at least one above zero (the shared rule of ~/lib/weights). */
export function weightsProblems(w: Partial<Record<MatchPart, unknown>>): Record<string, string> {
  return sharedWeightsProblems(MATCH_PARTS, w, "partnerships.weights.error.allZero", MAX_WEIGHT);
}

/** Mean achievement in per mille of measured results (achievement each 0..1), the rollup's formula. */
export function resultsPerMille(achievements: readonly number[]): number {
  if (!achievements.length) return 0;
  const mean = achievements.reduce((s, a) => s + a, 0) / achievements.length;
  return Math.round(mean * 1000);
}
