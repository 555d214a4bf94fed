/**
 * `npm run bench` — load benchmark of the built app on the real PostgreSQL (not part of `npm test` or CI).
 *
 *   npm run bench                      every scenario in tests/bench/scenarios/
 *   npm run bench -- ideas cases       only these scenarios (plus the baseline)
 *   npm run bench -- --list            list the scenarios
 *   options: --duration <s> (10)  --warmup <s> (3)  --connections <n> (10)  --rounds <n> (5)
 *            --skip-prepare   do not call the scenarios' data generators (data already generated)
 *            --skip-build     reuse build/ as it is
 *            --build-file <f> benchmark this server bundle instead (e.g. another commit's build/index.js,
 *                             to compare before/after; the HTTP layer is this tree's server/app.mjs)
 *            --fresh          drop and recreate the bench database first (generators run again)
 *
 * What one run does, on this machine only (everything listens on 127.0.0.1 and stops by itself):
 *  1. `remix build`, then copies build/index.js to .cache/bench/ so a concurrent build in the shared
 *     tree cannot change the code under test.
 *  2. Database `portal_bench` on the server of $DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 *     created when missing and kept between runs; migrated and seeded through the build's boot() and
 *     seedDemo() (demo users, password demo-pass-1401). Then each selected scenario's prepare(), then ANALYZE.
 *  3. Starts two child processes: a bare Node `http` server (the ceiling) and the built app with
 *     NODE_ENV=production (tests/bench/app-server.mjs, the same boot as server.mjs, job runner included;
 *     `JOBS=off npm run bench ...` measures without it).
 *  4. Baseline: the bare server and the static landing page `/` (no cookie), then every request of the
 *     selected scenarios. Each gets one probe request (its status must be the expected one), a warm-up run,
 *     then --duration seconds of autocannon split into --rounds interleaved rounds (bare, static, page A,
 *     page B, bare, static, ...) so that other load on this shared machine hits every target alike.
 *     Requests per second = responses with the expected status / seconds. p95 is exact: computed from
 *     every response time autocannon reports through its `response` event (autocannon's own summary
 *     has p90/p97.5/p99 but no p95).
 *  5. Prints a table with rps, p50/p95/p99, the server's CPU time per request (user+system from /proc,
 *     much steadier than rps when other processes share the machine), the ratio to the static page,
 *     and PASS/FAIL against each request's targets. Exit code 1 when anything fails. Targets are judged
 *     on req/s and p95 as measured; the CPU column helps tell a slow page from a busy machine.
 *
 * Adding a scenario (no change to this file): create tests/bench/scenarios/<name>.ts with
 *
 *   import { defineScenario } from "../types";
 *   export default defineScenario({
 *     name: "ideas",
 *     async prepare(ctx) {            // optional data generator on ctx.db (Kysely on portal_bench);
 *       ...                           // must be idempotent: check what exists, return quickly if done
 *     },
 *     requests: [
 *       { label: "staff queue", path: "/ideas?status=submitted", role: "staff",
 *         targets: { p95Ms: 100, minRatioToStatic: 0.4 } },
 *       { label: "deep page", path: async (ctx) => `/ideas?after=${await cursorAt(ctx.db, 1000)}`, role: "staff" },
 *     ],
 *   });
 *
 * `role` signs in that role's demo user (db/seeds/demo.ts) by POSTing the login form, or
 * `{ email, password? }` for a user the scenario created. `status` is the expected status (default 200);
 * every other answer counts as a failure. The types are in tests/bench/types.ts; the decision record is
 * docs/decisions/0005-benchmarks.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { sql } from "kysely";
import { connect, type Connection } from "../../db/connect";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seeds/demo";
import type { BenchContext, BenchRequest, BenchRole, BenchTargets, Scenario } from "./types";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const here = path.join(root, "tests/bench");
// BENCH_DB lets engineers working side by side keep their own data sets (default portal_bench).
const BENCH_DB = process.env.BENCH_DB || "portal_bench";

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "5" },
    "skip-prepare": { type: "boolean", default: false },
    "skip-build": { type: "boolean", default: false },
    "build-file": { type: "string" },
    fresh: { type: "boolean", default: false },
    list: { type: "boolean", default: false },
  },
});
const DURATION = Number(opts.duration);
const WARMUP = Number(opts.warmup);
const CONNECTIONS = Number(opts.connections);
const ROUNDS = Number(opts.rounds);
if (!(DURATION > 0 && WARMUP >= 0 && CONNECTIONS > 0 && ROUNDS >= 1)) throw new Error("--duration, --warmup, --connections and --rounds must be positive numbers");

const log = (m: string) => console.log(`[bench] ${m}`);

// ---------------------------------------------------------------- scenarios

async function loadScenarios(): Promise<Scenario[]> {
  const dir = path.join(here, "scenarios");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts")).sort();
  const out: Scenario[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default?: Scenario; scenario?: Scenario };
    const s = mod.default ?? mod.scenario;
    if (!s || typeof s.name !== "string" || !Array.isArray(s.requests)) throw new Error(`tests/bench/scenarios/${f}: export default defineScenario({ name, requests })`);
    if (out.some((o) => o.name === s.name)) throw new Error(`tests/bench/scenarios/${f}: scenario name "${s.name}" is used twice`);
    out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------- processes

const children: ChildProcess[] = [];
let cleanupDone = false;
let buildCopy: string | undefined;

function cleanup() {
  if (cleanupDone) return;
  cleanupDone = true;
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      c.stdin?.end();
      c.kill("SIGTERM");
    }
  }
  if (buildCopy) fs.rmSync(buildCopy, { force: true });
}
process.on("exit", cleanup);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

/** Starts a child that prints "listening <port>"; resolves with the port. Its output is kept for errors. */
function startChild(name: string, script: string, env: Record<string, string>, maxSeconds: number): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, ...env, PORT: "0", BENCH_MAX_SECONDS: String(maxSeconds) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-8000);
  };
  child.stderr!.on("data", keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${output}`)), 60_000);
    child.stdout!.on("data", (b: Buffer) => {
      keep(b);
      const m = /listening (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), child });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
}

// ---------------------------------------------------------------- database

function benchUrl(): { server: string; bench: string } {
  const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const u = new URL(server);
  u.pathname = `/${BENCH_DB}`;
  return { server, bench: u.toString() };
}

async function ensureDatabase(server: string, fresh: boolean) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [BENCH_DB]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE ${BENCH_DB}`);
      log(`created database ${BENCH_DB}`);
    }
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------- sign-in

