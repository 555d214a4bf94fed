import { tunableWeights } from "~/lib/tunable-weights.server";
import { auditMeta, requirePermission, type UserActor } from "~/modules/accounts/actor.server";
import { writeAudit } from "~/modules/audit/service.server";
import { SEEKER_PARTS, SEEKER_WEIGHTS, type SeekerWeights } from "./match";

// The seeker match weights staff tune (decision 0054): one settings row through the helper partnerships
// uses too (~/lib/tunable-weights.server): whole numbers 0..100, not all zero, a version check, audited.
// Every ranked list (the vacancy's candidates, the seeker's vacancies, the seeker's home) reads them.

export const SEEKER_WEIGHTS_KEY = "seekers.match_weights";

const row = tunableWeights({ key: SEEKER_WEIGHTS_KEY, parts: SEEKER_PARTS, defaults: SEEKER_WEIGHTS, staleKey: "seekers.weights.stale", allZeroKey: "seekers.weights.error.allZero" });

/** The weights the seeker matching uses now (cached; a change through saveSeekerWeights is seen at once). */
export async function seekerWeights(): Promise<SeekerWeights> {
  return row.current();
}

export async function seekerWeightsForEdit(actor: UserActor) {
  await requirePermission(actor, "tune:match");
  return row.forEdit();
}

/** Staff tune the weights; a stale form answers 409, bad numbers 400 on their field. Audited. */
export async function saveSeekerWeights(actor: UserActor, input: SeekerWeights & { version?: number }) {
  await requirePermission(actor, "tune:match");
  await row.save(input, (trx, from, to) =>
    writeAudit(trx, auditMeta(actor), { action: "match.weights", entity: "setting", entityId: SEEKER_WEIGHTS_KEY, details: { from, to } }));
}
