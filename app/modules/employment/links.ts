import type { PageAccess } from "~/modules/accounts/nav";

/**
 * The employment pages' own link bar (StaffLinks), each with the permission its page's loader checks,
 * so a reader sees only the pages that answer them 200 (admins read the ledger but neither revise
 * targets nor import; centre staff import but the targets are the directorate's). Checked with the
 * menu by tests/security/nav-links.test.ts.
 */
export const EMPLOYMENT_LINKS: readonly (PageAccess & { to: string; label: string })[] = [
  { to: "/employment/dashboard", label: "employment.dashboard.title", permission: "read:employment" },
  { to: "/employment/queue", label: "employment.queue.title", permission: "read:employment" },
  { to: "/employment/enterprises", label: "employment.enterprises.title", permission: "read:employment" },
  { to: "/employment/targets", label: "employment.targets.title", permission: "manage:job_target", level: "any" },
  { to: "/employment/import", label: "employment.import.title", permission: "create:employment_report" },
];