function userFor(role: BenchRole): { email: string; password: string; key: string } {
  if (typeof role === "object") return { email: role.email, password: role.password ?? DEMO_PASSWORD, key: role.email };
  const u = DEMO_USERS.find((d) => d.role === role);
  if (!u) throw new Error(`no demo user has the role ${role}`);
  return { email: u.email, password: DEMO_PASSWORD, key: role };
}

const cookies = new Map<string, string>();
async function sessionCookie(baseUrl: string, role: BenchRole): Promise<string> {
  const { email, password, key } = userFor(role);
  const cached = cookies.get(key);
  if (cached) return cached;
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, next: "" }),
  });
  const sid = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("sid="));
  if (res.status >= 400 || !sid) throw new Error(`login as ${email} failed: HTTP ${res.status}`);
  cookies.set(key, sid);
  return sid;
}

// ---------------------------------------------------------------- measuring

interface Measurement {
  label: string;
  scenario: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Server CPU (user+system) per response, in ms: far less sensitive to other load than req/s. */
  cpuPerReq: number;
  ok: number;
  bad: number;
  errors: number;
  targets?: BenchTargets;
  problem?: string;
}

const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

function cannon(url: string, headers: Record<string, string>, seconds: number, expected: number): Promise<{ latencies: number[]; ok: number; bad: number; errors: number; duration: number }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let bad = 0;
    const instance = autocannon({ url, connections: CONNECTIONS, pipelining: 1, duration: seconds, timeout: 10, headers }, (err, result) => {
      if (err) return reject(err);
      resolve({ latencies: times, ok: times.length, bad, errors: result.errors + result.timeouts, duration: result.duration });
    });
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status === expected) times.push(ms);
      else bad++;
    });
  });
}

