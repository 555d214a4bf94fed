// Crash safety (issue 18 item 7): the built app (server.mjs, production mode) takes a burst of writes
// from parallel clients and is killed with SIGKILL in the middle. Started again on the same database it
// must come up, and every write a client was told succeeded (a redirect to the new record) must be there,
// complete (the record and its audit row, written in one transaction), with nothing half-written (no
// record without its audit row, no audit row without its record). Real PostgreSQL when DATABASE_URL is
// set (CI), and the embedded database (PGlite in a data folder) always.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../db/seeds/reference";
import { seedDemo } from "../../db/seeds/demo";

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

const root = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-crash-"));
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  for (const c of cleanups.reverse()) await c().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

interface App {
  origin: string;
  child: ChildProcess;
  log: () => string;
}

async function startApp(env: Record<string, string | undefined>): Promise<App> {
  expect(fs.existsSync(path.join(root, "build/index.js")), "run `npx remix build` first").toBe(true);
  const port = await freePort();
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", SECURE_COOKIES: "false", SESSION_SECRET: "crash-test-secret-crash-test-secret", FILES_SHARED: "true", JOBS: "off", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) break;
    const s = await fetch(`${origin}/login`).then((r) => r.status, () => 0);
    if (s === 200) return { origin, child, log: () => out };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not start:\n${out}`);
}

async function signIn(app: App, email: string): Promise<string> {
  const res = await fetch(`${app.origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "demo-pass-1401" }),
  });
  const sid = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("sid="));
  if (!sid) throw new Error(`login failed: ${res.status}`);
  return sid;
}

/**
 * Clients create enterprises in parallel until the server dies; returns the acknowledged ones
 * (registration number -> id from the redirect). The server is SIGKILLed after `killAfterMs`.
 */
async function burst(app: App, cookie: string, tag: string, killAfterMs: number) {
  const acknowledged = new Map<string, number>();
  let attempted = 0;
  let dead = false;
  const killer = setTimeout(() => {
    dead = true;
    app.child.kill("SIGKILL");
  }, killAfterMs);
  const client = async (c: number) => {
    for (let i = 0; !dead; i++) {
      const reg = `${tag}${c}x${i}`;
      attempted++;
      try {
        const res = await fetch(`${app.origin}/employment/enterprises/new`, {
          method: "POST",
          redirect: "manual",
          headers: { Origin: app.origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ name: `کارگاه آزمون ${reg}`, registrationNo: reg, kind: "company", county: "tabriz", sector: "C", sizeClass: "small", baselineHeadcount: "3" }),
        });
        const id = /\/employment\/enterprises\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1];
        if (res.status >= 300 && res.status < 400 && id) acknowledged.set(reg, Number(id));
        else if (!dead) throw new Error(`unexpected answer ${res.status} for ${reg}`);
      } catch (e) {
        if (!dead) throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
  clearTimeout(killer);
  console.log(`crash burst ${tag}: ${attempted} writes attempted, ${acknowledged.size} acknowledged before SIGKILL`);
  await new Promise<void>((r) => (app.child.exitCode !== null || app.child.signalCode !== null ? r() : app.child.once("exit", () => r())));
  return { acknowledged, attempted };
}

/** Every acknowledged enterprise is there with its name; every burst enterprise has its audit row and vice versa. */
async function check(conn: Connection, tag: string, acknowledged: Map<string, number>) {
  const rows = await conn.db.selectFrom("enterprises").select(["id", "name", "registration_no"]).where("registration_no", "like", `${tag}%`).execute();
  const byReg = new Map(rows.map((r) => [r.registration_no, r]));
  for (const [reg, id] of acknowledged) {
    const row = byReg.get(reg);
    expect(row, `acknowledged enterprise ${reg} (#${id}) is missing`).toBeDefined();
    expect(row!.id).toBe(id);
    expect(row!.name).toBe(`کارگاه آزمون ${reg}`);
  }
  const ids = rows.map((r) => String(r.id));
  const audited = ids.length
    ? await conn.db.selectFrom("audit_log").select("entity_id").where("action", "=", "enterprise.create").where("entity_id", "in", ids).execute()
    : [];
  expect(new Set(audited.map((a) => a.entity_id))).toEqual(new Set(ids));
  const orphans = await sql<{ n: number }>`
    select count(*)::int as n from audit_log a where a.action = 'enterprise.create'
      and a.details->>'name' like ${`کارگاه آزمون ${tag}%`}
      and not exists (select 1 from enterprises e where e.id::text = a.entity_id)`.execute(conn.db);
  expect(orphans.rows[0].n).toBe(0);
  return rows.length;
}

describe("SIGKILL in the middle of a burst of writes", () => {
  it("the embedded database starts again and keeps every acknowledged write", async () => {
    const dataDir = path.join(tmp, "embedded");
    const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, EVALUATION: "true" };
    const app = await startApp(env);
    const cookie = await signIn(app, "staff@demo.karafarini.ir");
    const tag = `k${crypto.randomBytes(2).toString("hex")}`;
    const { acknowledged, attempted } = await burst(app, cookie, tag, 4000);
    expect(acknowledged.size, app.log()).toBeGreaterThan(3);

    // Started again on the same folder after the kill: it comes up and serves.
    const again = await startApp(env);
    again.child.kill("SIGTERM");
    await new Promise((r) => again.child.once("exit", r));
    const conn = await connect({ dataDir });
    try {
      const stored = await check(conn, tag, acknowledged);
      expect(stored).toBeGreaterThanOrEqual(acknowledged.size);
      expect(stored).toBeLessThanOrEqual(attempted);
    } finally {
      await conn.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)("PostgreSQL keeps every acknowledged write and nothing half-written", async () => {
    const base = process.env.DATABASE_URL!;
    const name = `portal_crash_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    });
    const u = new URL(base);
    u.pathname = `/${name}`;
    const url = u.toString();
    const seed = await connect({ databaseUrl: url, max: 2 });
    await migrateToLatest(seed.db);
    await seedReference(seed.db);
    await seedDemo(seed.db);
    await seed.close();

    const app = await startApp({ DATABASE_URL: url });
    const cookie = await signIn(app, "staff@demo.karafarini.ir");
    const tag = `p${crypto.randomBytes(2).toString("hex")}`;
    const { acknowledged, attempted } = await burst(app, cookie, tag, 3000);
    expect(acknowledged.size, app.log()).toBeGreaterThan(3);
    const again = await startApp({ DATABASE_URL: url });
    again.child.kill("SIGTERM");
    const conn = await connect({ databaseUrl: url, max: 2 });
    try {
      const stored = await check(conn, tag, acknowledged);
      expect(stored).toBeLessThanOrEqual(attempted);
    } finally {
      await conn.close();
    }
  });
});
