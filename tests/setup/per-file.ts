import fs from "node:fs";
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { connect, type Connection } from "../../db/connect";

// The per-user limits on exports and searches (decision 0050) are tested on their own in
// tests/security/heavy-limits.test.ts, which sets small buckets; every other file (the route x role
// matrix asks one user for ~20 exports within a minute) runs with limits out of reach, reset here
// before each file so one file's setting never leaks into the next in the same worker.
process.env.EXPORTS_PER_MINUTE = "1000000";
process.env.SEARCHES_PER_MINUTE = "1000000";

// Each test file gets its own database, created on first use (pure unit tests pay nothing):
// a clone of the migrated template on real PostgreSQL, or a PGlite loaded from the snapshot.
const g = globalThis as { __portalDb?: Promise<Connection> };
let created: { conn: Promise<Connection>; dbName?: string } | undefined;

async function create(): Promise<{ conn: Connection; dbName?: string }> {
  if (inject("dbMode") === "postgres") {
    const url = process.env.DATABASE_URL!;
    const dbName = `portal_t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${inject("snapshot")}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    process.env.TEST_DATABASE_URL = u.toString();
    return { conn: await connect({ databaseUrl: u.toString(), max: 5 }), dbName };
  }
  const snapshot = fs.readFileSync(inject("snapshot"));
  return { conn: await connect({ dataDir: undefined, loadDataDir: new Blob([snapshot]) }) };
}

Object.defineProperty(g, "__portalDb", {
  configurable: true,
  get() {
    if (!created) {
      const p = create();
      created = { conn: p.then((x) => x.conn) };
      void p.then((x) => (created!.dbName = x.dbName)).catch(() => {});
    }
    return created.conn;
  },
  set() {
    throw new Error("tests own the database connection");
  },
});

afterAll(async () => {
  if (!created) return;
  const conn = await created.conn;
  await conn.close();
  if (created.dbName) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL! });
    await admin.connect();
    // Closed clients may still be on their way out: dropping WITH (FORCE) at once made the server
    // kill a closing connection, whose FATAL message surfaced as an unhandled error in the file.
    // Wait for them (a plain DROP fails while anyone is connected), then force as a last resort.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${created.dbName}${attempt >= 40 ? " WITH (FORCE)" : ""}`);
        break;
      } catch (e) {
        if (attempt >= 40) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await admin.end();
  }
});
