// The scenario format for `npm run bench` (the runner is tests/bench/run.ts; read its header comment).
import type { Database } from "../../db/connect";

/** A role whose demo user (db/seeds/demo.ts) the runner signs in, or an explicit email of a seeded user. */
export type BenchRole =
  | "admin"
  | "staff"
  | "mentor"
  | "entrepreneur"
  | "chair_manager"
  | "company_rep"
  | "industry_rep"
  | { email: string; password?: string };

export interface BenchTargets {
  /** p95 latency must stay below this many milliseconds. */
  p95Ms?: number;
  /** requests/second must reach at least this fraction of the static page's (e.g. 0.4). */
  minRatioToStatic?: number;
  /** server CPU per request must stay below this fraction of the static page's (e.g. 0.1 for a 304). */
  maxCpuRatioToStatic?: number;
}

export interface BenchContext {
  /** Kysely on the bench database (portal_bench on the real PostgreSQL), already migrated and seeded. */
  db: Database;
  /** The bench database's URL. */
  databaseUrl: string;
  /** Base URL of the running app (set before requests are resolved; empty during prepare). */
  baseUrl: string;
  /** True when `--skip-prepare` was given: prepare() is not called at all. */
  skipPrepare: boolean;
  log(message: string): void;
}

export interface BenchRequest {
  /** Shown in the results table; unique within the scenario. */
  label: string;
  /** Path (with query) on the app, or a function resolved after prepare() (e.g. a keyset cursor it found). */
  path: string | ((ctx: BenchContext) => string | Promise<string>);
  /** Sign in as this role's demo user and send its session cookie; omitted = anonymous. */
  role?: BenchRole;
  /** Extra request headers (e.g. Accept-Language), or a function resolved after prepare() (e.g. an ETag it fetched). */
  headers?: Record<string, string> | ((ctx: BenchContext) => Promise<Record<string, string>>);
  /** Expected status of every response (default 200); anything else fails the request. */
  status?: number;
  targets?: BenchTargets;
}

export interface Scenario {
  /** The name used on the command line: `npm run bench -- <name>`. */
  name: string;
  description?: string;
  /**
   * Data generator on the bench database. Must be idempotent (check what is already there and
   * return quickly), because the bench database is kept between runs; `--skip-prepare` skips it.
   */
  prepare?(ctx: BenchContext): Promise<void>;
  requests: BenchRequest[];
}

/** Identity helper that gives scenario files type checking: `export default defineScenario({...})`. */
export function defineScenario(s: Scenario): Scenario {
  return s;
}
