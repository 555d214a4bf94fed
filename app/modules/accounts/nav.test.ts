import { describe, expect, it } from "vitest";
import { catalogs } from "~/i18n/catalog";
import { NAV, SECTIONS, navSections, pageTitleKey, sectionOf, taskSections } from "./nav";
import { ROLES } from "./roles";

describe("navigation by task", () => {
  it("shows no role more than 7 top-level entries (home and its task sections; the account menu sits beside the bell)", () => {
    for (const role of ROLES) {
      const entries = 1 + taskSections([role]).length;
      expect(entries, `${role}: ${taskSections([role]).map((s) => s.id).join(", ")}`).toBeLessThanOrEqual(7);
    }
  });

  it("gives staff one employment section holding the staff dashboard and the public page", () => {
    const employment = navSections(["staff"]).find((s) => s.id === "employment")!;
    expect(employment.items.map((i) => i.to)).toEqual(expect.arrayContaining(["/employment/dashboard", "/employment"]));
    expect(navSections(["staff"]).filter((s) => s.id === "employment")).toHaveLength(1);
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
});
