import { describe, expect, it } from "vitest";
import { PERMIT_STATUSES, permitChangeAllowed, permitChoices } from "./workflow";

describe("permit workflow", () => {
  it("moves none -> applied -> issued, and renews an expired permit", () => {
    expect(permitChangeAllowed("none", "applied")).toBe(true);
    expect(permitChangeAllowed("applied", "issued")).toBe(true);
    expect(permitChangeAllowed("expired", "applied")).toBe(true);
    expect(permitChangeAllowed("expired", "issued")).toBe(true);
  });

  it("never goes back from an issued permit and never chooses expired on a form", () => {
    expect(permitChangeAllowed("issued", "none")).toBe(false);
    expect(permitChangeAllowed("issued", "applied")).toBe(false);
    expect(permitChangeAllowed("none", "expired")).toBe(false);
    for (const s of PERMIT_STATUSES) expect(permitChoices(s)).not.toContain("expired");
  });
});
