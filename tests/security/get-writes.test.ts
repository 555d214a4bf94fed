/// <reference types="vite/client" />
// No GET request writes to the database except sessions (the idle timer) and rate limits (issue 18):
// reminders and other side effects run as jobs, never on page views. Every table gets a row trigger
// that logs writes; every GET row of the route x role matrix is then asked by anonymous and by one
// user per role through the real HTTP layer, and any write other than a session touch, a rate-limit
// token or the audit row of a refusal (authz.denied) or of a data export fails the test, naming the route.
import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { ROLES } from "~/modules/accounts/roles";
import { createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "./http-helpers";
import { CENTRE_STAFF_UNIT, type Asker, type MatrixModule, type MatrixUsers } from "./matrix-types";

// Long: every GET row for every role. Quiet CI takes a few minutes; a loaded machine (load 15-20) went past 600 s.
vi.setConfig({ testTimeout: 1_500_000 });

const modules = import.meta.glob<MatrixModule>("./matrix/*.ts", { eager: true });
const ASKERS: Asker[] = ["anonymous", ...ROLES];
const ALLOWED = new Set(["sessions", "rate_limits", "get_writes"]);

let build: ServerBuild;
let server: TestServer;

beforeAll(async () => {
  build = await loadBuild();
  server = await startServer(build);
});
afterAll(async () => {
  await server?.close();
});

async function installTriggers() {
  const db = await getDb();
  await sql`CREATE TABLE IF NOT EXISTS get_writes (id bigint generated always as identity primary key, tbl text not null, op text not null, action text)`.execute(db);
  await sql`CREATE OR REPLACE FUNCTION log_get_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO get_writes (tbl, op, action)
      VALUES (TG_TABLE_NAME, TG_OP, CASE WHEN TG_OP = 'INSERT' AND TG_TABLE_NAME = 'audit_log' THEN to_jsonb(NEW)->>'action' END);
      RETURN NULL;
    END $$`.execute(db);
  const tables = await sql<{ t: string }>`select tablename as t from pg_tables where schemaname = 'public'`.execute(db);
  for (const { t } of tables.rows) {
    if (ALLOWED.has(t) || t.startsWith("kysely_migration")) continue;
    await sql.raw(`CREATE TRIGGER log_get_write AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION log_get_write()`).execute(db);
  }
}

describe("GET requests write nothing", () => {
  it("every GET row of the matrix, asked by anonymous and each role, writes only sessions, rate limits and refusal/export audits", async () => {
    const users = {} as MatrixUsers;
    for (const role of ROLES) {
      const u = await createUser({ role });
      users[role] = { id: u.id, orgUnitId: u.orgUnitId };
    }
    const centreStaff = await createUser({ role: "staff", unit: CENTRE_STAFF_UNIT });
    users.centre_staff = { id: centreStaff.id, orgUnitId: centreStaff.orgUnitId };
    const fixtures = new Map<string, Record<string, string | number>>();
    for (const [file, mod] of Object.entries(modules)) fixtures.set(file, (await mod.setup?.(users).catch(() => ({}))) ?? {});
    await installTriggers();
    const db = await getDb();
    const writes: string[] = [];
    let asked = 0;
    for (const [file, mod] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
      const fx = fixtures.get(file)!;
      for (const row of mod.rows) {
        if ((row.method ?? "GET") !== "GET") continue;
        const p = typeof row.path === "function" ? row.path(fx) : row.path;
        for (const asker of ASKERS) {
          const cookie = asker === "anonymous" ? null : await sessionCookieFor(users[asker].id);
          const before = (await sql<{ m: number }>`select coalesce(max(id), 0)::int as m from get_writes`.execute(db)).rows[0].m;
          await send(server, p, { method: "GET", cookie });
          asked++;
          const got = await sql<{ tbl: string; op: string; action: string | null }>`select tbl, op, action from get_writes where id > ${before} order by id`.execute(db);
          for (const w of got.rows) {
            // Audit rows of a refusal, of a personal-data export (who downloaded the case list) and of
            // a read of a personal record (who opened a job seeker's file) are security records about
            // the read itself, kept on purpose.
            if (w.tbl === "audit_log" && w.op === "INSERT" && (w.action === "authz.denied" || /\.(export|read)$/.test(w.action ?? ""))) continue;
            writes.push(`${file}: GET ${p} as ${asker}: ${w.op} ${w.tbl}${w.action ? ` (${w.action})` : ""}`);
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(100);
    expect([...new Set(writes)]).toEqual([]);
  });
});
