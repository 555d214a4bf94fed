import type { Role } from "~/modules/accounts/roles";

/** Who asks: nobody signed in, or a fresh user holding exactly one role (demo-like org units). */
export type Asker = "anonymous" | Role;

/**
 * One row of the route x role matrix. `route` is the Remix route id ("routes/admin.users.$id");
 * every route file must appear in at least one row. `expect` gives the HTTP status each asker gets
 * (302 = redirect, e.g. anonymous to /login); a list means any of those.
 */
export interface MatrixRow {
  route: string;
  method?: "GET" | "POST";
  /** A concrete URL; a function receives the fixtures the module's `setup` returned. */
  path: string | ((fx: Record<string, string | number>) => string);
  /** Form fields for POST rows (sent as application/x-www-form-urlencoded, same Origin). */
  body?: Record<string, string> | ((fx: Record<string, string | number>) => Record<string, string>);
  expect: Record<Asker, number | number[]>;
  note?: string;
}

/** Users the matrix created, one per asker role, so a module's setup can make records they own. */
export type MatrixUsers = Record<Exclude<Asker, "anonymous">, { id: number; orgUnitId: number | null }>;

/** A module's matrix file: `export const rows: MatrixRow[]` and optionally `export async function setup(users)`. */
export interface MatrixModule {
  rows: MatrixRow[];
  setup?: (users: MatrixUsers) => Promise<Record<string, string | number>>;
}
