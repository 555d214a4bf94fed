import { describe, expect, it } from "vitest";
import { catalogs } from "~/i18n/catalog";
import { NAV, SECTIONS, canOpen, navFor, navSections, pageTitleKey, sectionOf, taskSections, type NavHolding } from "./nav";
import { ROLES, ROLE_UNITS, type Role } from "./roles";

/** A role held as the demo holds it: in the first kind of unit it may be held in (staff: the directorate). */
const as = (role: Role): NavHolding[] => [{ role, orgKind: ROLE_UNITS[role][0] ?? null }];
const centreStaff: NavHolding[] = [{ role: "staff", orgKind: "centre" }];

describe("navigation by task", () => {
  it("shows no role more than 7 top-level entries (home and its task sections; the account menu sits beside the bell)", () => {
    for (const role of ROLES) {
      const entries = 1 + taskSections(as(role)).length;
      expect(entries, `${role}: ${taskSections(as(role)).map((s) => s.id).join(", ")}`).toBeLessThanOrEqual(7);
    }
  });

  it("gives staff one employment section holding the staff dashboard and the public page", () => {
    const employment = navSections(as("staff")).find((s) => s.id === "employment")!;
    expect(employment.items.map((i) => i.to)).toEqual(expect.arrayContaining(["/employment/dashboard", "/employment"]));
    expect(navSections(as("staff")).filter((s) => s.id === "employment")).toHaveLength(1);
  });

  it("derives entries from the permission table, not role names: the directorate's pages only for the directorate", () => {
    const paths = (roles: NavHolding[]) => navFor(roles).map((i) => i.to);
    expect(paths(as("staff"))).toContain("/employment/targets");
    expect(paths(centreStaff)).not.toContain("/employment/targets");
    expect(paths(centreStaff)).toContain("/employment/queue");
    expect(paths(as("admin"))).not.toContain("/employment/targets");
    expect(paths(as("admin"))).toEqual(expect.arrayContaining(["/employment/dashboard", "/admin/users"]));
    expect(paths(as("company_rep"))).not.toContain("/partnerships/companies"); // its own company only: no list
    expect(paths(as("industry_rep"))).toContain("/partnerships/companies");
    expect(paths(as("entrepreneur"))).not.toContain("/agenda/obstacles"); // own obstacles only: reached from the record
    expect(canOpen(null, { permission: "read:employment" })).toBe(false);
    expect(canOpen([], {})).toBe(true); // every signed-in user
    expect(canOpen(as("mentor"), { permission: ["manage:user", "review:idea"] })).toBe(true); // any of a list
  });

  it("shows anonymous visitors only public entries", () => {
    expect(navSections(null).flatMap((s) => s.items).every((i) => i.public)).toBe(true);
  });

  it("marks the section of pages below an entry, by the longest entry", () => {
    expect(sectionOf("/cases/12")).toBe("cases");
    expect(sectionOf("/cases/mentors")).toBe("cases");
    expect(sectionOf("/employment/queue")).toBe("employment");
    expect(sectionOf("/employment/enterprises/5/edit")).toBe("employment");
    expect(sectionOf("/staff/calls/3")).toBe("ideas");
    expect(sectionOf("/admin/reference/sectors")).toBe("admin");
    expect(sectionOf("/chairs/4/report")).toBe("universities");
    expect(sectionOf("/home")).toBeNull();
    expect(sectionOf("/casesx")).toBeNull();
  });

  it("names every page for its title: own name, else its menu entry's", () => {
    expect(pageTitleKey("/login")).toBe("nav.login");
    expect(pageTitleKey("/cases/12")).toBe("nav.cases");
    expect(pageTitleKey("/cases/mentors/")).toBe("nav.cases.capacity");
    expect(pageTitleKey("/")).toBeNull();
  });

  it("has a label in both languages for every entry and section", () => {
    for (const key of [...NAV.map((i) => i.label), ...SECTIONS.map((s) => s.label)]) {
      expect(catalogs.fa, key).toHaveProperty([key]);
      expect(catalogs.en, key).toHaveProperty([key]);
    }
  });

  // The menu is worked out once per combination of holdings (decision 0036): it must follow the
  // holdings of the request, never those of an earlier one.
  it("answers each set of holdings its own menu, whatever was asked before (a role given or taken back)", () => {
    const entries = (roles: NavHolding[] | null) => navSections(roles).flatMap((s) => s.items.map((i) => i.to));
    const fresh = (roles: NavHolding[] | null) => {
      const items = navFor(roles);
      return SECTIONS.flatMap((s) => items.filter((i) => i.section === s.id).map((i) => i.to));
    };
    const seen = [null, as("entrepreneur"), [...as("entrepreneur"), ...as("staff")], as("entrepreneur"), centreStaff, as("staff"), [], centreStaff];
    for (const roles of seen) expect(entries(roles), JSON.stringify(roles)).toEqual(fresh(roles));
    expect(entries(as("entrepreneur"))).not.toContain("/staff/ideas");
    expect(entries([...as("entrepreneur"), ...as("staff")])).toContain("/staff/ideas");
    expect(entries(centreStaff)).not.toContain("/employment/targets"); // the unit's kind counts, not only the role
    expect(entries(as("staff"))).toContain("/employment/targets");
    expect(entries([...as("staff"), ...as("mentor")])).toEqual(entries([...as("mentor"), ...as("staff")]));
  });
});
