import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm } from "./forms";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

describe("parseForm messages", () => {
  it("keeps a module's own catalog key, so the field shows what the schema says", () => {
    const schema = z.object({ counties: z.array(z.string()).min(1, "cluster.error.countyRequired") });
    const r = parseForm(z.object({ counties: z.preprocess((v) => (v ? [v] : []), schema.shape.counties) }), form({}));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.counties).toBe("cluster.error.countyRequired");
  });

  it("turns zod's own English messages and unknown keys into the generic invalid-choice key", () => {
    const r = parseForm(z.object({ a: z.string(), b: z.string().min(3, "cluster.error.noSuchKey") }), form({ b: "x" }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.a).toBe("error.invalidChoice");
      expect(r.errors.b).toBe("error.invalidChoice");
    }
  });
});
