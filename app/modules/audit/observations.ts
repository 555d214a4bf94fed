/**
 * Audit rows that record an access, a sign-in or a refusal rather than a change: a staff read of a job
 * seeker's profile, a case export, signing in and out, a failed or limited login, a resent verification
 * or reset mail, a repeated sign-up. They change no record that a page, a cached read model or a public
 * page is built from, so they drop no cache and leave the public pages' version alone (their ETags stay
 * valid while people sign in and read; decision 0034). The list is also the predicate of the partial
 * index `audit_log_changes_idx` (migration 2026-12-03T0700): a new entry here needs a migration that
 * rebuilds it (tests/security/public-cache.test.ts compares the two).
 */
export const OBSERVATIONS = [
  "authz.denied",
  "seeker.read",
  "case.export",
  "auth.login",
  "auth.login.failed",
  "auth.login.limited",
  "auth.logout",
  "auth.verify_resent",
  "auth.reset_requested",
  "user.signup_repeated",
  "user.signup_taken",
] as const;
const observations: ReadonlySet<string> = new Set(OBSERVATIONS);

/** True for an audit action that records a change (anything not in OBSERVATIONS). */
export const isChange = (action: string) => !observations.has(action);
