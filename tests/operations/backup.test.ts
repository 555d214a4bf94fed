// Backups (issue 18 item 6): `npm run db:backup` then `npm run db:restore` into a fresh database gives
// back every table with the same number of rows, and the app starts on the restored database. Real
// PostgreSQL (when DATABASE_URL is set, as in CI) and the embedded database both. The scripts run as the
// operator runs them: `tsx scripts/backup.ts ...` in a child process.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../db/seeds/reference";
import { seedDemo } from "../../db/seeds/demo";
import { adminQuery, databaseUrl, onStop, root, scratchDatabase, startApp, stopAll } from "../support/app-process";

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-backup-"));
const tsx = path.join(root, "node_modules/.bin/tsx");
afterAll(async () => {
  await stopAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function script(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(tsx, ["scripts/backup.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: undefined, DATA_DIR: undefined, ...env }, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

/** Rows per table of every schema but the catalogs, as "schema.table" -> count. */
async function rowCounts(conn: Connection): Promise<Record<string, number>> {
  const tables = await sql<{ s: string; t: string }>`
    select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`.execute(conn.db);
  const out: Record<string, number> = {};
  for (const { s, t } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(s, t)}`.execute(conn.db);
    out[`${s}.${t}`] = r.rows[0].n;
  }
  return out;
}

/** Migrated, reference data, and (demo: the whole demo province; else a few users). */
async function seeded(conn: Connection, demo: boolean) {
  await migrateToLatest(conn.db);
  await seedReference(conn.db);
  if (demo) await seedDemo(conn.db);
  else {
    for (let i = 0; i < 7; i++) {
      await conn.db.insertInto("users").values({ email: `backup-${i}@example.org`, full_name: `کاربر پشتیبان ${i}`, password_hash: "x" }).execute();
    }
  }
}

describe("backup and restore, embedded database", () => {
  it("restores every table's rows into a new data folder, and refuses to overwrite one without --replace", async () => {
    const a = path.join(tmp, "a");
    // The embedded database is slow to seed on a busy machine: reference data and a few users.
    const conn = await connect({ dataDir: a });
    await seeded(conn, false);
    const before = await rowCounts(conn);
    await conn.close();
    expect(before["public.users"]).toBeGreaterThan(5);

    const file = path.join(tmp, "embedded.tar.gz");
    const b = script(["backup", file], { DATA_DIR: a });
    expect(b.status, b.out).toBe(0);

    const target = path.join(tmp, "b");
    const r = script(["restore", file], { DATA_DIR: target });
    expect(r.status, r.out).toBe(0);
    const restored = await connect({ dataDir: target });
    try {
      expect(await rowCounts(restored)).toEqual(before);
    } finally {
      await restored.close();
    }

    const again = script(["restore", file], { DATA_DIR: target });
    expect(again.status).not.toBe(0);
    expect(again.out).toContain("--replace");
    const replaced = script(["restore", file, "--replace"], { DATA_DIR: target });
    expect(replaced.status, replaced.out).toBe(0);
    expect(fs.readdirSync(target).some((n) => n.startsWith("pglite.replaced-"))).toBe(true);
  });
});

describe.runIf(process.env.DATABASE_URL)("backup and restore, PostgreSQL", () => {
  it("restores into a fresh database with the same rows in every table, and the app starts on it", async () => {
    const srcUrl = await scratchDatabase("portal_bk_src");
    // The target database does not exist yet: the restore creates it.
    const dst = `portal_bk_dst_${crypto.randomBytes(4).toString("hex")}`;
    onStop(() => adminQuery(`drop database if exists ${dst} with (force)`));
    const dstUrl = databaseUrl(dst);
    const conn = await connect({ databaseUrl: srcUrl, max: 2 });
    await seeded(conn, true);
    const before = await rowCounts(conn);
    await conn.close();

    const file = path.join(tmp, "pg.dump");
    const b = script(["backup", file], { DATABASE_URL: srcUrl });
    expect(b.status, b.out).toBe(0);
    const r = script(["restore", file], { DATABASE_URL: dstUrl });
    expect(r.status, r.out).toBe(0);
    const restored = await connect({ databaseUrl: dstUrl, max: 2 });
    try {
      expect(await rowCounts(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
    const refused = script(["restore", file], { DATABASE_URL: dstUrl });
    expect(refused.status).not.toBe(0);
    expect(refused.out).toContain("--replace");

    // The built app (production mode) starts on the restored database and serves its pages.
    const app = await startApp({ DATABASE_URL: dstUrl }, { readyPath: "/calls" });
    expect((await fetch(`${app.origin}/calls`)).status, app.log()).toBe(200);
    app.child.kill("SIGTERM");
    await app.exited();
  });
});
