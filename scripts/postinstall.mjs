// npm's postinstall, after the patches: the embedded database's template for a fast first `npm start`
// (decision 0046). It is an optimisation: when it cannot be made (no dev dependencies, a read-only
// folder, PGLITE_TEMPLATE=off) the install still succeeds and the first start runs initdb itself.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const tsx = "node_modules/.bin/tsx";
if (process.env.PGLITE_TEMPLATE !== "off" && fs.existsSync(tsx)) {
  const made = spawnSync(tsx, ["scripts/pglite-template.ts"], { stdio: "inherit" });
  if (made.status !== 0) console.warn("embedded database template not made; the first `npm start` will run initdb (slower)");
}
