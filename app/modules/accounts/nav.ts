import type { Role } from "./roles";

// Navigation by task: a role's pages are grouped in a few sections (issue 17: no role sees more than
// 7 top-level entries: home plus its task sections; "me" is the account menu beside the bell). Modules
// add their entries to NAV with the section they belong to; the header (app/ui/SiteHeader.tsx) renders
// each section as a disclosure (details/summary, no JavaScript needed), a one-entry section as a plain
// link, and on a phone everything behind one menu button. The section holding the current page is
// marked. The server still checks every page: the menu only decides what to show.

export const SECTIONS = [
  { id: "ideas", label: "nav.section.ideas" }, // calls, ideas, reviews
  { id: "cases", label: "nav.section.cases" }, // accelerator, consulting and emergency cases
  { id: "enterprise", label: "nav.section.enterprise" }, // cooperatives, clusters, company-industry partnerships, micro and home businesses
  { id: "jobs", label: "nav.section.jobs" }, // job seekers, counselling, vacancies, training
  { id: "employment", label: "nav.section.employment" }, // the ledger, targets, the agencies' agenda (obstacles, advantages)
  { id: "universities", label: "nav.section.universities" }, // entrepreneurship chairs
  { id: "admin", label: "nav.section.admin" }, // users, reference data, audit
  { id: "me", label: "nav.section.me" }, // account, files (beside the bell, not a task section)
] as const;
export type SectionId = (typeof SECTIONS)[number]["id"];

export interface NavItem {
  to: string;
  label: string;
  section: SectionId;
  roles?: Role[]; // shown to holders of any of these roles; absent: every signed-in user
  public?: boolean; // shown to anonymous visitors too
}

export const NAV: NavItem[] = [
  { to: "/calls", label: "nav.calls", section: "ideas", public: true },
  { to: "/ideas", label: "nav.ideas.mine", section: "ideas", roles: ["entrepreneur"] },
  { to: "/reviews", label: "nav.ideas.reviews", section: "ideas", roles: ["mentor"] },
  { to: "/staff/ideas", label: "nav.ideas.queue", section: "ideas", roles: ["staff"] },
  { to: "/staff/calls", label: "nav.ideas.calls", section: "ideas", roles: ["staff"] },
  { to: "/cases", label: "nav.cases", section: "cases", roles: ["entrepreneur", "mentor", "staff"] },
  { to: "/cases/emergency", label: "nav.cases.emergency", section: "cases", roles: ["entrepreneur"] },
  { to: "/cases/mentors", label: "nav.cases.capacity", section: "cases", roles: ["staff"] },
  { to: "/micro-businesses", label: "nav.micro", section: "enterprise", roles: ["entrepreneur", "staff"] },
  { to: "/micro-businesses/summary", label: "nav.micro.summary", section: "enterprise", public: true },
  { to: "/cooperatives/mine", label: "nav.coop.mine", section: "enterprise", roles: ["entrepreneur"] },
  { to: "/cooperatives", label: "nav.coop.queue", section: "enterprise", roles: ["staff"] },
  { to: "/cooperatives/directory", label: "nav.coop.directory", section: "enterprise", public: true },
  { to: "/partnerships/fit", label: "nav.partnerships.fit", section: "enterprise", roles: ["company_rep"] },
  { to: "/partnerships/challenges", label: "nav.partnerships.challenges", section: "enterprise", roles: ["industry_rep", "company_rep", "staff"] },
  { to: "/partnerships", label: "nav.partnerships.list", section: "enterprise", roles: ["company_rep", "industry_rep", "staff"] },
  { to: "/partnerships/mine", label: "nav.partnerships.mine", section: "enterprise", roles: ["company_rep", "industry_rep"] },
  { to: "/partnerships/companies", label: "nav.partnerships.companies", section: "enterprise", roles: ["staff", "industry_rep"] },
  { to: "/partnerships/industries", label: "nav.partnerships.industries", section: "enterprise", roles: ["staff"] },
  { to: "/partnerships/overview", label: "nav.partnerships.overview", section: "enterprise", roles: ["staff"] },
  { to: "/agenda/obstacles", label: "nav.agenda.obstacles", section: "employment", roles: ["staff", "agency_officer"] },
  { to: "/agenda", label: "nav.agenda.board", section: "employment", roles: ["staff"] },
  { to: "/agenda/meeting", label: "nav.agenda.meeting", section: "employment", roles: ["staff"] },
  { to: "/partnerships/weights", label: "nav.partnerships.weights", section: "enterprise", roles: ["staff"] },
  { to: "/partnerships/showcase", label: "nav.partnerships.showcase", section: "enterprise", public: true },
  { to: "/training", label: "nav.training", section: "jobs", roles: ["entrepreneur", "job_seeker", "counsellor", "training_manager", "staff"] },
  { to: "/training/mine", label: "nav.training.mine", section: "jobs", roles: ["entrepreneur", "job_seeker"] },
  { to: "/training/providers", label: "nav.training.providers", section: "jobs", roles: ["staff"] },
  { to: "/seekers", label: "nav.seekers", section: "jobs", roles: ["counsellor", "staff"] },
  { to: "/seekers/me", label: "nav.seekers.me", section: "jobs", roles: ["job_seeker"] },
  { to: "/vacancies", label: "nav.vacancies", section: "jobs", roles: ["counsellor", "employer", "job_seeker", "staff"] },
  { to: "/employment/dashboard", label: "nav.employment", section: "employment", roles: ["staff", "admin"] },
  { to: "/employment/queue", label: "nav.employment.queue", section: "employment", roles: ["staff", "admin"] },
  { to: "/employment/enterprises", label: "nav.employment.enterprises", section: "employment", roles: ["staff", "admin"] },
  { to: "/employment/targets", label: "nav.employment.targets", section: "employment", roles: ["staff"] }, // admins may not revise targets (403)
  { to: "/employment", label: "nav.publicEmployment", section: "employment", public: true },
  { to: "/chairs", label: "nav.chairs", section: "universities", public: true },
  { to: "/chairs/manage", label: "nav.chairs.manage", section: "universities", roles: ["chair_manager", "staff"] },
  { to: "/chairs/ranking", label: "nav.chairs.ranking", section: "universities", roles: ["staff"] },
  { to: "/admin/users", label: "nav.admin.users", section: "admin", roles: ["admin"] },
  { to: "/admin/reference/counties", label: "nav.admin.reference", section: "admin", roles: ["admin"] },
  { to: "/admin/audit", label: "nav.admin.audit", section: "admin", roles: ["admin"] },
  { to: "/admin/outbox", label: "nav.admin.outbox", section: "admin", roles: ["admin"] },
  { to: "/account", label: "nav.account", section: "me" },
  { to: "/account/email", label: "prefs.title", section: "me" },
  { to: "/files", label: "nav.files", section: "me" },
  { to: "/notifications", label: "nav.notifications", section: "me" },
];

