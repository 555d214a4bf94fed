// The built app as a child process, for the operations tests (crash, backup, two instances, the
// background import): a free port, server.mjs started in production mode with the given environment,
// waiting until it answers, signing in through the login form, and scratch PostgreSQL databases.
// Every child and database is registered for `stopAll()` (call it in afterAll).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export const root = path.resolve(__dirname, "../..");

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** Kills every child still running (SIGKILL) and runs the registered clean-ups, newest first. */
export async function stopAll() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  children.length = 0;
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
}

/** Runs `fn` in stopAll(), after the children are gone. */
export function onStop(fn: () => Promise<void>) {
  cleanups.push(fn);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface App {
  origin: string;
  child: ChildProcess;
  log: () => string;
  /** Resolves when `readyPath` answers 200; rejects with the log when the process ends first. */
  ready: Promise<void>;
  /** Resolves when the process has ended (at once if it has). */
  exited: () => Promise<void>;
}

/**
 * Starts `node server.mjs` (the production build: run `npx remix build` first) on a free port. The
 * environment defaults to production mode with jobs off; `env` overrides (undefined removes a variable).
 * Returns at once; await `app.ready` (or use startApp).
 */
export async function spawnApp(env: Record<string, string | undefined>, opts: { readyPath?: string } = {}): Promise<App> {
  if (!fs.existsSync(path.join(root, "build/index.js"))) throw new Error("run `npx remix build` first");
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const merged: Record<string, string | undefined> = {
    ...process.env, NODE_ENV: "production", SECURE_COOKIES: "false", SESSION_SECRET: "app-process-secret-app-process-secret",
    FILES_SHARED: "true", JOBS: "off", PORT: String(port), PUBLIC_URL: origin, ...env,
  };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const child = spawn(process.execPath, ["server.mjs"], { cwd: root, env: merged as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const ended = new Promise<void>((r) => child.once("exit", () => r()));
  const readyPath = opts.readyPath ?? "/readyz";
  const ready = (async () => {
    for (let i = 0; i < 480; i++) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      const s = await fetch(`${origin}${readyPath}`).then((r) => r.status, () => 0);
      if (s === 200) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the app did not start:\n${out}`);
  })();
  ready.catch(() => {}); // the caller awaits it; an unawaited rejection must not end the run
  return {
    origin, child, log: () => out, ready,
    exited: () => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : ended),
  };
}

/** spawnApp and wait until it answers. */
export async function startApp(env: Record<string, string | undefined>, opts: { readyPath?: string } = {}): Promise<App> {
  const app = await spawnApp(env, opts);
  await app.ready;
  return app;
}

export const formHeaders = (origin: string, cookie = "") => ({ Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" });

/** Signs in through the login form; returns the session cookie ("sid=…"). */
export async function signIn(app: Pick<App, "origin">, email: string, password = "demo-pass-1401"): Promise<string> {
  const res = await fetch(`${app.origin}/login`, { method: "POST", redirect: "manual", headers: formHeaders(app.origin), body: new URLSearchParams({ email, password }) });
  const sid = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("sid="));
  if (!sid) throw new Error(`login failed: ${res.status}`);
  return sid;
}

/** Runs one statement on the server's maintenance database (DATABASE_URL). */
export async function adminQuery(q: string) {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

/** The URL of database `name` on the DATABASE_URL server. */
export function databaseUrl(name: string) {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates an empty PostgreSQL database `<prefix>_<random>` (dropped by stopAll); returns its URL. */
export async function scratchDatabase(prefix: string) {
  const name = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  onStop(() => adminQuery(`drop database if exists ${name} with (force)`));
  return databaseUrl(name);
}
