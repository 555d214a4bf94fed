/// <reference types="vite/client" />
// The route x role matrix: every route in the built server's manifest must have a row in some
// tests/security/matrix/<module>.ts, and every row is asked by anonymous and by one fresh user
// per role, through the real HTTP layer (server/app.mjs), with real session cookies.
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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

  it("answers every asker as the rows expect", { timeout: 1_500_000 }, async () => {
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
          const got = await ask(row, asker, fx, users).catch((e: unknown) => `error ${e instanceof Error ? e.message : String(e)}`);
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

async function ask(row: MatrixRow, asker: Asker, fx: Record<string, string | number>, users: MatrixUsers): Promise<number> {
  const method = row.method ?? "GET";
  const p = typeof row.path === "function" ? row.path(fx) : row.path;
  const body = typeof row.body === "function" ? row.body(fx) : row.body;
  // A fresh session per request, so a row that logs out (or a module's POST) never affects the next one.
  const cookie = asker === "anonymous" ? null : await sessionCookieFor(users[asker].id);
  const reply = await send(server, p, { method, cookie, form: method === "POST" ? body ?? {} : undefined });
  return reply.status;
}
