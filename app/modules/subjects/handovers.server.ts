import type { Database } from "~/lib/db.server";
import type { UserActor } from "~/modules/accounts/actor.server";

// Hand-overs between modules (ARCHITECTURE.md "Seams"): an accepted idea opens a case or leads to a
// cooperative application; counselling ends in an idea draft, a cooperative draft or a training
// enrolment. The receiving module registers the hand-over at the top level of its service file; the
// module that triggers it calls `handover(name)` inside its own transaction. A direct import would
// make a cycle (cases already read ideas) or tie a module to one that may not be built yet: when
// nothing is registered, `handover()` answers undefined and the caller records the choice only.
//
//   // cases/service.server.ts
//   registerHandover("case.fromAcceptedIdea", async (trx, actor, input) => { ...; return { href: `/cases/${id}`, id }; });
//   // ideas/decisions.server.ts, in the accepting transaction
//   const open = handover("case.fromAcceptedIdea");
//   if (open) await open(trx, actor, { ideaId, path, centreId });
//
// Every hand-over returns where the user goes next, so no page is a dead end.

export interface HandoverResult {
  /** The receiving record's page (or the form that starts it). */
  href: string;
  /** The record created, when one was. */
  id?: number;
}

/** Names and inputs of the hand-overs; add yours here (typed, one place to read them all). */
export interface Handovers {
  /** Staff accept an idea with path acceleration or consulting: the case opens in the same transaction. */
  "case.fromAcceptedIdea": {
    ideaId: number;
    path: "acceleration" | "consulting";
    centreId?: number | null;
    /** The idea as the case starts from it (read by the ideas module in its transaction). */
    idea: { ownerId: number; title: string; summary: string | null; countyCode: string | null; sectorCode: string | null };
  };
  /** The case opened from an idea (read only), or undefined `id` with the staff form that opens one. */
  "case.forIdea": { ideaId: number };
  /**
   * An idea accepted with path cooperative: where its owner starts (or finds) the cooperative
   * application, prefilled from the idea. Reads only; the application is made by the owner's form.
   */
  "cooperative.forIdea": { ideaId: number };
  /** Counselling ended in the cooperative path: a draft application for the job seeker (or the form's link). */
  "cooperative.forSeeker": { seekerId: number; userId: number | null };
  /** Counselling ended in the skills-training path: an enrolment request (or the course list's link). */
  "training.forSeeker": { seekerId: number; userId: number | null; occupationCode?: string | null };
  /** A micro or home business was registered: training links it to its owner's latest course pass (returns the course as id). */
  "training.businessRegistered": { businessId: number; ownerNationalId: string };
  /** A job seeker was placed through a referral: training links the placement to their latest course pass (returns the enrolment as id). */
  "training.placed": { placementId: number; nationalId: string; startedOn: string };
}
export type HandoverName = keyof Handovers;

export type HandoverFn<N extends HandoverName> = (db: Database, actor: UserActor, input: Handovers[N]) => Promise<HandoverResult>;

const registry = new Map<HandoverName, HandoverFn<never>>();

export function registerHandover<N extends HandoverName>(name: N, fn: HandoverFn<N>) {
  registry.set(name, fn as HandoverFn<never>);
}

/** The registered hand-over, or undefined when the receiving module is not in this build. */
export function handover<N extends HandoverName>(name: N): HandoverFn<N> | undefined {
  return registry.get(name) as HandoverFn<N> | undefined;
}
