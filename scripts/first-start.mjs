// Measures the first start of the evaluation mode (issue 17 item 1): `node server.mjs --evaluation`
// on an empty DATA_DIR (embedded PGlite, migrations, reference and demo seeds), timed from the spawn
// to the first 200 on `/`; then a second start on the same folder (the everyday start), the same way.
// Run `npx remix build` first. Usage: node scripts/first-start.mjs [--demo=off] [--keep]
// Prints one line per start plus the server's own log lines with their time since spawn.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const demoOff = process.argv.includes("--demo=off");
const quiet = process.argv.includes("--quiet");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-first-start-"));

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

// The child's CPU time so far (user + system, Linux /proc), which a loaded machine does not inflate.
function cpuSeconds(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(f[11]) + Number(f[12])) / 100).toFixed(1);
  } catch {
    return "?";
  }
}

async function start(label) {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, JOBS: "off", DATABASE_URL: "" };
  delete env.DATABASE_URL;
  if (demoOff) env.DEMO_DATA = "off";
  const t0 = performance.now();
  const child = spawn(process.execPath, ["server.mjs", "--evaluation"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const lines = [];
  const stamp = (d) => {
    for (const l of String(d).split("\n").filter(Boolean)) lines.push(`  +${((performance.now() - t0) / 1000).toFixed(1)} s  ${l.slice(0, 160)}`);
  };
  child.stdout.on("data", stamp);
  child.stderr.on("data", stamp);
  const deadline = t0 + 300_000;
  let ms = -1;
  while (performance.now() < deadline && child.exitCode === null) {
    const s = await globalThis.fetch(`http://127.0.0.1:${port}/`).then((r) => r.status, () => 0);
    if (s === 200) {
      ms = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpu = cpuSeconds(child.pid);
  child.kill("SIGTERM");
  await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
  console.log(`${label}: ${ms < 0 ? "did not answer 200" : `first 200 on / after ${(ms / 1000).toFixed(1)} s`}, ${cpu} s of the server's CPU (load ${os.loadavg()[0].toFixed(1)})`);
  if (!quiet || ms < 0) console.log(lines.join("\n"));
  return ms;
}

try {
  const first = await start(`first start${demoOff ? " (DEMO_DATA=off)" : ""}`);
  const second = await start("second start");
  if (first < 0 || second < 0) process.exitCode = 1;
} finally {
  if (!process.argv.includes("--keep")) fs.rmSync(dataDir, { recursive: true, force: true });
  else console.log(`data left in ${dataDir}`);
}
