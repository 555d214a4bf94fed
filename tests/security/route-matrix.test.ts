/// <reference types="vite/client" />
// The route x role matrix: every route in the built server's manifest must have a row in some
// tests/security/matrix/<module>.ts, and every row is asked by anonymous and by one fresh user
// per role, through the real HTTP layer (server/app.mjs), with real session cookies.
// While it does, row triggers on every table record what each GET wrote: a GET may write only the
// session it uses, rate-limit buckets and audit rows of what was read or refused (a refusal, an
// export, a read of a private profile: access logging, not a change). Issue 18: no GET writes.
import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { ROLES } from "~/modules/accounts/roles";
import { createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "./http-helpers";
import { CENTRE_STAFF_UNIT, type Asker, type MatrixModule, type MatrixRow, type MatrixUsers } from "./matrix-types";

// Every request goes through the real HTTP stack and, without DATABASE_URL, an embedded PGlite on a shared
// machine: the first request of a file alone can take half a minute.
vi.setConfig({ testTimeout: 180_000 });

const modules = import.meta.glob<MatrixModule>("./matrix/*.ts", { eager: true });
const ASKERS: Asker[] = ["anonymous", ...ROLES, "centre_staff"];

let build: ServerBuild;
let server: TestServer;

beforeAll(async () => {
  build = await loadBuild();
  server = await startServer(build);
  await recordWrites();
});
afterAll(async () => {
  await server?.close();
});

describe("route x role matrix", () => {
  it("has at least one row for every route in the manifest", () => {
    const covered = new Set(Object.values(modules).flatMap((m) => m.rows.map((r) => r.route)));
    const missing = Object.keys(build.routes).filter((id) => id !== "root" && !covered.has(id)).sort();
    const unknown = [...covered].filter((id) => !(id in build.routes)).sort();
    if (unknown.length) console.warn(`matrix rows name routes the build does not have (stale build or typo): ${unknown.join(", ")}`);
    expect(missing, `routes without a row in tests/security/matrix/*.ts`).toEqual([]);
  });

  it("answers every asker as the rows expect", { timeout: 900_000 }, async () => {
    const users = {} as MatrixUsers;
    for (const role of ROLES) {
      const u = await createUser({ role });
      users[role] = { id: u.id, orgUnitId: u.orgUnitId };
    }
    const centreStaff = await createUser({ role: "staff", unit: CENTRE_STAFF_UNIT });
    users.centre_staff = { id: centreStaff.id, orgUnitId: centreStaff.orgUnitId };
    const mismatches: string[] = [];
    let asked = 0;
    for (const [file, mod] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
      let fx: Record<string, string | number> = {};
      try {
        fx = (await mod.setup?.(users)) ?? {};
      } catch (e) {
        mismatches.push(`${file}: setup failed: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      for (const row of mod.rows) {
        for (const asker of ASKERS) {
          const got = await ask(row, asker, fx, users, mismatches).catch((e: unknown) => `error ${e instanceof Error ? e.message : String(e)}`);
          asked++;
          const want = asker === "centre_staff" ? row.expect.centre_staff ?? row.expect.staff : row.expect[asker];
          const ok = typeof got === "number" && (Array.isArray(want) ? want.includes(got) : want === got);
          if (!ok) {
            const p = typeof row.path === "function" ? row.path(fx) : row.path;
            mismatches.push(`${file}: ${row.method ?? "GET"} ${p} [${row.route}] as ${asker}: expected ${JSON.stringify(want)}, got ${got}`);
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(0);
    expect(mismatches, `${mismatches.length} of ${asked} answers differ from the matrix`).toEqual([]);
  });
});

async function ask(row: MatrixRow, asker: Asker, fx: Record<string, string | number>, users: MatrixUsers, problems: string[]): Promise<number> {
  const method = row.method ?? "GET";
  const p = typeof row.path === "function" ? row.path(fx) : row.path;
  const body = typeof row.body === "function" ? row.body(fx) : row.body;
  // A fresh session per request, so a row that logs out (or a module's POST) never affects the next one.
  const cookie = asker === "anonymous" ? null : await sessionCookieFor(users[asker].id);
  const db = await getDb();
  if (method === "GET") await sql`delete from test_get_writes`.execute(db);
  const reply = await send(server, p, { method, cookie, form: method === "POST" ? body ?? {} : undefined });
  if (method === "GET") {
    const writes = await sql<{ tbl: string; op: string; action: string | null }>`select distinct tbl, op, action from test_get_writes`.execute(db);
    const bad = writes.rows.filter((w) => !ALLOWED_GET_WRITES.has(w.tbl) && !(w.tbl === "audit_log" && w.op === "INSERT"));
    if (bad.length) problems.push(`GET ${p} [${row.route}] as ${asker} wrote ${bad.map((w) => `${w.op} ${w.tbl}${w.action ? ` (${w.action})` : ""}`).join(", ")}`);
  }
  return reply.status;
}

/** Tables a GET may write: the session it rides on (last seen, expiry) and rate-limit buckets. */
const ALLOWED_GET_WRITES = new Set(["sessions", "rate_limits"]);

/** Row triggers on every table of the test database, logging table, operation and (audit) action. */
async function recordWrites() {
  const db = await getDb();
  await sql`create table test_get_writes (tbl text not null, op text not null, action text)`.execute(db);
  await sql`create function test_log_write() returns trigger language plpgsql as $$
    begin
      insert into test_get_writes values (TG_TABLE_NAME, TG_OP, case when TG_OP = 'INSERT' then to_jsonb(NEW)->>'action' end);
      return null;
    end $$`.execute(db);
  const tables = await sql<{ t: string }>`
    select table_name as t from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'test_get_writes'`.execute(db);
  for (const { t } of tables.rows) {
    await sql`create trigger test_log_write after insert or update or delete on ${sql.id(t)} for each row execute function test_log_write()`.execute(db);
  }
}
