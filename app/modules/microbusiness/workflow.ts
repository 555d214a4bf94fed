import type { PermitStatus } from "./rules";

// The permit of a micro or home business as a state machine (pure; workflow.test.ts):
//
//   none -> applied -> issued -> expired -> applied | issued (renewal)
//
// "expired" is never chosen on a form: an issued permit turns expired when its expiry date passes
// (permitStatusOn() reads it so at once; the expiry job stores it). The from-state is the status as of
// today, so renewing a permit that expired yesterday is a renewal even before the job has run.

export const PERMIT_STATUSES = ["none", "applied", "issued", "expired"] as const;

/** The statuses a permit may move to from each status (staying "applied" or "issued" corrects dates or renews). */
export const PERMIT_CHANGES: Readonly<Record<PermitStatus, readonly PermitStatus[]>> = {
  none: ["none", "applied", "issued"],
  applied: ["none", "applied", "issued"],
  issued: ["issued"],
  expired: ["expired", "applied", "issued"],
};

export function permitChangeAllowed(from: PermitStatus, to: PermitStatus): boolean {
  return PERMIT_CHANGES[from]?.includes(to) ?? false;
}

/** The statuses a form may offer from the current one ("expired" is never offered: time sets it). */
export function permitChoices(from: PermitStatus): PermitStatus[] {
  return PERMIT_CHANGES[from].filter((s) => s !== "expired");
}
