import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import type { DB } from "./types";
import { migrations } from "./migrations/index";
import { startFromTemplate } from "./pglite-template";

// One code path for every database: `pg` + Kysely. With a URL a real PostgreSQL pool,
// without one an embedded PGlite behind PGlite's node-postgres adapter.

pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts and ids fit in a double here
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric: FTE values (numeric(8,2))
pg.types.setTypeParser(1082, (v) => v); // date: keep 'YYYY-MM-DD', no time-zone shifts

export type Database = Kysely<DB>;

// Statements every request runs (the session read) are sent as named prepared statements on a real
// PostgreSQL: each connection parses one once, and after a few runs the server keeps a generic plan,
// so planning (~0.3 ms of the server's CPU for the session statement, ten times its execution) is not
// repeated on every request. A module registers the exact SQL text Kysely compiles; every other
// statement is sent as before. Decision 0059.
const preparedNames = new Map<string, string>();

/** Runs this SQL text as the named prepared statement `name` on PostgreSQL connections. */
export function prepareAs(name: string, sqlText: string) {
  const known = preparedNames.get(sqlText);
  if (known && known !== name) throw new Error(`statement already prepared as ${known}`);
  if ([...preparedNames].some(([text, n]) => n === name && text !== sqlText)) throw new Error(`another statement is prepared as ${name}`);
  preparedNames.set(sqlText, name);
}

/** A pg client that sends registered SQL texts as named statements (Kysely calls query(text, values)). */
class PreparingClient extends pg.Client {
  // pg's query() has a dozen overloads (config object or text, values, callback): all pass through.
  query(config: any, values?: any, callback?: any): any {
    if (typeof config === "string" && Array.isArray(values)) {
      const name = preparedNames.get(config);
      if (name) return super.query({ name, text: config, values }, callback);
    }
    return super.query(config, values, callback);
  }
}

export interface Connection {
  db: Database;
  kind: "postgres" | "pglite";
  /** The embedded instance, when kind is pglite (tests snapshot it). */
  pglite?: import("@electric-sql/pglite").PGlite;
  /** A new embedded data folder that started as a copy of the install-time template (decision 0046). */
  fromTemplate?: boolean;
  close(): Promise<void>;
}

export async function openPglite(dir: string | undefined, loadDataDir?: Blob) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  if (dir) fs.mkdirSync(dir, { recursive: true });
  return PGlite.create(dir, { extensions: { pg_trgm }, loadDataDir });
}

export async function connect(opts: { databaseUrl?: string; dataDir?: string; max?: number; loadDataDir?: Blob; template?: boolean }): Promise<Connection> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.max ?? 10, Client: PreparingClient });
    // An idle client can lose its connection (server restart, admin termination); without a listener
    // that error would crash the process. The pool replaces the client on the next checkout.
    pool.on("error", (e) => console.error(`database: idle connection lost (${e.message})`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: "postgres", close: () => db.destroy() };
  }
  const dir = opts.dataDir === undefined ? undefined : path.join(opts.dataDir, "pglite");
  // A new data folder starts as a copy of the install-time template when there is one (decision 0046).
  const fromTemplate = !!dir && !opts.loadDataDir && opts.template !== false && startFromTemplate(dir, Object.keys(migrations));
  const pglite = await openPglite(dir, opts.loadDataDir);
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: "pglite",
    pglite,
    fromTemplate,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
