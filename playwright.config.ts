import fs from "node:fs";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3210);
const executablePath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? "list" : "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "fa-IR",
    screenshot: "only-on-failure",
    // No click or fill waits longer than this (the default is no limit, so a hidden button held a test
    // until its own timeout, fifteen minutes for the long journeys) and the failure names the action.
    actionTimeout: 30_000,
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: "node tests/e2e/server.mjs",
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    // Mail goes to an SMTP sink that tests/e2e/recovery.spec.ts starts on this port (nothing listens
    // during other specs: their mail waits in the outbox and retries, as it would in production).
    env: { E2E_PORT: String(port), SMTP_URL: process.env.SMTP_URL || `smtp://127.0.0.1:${port + 1000}` },
  },
});
