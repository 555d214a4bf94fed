import { grantLevel, type Level, type Permission, type RoleHolding } from "./roles";

// Navigation by task: a role's pages are grouped in a few sections (issue 17: no role sees more than
// 7 top-level entries: home plus its task sections; "me" is the account menu beside the bell). Modules
// add their entries to NAV with the section they belong to; the header (app/ui/SiteHeader.tsx) renders
// each section as a disclosure (details/summary, no JavaScript needed), a one-entry section as a plain
// link, and on a phone everything behind one menu button. The section holding the current page is
// marked. The server still checks every page: the menu only decides what to show.
//
// Who sees an entry comes from the permission table that guards the page (roles.ts), never from role
// names: an entry names the permission its page's loader requires (and, where the page is the
// directorate's, the level), so a role sees exactly the pages that answer it 200 (issue 10: centre staff
// and admins saw links to pages that answer them 403). tests/security/nav-links.test.ts opens every entry
// as every role. Other links to pages of another module (a module's own link bar) use canOpen() too.

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

/** Who may open a page, in the permission table's terms (the same check its loader makes). */
export interface PageAccess {
  /** The permission the page requires (any of a list); absent: every signed-in user. */
  permission?: Permission | readonly Permission[];
  /**
   * The least level of that grant the page needs: "any" for pages that are the directorate's (an `any`
   * grant, or `scope` held in the directorate, e.g. target revisions), "scope" for pages that are not
   * about one's own records. Absent: any level (`own` included).
   */
  level?: Exclude<Level, "own">;
  /** Shown to anonymous visitors too. */
  public?: boolean;
}

export interface NavItem extends PageAccess {
  to: string;
  label: string;
  section: SectionId;
}

export const NAV: NavItem[] = [
  { to: "/calls", label: "nav.calls", section: "ideas", public: true },
  { to: "/ideas", label: "nav.ideas.mine", section: "ideas", permission: "create:idea" },
  { to: "/reviews", label: "nav.ideas.reviews", section: "ideas", permission: "review:idea" },
  { to: "/staff/ideas", label: "nav.ideas.queue", section: "ideas", permission: "decide:idea" },
  { to: "/staff/calls", label: "nav.ideas.calls", section: "ideas", permission: "manage:call" },
  { to: "/cases", label: "nav.cases", section: "cases", permission: "read:case" },
  { to: "/cases/emergency", label: "nav.cases.emergency", section: "cases", permission: "create:case" },
  { to: "/cases/mentors", label: "nav.cases.capacity", section: "cases", permission: "manage:case" },
  { to: "/micro-businesses", label: "nav.micro", section: "enterprise", permission: "read:micro_business" },
  { to: "/micro-businesses/summary", label: "nav.micro.summary", section: "enterprise", public: true },
  { to: "/cooperatives/mine", label: "nav.coop.mine", section: "enterprise", permission: "create:cooperative" },
  { to: "/cooperatives", label: "nav.coop.queue", section: "enterprise", permission: "decide:cooperative" },
  { to: "/cooperatives/directory", label: "nav.coop.directory", section: "enterprise", public: true },
  { to: "/clusters", label: "nav.cluster.list", section: "enterprise", permission: "read:cluster" },
  { to: "/clusters/directory", label: "nav.cluster.directory", section: "enterprise", public: true },
  { to: "/partnerships/fit", label: "nav.partnerships.fit", section: "enterprise", permission: "create:proposal" },
  { to: "/partnerships/challenges", label: "nav.partnerships.challenges", section: "enterprise", permission: "read:challenge" },
  { to: "/partnerships", label: "nav.partnerships.list", section: "enterprise", permission: "read:partnership" },
  { to: "/partnerships/mine", label: "nav.partnerships.mine", section: "enterprise", permission: "work:partnership" },
  { to: "/partnerships/companies", label: "nav.partnerships.companies", section: "enterprise", permission: "read:company", level: "any" },
  { to: "/partnerships/industries", label: "nav.partnerships.industries", section: "enterprise", permission: "create:industry" },
  { to: "/partnerships/overview", label: "nav.partnerships.overview", section: "enterprise", permission: "read:proposal", level: "any" },
  { to: "/agenda/obstacles", label: "nav.agenda.obstacles", section: "employment", permission: "read:obstacle", level: "scope" },
  { to: "/agenda", label: "nav.agenda.board", section: "employment", permission: "read:agenda" },
  { to: "/agenda/meeting", label: "nav.agenda.meeting", section: "employment", permission: "escalate:obstacle", level: "any" }, // the directorate's: centre staff get 403
  { to: "/agenda/advantages", label: "nav.agenda.advantages", section: "employment", permission: "read:advantage" },
  { to: "/agenda/targets", label: "nav.agenda.targets", section: "employment", permission: "read:agenda" },
  { to: "/agenda/sla", label: "nav.agenda.sla", section: "employment", permission: "tune:obstacle_sla", level: "any" }, // the directorate's (decision 0045)
  { to: "/opportunities", label: "nav.agenda.opportunities", section: "employment", public: true },
  { to: "/partnerships/weights", label: "nav.partnerships.weights", section: "enterprise", permission: "tune:match" },
  { to: "/partnerships/showcase", label: "nav.partnerships.showcase", section: "enterprise", public: true },
  { to: "/training", label: "nav.training", section: "jobs", permission: ["apply:course", "read:course", "enrol:course"] },
  { to: "/training/mine", label: "nav.training.mine", section: "jobs", permission: "apply:course" },
  { to: "/training/providers", label: "nav.training.providers", section: "jobs", permission: "manage:provider" },
  { to: "/seekers", label: "nav.seekers", section: "jobs", permission: "read:seeker", level: "scope" },
  { to: "/seekers/me", label: "nav.seekers.me", section: "jobs", permission: "apply:vacancy" },
  { to: "/vacancies", label: "nav.vacancies", section: "jobs", permission: "read:vacancy" },
  { to: "/placements", label: "nav.placements", section: "jobs", permission: "read:seekers_dashboard" },
  { to: "/employers", label: "nav.employers", section: "jobs", permission: "create:employer" },
  { to: "/vacancies/weights", label: "nav.seekers.weights", section: "jobs", permission: "tune:match" },
  { to: "/employment/dashboard", label: "nav.employment", section: "employment", permission: "read:employment" },
  { to: "/employment/queue", label: "nav.employment.queue", section: "employment", permission: "read:employment" },
  { to: "/employment/enterprises", label: "nav.employment.enterprises", section: "employment", permission: "read:employment" },
  { to: "/employment/targets", label: "nav.employment.targets", section: "employment", permission: "manage:job_target", level: "any" }, // the directorate's: centre staff and admins get 403
  { to: "/employment", label: "nav.publicEmployment", section: "employment", public: true },
  { to: "/chairs", label: "nav.chairs", section: "universities", public: true },
  { to: "/chairs/manage", label: "nav.chairs.manage", section: "universities", permission: "read:chair" },
  { to: "/chairs/ranking", label: "nav.chairs.ranking", section: "universities", permission: "rank:chair" },
  { to: "/admin/users", label: "nav.admin.users", section: "admin", permission: "manage:user" },
  { to: "/admin/reference/counties", label: "nav.admin.reference", section: "admin", permission: "manage:reference" },
  { to: "/admin/audit", label: "nav.admin.audit", section: "admin", permission: "read:audit" },
  { to: "/admin/outbox", label: "nav.admin.outbox", section: "admin", permission: "manage:outbox" },
  { to: "/admin/verification", label: "nav.admin.verification", section: "admin", permission: "manage:user" },
  { to: "/account", label: "nav.account", section: "me" },
  { to: "/account/email", label: "prefs.title", section: "me" },
  { to: "/files", label: "nav.files", section: "me" },
  { to: "/notifications", label: "nav.notifications", section: "me" },
];

