// The state machines of module 4 as data (pure; safe in the browser). A transition is allowed only
// when it is listed here, the actor plays one of the listed parts (the company's or the industry's
// representative of that record) and the record has what the guards need. The services apply them
// in a transaction with a timeline row (partner_events) and an audit row.
//
//   challenge:   draft → open → reviewing_proposals → awarded | closed_without_award | withdrawn
//   proposal:    submitted → shortlisted → awarded | declined;  submitted | shortlisted → withdrawn
//   partnership: proposed → negotiating → signed → in_progress → completed | terminated
//   milestone:   open → delivered → accepted  (the industry may return a delivery to open, with a note)

export const CHALLENGE_CATEGORIES = ["productivity", "quality", "marketing", "technology", "energy", "supply_chain"] as const;
export type ChallengeCategory = (typeof CHALLENGE_CATEGORIES)[number];
export const CERTIFICATE_TYPES = ["emerging", "type1", "type2", "production"] as const;
export const VISIBILITIES = ["verified", "invited"] as const;
/** Measured results: the first three are percentages; energy use and cost are in the unit typed. */
export const METRICS = ["productivity", "defect_rate", "sales", "energy_use", "cost", "other"] as const;
export type Metric = (typeof METRICS)[number];

/** The actor's side of a record: a representative of its company or of its industry. */
export type Part = "company" | "industry";

export const CHALLENGE_STATUSES = ["draft", "open", "reviewing_proposals", "awarded", "closed_without_award", "withdrawn"] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
export const PROPOSAL_STATUSES = ["submitted", "shortlisted", "awarded", "declined", "withdrawn"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PARTNERSHIP_STATUSES = ["proposed", "negotiating", "signed", "in_progress", "completed", "terminated"] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];
export const MILESTONE_STATUSES = ["open", "delivered", "accepted"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** What the service knows about the record when checking guards. */
export interface Facts {
  /** The challenge's deadline is today or later (Tehran). */
  deadlineAhead?: boolean;
  /** Live proposals on the challenge (submitted or shortlisted). */
  proposals?: number;
  /** The challenge is taking or reviewing proposals (open or reviewing_proposals). */
  challengeLive?: boolean;
  /** The challenge is in reviewing_proposals (an award closes it). */
  challengeReviewing?: boolean;
  note?: string | null;
  /** Signing: contract value, start and end dates and the signed document are all there. */
  contract?: boolean;
  /** Milestones of the partnership, and how many of them the industry accepted. */
  milestones?: number;
  milestonesAccepted?: number;
  /** Results of the partnership with a measured value. */
  measuredResults?: number;
}

export type Guard = "deadline_ahead" | "proposals" | "challenge_live" | "challenge_reviewing" | "note" | "contract" | "milestones_accepted" | "measured_result";

const GUARDS: Record<Guard, (f: Facts) => boolean> = {
  deadline_ahead: (f) => !!f.deadlineAhead,
  proposals: (f) => (f.proposals ?? 0) > 0,
  challenge_live: (f) => !!f.challengeLive,
  challenge_reviewing: (f) => !!f.challengeReviewing,
  note: (f) => !!f.note?.trim(),
  contract: (f) => !!f.contract,
  milestones_accepted: (f) => (f.milestones ?? 0) > 0 && f.milestonesAccepted === f.milestones,
  measured_result: (f) => (f.measuredResults ?? 0) > 0,
};

export interface Transition<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  to: S;
  by: readonly Part[];
  requires: readonly Guard[];
}

export type TransitionCheck<S extends string, A extends string> =
  | { ok: true; transition: Transition<S, A> }
  | { ok: false; reason: "not_allowed" | "wrong_part" | "missing"; guard?: Guard };

export interface Machine<S extends string, A extends string> {
  statuses: readonly S[];
  final: readonly S[];
  transitions: readonly Transition<S, A>[];
  /** Pure check of one transition: is `action` allowed from `from` for one of `parts` with these facts? */
  check(from: string, action: string, parts: readonly Part[], facts?: Facts): TransitionCheck<S, A>;
  /** Actions the parts may take from a status (the buttons a page shows; guards are checked on submit). */
  actionsFrom(from: string, parts: readonly Part[]): A[];
  isFinal(status: string): boolean;
}

function machine<S extends string, A extends string>(statuses: readonly S[], final: readonly S[], transitions: readonly Transition<S, A>[]): Machine<S, A> {
  return {
    statuses,
    final,
    transitions,
    check(from, action, parts, facts = {}) {
      const t = transitions.find((x) => x.action === action && (x.from as readonly string[]).includes(from));
      if (!t) return { ok: false, reason: "not_allowed" };
      if (!t.by.some((p) => parts.includes(p))) return { ok: false, reason: "wrong_part" };
      for (const g of t.requires) if (!GUARDS[g](facts)) return { ok: false, reason: "missing", guard: g };
      return { ok: true, transition: t };
    },
    actionsFrom(from, parts) {
      return transitions.filter((t) => (t.from as readonly string[]).includes(from) && t.by.some((p) => parts.includes(p))).map((t) => t.action);
    },
    isFinal: (s) => (final as readonly string[]).includes(s),
  };
}

