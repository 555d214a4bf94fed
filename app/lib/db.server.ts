import { connect, type Connection, type Database } from "../../db/connect";
import { env } from "./env.server";

export type { Database } from "../../db/connect";
export { prepareAs } from "../../db/connect";
export type Transaction = Database;

// One handle per process, kept on globalThis so rebuilds reuse it (PGlite must never be opened twice).
// Tests install their own per-file database on the same global (tests/setup/per-file.ts).
const g = globalThis as { __portalDb?: Promise<Connection> };

export function connection(): Promise<Connection> {
  if (!g.__portalDb) {
    const e = env();
    g.__portalDb = connect({ databaseUrl: e.DATABASE_URL, dataDir: e.dataDir });
  }
  return g.__portalDb;
}

export async function getDb(): Promise<Database> {
  return (await connection()).db;
}