interface Target {
  scenario: string;
  label: string;
  url: string;
  headers: Record<string, string>;
  expected: number;
  targets?: BenchTargets;
  problem?: string;
  /** The server process answering this target (for its CPU time). */
  pid?: number;
  latencies: number[];
  ok: number;
  bad: number;
  errors: number;
  seconds: number;
  cpuMs: number;
}

/** User+system CPU time of a process in ms (Linux /proc; NaN elsewhere). */
function cpuTimeMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100 on Linux
  } catch {
    return NaN;
  }
}

function target(pid: number | undefined, scenario: string, label: string, url: string, headers: Record<string, string>, expected: number, targets?: BenchTargets): Target {
  return { pid, scenario, label, url, headers, expected, targets, latencies: [], ok: 0, bad: 0, errors: 0, seconds: 0, cpuMs: 0 };
}

/** One request first: a wrong status (e.g. a redirect to /login) would otherwise be measured as a fast page. */
async function probe(t: Target) {
  const res = await fetch(t.url, { headers: t.headers, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== t.expected) t.problem = `HTTP ${res.status}, expected ${t.expected}`;
}

async function slice(t: Target, seconds: number) {
  const cpu0 = cpuTimeMs(t.pid);
  const r = await cannon(t.url, t.headers, seconds, t.expected);
  t.cpuMs += cpuTimeMs(t.pid) - cpu0;
  for (const ms of r.latencies) t.latencies.push(ms);
  t.ok += r.ok;
  t.bad += r.bad;
  t.errors += r.errors;
  t.seconds += r.duration;
}

function summarise(t: Target): Measurement {
  const sorted = Float64Array.from(t.latencies).sort();
  const m: Measurement = {
    scenario: t.scenario, label: t.label, targets: t.targets,
    rps: t.seconds ? t.ok / t.seconds : 0,
    p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99),
    cpuPerReq: t.ok ? t.cpuMs / (t.ok + t.bad) : NaN,
    ok: t.ok, bad: t.bad, errors: t.errors, problem: t.problem,
  };
  if (!m.problem && (t.bad || t.errors)) m.problem = `${t.bad} unexpected statuses, ${t.errors} errors/timeouts`;
  return m;
}

/**
 * Warm-up for each target, then ROUNDS rounds; in each round every target gets DURATION/ROUNDS seconds in turn.
 * Interleaving spreads the load of other processes on this shared machine over all targets alike, so the
 * ratios stay meaningful even when the absolute numbers move.
 */
async function measureAll(list: Target[]) {
  const live = list.filter((t) => !t.problem);
  if (WARMUP > 0) for (const t of live) await slice({ ...t, latencies: [] }, WARMUP);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of live) await slice(t, DURATION / ROUNDS);
    log(`round ${round}/${ROUNDS}: ${live.map((t) => `${t.label} ${(t.ok / t.seconds).toFixed(0)}/s`).join(", ")}`);
  }
}