/** The role holdings the menu needs (no unit ids: the menu asks about pages, not records). */
export type NavHolding = Pick<RoleHolding, "role" | "orgKind">;

const RANK: Record<Level, number> = { own: 1, scope: 2, any: 3 };

/** May a visitor with these role holdings (null: anonymous) open a page with this access? The permission table decides. */
export function canOpen(roles: readonly NavHolding[] | null, access: PageAccess): boolean {
  if (access.public) return true;
  if (!roles) return false;
  if (!access.permission) return true;
  const holdings = roles.map((r) => ({ role: r.role, orgKind: r.orgKind ?? null, orgUnitId: null }));
  const wanted = typeof access.permission === "string" ? [access.permission] : access.permission;
  return wanted.some((p) => {
    const level = grantLevel(holdings, p);
    return level != null && RANK[level] >= RANK[access.level ?? "own"];
  });
}

/** The entries a visitor with these role holdings sees (null: anonymous), in NAV order. */
export function navFor(roles: readonly NavHolding[] | null): NavItem[] {
  return NAV.filter((i) => canOpen(roles, i));
}

export type NavSection = { id: SectionId; label: string; items: NavItem[] };

// The menu depends only on the role holdings (role and unit kind), never on a record: it is worked out
// once per combination of holdings in this process and shared (every signed-in page renders it).
// NAV and the permission table are fixed in a build. Bounded: holdings come from role_assignments,
// so only a few hundred combinations can exist; past that the oldest half is forgotten.
const MENUS = new Map<string, readonly NavSection[]>();
const MENUS_MAX = 500;

/** The same entries grouped by section, in SECTIONS order, empty sections left out (shared: do not mutate). */
export function navSections(roles: readonly NavHolding[] | null): readonly NavSection[] {
  const key = roles ? `u:${roles.map((r) => `${r.role}/${r.orgKind ?? ""}`).sort().join(",")}` : "anonymous";
  let menu = MENUS.get(key);
  if (!menu) {
    const items = navFor(roles);
    menu = SECTIONS.map((s) => ({ ...s, items: items.filter((i) => i.section === s.id) })).filter((s) => s.items.length > 0);
    if (MENUS.size >= MENUS_MAX) for (const k of [...MENUS.keys()].slice(0, MENUS_MAX / 2)) MENUS.delete(k);
    MENUS.set(key, menu);
  }
  return menu;
}

/** Task sections (every section but "me") a visitor sees; with home, at most 7 entries per role. */
export function taskSections(roles: readonly NavHolding[] | null) {
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
  "/account/verify": "recovery.hold.title",
};

/** The i18n key naming the page at `pathname` in its <title>: its own name, else its menu entry's; null for the landing page. */
export function pageTitleKey(pathname: string): string | null {
  return PAGE_TITLES[pathname.replace(/(.)\/+$/, "$1")] ?? entryOf(pathname)?.label ?? null;
}
