import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { matchRoutes } from "@remix-run/router";

// The framework's per-request route work is done once per build (patches/, decision 0031). These
// tests fail when `npm ci` did not apply the patches (postinstall: patch-package) and check that
// matching still answers what the unpatched router answered.
const require = createRequire(import.meta.url);
const read = (mod: string) => fs.readFileSync(require.resolve(mod), "utf8");

describe("route cost patches", () => {
  it("are applied to the installed framework", () => {
    for (const mod of ["@remix-run/router/dist/router.cjs.js", "@remix-run/router/dist/router.js", "@remix-run/react/dist/server.js",
      "@remix-run/react/dist/esm/server.js", "@remix-run/server-runtime/dist/entry.js", "react-router-dom/server.js", "react-router-dom/server.mjs"]) {
      expect(read(mod), `${mod} is not patched: run \`npx patch-package\` (npm ci runs it as postinstall)`).toContain("decisions/0031-route-cost.md");
    }
  });

  const routes = [
    { id: "root", path: "", children: [
      { id: "index", index: true },
      { id: "cases", path: "cases", children: [{ id: "cases-index", index: true }, { id: "case", path: ":id" }, { id: "case-new", path: "new" }] },
      { id: "csv", path: "employment.csv" },
      { id: "chairs-report", path: "chairs/:id/report.csv" },
      { id: "optional", path: ":lang?/about" },
      { id: "splat", path: "*" },
    ] },
  ];
  const ids = (path: string) => matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

  it("matches static, dynamic, optional, index and splat routes as before, repeatedly", () => {
    for (let round = 0; round < 3; round++) {
      expect(ids("/")).toEqual(["root", "index"]);
      expect(ids("/cases")).toEqual(["root", "cases", "cases-index"]);
      expect(ids("/CASES/new")).toEqual(["root", "cases", "case-new"]);
      expect(ids("/cases/12")).toEqual(["root", "cases", "case"]);
      expect(ids("/employment.csv")).toEqual(["root", "csv"]);
      expect(ids("/chairs/3/report.csv")).toEqual(["root", "chairs-report"]);
      expect(ids("/about")).toEqual(["root", "optional"]);
      expect(ids("/fa/about")).toEqual(["root", "optional"]);
      expect(ids("/nothing/here")).toEqual(["root", "splat"]);
      expect(matchRoutes(routes, "/cases/12")?.[2].params).toEqual({ id: "12" });
    }
  });
});