/** The entries a visitor with these roles sees (null: anonymous), in NAV order. */
export function navFor(roles: Role[] | null): NavItem[] {
  if (!roles) return NAV.filter((i) => i.public);
  return NAV.filter((i) => i.public || !i.roles || i.roles.some((r) => roles.includes(r)));
}

/** The same entries grouped by section, in SECTIONS order, empty sections left out. */
export function navSections(roles: Role[] | null) {
  const items = navFor(roles);
  return SECTIONS.map((s) => ({ ...s, items: items.filter((i) => i.section === s.id) })).filter((s) => s.items.length > 0);
}

/** Task sections (every section but "me") a visitor sees; with home, at most 7 entries per role. */
export function taskSections(roles: Role[] | null) {
  return navSections(roles).filter((s) => s.id !== "me");
}

/** The menu entry a page falls under: the longest entry path that is the page's path or above it. */
function entryOf(pathname: string): NavItem | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  let best: NavItem | null = null;
  for (const item of NAV) {
    if ((path === item.to || path.startsWith(item.to + "/")) && (!best || item.to.length > best.to.length)) best = item;
  }
  return best;
}

/**
 * The section of the page at `pathname`: its menu entry's (/cases/12 is in "cases", /employment/queue
 * in "employment"). Entries of every role count, so a page reached by a link still marks its section.
 * Null for pages outside every section (home, login).
 */
export function sectionOf(pathname: string): SectionId | null {
  return entryOf(pathname)?.section ?? (pathname.startsWith("/admin/") ? "admin" : null);
}

/** Pages outside the menu that still have a name of their own (for the page title). */
const PAGE_TITLES: Record<string, string> = {
  "/home": "nav.home",
  "/login": "nav.login",
  "/signup": "nav.signup",
};

/** The i18n key naming the page at `pathname` in its <title>: its own name, else its menu entry's; null for the landing page. */
export function pageTitleKey(pathname: string): string | null {
  return PAGE_TITLES[pathname.replace(/(.)\/+$/, "$1")] ?? entryOf(pathname)?.label ?? null;
}
