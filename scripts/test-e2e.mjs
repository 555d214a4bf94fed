// Runs the Playwright suite with the system Chromium. Outside CI, a machine without a browser
// skips the suite and says so plainly; in CI a missing browser is a failure.
import fs from "node:fs";
import { spawnSync } from "node:child_process";

const browser = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(browser)) {
  if (process.env.CI) {
    console.error(`End-to-end tests need Chromium at ${browser} (apt-get install chromium); CI does not skip them.`);
    process.exit(1);
  }
  console.log(`SKIPPED: end-to-end tests (no Chromium at ${browser}; install Debian's chromium or set CHROMIUM_PATH).`);
  process.exit(0);
}
const r = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 1);
