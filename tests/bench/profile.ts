/**
 * A CPU profile of one page under load (decision 0036): where a request's server CPU goes.
 *
 *   BENCH_DB=portal_bench_perf npx tsx tests/bench/profile.ts /notifications --role staff [--seconds 10] [--out dir]
 *   BENCH_DB=portal_bench_perf npx tsx tests/bench/profile.ts /employment.json --conditional   (its 304: If-None-Match with the probe's ETag)
 *
 * Needs a bench database `npm run bench` has prepared and a build copy in build/index.js (run
 * `npx remix build` first). Starts the built app (tests/bench/app-server.mjs) with `node --cpu-prof`,
 * signs the role's demo user in (or `--role <email>`, a demo user of that address; no --role: anonymous), runs autocannon (10 connections) on the path,
 * stops the app, and prints the server's CPU ms a request plus the functions and the packages that took
 * the most CPU (self time, and inclusive time of app frames). The .cpuprofile stays in --out for
 * Chrome DevTools.
 *
 * --statements: also PostgreSQL's side of the measured run, per statement, in ms a request: planning
 * and execution from pg_stat_statements (decision 0062). Needs the extension on the server, once:
 *   psql -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" \
 *        -c "ALTER SYSTEM SET pg_stat_statements.track_planning = on"   # then restart PostgreSQL
 * The statistics are reset before the run, so do not profile two pages at once.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seeds/demo";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: "string" }, seconds: { type: "string", default: "10" }, out: { type: "string", default: ".cache/profile" }, top: { type: "string", default: "25" }, conditional: { type: "boolean", default: false }, statements: { type: "boolean", default: false } },
});
const pagePath = positionals[0] ?? "/";
const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const bench = Object.assign(new URL(server), { pathname: `/${process.env.BENCH_DB || "portal_bench"}` }).toString();
const outDir = path.resolve(root, opts.out!);
fs.mkdirSync(outDir, { recursive: true });
const buildCopy = path.join(root, ".cache/bench", `profile-${process.pid}.js`);
fs.mkdirSync(path.dirname(buildCopy), { recursive: true });
fs.copyFileSync(path.join(root, "build/index.js"), buildCopy);

function cpuTimeMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const before = new Set(fs.readdirSync(outDir));
const child = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${outDir}`, path.join(root, "tests/bench/app-server.mjs")], {
  cwd: root,
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: bench, SESSION_SECRET: crypto.randomBytes(24).toString("hex"), BENCH_BUILD: buildCopy, FILES_SHARED: "true", PORT: "0", BENCH_MAX_SECONDS: "600" },
  stdio: ["pipe", "pipe", "inherit"],
});
const port = await new Promise<number>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("app did not start in 60 s")), 60_000);
  child.stdout!.on("data", (b: Buffer) => {
    const m = /listening (\d+)/.exec(b.toString());
    if (m) { clearTimeout(timer); resolve(Number(m[1])); }
  });
});
const base = `http://127.0.0.1:${port}`;
const headers: Record<string, string> = {};
if (opts.role) {
  const u = opts.role.includes("@") ? { email: opts.role } : DEMO_USERS.find((d) => d.role === opts.role);
  if (!u) throw new Error(`no demo user has the role ${opts.role}`);
  const res = await fetch(`${base}/login`, { method: "POST", redirect: "manual", headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email: u.email, password: DEMO_PASSWORD, next: "" }) });
  const sid = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("sid="));
  if (!sid) throw new Error(`login failed: ${res.status}`);
  headers.Cookie = sid;
}
// The ETag depends on Accept-Language, which fetch sets ("*") and autocannon does not: send one.
if (opts.conditional) headers["Accept-Language"] = "fa";
const probe = await fetch(base + pagePath, { headers, redirect: "manual" });
const html = await probe.text();
console.log(`probe ${pagePath}: HTTP ${probe.status}, ${html.length} chars`);
// --conditional: profile the revalidation of a public page (a 304 to the probe's ETag, decision 0034).
if (opts.conditional) {
  const tag = probe.headers.get("etag");
  if (!tag) throw new Error(`${pagePath} answered without an ETag`);
  headers["If-None-Match"] = tag;
}
type Outcome = { requests: { total: number }; duration: number; non2xx: number };
const run = (seconds: number) => new Promise<Outcome>((resolve, reject) => autocannon({ url: base + pagePath, connections: 10, duration: seconds, headers }, (e, r) => (e ? reject(e) : resolve(r))));
await run(2);
const stats = opts.statements ? await statementStats() : undefined;
await stats?.reset();
const cpu0 = cpuTimeMs(child.pid!);
// V8's profile clock and process.hrtime are both CLOCK_MONOTONIC (µs): only the run's samples count.
const t0 = Number(process.hrtime.bigint() / 1000n);
const r = await run(Number(opts.seconds));
const t1 = Number(process.hrtime.bigint() / 1000n);
const cpu = cpuTimeMs(child.pid!) - cpu0;
const n = r.requests.total;
console.log(`${pagePath}: ${n} requests, ${(n / r.duration).toFixed(0)} req/s, cpu ${(cpu / n).toFixed(2)} ms/req, non-2xx ${r.non2xx}`);
if (stats) await stats.report(n);
child.stdin!.end();
await new Promise((res) => child.on("exit", res));
fs.rmSync(buildCopy, { force: true });

// ---------------------------------------------------------------- summary
const file = fs.readdirSync(outDir).find((f) => !before.has(f) && f.endsWith(".cpuprofile"));
if (!file) throw new Error("no profile written");
const named = path.join(outDir, `${pagePath.replace(/[^a-z0-9]+/gi, "_")}-${opts.role ?? "anon"}.cpuprofile`);
fs.renameSync(path.join(outDir, file), named);
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount: number }
const prof = JSON.parse(fs.readFileSync(named, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
const byId = new Map(prof.nodes.map((x) => [x.id, x]));
const parent = new Map<number, number>();
for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const selfUs = new Map<number, number>();
let clock = prof.startTime;
prof.samples.forEach((id, i) => {
  clock += prof.timeDeltas[i] ?? 0;
  if (clock >= t0 && clock <= t1) selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
});
const where = (u: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (m) return m[1];
  if (u.includes("/build/") || u.includes(".cache/bench")) return "app (build)";
  if (u.startsWith("node:") || u === "") return u || "(native)";
  return path.relative(root, u.replace("file://", ""));
};
const label = (x: Node) => `${x.callFrame.functionName || "(anon)"} ${where(x.callFrame.url)}:${x.callFrame.lineNumber + 1}`;
let busy = 0;
const selfByFn = new Map<string, number>();
const selfByPkg = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const x = byId.get(id)!;
  if (x.callFrame.functionName === "(idle)") continue;
  busy += us;
  selfByFn.set(label(x), (selfByFn.get(label(x)) ?? 0) + us);
  selfByPkg.set(where(x.callFrame.url) || x.callFrame.functionName, (selfByPkg.get(where(x.callFrame.url) || x.callFrame.functionName) ?? 0) + us);
  // inclusive: each distinct app-code frame on the stack gets the sample once
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!;
    if (!f.callFrame.url.includes("profile-") || !f.callFrame.functionName) continue;
    const l = label(f);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + us);
  }
}
const top = Number(opts.top);
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (% of busy CPU, ms/request)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000 / n).toFixed(3)}  ${k}`);
};
console.log(`profile ${path.relative(root, named)}: busy ${(busy / 1000).toFixed(0)} ms in the run, ${(busy / 1000 / n).toFixed(2)} ms/request (main thread)`);
show("self time by package", selfByPkg);
show("self time by function", selfByFn);
show("inclusive time of app functions", inclusive);

/** pg_stat_statements in the bench database: reset before the measured run, per request after it. */
async function statementStats() {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: bench });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await client.query("SELECT 1 FROM pg_stat_statements LIMIT 1");
  } catch (e) {
    await client.end();
    throw new Error(`--statements needs pg_stat_statements loaded by the server (see the header of this file): ${(e as Error).message}`);
  }
  return {
    reset: async () => void (await client.query("SELECT pg_stat_statements_reset()")),
    async report(requests: number) {
      const { rows } = await client.query<{ calls: string; plan: number; exec: number; query: string }>(
        `SELECT calls, total_plan_time AS plan, total_exec_time AS exec, regexp_replace(query, '\\s+', ' ', 'g') AS query
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         ORDER BY total_plan_time + total_exec_time DESC`,
      );
      await client.end();
      const per = (ms: number) => (ms / requests).toFixed(3).padStart(7);
      const sum = (k: "plan" | "exec") => rows.reduce((a, x) => a + Number(x[k]), 0);
      console.log(`\nPostgreSQL per request (ms; under load, so waiting for a core counts too): planning ${per(sum("plan")).trim()}, execution ${per(sum("exec")).trim()}`);
      console.log(`  calls/req  planning  execution  statement`);
      for (const x of rows.slice(0, Number(opts.top))) {
        console.log(`  ${(Number(x.calls) / requests).toFixed(2).padStart(9)}  ${per(Number(x.plan))}  ${per(Number(x.exec)).padStart(9)}  ${x.query.slice(0, 120)}`);
      }
    },
  };
}