export const CHALLENGE_ACTIONS = ["publish", "start_review", "award", "close", "withdraw"] as const;
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];
export const challengeFlow = machine<ChallengeStatus, ChallengeAction>(CHALLENGE_STATUSES, ["awarded", "closed_without_award", "withdrawn"], [
  { action: "publish", from: ["draft"], to: "open", by: ["industry"], requires: ["deadline_ahead"] },
  { action: "start_review", from: ["open"], to: "reviewing_proposals", by: ["industry"], requires: ["proposals"] },
  // Awarding goes through the proposal (proposalFlow "award"), which moves the challenge with it.
  { action: "award", from: ["reviewing_proposals"], to: "awarded", by: ["industry"], requires: ["proposals"] },
  { action: "close", from: ["open", "reviewing_proposals"], to: "closed_without_award", by: ["industry"], requires: ["note"] },
  { action: "withdraw", from: ["draft", "open"], to: "withdrawn", by: ["industry"], requires: ["note"] },
]);
/** Statuses in which the industry may still edit the challenge's text, budget, deadline and domains. */
export const CHALLENGE_EDITABLE: readonly ChallengeStatus[] = ["draft", "open"];
/** Statuses in which the industry may invite companies. */
export const CHALLENGE_INVITING: readonly ChallengeStatus[] = ["draft", "open"];

export const PROPOSAL_ACTIONS = ["shortlist", "award", "decline", "withdraw"] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];
export const proposalFlow = machine<ProposalStatus, ProposalAction>(PROPOSAL_STATUSES, ["awarded", "declined", "withdrawn"], [
  { action: "shortlist", from: ["submitted"], to: "shortlisted", by: ["industry"], requires: ["challenge_live"] },
  { action: "award", from: ["submitted", "shortlisted"], to: "awarded", by: ["industry"], requires: ["challenge_reviewing"] },
  { action: "decline", from: ["submitted", "shortlisted"], to: "declined", by: ["industry"], requires: ["challenge_live"] },
  { action: "withdraw", from: ["submitted", "shortlisted"], to: "withdrawn", by: ["company"], requires: ["challenge_live"] },
]);
/** Proposals still in the running (counted as "waiting" for the industry). */
export const PROPOSAL_LIVE: readonly ProposalStatus[] = ["submitted", "shortlisted"];

export const PARTNERSHIP_ACTIONS = ["negotiate", "sign", "start", "complete", "terminate"] as const;
export type PartnershipAction = (typeof PARTNERSHIP_ACTIONS)[number];
export const partnershipFlow = machine<PartnershipStatus, PartnershipAction>(PARTNERSHIP_STATUSES, ["completed", "terminated"], [
  { action: "negotiate", from: ["proposed"], to: "negotiating", by: ["industry", "company"], requires: [] },
  { action: "sign", from: ["negotiating"], to: "signed", by: ["industry"], requires: ["contract"] },
  { action: "start", from: ["signed"], to: "in_progress", by: ["industry", "company"], requires: [] },
  { action: "complete", from: ["in_progress"], to: "completed", by: ["industry"], requires: ["milestones_accepted", "measured_result"] },
  { action: "terminate", from: ["proposed", "negotiating", "signed", "in_progress"], to: "terminated", by: ["industry", "company"], requires: ["note"] },
]);
/** A company's current load: partnerships signed or in progress (the match score's "load" part). */
export const PARTNERSHIP_LOAD: readonly PartnershipStatus[] = ["signed", "in_progress"];
/** Statuses in which milestones and target metrics may be added. */
export const PARTNERSHIP_PLANNING: readonly PartnershipStatus[] = ["negotiating", "signed", "in_progress"];
/** Statuses in which a measured value may be recorded. */
export const PARTNERSHIP_MEASURING: readonly PartnershipStatus[] = ["in_progress"];

export const MILESTONE_ACTIONS = ["deliver", "accept", "return"] as const;
export type MilestoneAction = (typeof MILESTONE_ACTIONS)[number];
export const milestoneFlow = machine<MilestoneStatus, MilestoneAction>(MILESTONE_STATUSES, ["accepted"], [
  { action: "deliver", from: ["open"], to: "delivered", by: ["company"], requires: [] },
  { action: "accept", from: ["delivered"], to: "accepted", by: ["industry"], requires: [] },
  { action: "return", from: ["delivered"], to: "open", by: ["industry"], requires: ["note"] },
]);
/** Milestones move only while the partnership runs. */
export const MILESTONE_WORKING: readonly PartnershipStatus[] = ["signed", "in_progress"];

/** Achievement of a measured result: how far it moved from the baseline towards the target, 0..1 (clamped). */
export function achievement(r: { baseline: number; target: number; measured: number | null }): number | null {
  if (r.measured == null || r.target === r.baseline) return null;
  const a = (r.measured - r.baseline) / (r.target - r.baseline);
  return Math.max(0, Math.min(1, a));
}