function verdict(m: Measurement, staticRps: number, staticCpu: number): { pass: boolean; notes: string[] } {
  const notes: string[] = [];
  let pass = true;
  if (m.problem) {
    pass = false;
    notes.push(m.problem);
  }
  const t = m.targets;
  if (t?.p95Ms !== undefined) {
    const ok = m.p95 < t.p95Ms;
    pass &&= ok;
    notes.push(`p95 < ${t.p95Ms} ms ${ok ? "ok" : "MISSED"}`);
  }
  if (t?.minRatioToStatic !== undefined) {
    const ok = m.rps / staticRps >= t.minRatioToStatic;
    pass &&= ok;
    notes.push(`>= ${Math.round(t.minRatioToStatic * 100)}% of static ${ok ? "ok" : "MISSED"}`);
  }
  if (t?.maxCpuRatioToStatic !== undefined) {
    const ok = m.cpuPerReq < staticCpu * t.maxCpuRatioToStatic;
    pass &&= ok;
    notes.push(`cpu < ${Math.round(t.maxCpuRatioToStatic * 100)}% of static ${ok ? "ok" : "MISSED"}`);
  }
  return { pass, notes };
}

function printTable(rows: Measurement[], bareRps: number, staticRps: number, staticCpu: number): boolean {
  const header = ["scenario", "request", "req/s", "p50 ms", "p95 ms", "p99 ms", "cpu ms/req", "÷static", "÷bare", "result"];
  const lines: string[][] = [];
  let allPass = true;
  for (const m of rows) {
    const v = verdict(m, staticRps, staticCpu);
    const hasTargets = m.targets && Object.values(m.targets).some((x) => x !== undefined);
    const result = !v.pass ? `FAIL (${v.notes.join("; ")})` : hasTargets ? `PASS (${v.notes.join("; ")})` : "-";
    allPass &&= v.pass;
    lines.push([
      m.scenario, m.label, m.rps.toFixed(0), m.p50.toFixed(1), m.p95.toFixed(1), m.p99.toFixed(1), m.cpuPerReq.toFixed(2),
      `${((m.rps / staticRps) * 100).toFixed(0)}%`, `${((m.rps / bareRps) * 100).toFixed(0)}%`, result,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 8 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  console.log("\n" + fmt(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(fmt(l));
  return allPass;
}

// ---------------------------------------------------------------- main

async function main() {
  const all = await loadScenarios();
  if (opts.list) {
    for (const s of all) console.log(`${s.name.padEnd(16)} ${s.requests.length} request(s)  ${s.description ?? ""}`);
    return 0;
  }
  const unknown = positionals.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(", ")}; available: ${all.map((s) => s.name).join(", ")}`);
  const selected = positionals.length ? all.filter((s) => positionals.includes(s.name)) : all;

  // 1. build, and a private copy of the server bundle
  if (!opts["skip-build"] && !opts["build-file"]) {
    log("remix build");
    const b = spawnSync("npx", ["remix", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    if (b.status !== 0) throw new Error("remix build failed");
  }
  fs.mkdirSync(path.join(root, ".cache/bench"), { recursive: true });
  buildCopy = path.join(root, ".cache/bench", `index-${process.pid}.js`);
  fs.copyFileSync(opts["build-file"] ? path.resolve(opts["build-file"]) : path.join(root, "build/index.js"), buildCopy);

  // 2. the bench database: migrate + reference seed + demo users through the build, then generators
  const { server, bench } = benchUrl();
  await ensureDatabase(server, opts.fresh);
  process.env.DATABASE_URL = bench;
  process.env.NODE_ENV = "test"; // seedDemo refuses production; the app child runs with production
  const g = globalThis as { __portalDb?: Promise<Connection> };
  g.__portalDb = connect({ databaseUrl: bench, max: 4 }); // the build's getDb() and tests/factories share it
  const conn = await g.__portalDb;
  try {
    const build = (await import(pathToFileURL(buildCopy).href)) as { entry: { module: { boot(log: (m: string) => void): Promise<string>; seedDemo(): Promise<void> } } };
    await build.entry.module.boot(() => {});
    await build.entry.module.seedDemo();
    const ctx: BenchContext = { db: conn.db, databaseUrl: bench, baseUrl: "", skipPrepare: opts["skip-prepare"], log: (m) => log(m) };
    if (!opts["skip-prepare"]) {
      for (const s of selected) {
        if (!s.prepare) continue;
        const t0 = Date.now();
        log(`prepare ${s.name}`);
        await s.prepare(ctx);
        log(`prepare ${s.name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
      await sql`ANALYZE`.execute(conn.db);
    }

    // 3. the servers
    const requestCount = 2 + selected.reduce((n, s) => n + s.requests.length, 0);
    const maxSeconds = Math.ceil(requestCount * (WARMUP + DURATION + 5) + 300);
    const sessionSecret = crypto.randomBytes(24).toString("hex");
    const [bare, app] = await Promise.all([
      startChild("bare server", path.join(here, "bare-server.mjs"), {}, maxSeconds),
      startChild("app", path.join(here, "app-server.mjs"), { NODE_ENV: "production", DATABASE_URL: bench, SESSION_SECRET: sessionSecret, BENCH_BUILD: buildCopy, FILES_SHARED: "true" }, maxSeconds),
    ]);
    const bareUrl = `http://127.0.0.1:${bare.port}`;
    ctx.baseUrl = `http://127.0.0.1:${app.port}`;
    // The whole measuring phase is bounded: the runner stops itself if something hangs.
    setTimeout(() => {
      console.error(`[bench] giving up after ${maxSeconds} s`);
      cleanup();
      process.exit(2);
    }, maxSeconds * 1000).unref();

    console.log(
      `\n[bench] ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}, Node ${process.version}\n` +
        `[bench] ${CONNECTIONS} connections; per request ${WARMUP} s warm-up + ${DURATION} s measured in ${ROUNDS} interleaved rounds; p95 exact from every response time\n` +
        `[bench] app ${ctx.baseUrl} (NODE_ENV=production, ${BENCH_DB}, job runner ${process.env.JOBS === "off" ? "off (JOBS=off)" : "on"}), bare ${bareUrl}\n`,
    );

    // 4. baseline, then the scenarios
    const bareT = target(bare.child.pid, "baseline", "bare node http", `${bareUrl}/`, {}, 200);
    const staticT = target(app.child.pid, "baseline", "static page /", `${ctx.baseUrl}/`, {}, 200);
    const list: Target[] = [bareT, staticT];
    for (const s of selected) {
      for (const r of s.requests as BenchRequest[]) {
        const t = target(app.child.pid, s.name, r.label, "", typeof r.headers === "object" ? { ...r.headers } : {}, r.status ?? 200, r.targets);
        try {
          if (typeof r.headers === "function") Object.assign(t.headers, await r.headers(ctx));
          t.url = ctx.baseUrl + (typeof r.path === "function" ? await r.path(ctx) : r.path);
          if (r.role) t.headers.Cookie = await sessionCookie(ctx.baseUrl, r.role);
          await probe(t);
        } catch (e) {
          t.problem = (e as Error).message;
        }
        list.push(t);
      }
    }
    await Promise.all([probe(bareT), probe(staticT)]);
    if (bareT.problem || staticT.problem) throw new Error(`baseline broken: ${bareT.problem ?? ""} ${staticT.problem ?? ""}`);
    await measureAll(list);
    const rows = list.map(summarise);
    const [bareM, staticM] = rows;

    // 5. the table
    const pass = printTable(rows, bareM.rps, staticM.rps, staticM.cpuPerReq);
    const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : "n/a");
    console.log(`\nratios by req/s (and by server CPU per request, which other load on the machine disturbs less):`);
    console.log(`  static/bare ${pct(staticM.rps / bareM.rps)} (${pct(bareM.cpuPerReq / staticM.cpuPerReq)})`);
    for (const m of rows.slice(2)) console.log(`  ${m.scenario} ${m.label}/static ${pct(m.rps / staticM.rps)} (${pct(staticM.cpuPerReq / m.cpuPerReq)})`);
    return pass ? 0 : 1;
  } finally {
    await conn.close();
  }
}

main()
  .then((code) => {
    cleanup();
    process.exit(code);
  })
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    cleanup();
    process.exit(2);
  });
