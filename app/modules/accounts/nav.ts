import type { Role } from "./roles";

export interface NavItem {
  to: string;
  label: string;
  roles?: Role[]; // shown to holders of any of these roles; absent: every signed-in user
  public?: boolean; // shown to anonymous visitors too
}

// Role-aware navigation; modules add their entries here. The server still checks every page.
export const NAV: NavItem[] = [
  { to: "/home", label: "nav.home" },
  { to: "/files", label: "nav.files" },
  { to: "/calls", label: "nav.calls", public: true },
  { to: "/ideas", label: "nav.ideas.mine", roles: ["entrepreneur"] },
  { to: "/reviews", label: "nav.ideas.reviews", roles: ["mentor"] },
  { to: "/staff/ideas", label: "nav.ideas.queue", roles: ["staff"] },
  { to: "/staff/calls", label: "nav.ideas.calls", roles: ["staff"] },
  { to: "/cases", label: "nav.cases", roles: ["entrepreneur", "mentor", "staff"] },
  { to: "/cases/emergency", label: "nav.cases.emergency", roles: ["entrepreneur"] },
  { to: "/cases/mentors", label: "nav.cases.capacity", roles: ["staff"] },
  { to: "/admin/users", label: "nav.admin.users", roles: ["admin"] },
  { to: "/admin/reference/counties", label: "nav.admin.reference", roles: ["admin"] },
  { to: "/admin/audit", label: "nav.admin.audit", roles: ["admin"] },
  { to: "/employment/dashboard", label: "nav.employment", roles: ["staff", "admin"] },
  { to: "/employment", label: "nav.publicEmployment", public: true },
  { to: "/chairs", label: "nav.chairs", public: true },
  { to: "/chairs/manage", label: "nav.chairs.manage", roles: ["chair_manager", "staff"] },
  { to: "/chairs/ranking", label: "nav.chairs.ranking", roles: ["staff"] },
  { to: "/account", label: "nav.account" },
];

export function navFor(roles: Role[] | null): NavItem[] {
  if (!roles) return NAV.filter((i) => i.public);
  return NAV.filter((i) => !i.roles || i.roles.some((r) => roles.includes(r)));
}
