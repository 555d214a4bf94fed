import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { generateTypes } from "../../db/codegen";
import { migrations } from "../../db/migrations/index";

describe("schema", () => {
  it("db/migrations/index.ts lists every migration file", () => {
    const files = fs
      .readdirSync(path.resolve("db/migrations"))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations).sort()).toEqual(files);
  });

  it("db/types.ts equals the types generated from the migrated schema (run `npm run db:types`)", async () => {
    const generated = await generateTypes(await getDb());
    const committed = fs.readFileSync(path.resolve("db/types.ts"), "utf8");
    expect(committed).toBe(generated);
  });
});
