import { describe, expect, it } from "vitest";
import { sourceHref } from "./source";

describe("sourceHref", () => {
  it("links cases, ideas and chairs to their record pages", () => {
    expect(sourceHref("cases", 42)).toBe("/cases/42");
    expect(sourceHref("ideas", "7")).toBe("/ideas/7");
    expect(sourceHref("chairs", " 12 ")).toBe("/chairs/12");
  });
  it("has no link for manual entry, CSV import or programmes without a page", () => {
    expect(sourceHref("manual", null)).toBeNull();
    expect(sourceHref("import", "6f1c0c1e-0000-4000-8000-000000000000:3")).toBeNull();
    expect(sourceHref("placements", 3)).toBeNull();
    expect(sourceHref("constructor", 3)).toBeNull();
    expect(sourceHref(null, 3)).toBeNull();
  });
  it("refuses ids that are not positive integers (no path tricks)", () => {
    expect(sourceHref("cases", null)).toBeNull();
    expect(sourceHref("cases", "")).toBeNull();
    expect(sourceHref("cases", "0")).toBeNull();
    expect(sourceHref("cases", "../admin")).toBeNull();
    expect(sourceHref("cases", "12?x=1")).toBeNull();
    expect(sourceHref("ideas", -5)).toBeNull();
  });
});
