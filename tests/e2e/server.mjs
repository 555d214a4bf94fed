// Starts the built app for end-to-end tests on 127.0.0.1:$E2E_PORT with fresh data:
// a new database on the real PostgreSQL when DATABASE_URL is set, else a throwaway PGlite folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const port = Number(process.env.E2E_PORT || 3210);
if (process.env.DATABASE_URL) {
  const base = new URL(process.env.DATABASE_URL);
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  const name = `portal_e2e_${port}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  base.pathname = `/${name}`;
  process.env.DATABASE_URL = base.toString();
} else {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
}
process.env.NODE_ENV = "test";
process.env.PUBLIC_URL ||= `http://127.0.0.1:${port}`;
process.env.SESSION_SECRET ||= "e2e-secret-e2e-secret-e2e-secret";
// The journeys sign up and go straight on (decision 0035's explicit exception); the same answer for a
// new and a taken address, confirmed by mail, is tested in tests/integration/signup-same-answer.test.ts.
process.env.SIGNUP_MAIL_CONFIRM ||= "false";

const build = await import(path.resolve("build/index.js"));
await build.entry.module.boot(() => {});
await build.entry.module.seedDemo();
await build.entry.module.startWorkers(() => {});
const { createApp } = await import(path.resolve("server/app.mjs"));
const server = createApp({ build, production: false }).listen(port, "127.0.0.1", () => console.log(`e2e server on ${port}`));
// As in server.mjs: outlive the client's idle keep-alive, or a reused socket is reset (ECONNRESET).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// Stop by ourselves when Playwright goes away.
const stop = () => server.close(() => build.entry.module.shutdown().finally(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
setTimeout(stop, 45 * 60 * 1000).unref();
