import { describe, expect, it } from "vitest";
import { stageTable } from "./homes.server";

describe("the staff home's cases per stage", () => {
  it("puts stages in the workflow's order, a count per kind (0 where a kind has none), and leaves out empty stages", () => {
    const rows = stageTable([
      { kind: "consulting", status: "graduated", n: 4 },
      { kind: "business_emergency", status: "triage", n: 2 },
      { kind: "acceleration", status: "intake", n: 7 },
      { kind: "business_emergency", status: "intake", n: 1 },
    ]);
    expect(rows).toEqual([
      { status: "intake", counts: { acceleration: 7, consulting: 0, business_emergency: 1 } },
      { status: "triage", counts: { acceleration: 0, consulting: 0, business_emergency: 2 } },
      { status: "graduated", counts: { acceleration: 0, consulting: 4, business_emergency: 0 } },
    ]);
  });
});
